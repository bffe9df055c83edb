// Reference tests of the perfect-foresight LP (solved by HiGHS), its failure path and the rolling horizon.
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchGreedy } from '../../../src/core/storage/greedy.ts';
import { buildDispatchLp, dispatchObjective, dispatchOptimal, LpSolveError, type LpSolver } from '../../../src/core/storage/optimal.ts';
import type { DispatchSystem, StorageSpec } from '../../../src/core/storage/system.ts';
import { loadHighsSolver } from '../../../src/scenario/lp-solver.ts';
import { expectClose } from '../../helpers/expect-close.ts';

let solve: LpSolver;
beforeAll(async () => {
  solve = await loadHighsSolver();
});

// 10 MW / 10 MWh, η = 0.81 (0.9 each way), SOC 0–100 %, empty at the start.
const STORAGE: StorageSpec = { powerMW: 10, energyMWh: 10, roundTripEfficiencyFrac: 0.81, socMinFrac: 0, socMaxFrac: 1, socInitialFrac: 0, selfDischargeFracPerHour: 0 };
// 20 MW in the first hour, nothing after; limit 10 MW; the energy is worth 0, 0, 500 yuan/MWh.
const SYSTEM: DispatchSystem = { generationMW: Float64Array.from([20, 0, 0]), stepHours: 1, exportLimitMW: 10, storage: STORAGE, priceYuanPerMWh: Float64Array.from([0, 0, 500]) };

describe('dispatchOptimal, by hand', () => {
  it('holds the stored energy for the valuable hour, where greedy spends it at once', () => {
    // Hour 0: 10 MW exported, 10 MW charged → 9 MWh stored. Greedy discharges 9·0.9 = 8.1 MW in hour 1 (price 0):
    // revenue 0. The LP waits for hour 2: 8.1 MWh × 500 = 4050 yuan.
    const greedy = dispatchGreedy(SYSTEM);
    expectClose(dispatchObjective(SYSTEM, greedy), 0, { abs: 1e-9 }, 'greedy revenue');
    const optimal = dispatchOptimal(SYSTEM, solve);
    expectClose(dispatchObjective(SYSTEM, optimal), 4050, { rel: 1e-6 }, 'optimal revenue');
    expectClose(optimal.dischargeMW[2]!, 8.1, { abs: 1e-6 }, 'discharge in hour 2');
    expectClose(optimal.dischargeMW[1]!, 0, { abs: 1e-6 }, 'no discharge in hour 1');
  });

  it('without prices maximises the exported energy (here as greedy: 10 + 8.1 MWh)', () => {
    const { priceYuanPerMWh: _, ...energyOnly } = SYSTEM;
    expectClose(dispatchObjective(energyOnly, dispatchOptimal(energyOnly, solve)), 18.1, { rel: 1e-6 }, 'exported MWh');
  });

  it('never charges and discharges in the same hour (the tie-break)', () => {
    // Limit 5 MW, 12 MW for six hours: the battery fills and stays full; cycling would only add losses.
    const sys: DispatchSystem = { generationMW: new Float64Array(6).fill(12), stepHours: 1, exportLimitMW: 5, storage: { ...STORAGE, socInitialFrac: 0.5 } };
    const h = dispatchOptimal(sys, solve);
    for (let t = 0; t < 6; t++) expect(Math.min(h.chargeMW[t]!, h.dischargeMW[t]!)).toBeLessThan(1e-7);
  });

  it('builds 4 columns, 3 rows and 8 entries per step less one', () => {
    const lp = buildDispatchLp(SYSTEM, 0, 3, 0);
    expect([lp.numCols, lp.numRows, lp.matrix.indices.length, lp.matrix.starts[lp.numCols]]).toEqual([12, 9, 23, 23]);
  });

  it('reports the solver status when the LP is not solved, never a silent zero', () => {
    const failing: LpSolver = (lp) => ({ status: 'Time limit reached', optimal: false, colValue: new Float64Array(lp.numCols) });
    expect(() => dispatchOptimal(SYSTEM, failing)).toThrow(LpSolveError);
    expect(() => dispatchOptimal(SYSTEM, failing)).toThrow(/status 'Time limit reached' on the whole series/);
    expect(() => dispatchOptimal(SYSTEM, failing, { horizonSteps: 2 })).toThrow(/window of steps 1–2/);
  });
});

describe('rolling horizon', () => {
  // Two days of a PV-like day: 0 at night, 30 MW at noon; limit 15 MW; evening prices high.
  const day = [0, 0, 0, 0, 0, 0, 2, 8, 15, 22, 27, 30, 30, 27, 22, 15, 8, 2, 0, 0, 0, 0, 0, 0];
  const price = [200, 200, 200, 200, 200, 250, 300, 300, 250, 200, 150, 100, 100, 150, 200, 300, 500, 700, 800, 700, 500, 400, 300, 250];
  const sys: DispatchSystem = {
    generationMW: Float64Array.from([...day, ...day.map((g) => g * 0.8)]),
    stepHours: 1,
    exportLimitMW: 15,
    storage: { powerMW: 8, energyMWh: 30, roundTripEfficiencyFrac: 0.88, socMinFrac: 0.1, socMaxFrac: 0.95, socInitialFrac: 0.5, selfDischargeFracPerHour: 0.001 },
    priceYuanPerMWh: Float64Array.from([...price, ...price]),
  };

  it('with a horizon as long as the series equals the single LP', () => {
    const whole = dispatchObjective(sys, dispatchOptimal(sys, solve));
    expectClose(dispatchObjective(sys, dispatchOptimal(sys, solve, { horizonSteps: 48 })), whole, { rel: 1e-9 }, 'same LP');
  });

  it('is never better than perfect foresight, and never worse than greedy here', () => {
    const whole = dispatchObjective(sys, dispatchOptimal(sys, solve));
    const rolling = dispatchObjective(sys, dispatchOptimal(sys, solve, { horizonSteps: 12 }));
    const greedy = dispatchObjective(sys, dispatchGreedy(sys));
    expect(rolling).toBeLessThanOrEqual(whole * (1 + 1e-6));
    expect(whole).toBeGreaterThan(greedy);
  });
});
