/**
 * The run report (the JSON contract of `pvplan run --format json`): identity and version, years from years.start,
 * target outcome, totals, and coal saved under each convention — all for a plan simple enough to check by hand:
 * 100 MW held flat, 1000 h, no losses, full-year commissioning, coal 300 g/kWh, CO2 0.5 t/MWh.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { expectClose } from '../helpers/expect-close.ts';

const PKG_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const FLAT = `name: flat
region: test region
years: {start: 2022, end: 2030}
capacity:
  baseline: {capacity: 100 MW, year: 2022}
  target: {year: 2025, capacity: 100 MW, energy: 100 GWh, coal: 40000 t}
  growth: {model: milestones, points: {2030: 100 MW}}
yield:
  model: full-load-hours
  value: 1000 h
  degradation: {annual: 0 %}
  commissioning: full-year
savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}
`;

const load = (text: string, file = '/v/flat.yaml') => loadScenario(file, () => text);

describe('runReport', () => {
  const report = runReport(load(FLAT));

  it('carries the scenario id, name, region, a sha256 content hash and the package version', () => {
    expect(report.scenario).toEqual({ id: 'flat', name: 'flat', region: 'test region', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(report.pvplanVersion).toBe(PKG_VERSION);
  });

  it('has one row per year from years.start to years.end with the contract’s fields', () => {
    expect(report.years.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    for (const r of report.years) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['year', 'capacityMW', 'operatingMW', 'additionsMW', 'retirementsMW', 'energyMWh', 'coalTonnes', 'co2Tonnes', 'cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes']),
      );
      expect(r.energyMWh).toBe(100000);
    }
  });

  it('reports the target: capacity met in 2022 already, energy met (100 GWh), coal missed (30,000 of 40,000 t)', () => {
    expect(report.target).toMatchObject({ year: 2025, capacityMW: 100, metYear: 2022, metInTargetYear: true, shortfallMW: 0, energyMWh: 100000, energyMet: true, coalTonnes: 40000, coalMet: false });
    expectClose(report.target!.energyInTargetYearMWh, 100000, { rel: 1e-12 }, 'energy');
    expectClose(report.target!.coalInTargetYearTonnes, 30000, { rel: 1e-12 }, 'coal');
  });

  it('sums totals over the reported years: 900,000 MWh, 270,000 t coal, 450,000 t CO2', () => {
    expect(report.summary).toMatchObject({ startYear: 2022, endYear: 2030, capacityEndMW: 100, operatingEndMW: 100, referenceYear: 2025, warnings: [] });
    expectClose(report.summary.totalEnergyMWh, 900000, { rel: 1e-12 }, 'energy');
    expectClose(report.summary.totalCoalTonnes, 270000, { rel: 1e-12 }, 'coal');
    expectClose(report.summary.totalCo2Tonnes, 450000, { rel: 1e-12 }, 'co2');
    expect(report.summary.growth.model).toBe('milestones');
  });

  it('shows coal under each convention for the same energy', () => {
    const by = Object.fromEntries(report.summary.coalConventions.map((c) => [c.preset, c]));
    // The scenario's own 300 g/kWh; the rule of thumb 0.4 kg/kWh; 供电煤耗 300.7 (2022) → 300 (2025 target), interpolated.
    expect(by.scenario).toMatchObject({ tonnesPerMWh: 0.3 });
    expectClose(by.scenario!.coalTonnes, 30000, { rel: 1e-12 }, 'scenario 2025');
    expectClose(by['cn-rule-of-thumb']!.coalTonnes, 40000, { rel: 1e-12 }, 'rule of thumb 2025');
    expectClose(by['cn-rule-of-thumb']!.cumulativeCoalTonnes, 360000, { rel: 1e-12 }, 'rule of thumb total');
    expectClose(by['cn-coal-supply-cec']!.coalTonnes, 30000, { rel: 1e-12 }, 'CEC 2025');
    // 100,000 MWh × (0.3007 + 0.30046667 + 0.30023333 + 6 × 0.3) t/MWh = 270,140 t.
    expectClose(by['cn-coal-supply-cec']!.cumulativeCoalTonnes, 270140, { rel: 1e-12 }, 'CEC total');
    expectClose(by['article-datang-2022']!.coalTonnes, 40350, { rel: 1e-12 }, 'article 403.5 g/kWh');
  });

  it('without a target, the reference year is the year of highest energy (the first, as the fleet degrades)', () => {
    const noTarget = runReport(load(FLAT.replace(/ {2}target: .*\n/, '').replace('degradation: {annual: 0 %}', 'degradation: {annual: 1 %}')));
    expect(noTarget.target).toBeNull();
    expect(noTarget.summary.referenceYear).toBe(2022);
  });

  it('reports only years from years.start when the base year is earlier, with cumulative sums from there', () => {
    const later = runReport(load(FLAT.replace('start: 2022', 'start: 2024')));
    expect(later.years[0]!.year).toBe(2024);
    expect(later.years[0]!.cumulativeEnergyMWh).toBe(100000);
    expectClose(later.summary.totalEnergyMWh, 700000, { rel: 1e-12 }, 'total');
  });

  it('passes the core’s warnings through (capped additions)', () => {
    const capped = runReport(load(FLAT.replace('points: {2030: 100 MW}', 'points: {2023: 400 MW}').replace('  growth:', '  maxAdditionsPerYear: 100 MW\n  growth:')));
    expect(capped.summary.warnings).toEqual([expect.stringMatching(/^2023: additions capped at 100 MW/), expect.stringMatching(/^2024: additions capped/)]);
  });
});

describe('the content hash', () => {
  const base = load(FLAT);
  it('is the same for the same inputs written differently (units, key order, a default made explicit)', () => {
    const rewritten = FLAT.replace('100 MW, year: 2022', '10万千瓦, year: 2022').replace('value: 1000 h', 'value: 1000 kWh/kWp').replace('commissioning: full-year', 'commissioning: full-year\n  availability: 100 %');
    expect(load(rewritten).hash).toBe(base.hash);
    expect(load(FLAT, '/elsewhere/other-name.yaml').hash).toBe(base.hash);
  });
  it('changes when any input or the name changes', () => {
    const hashes = new Set([
      base.hash,
      load(FLAT.replace('value: 1000 h', 'value: 1001 h')).hash,
      load(FLAT.replace('name: flat', 'name: flat 2')).hash,
      load(FLAT.replace('co2: 0.5 t/MWh', 'co2: 0.51 t/MWh')).hash,
      load(FLAT.replace('commissioning: full-year', 'commissioning: mid-year')).hash,
      load(FLAT.replace('points: {2030: 100 MW}', 'points: {2030: 101 MW}')).hash,
    ]);
    expect(hashes.size).toBe(6);
  });
});

describe('the yield and the uncertain fields in the summary', () => {
  it('reports the yield model and the start year full-load hours (a capacity factor becomes CF × 8760 h)', () => {
    expect(runReport(load(FLAT)).summary.yield).toEqual({ model: 'full-load-hours', fullLoadHoursStartYear: 1000 });
    const cf = FLAT.replace('model: full-load-hours\n  value: 1000 h', 'model: capacity-factor\n  value: 12.5 %');
    expectClose(runReport(load(cf)).summary.yield.fullLoadHoursStartYear, 0.125 * 8760, { rel: 1e-12 }, 'CF × 8760');
    expect(runReport(load(cf)).summary.yield.model).toBe('capacity-factor');
  });

  it('lists the fields given as distributions, which the run takes at their medians', () => {
    expect(runReport(load(FLAT)).summary.uncertainFields).toEqual([]);
    const uncertain = FLAT.replace('value: 1000 h', 'value: { uniform: { min: 900 h, max: 1300 h } }');
    const report = runReport(load(uncertain));
    expect(report.summary.uncertainFields).toEqual(['yield.value']);
    // The median of uniform(900, 1300) is 1100 h.
    expectClose(report.summary.yield.fullLoadHoursStartYear, 1100, { rel: 1e-12 }, 'median');
  });
});
