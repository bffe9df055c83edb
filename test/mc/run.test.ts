/**
 * runMonteCarlo end to end in the test process: determinism across thread counts (the worker path runs the
 * built dist/mc-worker.js, as the installed CLI does), memory passes, zero-spread scenarios against `run`,
 * deterministic targets, option checks, progress and abort.
 */
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDrawer, MC_METRICS } from '../../src/core/uncertainty/monte-carlo.ts';
import { runChunk } from '../../src/mc/chunk.ts';
import { CHUNK_DRAWS, McAbortError, McOptionError, runMonteCarlo, threadsFor, type ChunkExecutor } from '../../src/mc/run.ts';
import { runReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { SCENARIOS, scenarioFromText, uncertainWendeng, ZERO_SPREAD_YAML } from './scenarios.ts';

const resolved = uncertainWendeng();

// Workers run the built bundle: this run's private snapshot of dist/, safe from a concurrent `npm run build`.
beforeAll(() => {
  process.env.PVPLAN_MC_WORKER = join(dirname(inject('pvplanCli')), 'mc-worker.js');
});

describe('runMonteCarlo: determinism', () => {
  // 10 chunks, so that 8 threads all get work.
  const draws = 10 * CHUNK_DRAWS - 123;

  it('gives byte-identical reports with 1, 2 and 8 threads (the worker path included)', async () => {
    const json = await Promise.all([1, 2, 8].map(async (threads) => JSON.stringify(await runMonteCarlo(resolved, { draws, seed: 2024, threads, quantiles: [0.05, 0.95] }))));
    expect(threadsFor(8, draws, 14)).toBe(8);
    expect(json[1]).toBe(json[0]);
    expect(json[2]).toBe(json[0]);
  }, 120_000);

  it('gives the same report when every chunk gets a fresh result buffer as when each lane reuses its own', async () => {
    const drawer = createDrawer(resolved);
    const buffersSeen = new Set<ArrayBufferLike>();
    const inThread = (movesBuffers: boolean): ChunkExecutor => ({
      lanes: 3,
      movesBuffers,
      run: async (task) => {
        if (!movesBuffers) expect(task.out).toBeUndefined();
        const data = runChunk(drawer, task).data;
        buffersSeen.add(data.buffer);
        return data;
      },
    });
    // Small passes, so that buffers are reused across passes of different widths and the short last chunk.
    const options = { draws: 3 * CHUNK_DRAWS + 77, seed: 11, memoryBudgetBytes: (3 * CHUNK_DRAWS + 77) * 8 * 30 };
    const fresh = JSON.stringify(await runMonteCarlo(resolved, { ...options, executor: inThread(false) }));
    const freshBuffers = buffersSeen.size;
    buffersSeen.clear();
    const reused = JSON.stringify(await runMonteCarlo(resolved, { ...options, executor: inThread(true) }));
    expect(buffersSeen.size).toBeLessThanOrEqual(3);
    expect(freshBuffers).toBeGreaterThan(3);
    expect(reused).toBe(fresh);
    for (const threads of [1, 2]) expect(JSON.stringify(await runMonteCarlo(resolved, { ...options, threads }))).toBe(fresh);
  }, 60_000);

  it('gives the same report when a small memory budget splits the run into passes', async () => {
    const one = await runMonteCarlo(resolved, { draws: 3000, seed: 5, threads: 1 });
    // 3000 draws × 8 B × 7 columns: 11 passes over the 70 stored columns.
    const passes = await runMonteCarlo(resolved, { draws: 3000, seed: 5, threads: 1, memoryBudgetBytes: 3000 * 8 * 7 });
    expect(JSON.stringify(passes)).toBe(JSON.stringify(one));
  });

  it('gives different draws for a different seed, and the same for the same seed', async () => {
    const a = await runMonteCarlo(resolved, { draws: 500, seed: 1, threads: 1 });
    const b = await runMonteCarlo(resolved, { draws: 500, seed: 2, threads: 1 });
    const c = await runMonteCarlo(resolved, { draws: 500, seed: 1, threads: 1 });
    expect(a.years[5]!.energyMWh.mean).not.toBe(b.years[5]!.energyMWh.mean);
    expect(JSON.stringify(c)).toBe(JSON.stringify(a));
  });
});

describe('runMonteCarlo: against the deterministic run', () => {
  it('reproduces `run` bit for bit when every distribution has zero spread (all metrics, all years, every statistic), in one pass or several', async () => {
    // Also with years.start after the base year, where the cumulative sums start later than the simulation.
    for (const [memoryBudgetBytes, yaml] of [
      [undefined, ZERO_SPREAD_YAML],
      [700 * 8 * 3, ZERO_SPREAD_YAML],
      [undefined, ZERO_SPREAD_YAML.replace('years: { start: 2022, end: 2035 }', 'years: { start: 2024, end: 2035 }')],
    ] as const) {
      const zero = scenarioFromText(yaml, 'zero-spread');
      const det = runReport(zero).years;
      const report = await runMonteCarlo(zero, { draws: 700, seed: 3, threads: 1, quantiles: [0, 0.05, 0.95, 1], ...(memoryBudgetBytes ? { memoryBudgetBytes } : {}) });
      expect(report.years.map((y) => y.year)).toEqual(det.map((r) => r.year));
      report.years.forEach((y, k) => {
        for (const m of MC_METRICS) {
          const v = det[k]![m];
          expect(y[m]).toEqual({ mean: v, sd: 0, p10: v, p50: v, p90: v, p00: v, p05: v, p95: v, p100: v });
        }
      });
    }
  });

  it('gives probability 1 or 0 for deterministic plans, with the year first met', async () => {
    const met = await runMonteCarlo(loadScenario(`${SCENARIOS}/wendeng-2025.yaml`), { draws: 100, seed: 1, threads: 1 });
    expect(met.target).toMatchObject({ year: 2025, capacityMW: 4500, probabilityMet: 1, yearMetDistribution: [{ year: 2025, draws: 100, probability: 1 }] });
    const delayed = await runMonteCarlo(loadScenario(`${SCENARIOS}/wendeng-2025-delayed.yaml`), { draws: 100, seed: 1, threads: 1 });
    expect(delayed.target).toMatchObject({ probabilityMet: 0, yearMetDistribution: [{ year: 2026, draws: 100, probability: 1 }] });
  });

  it('gives the energy and coal targets their probabilities too, 0 or 1 as `run` says when nothing varies', async () => {
    const yaml = ZERO_SPREAD_YAML.replace('target: { capacity: 450万千瓦, year: 2025 }', 'target: { capacity: 450万千瓦, energy: 10亿 kWh, coal: 900万 t, year: 2025 }');
    const zero = scenarioFromText(yaml, 'zero-spread-targets');
    const det = runReport(zero).target!;
    expect([det.energyMet, det.coalMet]).toEqual([true, false]);
    const report = await runMonteCarlo(zero, { draws: 50, seed: 1, threads: 1 });
    expect(report.target).toMatchObject({ energyMWh: 1e6, probabilityEnergyMet: 1, coalTonnes: 9e6, probabilityCoalMet: 0 });
  });

  it('reports the inputs with their own P10/P50/P90, the P50 being what `run` uses', async () => {
    const report = await runMonteCarlo(resolved, { draws: 10, seed: 1, threads: 1 });
    expect(report.inputs.parameters.map((p) => p.name)).toEqual(['capacity.growth.rate', 'yield.value', 'capacity.constructionLagYears', 'yield.degradation.annual', 'yield.curtailment']);
    expect(report.inputs.parameters.find((p) => p.name === 'capacity.constructionLagYears')).toMatchObject({ p10: 0, p50: 1, p90: 2 });
    expect(report.inputs.parameters.find((p) => p.name === 'capacity.growth.rate')!.p50).toBe(resolved.plan.capacity.growth.model === 'cagr' ? resolved.plan.capacity.growth.rateFrac : Number.NaN);
    expect(report.inputs.correlations).toEqual([{ between: ['capacity.growth.rate', 'yield.curtailment'], rank: 0.4 }]);
    expect(report.inputs.interannualSdFrac).toBe(0.04);
  });
});

describe('runMonteCarlo: options, progress and abort', () => {
  it('rejects options out of range, naming them', async () => {
    for (const [opts, message] of [
      [{ draws: 0, seed: 1 }, /draws must be a whole number/],
      [{ draws: 1.5, seed: 1 }, /draws/],
      [{ draws: 10, seed: -1 }, /seed must be/],
      [{ draws: 10, seed: 1, threads: 0 }, /threads must be 'auto' or a whole number/],
      [{ draws: 10, seed: 1, quantiles: [1.5] }, /quantiles must lie between 0 and 1/],
    ] as const) {
      await expect(runMonteCarlo(resolved, opts)).rejects.toThrow(McOptionError);
      await expect(runMonteCarlo(resolved, opts)).rejects.toThrow(message);
    }
  });

  it('reports progress up to draws × passes', async () => {
    const seen: Array<[number, number]> = [];
    await runMonteCarlo(resolved, { draws: 2 * CHUNK_DRAWS + 5, seed: 1, threads: 1, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.map(([d]) => d)).toEqual([CHUNK_DRAWS, 2 * CHUNK_DRAWS, 2 * CHUNK_DRAWS + 5]);
    expect(seen.every(([, t]) => t === 2 * CHUNK_DRAWS + 5)).toBe(true);
  });

  it('stops with McAbortError when aborted, before or during a run, in this thread or with workers', async () => {
    await expect(runMonteCarlo(resolved, { draws: 10, seed: 1, signal: AbortSignal.abort() })).rejects.toThrow(McAbortError);
    for (const threads of [1, 2]) {
      const controller = new AbortController();
      const t0 = performance.now();
      const run = runMonteCarlo(resolved, { draws: 400_000, seed: 1, threads, signal: controller.signal, onProgress: () => controller.abort() });
      await expect(run).rejects.toThrow(McAbortError);
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  }, 60_000);

  it("uses workers under 'auto' only for large runs, never more than there are chunks", () => {
    expect(threadsFor('auto', 10_000, 14)).toBe(1);
    expect(threadsFor(8, 100, 14)).toBe(1);
    expect(threadsFor(2, 3 * CHUNK_DRAWS, 14)).toBe(2);
    expect(threadsFor('auto', 1_000_000, 14)).toBeGreaterThanOrEqual(1);
  });
});
