/**
 * A standing fuzz suite (issue 11): thousands of malformed scenarios, mutations of the shipped files, run through
 * `pvplan validate` and `pvplan run` in process. Every case must end in a valid result (exit 0) or a clear error
 * (exit 2, a message naming the file), within 2 s and without growing the heap past 512 MB; none may exit 1
 * (an internal error). The generator is seeded (FUZZ_SEED overrides; FUZZ_CASES sets the count), so a failure
 * names a case that can be run again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const CASE_LIMIT_MS = 2000;
const HEAP_LIMIT_BYTES = 512 * 1024 * 1024;

const DIR = mkdtempSync(join(tmpdir(), 'pvplan-fuzz-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** mulberry32: a small seeded generator, enough to pick mutations reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const shipped = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, text: readFileSync(join(SCENARIOS, f), 'utf8') }));
// Weather files the physical-yield scenario names, beside the mutated copies.
symlinkSync(join(SCENARIOS, 'weather'), join(DIR, 'weather'));
for (const s of shipped) writeFileSync(join(DIR, s.name), s.text);
// Special files a mutation may point `extends` at.
execFileSync('mkfifo', [join(DIR, 'fifo.yaml')]);
mkdirSync(join(DIR, 'folder.yaml'));
symlinkSync(join(DIR, 'loop-a.yaml'), join(DIR, 'loop-b.yaml'));
symlinkSync(join(DIR, 'loop-b.yaml'), join(DIR, 'loop-a.yaml'));
writeFileSync(join(DIR, 'cycle-a.yaml'), 'extends: cycle-b.yaml\nname: a\n');
writeFileSync(join(DIR, 'cycle-b.yaml'), 'extends: cycle-a.yaml\nname: b\n');
const EXTENDS_TARGETS = ['/dev/zero', '/dev/urandom', '/dev/null', 'fifo.yaml', 'folder.yaml', 'loop-a.yaml', 'cycle-a.yaml', 'nope.yaml', '', '.', '../../../../etc/passwd', 'wendeng-2025.yaml', 'datang-100mw.yaml'];

const WEIRD_VALUES: readonly Json[] = [
  null, true, false, 0, -0, -1, 1e308, -1e308, 5e-324, 1e-300, 2 ** 53 + 1, 3.5, 'NaN', '.inf', '-.inf', '', ' ', 'x'.repeat(5000), '🙂'.repeat(300), '\u0000', '\u202e', '450万千瓦', '1e308 MW', '-1e308 t/MWh', '1e-320 h', '∞ MW', '1e9999 %', '%', 'MW', '450 MW MW', '1.135亿 kWh', '0 %', '-5 %', '101 %', '1e6 %', [], {}, [[[[]]]], { model: 'nope' }, { value: null }, [1, 2, 3], { '2023': '1e300 MW' },
];
const KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'model', 'value', 'rate', 'target', 'extends', 'growth', '2025', '-1', '', '名称', 'a'.repeat(300)];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Paths to every node of a document (iterative: mutated documents can be deep and wide). */
function paths(doc: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ node: Json; path: Array<string | number> }> = [{ node: doc, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    out.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => stack.push({ node: v, path: [...path, i] }));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) stack.push({ node: v, path: [...path, k] });
  }
  return out;
}

function parentOf(doc: Json, path: Array<string | number>): { parent: Json; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node: Json = doc;
  for (const k of path.slice(0, -1)) node = (node as Record<string, Json>)[k as string]!;
  return { parent: node, key: path[path.length - 1]! };
}

/** One structural mutation of a parsed document, in place. */
function mutateTree(doc: Json, r: () => number): string {
  const all = paths(doc).filter((p) => p.length > 0);
  const at = pick(r, all);
  const { parent, key } = parentOf(doc, at)!;
  const container = parent as Record<string | number, Json>;
  const op = Math.floor(r() * 7);
  switch (op) {
    case 0:
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
      return `delete ${at.join('.')}`;
    case 1:
      container[key] = pick(r, WEIRD_VALUES);
      return `set ${at.join('.')}`;
    case 2: {
      const k = pick(r, KEYS);
      const target = container[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, k, { value: pick(r, WEIRD_VALUES), enumerable: true, writable: true, configurable: true });
      else container[key] = { [k]: pick(r, WEIRD_VALUES) };
      return `add key ${k} at ${at.join('.')}`;
    }
    case 3: {
      let deep: Json = 1;
      const depth = 1 + Math.floor(r() * 200);
      for (let i = 0; i < depth; i++) deep = r() < 0.5 ? [deep] : { k: deep };
      container[key] = deep;
      return `nest ${depth} at ${at.join('.')}`;
    }
    case 4: {
      const v = container[key];
      container[key] = typeof v === 'number' ? v * 10 ** Math.floor(r() * 600 - 300) : typeof v === 'string' ? v.replace(/\d+(\.\d+)?/, (m) => `${m}e${Math.floor(r() * 700 - 350)}`) : v;
      return `scale ${at.join('.')}`;
    }
    case 5:
      (doc as Record<string, Json>).extends = pick(r, EXTENDS_TARGETS);
      return 'extends';
    default: {
      const v = container[key];
      container[key] = typeof v === 'string' ? v + pick(r, ['万', '亿', ' %', '🙂', '\u0301', ' MW', 'e5']) : Array.isArray(v) ? [...v, ...v] : String(v);
      return `retype ${at.join('.')}`;
    }
  }
}

/** One text-level mutation: what structural edits cannot write (aliases, tags, duplicates, broken syntax). */
function mutateText(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  const line = lines[i]!;
  const indent = /^\s*/.exec(line)![0];
  switch (Math.floor(r() * 10)) {
    case 0:
      lines.splice(i, 0, line); // duplicate key
      break;
    case 1:
      lines[i] = line.replace(/:\s+(\S.*)$/, ': !!binary aGVsbG8=');
      break;
    case 2:
      lines[i] = line.replace(/:\s+(\S.*)$/, `: ${pick(r, ['*nope', '!!set {a: null}', '!custom 3', '!!timestamp 2001-12-14', '&a [*a]', '<<: *x'])}`);
      break;
    case 3:
      lines.splice(i, 0, `${indent}a: &a [${Array.from({ length: 1 + Math.floor(r() * 200) }, () => '1').join(',')}]`, `${indent}b: [${Array.from({ length: 1 + Math.floor(r() * 200) }, () => '*a').join(',')}]`);
      break;
    case 4:
      lines[i] = line.slice(0, Math.floor(r() * line.length));
      break;
    case 5:
      lines[i] = `${indent}${'['.repeat(1 + Math.floor(r() * 3000))}`;
      break;
    case 6:
      lines.splice(i, 0, `${indent}<<: {name: merged}`);
      break;
    case 7:
      lines[i] = line + pick(r, ['\t', ' #', ' {', ' ]', ' "', " '", ' |', ' >', ' ---', '\u0000', '\uFEFF']);
      break;
    case 8:
      return lines.slice(0, i).join('\n');
    default:
      lines[i] = line.replace(/[0-9]/g, () => String(Math.floor(r() * 10)));
  }
  return lines.join('\n');
}

/** The first value of a run report's yearly rows that is not a finite number (JSON writes NaN and Infinity as null). */
function nonNumbersInYears(json: string): string | undefined {
  const report = JSON.parse(json) as { years: Array<Record<string, unknown>> };
  for (const row of report.years) {
    for (const [k, v] of Object.entries(row)) if (typeof v !== 'number' || !Number.isFinite(v)) return `${k} = ${JSON.stringify(v)} in ${String(row.year)}`;
  }
  return undefined;
}

async function runInProcess(args: readonly string[]): Promise<{ status: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => void (stdout += t.length < 1e6 ? t : t.slice(0, 1e6)), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

describe(`fuzz: ${CASES} malformed scenarios through validate and run (seed ${SEED})`, () => {
  it('ends every case in a valid result or a clear error, within 2 s, never an internal error', { timeout: 600_000 }, async () => {
    const r = rng(SEED);
    const statuses = { ok: 0, badInput: 0 };
    let worstMs = 0;
    let worstCase = '';
    let peakHeap = 0;
    const failures: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const base = pick(r, shipped);
      const asJson = r() < 0.3;
      let text: string;
      let what: string;
      if (r() < 0.55) {
        const doc = JSON.parse(JSON.stringify((await import('yaml')).parse(base.text))) as Json;
        const edits = 1 + Math.floor(r() * 3);
        const done: string[] = [];
        for (let e = 0; e < edits; e++) done.push(mutateTree(doc, r));
        text = asJson ? JSON.stringify(doc) : stringify(doc, { aliasDuplicateObjects: false });
        what = `${base.name}: ${done.join('; ')}`;
      } else {
        text = mutateText(base.text, r);
        what = `${base.name}: text mutation`;
      }
      const file = join(DIR, `case-${n}.${asJson ? 'json' : 'yaml'}`);
      writeFileSync(file, text);
      for (const command of ['validate', 'run'] as const) {
        const t0 = performance.now();
        const out = await runInProcess(command === 'run' ? ['run', file, '--format', 'json'] : ['validate', file]);
        const ms = performance.now() - t0;
        const heap = process.memoryUsage().heapUsed;
        peakHeap = Math.max(peakHeap, heap);
        if (ms > worstMs) [worstMs, worstCase] = [ms, `case ${n} (${command}): ${what}`];
        if (out.status === 0) statuses.ok++;
        else if (out.status === 2) statuses.badInput++;
        const label = `case ${n} (${command}, seed ${SEED}): ${what}`;
        if (out.status !== 0 && out.status !== 2) failures.push(`${label}: exit ${out.status}: ${out.stderr.slice(0, 300)}`);
        else if (out.status === 2 && !out.stderr.includes(`case-${n}`) && !/error: /.test(out.stderr)) failures.push(`${label}: exit 2 without a message naming the file: ${out.stderr.slice(0, 300)}`);
        else if (/internal error|stack|    at /.test(out.stderr)) failures.push(`${label}: ${out.stderr.slice(0, 300)}`);
        if (ms > CASE_LIMIT_MS) failures.push(`${label}: took ${ms.toFixed(0)} ms`);
        if (heap > HEAP_LIMIT_BYTES) failures.push(`${label}: heap ${(heap / 2 ** 20).toFixed(0)} MB`);
        if (command === 'run' && out.status === 0) {
          const bad = nonNumbersInYears(out.stdout);
          if (bad) failures.push(`${label}: a report whose years hold ${bad}`);
        }
      }
      rmSync(file);
    }
    // The figures docs/security.md quotes come from here (printed, not asserted).
    console.log(`fuzz: ${CASES} cases × 2 commands, seed ${SEED}: ${statuses.ok} ok, ${statuses.badInput} bad input; worst ${worstMs.toFixed(0)} ms (${worstCase}); peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB`);
    expect(failures.slice(0, 10)).toEqual([]);
    // The generator must produce both outcomes, or it tests nothing.
    expect(statuses.badInput).toBeGreaterThan(CASES / 2);
    expect(statuses.ok).toBeGreaterThan(0);
  });
});
