/**
 * Plausibility warnings on the command line: each reproduced slip of issue 10 (which ran with exit 0 and no word)
 * prints `warning: file:line:col: field: message` on stderr, JSON reports carry it, and --strict exits 2.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, ROOT, tmpDir } from './run-cli.ts';

const dir = tmpDir('pvplan-warn-');
const WENDENG = join(ROOT, 'scenarios', 'wendeng-2025.yaml');
function variant(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `extends: ${WENDENG}\n${body}`);
  return file;
}
const t450 = variant('t450', 'capacity:\n  target: { capacity: 450 MW, year: 2025 }\n');
const coal = variant('coal', 'savings:\n  coal: 4035 g/kWh\n');

describe('warnings on the command line', () => {
  it('validate: ok with the warning on stderr, exit 0; --strict: exit 2 with the same line as an error', async () => {
    const r = await pvplan(['validate', t450]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok .*1 warning/m);
    expect(r.stderr).toBe(`warning: ${t450}:3:13: capacity.target.capacity: target 450 MW is below the 2022 baseline of 1125 MW: did you mean 450万千瓦 = 4500 MW?\n`);
    const strict = await pvplan(['validate', '--strict', t450]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain(`${t450}:3:13: capacity.target.capacity: target 450 MW is below`);
    expect(strict.stdout).toMatch(/^invalid /m);
  });

  it('run: coal 4035 g/kWh warns on stderr and in the JSON report; --strict exits 2 and writes nothing', async () => {
    const r = await pvplan(['run', '--format', 'json', coal]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('savings.coal: coal factor 4035 g/kWh is outside the plausible 250–450 g/kWh: did you mean 403.5 g/kWh?');
    const report = JSON.parse(r.stdout) as { warnings: Array<Record<string, unknown>> };
    expect(report.warnings).toEqual([
      expect.objectContaining({ code: 'coal-intensity-outside', file: coal, line: 3, column: 3, path: 'savings.coal', value: 4035, range: { min: 250, max: 450, unit: 'g/kWh' }, hint: '403.5 g/kWh' }),
    ]);
    const strict = await pvplan(['run', '--strict', coal]);
    expect(strict.status).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^error: .*savings\.coal: coal factor 4035 g\/kWh/m);
  });

  it('solve: the target below the baseline warns (it said −225 MW a year without a word)', async () => {
    const r = await pvplan(['solve', t450]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*target 450 MW is below the 2022 baseline/m);
    expect((await pvplan(['solve', '--strict', t450])).status).toBe(2);
  });

  it('a shipped scenario prints no warning', async () => {
    const r = await pvplan(['validate', '--strict', join(ROOT, 'scenarios', 'wendeng-2025.yaml')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
