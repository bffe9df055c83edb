/**
 * The plausibility checks skip rounding a value to 12 significant digits when it lies clearly inside its range
 * (clearlyInRange): rounding must then never move it out, so the fast path warns exactly when the plain test
 * (round, then compare with the ends, inclusive) does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearlyInRange } from '../../src/scenario/plausibility.ts';

/** The plain test, written out: the value rounded to 12 significant digits, compared with both ends. */
const plainInRange = (x: number, r: { min?: number; max?: number }) => {
  const v = Number(x.toPrecision(12));
  return Number.isFinite(v) && (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
};

const end = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: undefined });

describe('clearlyInRange', () => {
  it('implies the plain test, for any value and range (ends open or closed)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), end, end, (x, min, max) => {
        if (clearlyInRange(x, { min, max })) expect(plainInRange(x, { min, max })).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('implies the plain test right at the ends, where rounding matters', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -2000, max: 2000 }), (edge, k) => {
        const x = edge + k * Number.EPSILON * Math.max(1, Math.abs(edge)) * 64;
        for (const r of [{ min: edge }, { max: edge }, { min: edge, max: edge + 1 }]) if (clearlyInRange(x, r)) expect(plainInRange(x, r)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes the fast path for ordinary values well inside (0.5 % curtailment in 0–3 %)', () => {
    expect(clearlyInRange(0.5, { min: 0, max: 3 })).toBe(true);
    // At an end or outside: the exact test decides.
    expect(clearlyInRange(3, { min: 0, max: 3 })).toBe(false);
    expect(clearlyInRange(0, { min: 0, max: 3 })).toBe(false);
    expect(clearlyInRange(Number.NaN, { min: 0 })).toBe(false);
    expect(clearlyInRange(Number.POSITIVE_INFINITY, {})).toBe(false);
  });
});
