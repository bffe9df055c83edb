/**
 * Properties of the engine's statistics: the selection-based quantiles equal type-7 quantiles of the fully
 * sorted sample (simple-statistics quantileSorted), with ties, tiny samples and extreme probabilities; they
 * are ordered; the input is left unchanged; a scratch buffer changes nothing; and the statistics are invariant
 * under permutation of the draws except for the mean and sd's last bits (which sum in draw order).
 */
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { quantileKey, summarizeValues } from '../../../src/core/uncertainty/monte-carlo.ts';

const sampleArb = fc.oneof(
  // x + 0 turns −0 into 0: the two compare equal, so their order after selection is arbitrary.
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0), { minLength: 1, maxLength: 300 }),
  // Heavy ties, as a discrete construction lag gives.
  fc.array(fc.integer({ min: 0, max: 3 }).map((x) => x * 1125.5), { minLength: 1, maxLength: 300 }),
);
// Probabilities as a user writes them (keys like 'p2.5' keep 10 significant digits, so 0.99999999995 and its neighbour share one).
const probabilityArb = fc.array(fc.integer({ min: 0, max: 10_000 }).map((x) => x / 10_000), { maxLength: 5 });

describe('summarizeValues', () => {
  it('gives the type-7 quantiles of the sorted sample, ordered, leaving the input as it was', () => {
    fc.assert(
      fc.property(sampleArb, probabilityArb, fc.boolean(), (xs, extra, withScratch) => {
        const values = Float64Array.from(xs);
        const before = Float64Array.from(values);
        const s = summarizeValues(values, extra, withScratch ? new Float64Array(values.length + 3) : undefined) as unknown as Record<string, number>;
        expect(values).toEqual(before);
        const sorted = Array.from(values).sort((a, b) => a - b);
        for (const p of [0.1, 0.5, 0.9, ...extra]) expect(s[quantileKey(p)]).toBe(quantileSorted(sorted, p));
        expect(s.p10).toBeLessThanOrEqual(s.p50!);
        expect(s.p50).toBeLessThanOrEqual(s.p90!);
        expect(s.sd).toBeGreaterThanOrEqual(0);
        expect(s.mean).toBeGreaterThanOrEqual(sorted[0]! - 1e-9 * Math.abs(sorted[0]!));
        expect(s.mean).toBeLessThanOrEqual(sorted[sorted.length - 1]! + 1e-9 * Math.abs(sorted[sorted.length - 1]!));
      }),
    );
  });

  it('gives the same quantiles for any order of the draws', () => {
    fc.assert(
      fc.property(sampleArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, shuffled]) => {
        const a = summarizeValues(Float64Array.from(xs), [0.05, 0.95]);
        const b = summarizeValues(Float64Array.from(shuffled), [0.05, 0.95]);
        for (const k of ['p05', 'p10', 'p50', 'p90', 'p95'] as const) expect(b[k]).toBe(a[k]);
      }),
    );
  });
});
