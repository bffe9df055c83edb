/**
 * Growth models with hand-computed expectations. The reference case is the Wendeng article's
 * 翻两番: 112.5万千瓦 (1125 MW) in 2022 to 450万千瓦 (4500 MW) in 2025, i.e. ×4 in 3 years, which needs
 * 4^(1/3) − 1 = 58.740105…% a year compounded, or 1125 MW a year in equal additions.
 */
import { describe, expect, it } from 'vitest';
import {
  cagrCapacityMW,
  fitExponentialTrend,
  fitLogisticTrend,
  growthPath,
  interpolateMilestonesMW,
  logisticCapacityMW,
  logisticThroughPoints,
  requiredCagrFrac,
  requiredLinearAdditionsMWPerYear,
} from '../../../src/core/plan/growth.ts';
import { GROWTH_MODEL_NAMES, type GrowthModel } from '../../../src/core/plan/types.ts';
import { compileCapacityFormula } from '../../../src/scenario/formula.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { makePlan } from './plan-fixtures.ts';

const TIGHT = { rel: 1e-12, abs: 1e-9 };

/** The Wendeng plan: 1125 MW in 2022, target 4500 MW in 2025, horizon to 2035. */
function wendeng(growth: GrowthModel, extra: { historyMW?: Array<{ year: number; value: number }> } = {}) {
  return makePlan({ endYear: 2035, capacity: { baselineMW: 1125, target: { year: 2025, capacityMW: 4500 }, growth, ...extra } });
}

/** Path value in a calendar year. */
const at = (path: { capacityMW: Float64Array; baseYear: number }, year: number) => path.capacityMW[year - path.baseYear]!;

describe('closed-form growth formulas', () => {
  it('requiredCagrFrac: quadrupling in 3 years needs 4^(1/3) − 1 = 58.740105…% a year', () => {
    // 4^(1/3) = 1.5874010519681994 (cube root of 4); the article's "about 58.7 %".
    expectClose(requiredCagrFrac(1125, 4500, 3), 0.5874010519681994, { rel: 1e-14 }, 'cagr');
    expectClose(requiredCagrFrac(100, 121, 2), 0.1, TIGHT, '1.21 in 2 years = 10 %/yr');
    expect(requiredCagrFrac(100, 100, 5)).toBe(0);
    expect(() => requiredCagrFrac(0, 100, 3)).toThrow(/positive/);
    expect(() => requiredCagrFrac(100, 400, 0)).toThrow(/positive/);
  });

  it('requiredLinearAdditionsMWPerYear: (4500 − 1125)/3 = 1125 MW/yr', () => {
    expect(requiredLinearAdditionsMWPerYear(1125, 4500, 3)).toBe(1125);
    expect(requiredLinearAdditionsMWPerYear(500, 200, 3)).toBe(-100);
    expect(() => requiredLinearAdditionsMWPerYear(1, 2, 0)).toThrow(/positive/);
  });

  it('cagrCapacityMW: C0 (1 + r)^t', () => {
    expectClose(cagrCapacityMW(100, 0.1, 2), 121, TIGHT, '100 × 1.1²');
    expectClose(cagrCapacityMW(1125, Math.cbrt(4) - 1, 3), 4500, TIGHT, '1125 × 4');
    expect(cagrCapacityMW(100, 0.5, 0)).toBe(100);
  });

  it('logisticCapacityMW: K/2 at the midpoint, 3K/4 one ln 3 / k later', () => {
    expect(logisticCapacityMW(1000, 1, 2030, 2030)).toBe(500);
    // 1/(1 + e^(−ln 3)) = 1/(1 + 1/3) = 3/4.
    expectClose(logisticCapacityMW(1000, 0.5, 2030, 2030 + 2 * Math.log(3)), 750, TIGHT, '3K/4');
    expectClose(logisticCapacityMW(1000, 0.5, 2030, 2030 - 2 * Math.log(3)), 250, TIGHT, 'K/4');
  });

  it('logisticThroughPoints: the S-curve through (2022, 1125) and (2025, 4500) with K = 6000', () => {
    // Logits: L0 = ln(6000/1125 − 1) = ln(13/3), L1 = ln(6000/4500 − 1) = ln(1/3);
    // k = (L0 − L1)/3 = ln(13)/3, t_m = 2022 + L0/k = 2022 + 3 ln(13/3)/ln(13).
    const { steepnessPerYear, midpointYear } = logisticThroughPoints(6000, 2022, 1125, 2025, 4500);
    expectClose(steepnessPerYear, Math.log(13) / 3, TIGHT, 'k');
    expectClose(midpointYear, 2022 + (3 * Math.log(13 / 3)) / Math.log(13), TIGHT, 't_m');
    expectClose(logisticCapacityMW(6000, steepnessPerYear, midpointYear, 2022), 1125, TIGHT, 'through baseline');
    expectClose(logisticCapacityMW(6000, steepnessPerYear, midpointYear, 2025), 4500, TIGHT, 'through target');
    expect(() => logisticThroughPoints(4000, 2022, 1125, 2025, 4500)).toThrow(/saturation > target/);
    expect(() => logisticThroughPoints(6000, 2022, 1125, 2025, 1000)).toThrow(/target > baseline/);
  });

  it('interpolateMilestonesMW: linear between points, flat before the first and after the last', () => {
    const points = [
      { year: 2022, value: 100 },
      { year: 2025, value: 400 },
      { year: 2030, value: 900 },
    ];
    expect(interpolateMilestonesMW(points, 2020)).toBe(100);
    expect(interpolateMilestonesMW(points, 2023)).toBe(200);
    expect(interpolateMilestonesMW(points, 2025)).toBe(400);
    expect(interpolateMilestonesMW(points, 2027)).toBe(600);
    expect(interpolateMilestonesMW(points, 2031)).toBe(900);
  });
});

describe('trend fits on synthetic exact histories', () => {
  it('exponential: log-linear regression on C = 50 × 1.3^(t − 2015) gives exactly 30 %/yr and R² = 1', () => {
    const history = Array.from({ length: 8 }, (_, i) => ({ year: 2015 + i, value: 50 * Math.pow(1.3, i) }));
    const fit = fitExponentialTrend(history);
    expectClose(fit.rateFrac, 0.3, { rel: 1e-10 }, 'rate');
    expectClose(fit.rSquared, 1, { abs: 1e-12 }, 'R²');
  });

  it('exponential: a flat history is 0 %/yr, a perfect (flat) fit', () => {
    const fit = fitExponentialTrend([
      { year: 2020, value: 10 },
      { year: 2021, value: 10 },
      { year: 2022, value: 10 },
    ]);
    expect(fit.rateFrac).toBe(0);
    expect(fit.rSquared).toBe(1);
    expect(() => fitExponentialTrend([{ year: 2020, value: 10 }])).toThrow(/at least 2/);
    expect(() => fitExponentialTrend([{ year: 2020, value: 0 }, { year: 2021, value: 10 }])).toThrow(/positive/);
  });

  // Exact logistic history: K = 1000 MW, k = 0.6/yr, midpoint 2024, sampled 2015–2022.
  const K = 1000;
  const k = 0.6;
  const tm = 2024;
  const logisticHistory = Array.from({ length: 8 }, (_, i) => ({ year: 2015 + i, value: K / (1 + Math.exp(-k * (2015 + i - tm))) }));

  it('logistic with the saturation given recovers k and the midpoint with R² = 1', () => {
    const fit = fitLogisticTrend(logisticHistory, K);
    expect(fit.saturationMW).toBe(K);
    expectClose(fit.steepnessPerYear, k, { rel: 1e-9 }, 'k');
    expectClose(fit.midpointYear, tm, { abs: 1e-7 }, 't_m');
    expectClose(fit.rSquared, 1, { abs: 1e-12 }, 'R²');
  });

  it('logistic without a saturation recovers K, k and the midpoint (R² maximised)', () => {
    const fit = fitLogisticTrend(logisticHistory);
    expectClose(fit.saturationMW, K, { rel: 1e-3 }, 'K');
    expectClose(fit.steepnessPerYear, k, { rel: 1e-3 }, 'k');
    expectClose(fit.midpointYear, tm, { abs: 1e-2 }, 't_m');
    expectClose(fit.rSquared, 1, { abs: 1e-9 }, 'R²');
  });

  it('logistic refuses a saturation at or below the history and too short a history', () => {
    expect(() => fitLogisticTrend(logisticHistory, 200)).toThrow(/exceed/);
    expect(() => fitLogisticTrend(logisticHistory.slice(0, 2))).toThrow(/at least 3/);
  });
});

describe('growthPath: every model', () => {
  it('every model starts at the baseline in the base year and covers base year → end year', () => {
    const historyMW = [
      { year: 2020, value: 50 },
      { year: 2021, value: 70 },
      { year: 2022, value: 100 },
    ];
    const models: Record<GrowthModel['model'], GrowthModel> = {
      cagr: { model: 'cagr', rateFrac: 0.1 },
      linear: { model: 'linear', additionsMWPerYear: 10 },
      logistic: { model: 'logistic', saturationMW: 500, steepnessPerYear: 0.5 },
      additions: { model: 'additions', additionsMW: [{ year: 2024, value: 10 }] },
      milestones: { model: 'milestones', pointsMW: [{ year: 2030, value: 180 }] },
      trend: { model: 'trend', fit: 'exponential' },
      formula: { model: 'formula', expression: '100 MW', capacityMWAt: () => 100 },
    };
    for (const name of GROWTH_MODEL_NAMES) {
      const path = growthPath(makePlan({ capacity: { historyMW, growth: models[name] } }));
      expect(path.model).toBe(name);
      expect(path.baseYear).toBe(2022);
      expect(path.capacityMW.length).toBe(2030 - 2022 + 1);
      expect(path.capacityMW[0]).toBe(100);
    }
  });

  it('cagr, solved: 1125 → 1785.8 → 2834.8 → exactly 4500 MW in 2025, then held', () => {
    const path = growthPath(wendeng({ model: 'cagr' }));
    const r = Math.cbrt(4); // 1 + 58.74 %
    expectClose(path.parameters.rateFrac as number, r - 1, { rel: 1e-14 }, 'solved rate');
    expect(at(path, 2022)).toBe(1125);
    expectClose(at(path, 2023), 1125 * r, TIGHT, '2023');
    expectClose(at(path, 2024), 1125 * r * r, TIGHT, '2024');
    expect(at(path, 2025)).toBe(4500);
    expect(at(path, 2030)).toBe(4500);
    expect(at(path, 2035)).toBe(4500);
    expect(path.capacityMW.length).toBe(2035 - 2022 + 1);
  });

  it('cagr, given: 10 %/yr from 100 MW, held after `untilYear`, then grows at `after`', () => {
    const plan = makePlan({ capacity: { growth: { model: 'cagr', rateFrac: 0.1, untilYear: 2024, after: { rateFrac: 0.05 } } } });
    const path = growthPath(plan);
    expectClose(at(path, 2023), 110, TIGHT, '2023');
    expectClose(at(path, 2024), 121, TIGHT, '2024');
    expectClose(at(path, 2025), 121 * 1.05, TIGHT, '2025 after');
    expectClose(at(path, 2026), 121 * 1.05 * 1.05, TIGHT, '2026 after');
  });

  it('cagr, delayed start (`fromYear`): flat until then, and the solved rate spans from → target year', () => {
    const plan = wendeng({ model: 'cagr', fromYear: 2023 });
    const path = growthPath(plan);
    // ×4 in 2 years: 100 % a year.
    expectClose(path.parameters.rateFrac as number, 1, { rel: 1e-14 }, 'rate');
    expect(at(path, 2023)).toBe(1125);
    expectClose(at(path, 2024), 2250, TIGHT, '2024');
    expect(at(path, 2025)).toBe(4500);
  });

  it('linear, solved: 1125 MW a year (2250, 3375, 4500), then held', () => {
    const path = growthPath(wendeng({ model: 'linear' }));
    expect(path.parameters.additionsMWPerYear).toBe(1125);
    expect(at(path, 2023)).toBe(2250);
    expect(at(path, 2024)).toBe(3375);
    expect(at(path, 2025)).toBe(4500);
    expect(at(path, 2026)).toBe(4500);
  });

  it('linear, given: +100 MW a year to years.end without a target', () => {
    const path = growthPath(makePlan({ capacity: { growth: { model: 'linear', additionsMWPerYear: 100 } } }));
    expect(at(path, 2023)).toBe(200);
    expect(at(path, 2030)).toBe(900);
  });

  it('cagr and linear without a rate or a target are refused', () => {
    expect(() => growthPath(makePlan({ capacity: { growth: { model: 'cagr' } } }))).toThrow(/target/);
    expect(() => growthPath(makePlan({ capacity: { growth: { model: 'linear' } } }))).toThrow(/target/);
  });

  it('logistic, solved through the baseline and the target (K = 6000 MW), closed form in between', () => {
    const path = growthPath(wendeng({ model: 'logistic', saturationMW: 6000 }));
    // Logit L(t) = ln(13/3) − (ln 13 / 3)(t − 2022): L(2023) = ln(13^(2/3)/3), L(2024) = ln(13^(1/3)/3).
    expect(at(path, 2022)).toBe(1125);
    expectClose(at(path, 2023), 6000 / (1 + Math.pow(13, 2 / 3) / 3), TIGHT, '2023');
    expectClose(at(path, 2024), 6000 / (1 + Math.cbrt(13) / 3), TIGHT, '2024');
    expect(at(path, 2025)).toBe(4500);
    // L(2026) = ln(13^(−1/3)/3): past the target the curve keeps rising towards K.
    expectClose(at(path, 2026), 6000 / (1 + 1 / (3 * Math.cbrt(13))), TIGHT, '2026');
    expect(at(path, 2035)).toBeLessThan(6000);
  });

  it('logistic, given steepness: anchored at the baseline', () => {
    const path = growthPath(makePlan({ capacity: { growth: { model: 'logistic', saturationMW: 1000, steepnessPerYear: 0.5 } } }));
    // Midpoint where 1000/(1 + e^(−0.5 (t − tm))) = 100: e^(0.5 (tm − 2022)) = 9; one year later the logit is ln 9 − 0.5.
    expect(path.parameters.midpointYear).toBeCloseTo(2022 + 2 * Math.log(9), 12);
    expectClose(at(path, 2023), 1000 / (1 + 9 * Math.exp(-0.5)), TIGHT, '2023');
  });

  it('additions: a running sum of the listed net additions (same-year entries add up)', () => {
    const plan = makePlan({
      capacity: {
        baselineMW: 10,
        growth: {
          model: 'additions',
          additionsMW: [
            { year: 2023, value: 100 },
            { year: 2025, value: 30 },
            { year: 2025, value: 20 },
          ],
        },
      },
    });
    const path = growthPath(plan);
    expect([...path.capacityMW.slice(0, 5)]).toEqual([10, 110, 110, 160, 160]);
    expect(at(path, 2030)).toBe(160);
  });

  it('milestones: interpolated from the baseline, held after the last point', () => {
    const plan = makePlan({
      endYear: 2032,
      capacity: {
        growth: {
          model: 'milestones',
          pointsMW: [
            { year: 2025, value: 400 },
            { year: 2030, value: 900 },
          ],
        },
      },
    });
    const path = growthPath(plan);
    expect([...path.capacityMW]).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 900, 900]);
  });

  it('trend, exponential: the fitted 30 %/yr applied to the baseline, with R² = 1', () => {
    const historyMW = Array.from({ length: 8 }, (_, i) => ({ year: 2015 + i, value: 50 * Math.pow(1.3, i) }));
    const baselineMW = historyMW[7]!.value;
    const path = growthPath(makePlan({ capacity: { baselineMW, historyMW, growth: { model: 'trend', fit: 'exponential' } } }));
    expectClose(path.parameters.rateFrac as number, 0.3, { rel: 1e-10 }, 'rate');
    expectClose(path.rSquared!, 1, { abs: 1e-12 }, 'R²');
    expectClose(at(path, 2024), baselineMW * 1.69, { rel: 1e-9 }, '2024');
  });

  it('trend, logistic: the fitted S-curve continues the history (K = 1000, k = 0.6, t_m = 2024)', () => {
    const f = (t: number) => 1000 / (1 + Math.exp(-0.6 * (t - 2024)));
    const historyMW = Array.from({ length: 8 }, (_, i) => ({ year: 2015 + i, value: f(2015 + i) }));
    const plan = makePlan({ capacity: { baselineMW: f(2022), historyMW, growth: { model: 'trend', fit: 'logistic', saturationMW: 1000 } } });
    const path = growthPath(plan);
    expectClose(path.rSquared!, 1, { abs: 1e-12 }, 'R²');
    expectClose(path.parameters.midpointYear as number, 2024, { abs: 1e-7 }, 't_m');
    expectClose(at(path, 2024), 500, { rel: 1e-9 }, 'midpoint K/2');
    expectClose(at(path, 2030), f(2030), { rel: 1e-9 }, '2030');
  });

  it('formula: the compiled expression gives the path (1125 MW × 1.587^(year − 2022))', () => {
    const expression = '1125 MW * 1.587^(year - 2022)';
    const path = growthPath(makePlan({ capacity: { baselineMW: 1125, growth: { model: 'formula', expression, capacityMWAt: compileCapacityFormula(expression) } } }));
    // 1.587² = 2.518569; 1.587³ = 3.996969003.
    expectClose(at(path, 2024), 1125 * 2.518569, TIGHT, '2024');
    expectClose(at(path, 2025), 1125 * 3.996969003, TIGHT, '2025');
    expect(path.parameters.expression).toBe(expression);
  });
});
