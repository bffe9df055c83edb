/**
 * The shipped scenarios (scenarios/*.yaml) validate, run, and reproduce the article: Wendeng's 112.5万千瓦
 * (1125 MW) in 2022 quadrupling to 450万千瓦 (4500 MW) in 2025, and the Datang 100 MW plant's first full year,
 * 1.135亿 kWh (113,500 MWh) saving 4.58万 t (45,800 t) of coal (齐鲁晚报·齐鲁壹点, “振兴工业看文登”⑦, 2022-08).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReport, type RunReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { expectClose } from '../helpers/expect-close.ts';

const DIR = join(import.meta.dirname, '..', '..', 'scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

const run = (file: string): RunReport => runReport(loadScenario(join(DIR, file)));
const year = (report: RunReport, y: number) => {
  const r = report.years.find((x) => x.year === y);
  if (!r) throw new Error(`no row for ${y}`);
  return r;
};

describe('every shipped scenario', () => {
  it('there are the two article scenarios and at least three Wendeng variants', () => {
    expect(FILES).toEqual(expect.arrayContaining(['wendeng-2025.yaml', 'datang-100mw.yaml']));
    const variants = FILES.filter((f) => readFileSync(join(DIR, f), 'utf8').match(/^extends: wendeng-2025\.yaml$/m));
    expect(variants.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of FILES) {
    it(`${file} validates, runs, points editors at the schema, and yields finite non-negative numbers`, () => {
      expect(readFileSync(join(DIR, file), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/scenario\.schema\.json$/m);
      const report = run(file);
      expect(report.years.length).toBeGreaterThan(0);
      for (const r of report.years) {
        for (const [k, v] of Object.entries(r)) {
          expect(Number.isFinite(v), `${file} ${r.year} ${k}`).toBe(true);
          expect(v, `${file} ${r.year} ${k}`).toBeGreaterThanOrEqual(0);
        }
      }
    });
  }
});

describe('wendeng-2025.yaml', () => {
  const report = run('wendeng-2025.yaml');
  it('starts at 1125 MW in 2022 and reaches exactly 4500 MW in 2025, meeting the target that year', () => {
    expect(year(report, 2022).capacityMW).toBe(1125);
    expect(year(report, 2025).capacityMW).toBe(4500);
    expect(report.target).toMatchObject({ year: 2025, capacityMW: 4500, metYear: 2025, metInTargetYear: true, shortfallMW: 0 });
  });
  it('solves the rate 4^(1/3) − 1 = 58.740105…% a year', () => {
    expectClose(report.summary.growth.parameters.rateFrac as number, 0.5874010519681994, { rel: 1e-14 }, 'rate');
  });
  it('counts built + under construction in capacity, operating a year behind (lag 1)', () => {
    expectClose(year(report, 2023).capacityMW, 1125 * Math.cbrt(4), { rel: 1e-12 }, '2023');
    expect(year(report, 2023).operatingMW).toBe(1125);
    expect(year(report, 2026).operatingMW).toBe(4500);
  });
  it('the 2022 fleet yields 1125 MW × 1135 h = 1,276,875 MWh in 2022', () => {
    expect(year(report, 2022).energyMWh).toBe(1276875);
  });
});

describe('datang-100mw.yaml', () => {
  const report = run('datang-100mw.yaml');
  it('first full year (2024): 113,500 MWh and 45,800 t of coal within 0.5 %', () => {
    expectClose(year(report, 2024).energyMWh, 113500, { rel: 0.005 }, 'energy 2024');
    expectClose(year(report, 2024).coalTonnes, 45800, { rel: 0.005 }, 'coal 2024');
  });
  it('half a year in 2023 (mid-year commissioning)', () => {
    expectClose(year(report, 2023).energyMWh, 113500 / 2, { rel: 1e-12 }, 'energy 2023');
  });
  it('lists the coal conventions, including the rule of thumb 0.4 kg/kWh and 供电煤耗', () => {
    const presets = report.summary.coalConventions.map((c) => c.preset);
    expect(presets).toEqual(expect.arrayContaining(['scenario', 'cn-rule-of-thumb', 'cn-coal-supply-cec', 'article-datang-2022']));
    const thumb = report.summary.coalConventions.find((c) => c.preset === 'cn-rule-of-thumb')!;
    expect(thumb.tonnesPerMWh).toBe(0.4);
  });
});

describe('Wendeng variants', () => {
  it('linear: 1125 MW a year — 2250, 3375, 4500', () => {
    const report = run('wendeng-2025-linear.yaml');
    expect([2023, 2024, 2025].map((y) => year(report, y).capacityMW)).toEqual([2250, 3375, 4500]);
    expect(report.target!.metInTargetYear).toBe(true);
  });

  it('S-curve: through 1125 (2022) and 4500 (2025) with K = 6000 MW', () => {
    const report = run('wendeng-2025-scurve.yaml');
    // Logit ln(K/C − 1) falls by ln(13)/3 a year from ln(13/3): C(2023) = 6000/(1 + 13^(2/3)/3).
    expectClose(year(report, 2023).capacityMW, 6000 / (1 + Math.pow(13, 2 / 3) / 3), { rel: 1e-12 }, '2023');
    expectClose(year(report, 2025).capacityMW, 4500, { rel: 1e-9 }, '2025');
    expect(year(report, 2035).capacityMW).toBeLessThan(6000);
    expect(report.target!.metInTargetYear).toBe(true);
  });

  it('delayed: misses 2025 (4^(2/3) × 1125 ≈ 2834.8 MW) and meets the target in 2026', () => {
    const report = run('wendeng-2025-delayed.yaml');
    expectClose(year(report, 2025).capacityMW, 1125 * Math.pow(4, 2 / 3), { rel: 1e-12 }, '2025');
    expect(report.target).toMatchObject({ metInTargetYear: false, metYear: 2026 });
    expectClose(report.target!.shortfallMW!, 4500 - 1125 * Math.pow(4, 2 / 3), { rel: 1e-12 }, 'shortfall');
  });
});
