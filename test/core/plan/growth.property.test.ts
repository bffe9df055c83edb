/**
 * growthPathInto (the Monte Carlo's path, written into a reusable array) against growthPath and against the
 * closed forms of the cagr and linear models. Equality is exact (toBe): a draw's outputs must not depend on which
 * of the two computed its path, and the closed forms below are written in the operation order the model
 * documents (C0·(1 + r)^t, C0 + a·t, then C_until·(1 + r_after)^(year − until)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthPath, growthPathInto } from '../../../src/core/plan/growth.ts';
import type { GrowthModel } from '../../../src/core/plan/types.ts';
import { makePlan, planArb } from './plan-fixtures.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A path written by growthPathInto into a fresh array. */
function pathInto(plan: ReturnType<typeof makePlan>): Float64Array {
  const out = new Float64Array(plan.endYear - plan.capacity.baseYear + 1);
  growthPathInto(plan, out);
  return out;
}

describe('growthPathInto', () => {
  it('equals growthPath(plan).capacityMW bit for bit, for every growth model', () => {
    fc.assert(
      fc.property(planArb(), (plan) => {
        expect(Array.from(pathInto(plan))).toEqual(Array.from(growthPath(plan).capacityMW));
      }),
      { numRuns: 300 },
    );
  });

  it('cagr and linear with from/until years and an after rate follow the closed forms exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('cagr' as const, 'linear' as const),
        num(1, 5000),
        num(-0.2, 0.8),
        fc.integer({ min: 2022, max: 2028 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(0, 0.02, -0.01, 0.1),
        (model, baselineMW, rate, fromYear, span, afterRateFrac) => {
          const untilYear = fromYear + span;
          const step = model === 'cagr' ? rate : rate * baselineMW;
          const growth: GrowthModel =
            model === 'cagr' ? { model, rateFrac: step, fromYear, untilYear, after: { rateFrac: afterRateFrac } } : { model, additionsMWPerYear: step, fromYear, untilYear, after: { rateFrac: afterRateFrac } };
          const plan = makePlan({ endYear: 2035, capacity: { baselineMW, growth } });
          const grown = (year: number) => {
            const t = Math.max(0, Math.min(year, untilYear) - fromYear);
            return model === 'cagr' ? baselineMW * Math.pow(1 + step, t) : baselineMW + step * t;
          };
          const expected = Array.from({ length: 2035 - 2022 + 1 }, (_, i) => {
            const year = 2022 + i;
            if (i === 0) return baselineMW;
            return year <= untilYear ? grown(year) : grown(untilYear) * Math.pow(1 + afterRateFrac, year - untilYear);
          });
          expect(Array.from(pathInto(plan))).toEqual(expected);
          expect(Array.from(growthPath(plan).capacityMW)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a solved cagr path lands exactly on the target in its year (1125 → 4500 MW, 2022 → 2025)', () => {
    const plan = makePlan({ endYear: 2035, capacity: { baselineMW: 1125, target: { year: 2025, capacityMW: 4500 }, growth: { model: 'cagr' } } });
    const out = pathInto(plan);
    expect(out[2025 - 2022]).toBe(4500);
    expect(out[2035 - 2022]).toBe(4500);
  });

  it('refuses an output of the wrong length', () => {
    const plan = makePlan({ capacity: { growth: { model: 'cagr', rateFrac: 0.1 } } });
    expect(() => growthPathInto(plan, new Float64Array(3))).toThrow(/growthPathInto: the output holds 3 years, the plan 9/);
  });
});
