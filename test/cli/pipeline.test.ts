/** `pvplan pipeline` on the shipped portfolio (every format and unit system, the JSON contract) and on bad files (exit 2). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, tmpDir } from './run-cli.ts';

const FILE = 'scenarios/wendeng-portfolio.yaml';

interface PipelineJson {
  projects: Array<Record<string, unknown>>;
  years: Array<Record<string, unknown> & { byTechnology: Record<string, Record<string, number>>; byStage: Record<string, number> }>;
  targets: Array<Record<string, unknown> & { monteCarlo?: { probabilityMetFrac: number } }>;
  investmentYuan: { total: number; byStage: Record<string, number>; byYear: Record<string, number> };
}

describe.concurrent('pvplan pipeline', () => {
  for (const format of ['table', 'csv', 'markdown'] as const) {
    for (const units of ['si', 'cn'] as const) {
      it(`--format ${format} --units ${units}`, async () => {
        const r = await pvplan(['pipeline', FILE, '--format', format, '--units', units]);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('datang-base-pv');
        if (format === 'csv') expect(r.stdout.split('\n')[0]).toContain(units === 'si' ? 'investment (M CNY)' : 'investment (亿元)');
        else expect(r.stdout).toContain(units === 'si' ? 'gap (unnamed growth needed)' : '万千瓦');
      });
    }
  }

  it('--format json follows the documented contract', async () => {
    const r = await pvplan(['pipeline', FILE, '--format', 'json', '--draws', '2000', '--seed', '1']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as PipelineJson;
    for (const p of j.projects) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['id', 'stage', 'technology', 'capacityMW', 'completionProbabilityFrac', 'plannedCommissioningYear', 'expectedCommissioningYear', 'investmentYuan']));
    }
    const y = j.years.find((r) => r.year === 2025)!;
    expect(Object.keys(y)).toEqual(expect.arrayContaining(['year', 'plannedCapacityMW', 'expectedCapacityMW', 'plannedOperatingMW', 'expectedOperatingMW', 'byTechnology', 'byStage']));
    expect(Object.keys(y.byTechnology['pv-utility']!)).toEqual(expect.arrayContaining(['plannedCapacityMW', 'expectedCapacityMW']));
    // Hand check from the file: 2025 generation built + under construction, planned = baseline 1125 + unnamed 3 × 80
    // + PV 100 + 1595 + 400 + wind 200 (storage is not generation) = 3660 MW; of it pv-utility 1695 MW.
    expect(y.plannedCapacityMW).toBeCloseTo(3660, 9);
    expect(y.byTechnology['pv-utility']!.plannedCapacityMW).toBeCloseTo(1695, 9);
    expect(y.byTechnology.storage).toMatchObject({ plannedCapacityMW: 160, plannedEnergyMWh: 320 });
    const t = j.targets[0]!;
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['technologies', 'year', 'capacityMW', 'plannedMW', 'expectedMW', 'gapPlannedMW', 'gapExpectedMW']));
    // Named total 1125 + 100 + 1595 + 400 = 3220 MW; gap to 4500 MW = 1280 MW.
    expect(t.plannedMW).toBeCloseTo(3220, 9);
    expect(t.gapPlannedMW).toBeCloseTo(1280, 9);
    expect(t.monteCarlo!.probabilityMetFrac).toBe(0);
    // 70亿元 (Datang base) + 12亿 + 4.8亿 + 22亿 = 108.8亿元; signed 153.2亿元.
    expect(j.investmentYuan.total).toBeCloseTo(108.8e8, 0);
    expect(Object.keys(j.investmentYuan)).toEqual(expect.arrayContaining(['total', 'byStage', 'byYear']));
  });

  it('is deterministic by seed', async () => {
    const [a, b] = await Promise.all([pvplan(['pipeline', FILE, '--format', 'json', '--draws', '500', '--seed', '3']), pvplan(['pipeline', FILE, '--format', 'json', '--draws', '500', '--seed', '3'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('bad input: exit 2, each problem with file:line:col: field, no stack trace, nothing on stdout', async () => {
    const dir = tmpDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `name: bad
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - id: a
    technology: storage
    capacity: 10 MW
    stage: aproved
    constructionStart: 2024
    commissioning: 2023
`,
    );
    const r = await pvplan(['pipeline', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:12:5: projects\.0\.stage: .*did you mean 'approved'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const fixed = await pvplan(['pipeline', file.replace('bad', 'missing')]);
    expect(fixed.status).toBe(2);
  });

  it('bad input after the schema: storage without energy and commissioning before construction, both reported', async () => {
    const dir = tmpDir();
    const file = join(dir, 'bad2.yaml');
    writeFileSync(
      file,
      `name: bad
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - id: a
    technology: storage
    capacity: 10 MW
    stage: approved
    constructionStart: 2024
    commissioning: 2023
`,
    );
    const r = await pvplan(['pipeline', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad2\.yaml:9:5: projects\.0\.energy: missing required field 'energy' for storage/);
    expect(r.stderr).toMatch(/bad2\.yaml:14:5: projects\.0\.commissioning: expected commissioning/);
  });
});
