/**
 * runSensitivity on the shipped uncertain Wendeng scenario and on variants: default outputs, the tornado's
 * centre equal to `run`, zero-spread inputs with zero swing and zero indices, an output driven by one input,
 * reproducibility by seed, and option checks.
 */
import { describe, expect, it } from 'vitest';
import { WEATHER_INPUT } from '../../src/core/uncertainty/sensitivity.ts';
import { McOptionError } from '../../src/mc/run.ts';
import { defaultSensitivityOutputs, runSensitivity } from '../../src/mc/sensitivity.ts';
import { runReport } from '../../src/report/run.ts';
import { scenarioFromText, SOME_ZERO_SPREAD_INPUTS, SOME_ZERO_SPREAD_YAML, uncertainWendeng } from './scenarios.ts';

const resolved = uncertainWendeng();
const run = runReport(resolved).years;
const at = (year: number) => run.find((r) => r.year === year)!;

describe('runSensitivity', () => {
  it('explains energy in the target year and cumulative coal to the end year by default, centred on `run`', async () => {
    expect(defaultSensitivityOutputs(resolved)).toEqual([
      { metric: 'energyMWh', year: 2025 },
      { metric: 'cumulativeCoalTonnes', year: 2035 },
    ]);
    const report = await runSensitivity(resolved, { draws: 1024, seed: 7 });
    expect(report.outputs.map((o) => [o.metric, o.year])).toEqual([
      ['energyMWh', 2025],
      ['cumulativeCoalTonnes', 2035],
    ]);
    expect(report.outputs[0]!.central).toBe(at(2025).energyMWh);
    expect(report.outputs[1]!.central).toBe(at(2035).cumulativeCoalTonnes);
    const inputs = [...resolved.uncertainty.parameters.map((p) => p.name), WEATHER_INPUT];
    // k = 6 input groups: N·(k + 2) Sobol runs + N rank-correlation runs + 1 + 2k tornado runs.
    expect(report.evaluations).toBe(1024 * 9 + 13);
    for (const o of report.outputs) {
      expect(new Set(o.inputs.map((x) => x.input))).toEqual(new Set(inputs));
      expect(new Set(o.tornado.map((x) => x.input))).toEqual(new Set(inputs));
      for (const x of o.inputs) {
        // Indices are shares of the variance: within [0, 1] up to their sampling error; ST ≥ S1 up to it too.
        expect(x.firstOrder!).toBeGreaterThan(-5 * x.firstOrderSe! - 1e-12);
        expect(x.totalEffect!).toBeLessThan(1 + 5 * x.totalEffectSe!);
        expect(x.totalEffect! + 5 * (x.totalEffectSe! + x.firstOrderSe!)).toBeGreaterThanOrEqual(x.firstOrder!);
        expect(Math.abs(x.rankCorrelation!)).toBeLessThanOrEqual(1);
      }
      const ranked = o.inputs.map((x) => x.totalEffect!);
      for (let i = 1; i < ranked.length; i++) expect(ranked[i]).toBeLessThanOrEqual(ranked[i - 1]!);
    }
  });

  it('puts an output that depends on one input entirely on it: capacity on the growth rate', async () => {
    const report = await runSensitivity(resolved, { draws: 2048, seed: 3, outputs: [{ metric: 'capacityMW', year: 2025 }] });
    const [top, ...rest] = report.outputs[0]!.inputs;
    expect(top!.input).toBe('capacity.growth.rate');
    // Capacity is a function of the rate alone: f(A_B^rate) = f(B) and f(A_B^other) = f(A) exactly.
    expect(top!.totalEffect).toBeCloseTo(1, 1);
    expect(top!.rankCorrelation).toBeCloseTo(1, 12);
    for (const x of rest) {
      expect(x.firstOrder).toBe(0);
      expect(x.totalEffect).toBe(0);
    }
  });

  it('gives inputs with zero spread zero swing, zero indices and no rank correlation', async () => {
    const some = scenarioFromText(SOME_ZERO_SPREAD_YAML, 'zero-some');
    const report = await runSensitivity(some, { draws: 512, seed: 1 });
    for (const o of report.outputs) {
      for (const name of SOME_ZERO_SPREAD_INPUTS) {
        expect(o.tornado.find((b) => b.input === name)!.swing).toBe(0);
        expect(o.inputs.find((x) => x.input === name)).toMatchObject({ firstOrder: 0, totalEffect: 0, rankCorrelation: null });
      }
    }
  });

  it('is reproducible by seed', async () => {
    const a = await runSensitivity(resolved, { draws: 300, seed: 5 });
    const b = await runSensitivity(resolved, { draws: 300, seed: 5 });
    const c = await runSensitivity(resolved, { draws: 300, seed: 6 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('rejects bad options, naming them', async () => {
    await expect(runSensitivity(resolved, { draws: 1, seed: 1 })).rejects.toThrow(McOptionError);
    await expect(runSensitivity(resolved, { draws: 10, seed: 1, outputs: [{ metric: 'energyMWh', year: 2040 }] })).rejects.toThrow(/year must be between 2022 and 2035/);
  });
});
