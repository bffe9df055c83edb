/**
 * The Monte Carlo engine's pure parts: pass planning, statistics (type-7 quantiles checked by hand), the
 * target distribution, and runDraws' independence from chunking and its agreement with the deterministic run.
 */
import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_VALUE,
  createDrawer,
  interannualYieldFactor,
  MC_METRICS,
  planPasses,
  quantileKey,
  runDraws,
  STORED_METRICS,
  summarizeValues,
  targetDistribution,
} from '../../../src/core/uncertainty/monte-carlo.ts';
import { simulatePlan } from '../../../src/core/plan/simulate.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { scenarioFromText, uncertainWendeng, ZERO_SPREAD_YAML } from '../../mc/scenarios.ts';

describe('planPasses', () => {
  it('fits every stored column (metric-major, years ascending) into passes within the budget', () => {
    const years = 14;
    const draws = 1_000_000;
    const budget = 384 * 2 ** 20;
    const passes = planPasses(draws, years, budget);
    // 384 MiB / (1e6 draws × 8 B) = 50.3 → 50 columns a pass; 5 metrics × 14 years = 70 columns → 2 passes.
    expect(passes.map((p) => p.length)).toEqual([50, 20]);
    for (const p of passes) expect(p.length * draws * BYTES_PER_VALUE).toBeLessThanOrEqual(budget);
    const flat = passes.flat();
    expect(flat).toEqual(STORED_METRICS.flatMap((metric) => Array.from({ length: years }, (_, yearIndex) => ({ metric, yearIndex }))));
  });

  it('runs one column a pass when even one does not fit, and everything in one pass when it all fits', () => {
    expect(planPasses(100, 3, 1).map((p) => p.length)).toEqual(Array(15).fill(1));
    expect(planPasses(100, 3, 1e9)).toHaveLength(1);
  });
});

describe('quantileKey', () => {
  it('names quantiles as percentiles, two digits at least', () => {
    expect([0.1, 0.05, 0.5, 0.9, 0.95, 0.025, 0.999, 0, 1].map(quantileKey)).toEqual(['p10', 'p05', 'p50', 'p90', 'p95', 'p2.5', 'p99.9', 'p00', 'p100']);
  });
});

describe('summarizeValues', () => {
  it('type-7 quantiles, mean and sample sd of 1, 2, 3, 4 by hand', () => {
    // Type 7 (Hyndman & Fan 1996): h = (n − 1)p; x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]); n = 4:
    // p = 0.1 → h = 0.3 → 1.3; p = 0.5 → 2.5; p = 0.9 → h = 2.7 → 3.7; p = 0.25 → h = 0.75 → 1.75.
    // Sample sd: Σ(x − 2.5)² = 5, /(n − 1) = 5/3, sd = √(5/3).
    const s = summarizeValues(Float64Array.of(4, 1, 3, 2), [0.25]);
    expectClose(s.p10, 1.3, { rel: 1e-15 }, 'p10');
    expectClose(s.p50, 2.5, { rel: 1e-15 }, 'p50');
    expectClose(s.p90, 3.7, { rel: 1e-15 }, 'p90');
    expectClose(s.p25!, 1.75, { rel: 1e-15 }, 'p25');
    expectClose(s.mean, 2.5, { rel: 1e-15 }, 'mean');
    expectClose(s.sd, Math.sqrt(5 / 3), { rel: 1e-15 }, 'sd');
  });

  it('returns a constant sample exactly, with sd 0 (0.1 × 3 / 3 would not round back)', () => {
    const s = summarizeValues(new Float64Array(3).fill(0.1), [0.05, 0.95]);
    expect(s).toEqual({ mean: 0.1, sd: 0, p10: 0.1, p50: 0.1, p90: 0.1, p05: 0.1, p95: 0.1 });
  });

  it('leaves its input in draw order', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const copy = Float64Array.from(values);
    summarizeValues(values, [0.01, 0.99]);
    expect(values).toEqual(copy);
  });
});

describe('targetDistribution', () => {
  it('counts the target year and the first-met years in draw order', () => {
    const t = targetDistribution(Float64Array.of(2025, 2026, 0, 2025), Float64Array.of(1, 0, 0, 1));
    expect(t.probabilityMet).toBe(0.5);
    expect(t.yearMetDistribution).toEqual([
      { year: 2025, draws: 2, probability: 0.5 },
      { year: 2026, draws: 1, probability: 0.25 },
      { year: null, draws: 1, probability: 0.25 },
    ]);
  });
});

describe('interannualYieldFactor', () => {
  it('is 1 + σ·Φ⁻¹(u), 1 at the median, floored at 0', () => {
    expect(interannualYieldFactor(0.05, 0.5)).toBe(1);
    // Φ⁻¹(0.975) = 1.959963984540054 (standard normal tables).
    expectClose(interannualYieldFactor(0.05, 0.975), 1 + 0.05 * 1.959963984540054, { rel: 1e-14 }, 'factor');
    expect(interannualYieldFactor(0.5, 1e-12)).toBe(0);
  });
});

describe('runDraws', () => {
  const resolved = uncertainWendeng();
  const columns = planPasses(1, resolved.plan.endYear - resolved.plan.startYear + 1, 1e12)[0]!;

  it('gives the same draws whatever the chunking', () => {
    const drawer = createDrawer(resolved);
    const whole = runDraws(drawer, 7, 100, 900, columns, true);
    const cuts = [100, 101, 357, 358, 800, 1000];
    const parts = cuts.slice(1).map((to, i) => runDraws(createDrawer(resolved), 7, cuts[i]!, to - cuts[i]!, columns, true));
    for (let c = 0; c < columns.length + 2; c++) {
      const joined = new Float64Array(900);
      for (const part of parts) joined.set(part.data.subarray(c * part.count, (c + 1) * part.count), part.fromDraw - 100);
      expect(joined).toEqual(whole.data.subarray(c * 900, (c + 1) * 900));
    }
  });

  it('gives different draws for a different seed', () => {
    const drawer = createDrawer(resolved);
    const a = runDraws(drawer, 1, 0, 200, columns, false).data;
    const b = runDraws(drawer, 2, 0, 200, columns, false).data;
    expect(a).not.toEqual(b);
  });

  it('reproduces simulatePlan bit for bit for a scenario whose distributions have no spread', () => {
    const zero = scenarioFromText(ZERO_SPREAD_YAML, 'zero-spread');
    const det = simulatePlan(zero.plan).years.filter((r) => r.year >= zero.plan.startYear);
    const block = runDraws(createDrawer(zero), 42, 0, 50, columns, true);
    columns.forEach((col, c) => {
      for (let d = 0; d < 50; d++) expect(block.data[c * 50 + d]).toBe(det[col.yearIndex]![col.metric]);
    });
    // And every metric the engine reports (the cumulative ones come from the kernel workspace here).
    const drawer = createDrawer(zero);
    drawer.evaluate(new Float64Array(drawer.dimension).fill(0.3), true);
    for (const m of MC_METRICS) det.forEach((row, k) => expect(drawer.workspace[m][drawer.reportedOffset + k]).toBe(row[m]));
  });

  it('writes every value of a reused buffer: a block in a spent, larger buffer equals a block in a fresh one', () => {
    const noTarget = scenarioFromText(ZERO_SPREAD_YAML.replace('  target: { capacity: 450万千瓦, year: 2025 }\n', ''), 'no-target');
    for (const [label, scenario] of [['with a capacity target', resolved], ['without one', noTarget]] as const) {
      for (const withTarget of [true, false]) {
        const drawer = createDrawer(scenario);
        const spent = new Float64Array((columns.length + 2) * 300 + 17).fill(Number.NaN);
        // Two chunks through the same buffer, as a lane runs them; the second is shorter, like a run's last chunk.
        for (const [from, count] of [[0, 300], [300, 123]] as const) {
          const fresh = runDraws(createDrawer(scenario), 9, from, count, columns, withTarget).data;
          const reused = runDraws(drawer, 9, from, count, columns, withTarget, spent).data;
          expect(reused.buffer, label).toBe(spent.buffer);
          expect(Array.from(reused), `${label}, withTarget ${withTarget}, draws ${from}+${count}`).toEqual(Array.from(fresh));
        }
      }
    }
    // A buffer too small is not used.
    const small = new Float64Array(10);
    expect(runDraws(createDrawer(resolved), 9, 0, 50, columns, true, small).data.buffer).not.toBe(small.buffer);
  });

  it('rejects draw ranges outside the 32-bit counters', () => {
    const drawer = createDrawer(resolved);
    expect(() => runDraws(drawer, 1, 2 ** 32 - 10, 20, columns, false)).toThrow(/within \[0, 2\^32 − 1\]/);
    expect(() => runDraws(drawer, 1, 0.5, 20, columns, false)).toThrow(RangeError);
  });
});
