/**
 * Sensitivity estimators against analytic values. The Saltelli (2010) first-order and Jansen (1999) total-effect
 * estimators are means of N terms, so their error is z·σ_term/√N (plus the relative error of the variance,
 * ≈ √((κ − 1)/2N) with kurtosis κ ≤ 3 here); the tolerances below derive σ_term analytically and use z = 5
 * (the draws are seeded, so a test either always passes or always fails).
 */
import { describe, expect, it } from 'vitest';
import { fillUniforms } from '../../../src/core/uncertainty/random.ts';
import { accumulateSobol, createSobolSums, rankCorrelation, sobolIndices, tornado, WEATHER_INPUT, type SobolModel } from '../../../src/core/uncertainty/sensitivity.ts';
import { simulatePlan } from '../../../src/core/plan/simulate.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { scenarioFromText, SOME_ZERO_SPREAD_INPUTS, SOME_ZERO_SPREAD_YAML, uncertainWendeng } from '../../mc/scenarios.ts';

const Z = 5;

/** Runs the radial design with N rows: A from stream s index r, B from index N + r (as the plan sensitivity does). */
function sobolOf(model: SobolModel, groups: number[][], n: number, seed: number) {
  const k = model.dimension;
  const a = new Float64Array(n * k);
  const b = new Float64Array(n * k);
  const col = new Float64Array(n);
  for (let s = 0; s < k; s++) {
    fillUniforms(seed, s, 0, col);
    for (let r = 0; r < n; r++) a[r * k + s] = col[r]!;
    fillUniforms(seed, s, n, col);
    for (let r = 0; r < n; r++) b[r * k + s] = col[r]!;
  }
  const sums = createSobolSums(model.outputs, groups);
  accumulateSobol(model, a, b, n, sums);
  return { ...sobolIndices(sums), firstRowA: a.subarray(0, k) };
}

describe('Sobol indices (Saltelli 2010 first order, Jansen 1999 total effect)', () => {
  it('match the analytic indices of an additive model, S_i = ST_i = c_i² / Σc², within tolerances derived from N', () => {
    // f(u) = Σ c_i (u_i − ½), u_i ~ U(0, 1): V_i = c_i²/12, V = Σc²/12; the last input has no effect.
    const c = [1, 2, 3, 4, 0];
    const model: SobolModel = {
      dimension: c.length,
      outputs: 1,
      evaluate(u, out) {
        let f = 0;
        for (let i = 0; i < c.length; i++) f += c[i]! * (u[i]! - 0.5);
        out[0] = f;
      },
    };
    const n = 2 ** 18;
    const { variance, indices, firstRowA } = sobolOf(model, c.map((_, i) => [i]), n, 11);
    const sumC2 = c.reduce((s, x) => s + x * x, 0);
    const v = sumC2 / 12;
    // The estimator centres f(B) on its first f(A) (core/sensitivity.ts), a constant c₀.
    const shift = new Float64Array(1);
    model.evaluate(firstRowA, shift);
    const c0 = shift[0]!;
    expectClose(variance[0]!, v, { rel: (Z * Math.sqrt(2)) / Math.sqrt(2 * n) }, 'variance');
    c.forEach((ci, i) => {
      const s = (ci * ci) / sumC2;
      // First order: term = (f(B) − c₀)·c_i(β_i − α_i) with β, α ~ U(−½, ½) independent:
      // E[term²] = c_i²[c_i²(E β⁴ + E β²/12) + (Σ_{k≠i} c_k²/12 + c₀²)·(2/12)], E β² = 1/12, E β⁴ = 1/80.
      const rest = sumC2 - ci * ci;
      const sigmaFirst = Math.abs(ci) * Math.sqrt(ci * ci * (1 / 80 + 1 / 144) + (rest / 12 + c0 * c0) / 6);
      // Total effect: term = ½c_i²(α − β)², α − β triangular on [−1, 1]: Var = ¼c_i⁴(1/15 − 1/36).
      const sigmaTotal = 0.5 * ci * ci * Math.sqrt(1 / 15 - 1 / 36);
      const idx = indices[0]![i]!;
      expectClose(idx.firstOrder, s, { abs: (Z * (sigmaFirst / v + s)) / Math.sqrt(n) }, `S${i + 1}`);
      expectClose(idx.totalEffect, s, { abs: (Z * (sigmaTotal / v + s)) / Math.sqrt(n) }, `ST${i + 1}`);
    });
    // An input with no effect changes nothing in A_B^i: both estimators are exactly 0.
    expect(indices[0]![4]).toMatchObject({ firstOrder: 0, totalEffect: 0 });
  });

  it('match the Ishigami function (a = 7, b = 0.1) within 5 standard errors', () => {
    // Ishigami & Homma (1990); analytic indices as tabulated by Saltelli et al. (2010) §4 and Sobol' & Levitan (1999):
    // V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½, V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V3 = 0, V13 = b²π⁸(1/18 − 1/50).
    const a = 7;
    const b = 0.1;
    const pi = Math.PI;
    const v = (a * a) / 8 + (b * pi ** 4) / 5 + (b * b * pi ** 8) / 18 + 0.5;
    const v1 = 0.5 * (1 + (b * pi ** 4) / 5) ** 2;
    const v2 = (a * a) / 8;
    const v13 = b * b * pi ** 8 * (1 / 18 - 1 / 50);
    const expected = [
      { first: v1 / v, total: (v1 + v13) / v },
      { first: v2 / v, total: v2 / v },
      { first: 0, total: v13 / v },
    ];
    const model: SobolModel = {
      dimension: 3,
      outputs: 1,
      evaluate(u, out) {
        const [x1, x2, x3] = [0, 1, 2].map((i) => -pi + 2 * pi * u[i]!) as [number, number, number];
        out[0] = Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
      },
    };
    const n = 2 ** 16;
    const { indices } = sobolOf(model, [[0], [1], [2]], n, 3);
    expected.forEach((e, i) => {
      const idx = indices[0]![i]!;
      expectClose(idx.firstOrder, e.first, { abs: Z * idx.firstOrderSe + (Z * e.first) / Math.sqrt(n) }, `S${i + 1}`);
      expectClose(idx.totalEffect, e.total, { abs: Z * idx.totalEffectSe + (Z * e.total) / Math.sqrt(n) }, `ST${i + 1}`);
    });
  });

  it('gives NaN, not a division by zero, for an output that does not vary', () => {
    const model: SobolModel = { dimension: 2, outputs: 1, evaluate: (_u, out) => void (out[0] = 3) };
    const { variance, indices } = sobolOf(model, [[0], [1]], 64, 1);
    expect(variance[0]).toBe(0);
    expect(Number.isNaN(indices[0]![0]!.firstOrder)).toBe(true);
  });
});

describe('rankCorrelation', () => {
  it('is 1 for a monotone relation, −1 for a decreasing one, NaN for a constant', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i);
    expect(rankCorrelation(x, x.map((v) => v ** 3))).toBeCloseTo(1, 12);
    expect(rankCorrelation(x, x.map((v) => -Math.exp(v / 10)))).toBeCloseTo(-1, 12);
    expect(Number.isNaN(rankCorrelation(x, new Float64Array(50).fill(2)))).toBe(true);
  });
});

describe('tornado', () => {
  it('centres on the deterministic run and moves each input to its P10 and P90', () => {
    const resolved = uncertainWendeng();
    const det = simulatePlan(resolved.plan).years;
    const row = (year: number) => det.find((r) => r.year === year)!;
    const { base, bars } = tornado(resolved, [{ metric: 'capacityMW', year: 2025 }, { metric: 'cumulativeCoalTonnes', year: 2035 }]);
    expect(base).toEqual([row(2025).capacityMW, row(2035).cumulativeCoalTonnes]);
    const names = bars[0]!.map((b) => b.input);
    expect(new Set(names)).toEqual(new Set([...resolved.uncertainty.parameters.map((p) => p.name), WEATHER_INPUT]));
    // Capacity depends on the growth rate only: the biggest bar, rising with the rate; every other swing is 0.
    expect(bars[0]![0]).toMatchObject({ input: 'capacity.growth.rate' });
    expect(bars[0]![0]!.atHigh).toBeGreaterThan(bars[0]![0]!.atLow);
    for (const b of bars[0]!.slice(1)) expect(b.swing).toBe(0);
    for (const list of bars) for (let i = 1; i < list.length; i++) expect(list[i]!.swing).toBeLessThanOrEqual(list[i - 1]!.swing);
    // More curtailment, less coal saved.
    const curtailment = bars[1]!.find((b) => b.input === 'yield.curtailment')!;
    expect(curtailment.atHigh).toBeLessThan(curtailment.atLow);
  });

  it('gives a zero swing to inputs with zero spread', () => {
    const resolved = scenarioFromText(SOME_ZERO_SPREAD_YAML, 'zero-some');
    const { bars } = tornado(resolved, [{ metric: 'energyMWh', year: 2026 }]);
    for (const name of SOME_ZERO_SPREAD_INPUTS) expect(bars[0]!.find((b) => b.input === name)!.swing).toBe(0);
    expect(bars[0]!.find((b) => b.input === 'yield.curtailment')!.swing).toBeGreaterThan(0);
  });
});
