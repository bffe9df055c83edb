/**
 * Comparing scenarios: the parameter diff (what differs, with defaults filled so an explicit default is no
 * difference), paths side by side with differences to the first, and the summary row.
 */
import { describe, expect, it } from 'vitest';
import { metricById, runningTotalOf } from '../../src/core/metrics/metrics.ts';
import { COMPARE_METRICS, compareSummary, comparePaths, describeDistribution, parameterDiff } from '../../src/report/compare.ts';
import { runReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';

const BASE = `name: base
description: the base case
years: {start: 2022, end: 2026}
capacity:
  baseline: {capacity: 100 MW, year: 2022}
  target: {year: 2025, capacity: 400 MW}
  growth: {model: linear}
yield: {model: full-load-hours, value: 1000 h, degradation: {annual: 0 %}, commissioning: full-year}
savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}
`;

const texts: Record<string, string> = {
  '/v/base.yaml': BASE,
  // Same inputs, one default made explicit: no difference.
  '/v/explicit.yaml': 'extends: base.yaml\nname: explicit\ndescription: other words\nyield:\n  curtailment: 0 %\n  availability: 100 %\n',
  // A slower path: the target is met a year late.
  '/v/slow.yaml': 'extends: base.yaml\nname: slow\ncapacity:\n  growth: {model: linear, additionsPerYear: 75 MW}\n  lifetimeYears: 30\n',
  // A shorter horizon.
  '/v/short.yaml': 'extends: base.yaml\nname: short\nyears: {start: 2022, end: 2025}\n',
};
const load = (f: string) => loadScenario(f, (p) => texts[p]!);

describe('parameterDiff', () => {
  it('lists only the inputs that differ (defaults filled; name and description ignored)', () => {
    expect(parameterDiff([load('/v/base.yaml'), load('/v/explicit.yaml')])).toEqual([]);
    expect(parameterDiff([load('/v/base.yaml'), load('/v/slow.yaml')])).toEqual([
      { path: 'capacity.growth.additionsPerYear', values: [undefined, '75 MW'] },
      { path: 'capacity.lifetimeYears', values: ['25', '30'] },
    ]);
  });

  it('shows distributions and correlations as a person writes them, not as JSON or one row per key', () => {
    const uncertain = loadScenario('scenarios/wendeng-2025-uncertain.yaml');
    const diff = new Map(parameterDiff([loadScenario('scenarios/wendeng-2025.yaml'), uncertain]).map((d) => [d.path, d.values]));
    expect(diff.get('capacity.growth.rate')).toEqual([undefined, 'PERT 35 %–65 %, mode 58.7 %']);
    // Weights 0.2, 0.6, 0.2 of a sum of 1: 20 %, 60 %, 20 %.
    expect(diff.get('capacity.constructionLagYears')).toEqual(['1', 'discrete: 0 (20 %), 1 (60 %), 2 (20 %)']);
    expect(diff.get('yield.value')).toEqual(['1135 h', 'normal, mean 1135 h, sd 60 h, truncated to 955 h–1315 h']);
    expect(diff.get('yield.curtailment')).toEqual(['0 %', 'triangular 0 %–5 %, mode 1 %']);
    expect(diff.get('uncertainty.correlations')).toEqual([undefined, 'rank 0.4 between capacity.growth.rate and yield.curtailment']);
    expect([...diff.keys()].some((k) => /\.(pert|triangular|normal|discrete|truncate)\b/.test(k))).toBe(false);
    expect([...diff.values()].flat().some((v) => v?.startsWith('[') || v?.startsWith('{'))).toBe(false);
  });

  it('describes every kind of distribution, with its truncation and relative weights', () => {
    expect(describeDistribution({ uniform: { min: '1 %', max: '3 %' } })).toBe('uniform 1 %–3 %');
    expect(describeDistribution({ lognormal: { mean: '1000 h', sd: '50 h' }, truncate: { min: '900 h' } })).toBe('lognormal, mean 1000 h, sd 50 h, truncated at ≥ 900 h');
    expect(describeDistribution({ pert: { min: 1, mode: 2, max: 4, lambda: 6 } })).toBe('PERT 1–4, mode 2, λ 6');
    // Weights 1 and 3 are shares 1/4 and 3/4.
    expect(describeDistribution({ discrete: { values: [0, 1], weights: [1, 3] } })).toBe('discrete: 0 (25 %), 1 (75 %)');
    expect(describeDistribution({ model: 'cagr' })).toBeUndefined();
    expect(describeDistribution('5 %')).toBeUndefined();
  });
});

describe('comparePaths and compareSummary', () => {
  const reports = ['/v/base.yaml', '/v/slow.yaml', '/v/short.yaml'].map((f) => runReport(load(f)));

  it('aligns the metric by year, NaN outside a horizon, with differences to the first', () => {
    // base: 100 + 100 t (solved); slow: 100 + 75 t until the target year, then held.
    const rows = comparePaths(reports, 'capacity');
    expect(rows.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(rows[1]).toEqual({ year: 2023, values: [200, 175, 200], deltas: [0, -25, 0] });
    expect(rows[3]).toEqual({ year: 2025, values: [400, 325, 400], deltas: [0, -75, 0] });
    expect(rows[4]!.values.slice(0, 2)).toEqual([400, 325]);
    expect(rows[4]!.values[2]).toBeNaN();
    // Energy: full-year commissioning, 1000 h: 2023 is 200 MW × 1000 h.
    expect(comparePaths(reports, 'energy')[1]!.values).toEqual([200000, 175000, 200000]);
  });

  it('summarises the year the target is met, the value in the target year and the total to the end year', () => {
    const s = compareSummary(reports, 'energy');
    expect(s.map((x) => x.id)).toEqual(['base', 'slow', 'short']);
    expect(s.map((x) => x.targetMetYear)).toEqual([2025, null, 2025]);
    expect(s.map((x) => x.valueInTargetYear)).toEqual([400000, 325000, 400000]);
    // base: 100 + 200 + 300 + 400 + 400 (thousand MWh); slow: 100 + 175 + 250 + 325 + 325; short: to 2025.
    expect(s.map((x) => x.toEndYear)).toEqual([1400000, 1175000, 1000000]);
    expect(s.map((x) => x.endYear)).toEqual([2026, 2026, 2025]);
    expect(compareSummary(reports, 'capacity').map((x) => x.toEndYear)).toEqual([400, 325, 400]);
  });

  it('maps every metric to a field of the year rows', () => {
    for (const m of COMPARE_METRICS) {
      const { field } = metricById(m);
      const cumulative = runningTotalOf(metricById(m))?.field;
      expect(reports[0]!.years[0]).toHaveProperty(field);
      if (cumulative) expect(reports[0]!.years[0]).toHaveProperty(cumulative);
    }
  });
});
