/**
 * `pvplan run` and `pvplan pipeline` on a 1,000-project file read by the plain YAML reader (no positions kept):
 * a problem or a warning in project 900 or in a top-level field still names its file, line and column, exit 2 for
 * a problem; and the same file read through the `yaml` parser (an anchor sends it there) gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, tmpDir } from './run-cli.ts';

/** A 1,000-project portfolio in the plain block style; `edit` rewrites one line of project `at` (or a top-level line). */
function portfolio(edit: (lines: string[], project: number) => void = () => {}): string {
  const lines = [
    'name: large portfolio',
    'years: { start: 2022, end: 2035 }',
    'capacity:',
    '  baseline: { capacity: 1000 MW, year: 2022 }',
    '  growth: { model: linear, additionsPerYear: 50 MW }',
    'yield: { model: full-load-hours, value: 1135 h }',
    'savings: { coal: 300 g/kWh, co2: 0.57 t/MWh }',
    'projects:',
  ];
  const firstLine: number[] = [];
  for (let i = 0; i < 1000; i++) {
    firstLine.push(lines.length);
    lines.push(`  - id: p${i}`, `    technology: ${i % 2 ? 'wind-onshore' : 'pv-utility'}`, `    capacity: ${50 + (i % 7) * 25} MW`, '    stage: approved', `    constructionStart: ${2023 + (i % 6)}-03`, `    commissioning: ${2025 + (i % 6)}`, `    owner: owner-${i % 50}`);
  }
  edit(lines, firstLine[900]!);
  return `${lines.join('\n')}\n`;
}

/** 1-based line and column of the first line containing `needle`, found in the text itself. */
function position(text: string, needle: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  return `${i + 1}:${lines[i]!.search(/\S/) + 1}`;
}

describe.concurrent('1,000-project files: problems located by line and column', () => {
  it('a bad unit in project 900: exit 2 and its line and column, for run and pipeline', async () => {
    const file = join(tmpDir(), 'bad-unit.yaml');
    const text = portfolio((l, p) => (l[p + 2] = '    capacity: 50 kg'));
    writeFileSync(file, text);
    for (const command of ['run', 'pipeline']) {
      const r = await pvplan([command, file, '--format', 'json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`bad-unit.yaml:${position(text, 'capacity: 50 kg')}: projects.900.capacity: expected a power`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an unknown field and a wrong stage in project 900 are both located', async () => {
    const file = join(tmpDir(), 'bad-fields.yaml');
    const text = portfolio((l, p) => {
      l[p + 3] = '    stage: aproved';
      l.splice(p + 6, 0, '    comissioning: 2026');
    });
    writeFileSync(file, text);
    const r = await pvplan(['run', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`bad-fields.yaml:${position(text, 'stage: aproved')}: projects.900.stage:`);
    expect(r.stderr).toContain(`bad-fields.yaml:${position(text, 'comissioning: 2026')}: projects.900.comissioning: unknown field 'comissioning' (did you mean 'commissioning'?)`);
  });

  it('a plausibility warning names its line and column, and the run goes on', async () => {
    const file = join(tmpDir(), 'warn.yaml');
    const text = portfolio((l) => (l[6] = 'savings: { coal: 3000 g/kWh, co2: 0.57 t/MWh }'));
    writeFileSync(file, text);
    const r = await pvplan(['run', file, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*warn\.yaml:7:12: savings\.coal: coal factor 3000 g\/kWh/m);
  });

  it('a malformed line in project 900 is reported by the yaml parser with its line', async () => {
    const file = join(tmpDir(), 'malformed.yaml');
    const text = portfolio((l, p) => (l[p + 6] = '    owner: a: b'));
    writeFileSync(file, text);
    const r = await pvplan(['pipeline', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`malformed.yaml:${position(text, 'owner: a: b').split(':')[0]}:`);
    expect(r.stderr).toContain('malformed YAML');
  });

  it('the plain reader and the yaml parser give the same bytes, on success and on error', async () => {
    for (const [name, edit] of [
      ['ok', () => {}],
      ['bad', (l: string[], p: number) => (l[p + 2] = '    capacity: 50 kg')],
    ] as const) {
      const text = portfolio(edit);
      // The same file name in two folders, so that the scenario id and the messages are the same.
      const [plainDir, yamlDir] = [tmpDir(), tmpDir()];
      const plain = join(plainDir, `${name}.yaml`);
      // An anchor on the name (never used) is outside the plain subset: the file goes through the yaml parser.
      const viaYaml = join(yamlDir, `${name}.yaml`);
      writeFileSync(plain, text);
      writeFileSync(viaYaml, text.replace('name: large portfolio', 'name: &n large portfolio'));
      const [a, b] = await Promise.all([pvplan(['pipeline', plain, '--format', 'json']), pvplan(['pipeline', viaYaml, '--format', 'json'])]);
      expect(a.status).toBe(b.status);
      expect(a.stdout.replaceAll(plainDir, 'DIR')).toBe(b.stdout.replaceAll(yamlDir, 'DIR'));
      expect(a.stderr.replaceAll(plainDir, 'DIR')).toBe(b.stderr.replaceAll(yamlDir, 'DIR'));
    }
  });
});
