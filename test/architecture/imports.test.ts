/**
 * Dependency rules of STYLE.md, checked on the source text: the core is pure (no fs, process, clock, randomness
 * or adapters), layers depend one way (core ← scenario ← report ← cli/server), and the core has no `any`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

const layerOf = (file: string) => relative(join(ROOT, 'src'), file).split('/')[0]!;

describe('architecture', () => {
  const core = tsFiles(join(ROOT, 'src', 'core'));

  it('finds the core', () => {
    expect(core.length).toBeGreaterThan(10);
  });

  it('keeps the core free of node built-ins and adapters', () => {
    const coreDir = join(ROOT, 'src', 'core');
    const outsideCore = (file: string, spec: string) => spec.startsWith('.') && relative(coreDir, join(file, '..', spec)).startsWith('..');
    const offenders = core.flatMap((f) => importsOf(f).filter((s) => s.startsWith('node:') || ['fs', 'path', 'process', 'worker_threads', 'child_process'].includes(s) || outsideCore(f, s)).map((s) => `${relative(ROOT, f)} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the core free of process, console, Date.now and Math.random', () => {
    const offenders = core.flatMap((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return ['process.', 'console.', 'Date.now', 'Math.random', 'new Date('].filter((w) => code.includes(w)).map((w) => `${relative(ROOT, f)} uses ${w}`);
    });
    expect(offenders).toEqual([]);
  });

  it('has no `any` in the core', () => {
    const offenders = core.flatMap((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return /(:\s*any\b|\bas any\b|<any>|any\[\])/.test(code) ? [relative(ROOT, f)] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('lets layers depend one way: core ← scenario/weather ← report ← mc ← sweep ← cli/server, and fs (atomic writes) only under cli, server and sweep', () => {
    const allowed: Record<string, string[]> = {
      core: ['core'],
      io: ['io'],
      weather: ['core', 'io', 'weather'],
      scenario: ['core', 'io', 'weather', 'scenario', 'types', 'version.ts'],
      report: ['core', 'scenario', 'report', 'version.ts'],
      mc: ['core', 'io', 'scenario', 'report', 'mc', 'version.ts'],
      sweep: ['core', 'io', 'weather', 'scenario', 'report', 'mc', 'sweep', 'version.ts'],
      cli: ['core', 'io', 'weather', 'scenario', 'report', 'mc', 'sweep', 'cli', 'server', 'version.ts', 'package-root.ts'],
      server: ['core', 'io', 'weather', 'scenario', 'report', 'mc', 'server', 'version.ts', 'package-root.ts'],
    };
    const offenders: string[] = [];
    for (const file of tsFiles(join(ROOT, 'src'))) {
      const layer = layerOf(file);
      if (!(layer in allowed)) continue;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(join(file, '..', spec));
        if (!allowed[layer]!.includes(target)) offenders.push(`${relative(ROOT, file)} (${layer}) imports ${spec} (${target})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('stands on its own: no tracked file names the shared folder beside the repository, which a clone elsewhere does not have', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(50);
    // Built from parts so this file does not name it either.
    const needles = ['..' + '/shared', '/work/' + 'shared', '..' + '\\shared'];
    const offenders = tracked.filter((file) => {
      const path = join(ROOT, file);
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return false;
      const text = readFileSync(path, 'latin1');
      return needles.some((n) => text.includes(n));
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the core in domain folders: plan, pv, uncertainty (and later wind, storage, finance, portfolio)', () => {
    const topLevel = readdirSync(join(ROOT, 'src', 'core')).filter((n) => n.endsWith('.ts')).sort();
    expect(topLevel).toEqual(['errors.ts', 'index.ts', 'series.ts', 'time.ts', 'units.ts']);
  });
});
