/**
 * Energy targets through the CLI (issue 12): `pipeline` (table in energy units, the JSON contract), `run`, `compare`
 * and `mc` with scenarios/wendeng-portfolio-energy.yaml, and bad targets (exit 2 with file:line:col: field).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/expect-close.ts';
import { pvplan, tmpDir } from './run-cli.ts';

const FILE = 'scenarios/wendeng-portfolio-energy.yaml';

type Target = Record<string, unknown> & { kind: string; steps: Array<Record<string, number | string>>; gapPlanned: Record<string, number>; monteCarlo?: { probabilityMetFrac: number; energyInTargetYearMWh?: { mean: number } } };

/** A scenario file with one project of each of utility PV and storage, and the given `targets:` block. */
function scenarioWith(targets: string): string {
  const dir = tmpDir();
  const file = join(dir, 'energy.yaml');
  writeFileSync(
    file,
    `name: energy targets
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - id: pv
    technology: pv-utility
    capacity: 100 MW
    stage: approved
    constructionStart: 2023
    commissioning: 2024
  - id: battery
    technology: storage
    capacity: 50 MW
    energy: 100 MWh
    stage: approved
    constructionStart: 2023
    commissioning: 2024
targets:
${targets}`,
  );
  return file;
}

describe.concurrent('energy targets in the CLI', () => {
  it('pipeline --format json: the capacity target keeps its contract, the energy target adds energyMWh, plannedMWh, expectedMWh, gapPlannedMWh, gapExpectedMWh', async () => {
    const r = await pvplan(['pipeline', FILE, '--format', 'json', '--draws', '1000', '--seed', '1']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { targets: Target[] };
    const [capacity, energy] = j.targets as [Target, Target];
    expect(Object.keys(capacity)).toEqual(expect.arrayContaining(['technologies', 'year', 'capacityMW', 'plannedMW', 'expectedMW', 'gapPlannedMW', 'gapExpectedMW']));
    expect(capacity.plannedMW).toBeCloseTo(3220, 9);
    expect(energy.kind).toBe('energy');
    expect(energy.counts).toBe('operating');
    expect(Object.keys(energy)).toEqual(expect.arrayContaining(['technologies', 'year', 'energyMWh', 'plannedMWh', 'expectedMWh', 'gapPlannedMWh', 'gapExpectedMWh']));
    expect(energy).not.toHaveProperty('capacityMW');
    // By hand from the two files, 2026, energy = MW · h · f_op · 0.995^age (age = completed years at the start of 2026):
    // today: the 2022 baseline 1125 MW · 1135 h = 1 276 875 MWh (the plan's base-year energy);
    // approved: datang-100mw, commissioned mid-December 2023, age 2: 100 · 1135 · 0.995² = 112 367.8375;
    // signed: datang-base-pv, commissioned mid-2025, age 0: 1595 · 1135 = 1 810 325;
    // prospects: offshore-pv 400 MW at 1250 h (the pv-offshore default), mid-2025, age 0: 500 000 (wind and storage not counted).
    // Named total 3 699 567.8375; gap to 51.075亿 kWh = 5 107 500 MWh: 1 407 932.1625 MWh = 1240.4689 MW at 1135 h.
    expect(energy.energyMWh).toBe(5_107_500);
    const step = (name: string) => energy.steps.find((s) => s.step === name)!.plannedMWh as number;
    expectClose(step('today'), 1_276_875, { rel: 1e-9 });
    expectClose(step('approved'), 112_367.8375, { rel: 1e-9 });
    expectClose(step('signed'), 1_810_325, { rel: 1e-9 });
    expectClose(step('prospect'), 500_000, { rel: 1e-9 });
    expectClose(energy.plannedMWh as number, 3_699_567.8375, { rel: 1e-9 });
    expectClose(energy.gapPlannedMWh as number, 1_407_932.1625, { rel: 1e-9 });
    expectClose(energy.gapPlanned.capacityMW!, 1_407_932.1625 / 1135, { rel: 1e-9 });
    expect(energy.fullLoadHours).toBe(1135);
    expect(energy.expectedMWh as number).toBeLessThan(energy.plannedMWh as number);
    expect(energy.monteCarlo!.probabilityMetFrac).toBe(0);
    expect(energy.monteCarlo!.energyInTargetYearMWh!.mean).toBeGreaterThan(0);
  });

  it('pipeline table: the energy waterfall in energy units, and the gap as capacity at the full-load hours', async () => {
    const si = await pvplan(['pipeline', FILE]);
    expect(si.status).toBe(0);
    expect(si.stdout).toMatch(/energy a year of operating plants, in 2026\nstep +planned \(GWh\) +risk-weighted \(GWh\)/);
    expect(si.stdout).toMatch(/planned: 1408 GWh a year must come from unnamed growth: 1240 MW more operating the whole target year at 1135 h/);
    const cn = await pvplan(['pipeline', FILE, '--units', 'cn']);
    expect(cn.stdout).toContain('亿千瓦时');
    const zh = await pvplan(['pipeline', FILE], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toContain('在运电站年发电量');
  });

  it("run --format json: portfolio.targets gives each target's planned and risk-weighted value and whether it is met; it agrees with pipeline", async () => {
    const [run, pipe] = await Promise.all([pvplan(['run', FILE, '--format', 'json']), pvplan(['pipeline', FILE, '--format', 'json'])]);
    expect(run.status).toBe(0);
    const targets = (JSON.parse(run.stdout) as { portfolio: { targets: Array<Record<string, unknown>> } }).portfolio.targets;
    const p = (JSON.parse(pipe.stdout) as { targets: Target[] }).targets;
    expect(targets.map((t) => t.kind)).toEqual(['capacity', 'energy']);
    expect(targets[1]).toMatchObject({ energyMWh: 5_107_500, plannedMet: false, expectedMet: false, counts: 'operating' });
    expectClose(targets[1]!.plannedMWh as number, p[1]!.totalPlannedMWh as number, { rel: 1e-12 });
    expectClose(targets[1]!.expectedMWh as number, p[1]!.totalExpectedMWh as number, { rel: 1e-12 });
    expectClose(targets[0]!.plannedMW as number, p[0]!.totalPlannedMW as number, { rel: 1e-12 });
    const table = await pvplan(['run', FILE]);
    expect(table.stdout).toMatch(/Portfolio targets in their year/);
    expect(table.stdout).toMatch(/goal \(GWh\)/);
  });

  it('compare shows the targets of every portfolio scenario met or not', async () => {
    const r = await pvplan(['compare', FILE, 'scenarios/wendeng-portfolio.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Portfolio targets in their year/);
    expect(r.stdout).toMatch(/wendeng-portfolio-energy +光伏年发电量/);
  });

  it('mc --format json: P(energy target met) and the energy in the target year across draws', async () => {
    const r = await pvplan(['mc', FILE, '--draws', '1000', '--format', 'json']);
    expect(r.status).toBe(0);
    const t = (JSON.parse(r.stdout) as { portfolio: { targets: Array<Record<string, unknown> & { energyInTargetYearMWh?: { p50: number } }> } }).portfolio.targets;
    expect(t[1]).toMatchObject({ kind: 'energy', energyMWh: 5_107_500, probabilityMet: 0 });
    expect(t[1]!.energyInTargetYearMWh!.p50).toBeGreaterThan(1_276_875);
    expect(t[0]).toHaveProperty('capacityInTargetYearMW');
    const text = await pvplan(['mc', FILE, '--draws', '500']);
    expect(text.stdout).toMatch(/portfolio target 光伏年发电量.*: 5107\.5 GWh a year from/);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['both capacity and energy', '  - { technologies: [pv-utility], capacity: 100 MW, energy: 1亿 kWh, year: 2026 }', /energy\.yaml:\d+:\d+: targets\.0\.energy: give either 'capacity' .* or 'energy' .*, not both/],
    ['neither capacity nor energy', '  - { technologies: [pv-utility], year: 2026 }', /energy\.yaml:\d+:\d+: targets\.0: expected 'capacity' .* or 'energy'/],
    ['an energy target counting plants under construction', '  - { technologies: [pv-utility], energy: 1亿 kWh, year: 2026, counts: built-plus-under-construction }', /targets\.0\.counts: an energy target counts 'operating' plants only/],
    ['an energy target counting only storage', '  - { technologies: [storage], energy: 1亿 kWh, year: 2026, includeUnnamed: false }', /targets\.0\.technologies\.0: storage produces no energy of its own/],
    ['an energy target counting a technology nothing has', '  - { technologies: [wind-offshore], energy: 1亿 kWh, year: 2026 }', /targets\.0\.technologies\.0: the target counts 'wind-offshore', but no project has it/],
    ['an energy that is not an energy', '  - { technologies: [pv-utility], energy: 100 MW, year: 2026 }', /targets\.0\.energy: /],
  ];
  for (const [what, block, message] of bad) {
    it(`bad input, ${what}: exit 2, file:line:col: field, nothing on stdout`, async () => {
      const r = await pvplan(['pipeline', scenarioWith(block)]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a slip of magnitude (1.135 kWh for 1.135亿 kWh) is a warning with its line and the likely intent', async () => {
    const file = scenarioWith('  - technologies: [pv-utility]\n    energy: 1.135 kWh\n    year: 2026\n    includeUnnamed: false\n');
    const r = await pvplan(['pipeline', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/energy\.yaml:24:5: targets\.0\.energy: energy target .* asks .* h a year of the 100 MW it counts operating in 2026 .*did you mean 1\.135亿千瓦时/);
    const strict = await pvplan(['pipeline', file, '--strict']);
    expect(strict.status).toBe(2);
    const fine = await pvplan(['pipeline', scenarioWith('  - technologies: [pv-utility]\n    energy: 1.135亿 kWh\n    year: 2026\n    includeUnnamed: false\n')]);
    expect(fine.stderr).toBe('');
  });

  it('a capacity target below what it already counts in the base year is a warning with the likely intent (110 MW for 110万千瓦)', async () => {
    // Counted in 2022: the 1000 MW baseline (the unnamed path counts), no project built yet. 110 MW < 1000 MW;
    // 110万千瓦 = 1100 MW lies between the baseline and its doubling every year to 2030.
    const file = scenarioWith('  - technologies: [pv-utility]\n    capacity: 110 MW\n    year: 2030\n');
    const r = await pvplan(['pipeline', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/energy\.yaml:24:5: targets\.0\.capacity: target 110 MW is below the 2022 baseline of 1000 MW: did you mean 110万千瓦 = 1100 MW\?/);
    expect((await pvplan(['pipeline', file, '--strict'])).status).toBe(2);
    const fine = await pvplan(['pipeline', scenarioWith('  - technologies: [pv-utility]\n    capacity: 110万千瓦\n    year: 2030\n')]);
    expect(fine.stderr).toBe('');
    // Without the unnamed path nothing is counted in 2022, so no base to be below.
    const named = await pvplan(['pipeline', scenarioWith('  - technologies: [pv-utility]\n    capacity: 50 MW\n    year: 2030\n    includeUnnamed: false\n')]);
    expect(named.stderr).toBe('');
  });
});
