/**
 * Invariants of Monte Carlo reports over random uncertain scenarios (every distribution kind on the fields that
 * take one, random correlations and weather), random seeds and draw counts: quantiles are ordered for every
 * metric and year (p00 ≤ p05 ≤ P10 ≤ P50 ≤ P90 ≤ p95 ≤ p100), the mean lies between the extremes, sd ≥ 0,
 * cumulative metrics never fall, probabilities are probabilities; and a deterministic plan gives 0 or 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MC_METRICS } from '../../src/core/uncertainty/monte-carlo.ts';
import { runMonteCarlo } from '../../src/mc/run.ts';
import { scenarioFromText } from './scenarios.ts';

const pctArb = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((x) => x / 10);
const ordered3 = (min: number, max: number) => fc.tuple(pctArb(min, max), pctArb(min, max), pctArb(min, max)).map((xs) => [...xs].sort((a, b) => a - b) as [number, number, number]);

/** A random uncertain Wendeng-like scenario as YAML. */
const scenarioArb = fc
  .record({
    rate: ordered3(-10, 80),
    hoursMean: fc.integer({ min: 900, max: 1500 }),
    hoursSd: fc.integer({ min: 0, max: 120 }),
    lagWeights: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 })),
    curtailment: fc.tuple(pctArb(0, 10), pctArb(0, 10)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
    degradation: ordered3(0, 2),
    availabilitySd: pctArb(0, 3),
    weatherPct: fc.integer({ min: 0, max: 10 }),
    rank: fc.integer({ min: -9, max: 9 }).map((x) => x / 10),
    targetYear: fc.integer({ min: 2023, max: 2030 }),
  })
  .map(
    (s) => `
name: random
years: { start: 2022, end: 2032 }
capacity:
  baseline: { capacity: 1125 MW, year: 2022 }
  target: { capacity: 2500 MW, year: ${s.targetYear} }
  growth: { model: cagr, rate: { triangular: { min: ${s.rate[0]} %, mode: ${s.rate[1]} %, max: ${s.rate[2]} % } } }
  constructionLagYears: { discrete: { values: [0, 1, 2], weights: [${s.lagWeights.join(', ')}] } }
yield:
  model: full-load-hours
  value: { normal: { mean: ${s.hoursMean} h, sd: ${s.hoursSd} h } }
  degradation:
    annual: { pert: { min: ${s.degradation[0]} %, mode: ${s.degradation[1]} %, max: ${s.degradation[2]} % } }
  availability: { normal: { mean: 97 %, sd: ${s.availabilitySd} % }, truncate: { max: 100 % } }
  curtailment: { uniform: { min: ${s.curtailment[0]} %, max: ${s.curtailment[1]} % } }
  interannualVariability: ${s.weatherPct} %
savings:
  coal: 300 g/kWh
  co2: { lognormal: { mean: 0.57 t/MWh, sd: 0.03 t/MWh } }
uncertainty:
  correlations:
    - between: [capacity.growth.rate, yield.curtailment]
      rank: ${s.rank}
`,
  );

describe('Monte Carlo report invariants', () => {
  it('orders the quantiles of every metric in every year, keeps the mean within the extremes and cumulative metrics non-decreasing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 400 }), async (yaml, seed, draws) => {
        const report = await runMonteCarlo(scenarioFromText(yaml, 'random'), { draws, seed, threads: 1, quantiles: [0, 0.05, 0.95, 1] });
        for (const y of report.years) {
          for (const m of MC_METRICS) {
            const s = y[m];
            const q = [s.p00!, s.p05!, s.p10, s.p50, s.p90, s.p95!, s.p100!];
            for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]!);
            expect(s.mean).toBeGreaterThanOrEqual(s.p00! - 1e-9 * Math.abs(s.p00!));
            expect(s.mean).toBeLessThanOrEqual(s.p100! + 1e-9 * Math.abs(s.p100!));
            expect(s.sd).toBeGreaterThanOrEqual(0);
            if (draws === 1) expect(s.sd).toBe(0);
          }
        }
        for (let k = 1; k < report.years.length; k++) {
          for (const m of ['cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes'] as const) expect(report.years[k]![m].p00!).toBeGreaterThanOrEqual(report.years[k - 1]![m].p00!);
        }
        const t = report.target!;
        expect(t.probabilityMet).toBeGreaterThanOrEqual(0);
        expect(t.probabilityMet).toBeLessThanOrEqual(1);
        expect(t.yearMetDistribution.reduce((sum, r) => sum + r.draws, 0)).toBe(draws);
        // Met in the target year ⇒ first met in or before it.
        const byTarget = t.yearMetDistribution.filter((r) => r.year !== null && r.year <= t.year).reduce((sum, r) => sum + r.probability, 0);
        expect(byTarget).toBeGreaterThanOrEqual(t.probabilityMet - 1e-12);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('gives probability 0 or 1 for a scenario without spread, whatever the target', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 2023, max: 2032 }), fc.integer({ min: 0, max: 2 ** 30 }), async (ratePct, targetYear, seed) => {
        const yaml = `
name: deterministic
years: { start: 2022, end: 2032 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  target: { capacity: 3000 MW, year: ${targetYear} }
  growth: { model: cagr, rate: { uniform: { min: ${ratePct} %, max: ${ratePct} % } } }
yield:
  model: full-load-hours
  value: 1100 h
savings: { coal: 300 g/kWh, co2: 0.57 t/MWh }
`;
        const report = await runMonteCarlo(scenarioFromText(yaml, 'deterministic'), { draws: 50, seed, threads: 1 });
        const p = report.target!.probabilityMet;
        expect(p === 0 || p === 1).toBe(true);
        expect(report.target!.yearMetDistribution).toHaveLength(1);
        expect(report.target!.yearMetDistribution[0]!.probability).toBe(1);
      }),
      { numRuns: 30 },
    );
  });
});
