// Reference tests of the greedy rule on series small enough to follow by hand (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import { dispatchGreedy } from '../../../src/core/storage/greedy.ts';
import { summarizeDispatch } from '../../../src/core/storage/results.ts';
import { NO_STORAGE, storageSizeFromRatio, type DispatchSystem, type StorageSpec } from '../../../src/core/storage/system.ts';
import { PlanError } from '../../../src/core/errors.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const TOL = { abs: 1e-9 };
const closeAll = (actual: Float64Array, expected: number[], label: string) => expected.forEach((e, i) => expectClose(actual[i]!, e, TOL, `${label}[${i}]`));

// L = 10 MW, P = 5 MW, E = 10 MWh, η = 0.81 so ηc = ηd = 0.9, SOC 10–100 % (1–10 MWh), start 50 % (5 MWh).
const STORAGE: StorageSpec = { powerMW: 5, energyMWh: 10, roundTripEfficiencyFrac: 0.81, socMinFrac: 0.1, socMaxFrac: 1, socInitialFrac: 0.5, selfDischargeFracPerHour: 0 };
const SYSTEM: DispatchSystem = { generationMW: Float64Array.from([17, 18, 4, 9, 2, 12]), stepHours: 1, exportLimitMW: 10, storage: STORAGE };

describe('dispatchGreedy, by hand', () => {
  // t0: G 17 > 10, surplus 7; charge = min(7, 5, (10 − 5)/0.9 = 5.556) = 5 (the power); curtailed 2; SOC 5 + 0.9·5 = 9.5; export 10.
  // t1: G 18, surplus 8; charge = min(8, 5, (10 − 9.5)/0.9 = 0.5556) = 0.5556; SOC 10; curtailed 8 − 0.5556 = 7.4444.
  // t2: G 4, headroom 6; discharge = min(5, 6, (10 − 1)·0.9 = 8.1) = 5; SOC 10 − 5/0.9 = 4.4444; export 9.
  // t3: G 9, headroom 1; discharge = min(5, 1, 3.1) = 1; SOC 4.4444 − 1/0.9 = 3.3333; export 10.
  // t4: G 2, headroom 8; discharge = min(5, 8, (3.3333 − 1)·0.9 = 2.1) = 2.1; SOC 1; export 4.1.
  // t5: G 12, surplus 2; charge = min(2, 5, (10 − 1)/0.9 = 10) = 2; SOC 1 + 1.8 = 2.8; export 10.
  const h = dispatchGreedy(SYSTEM);
  it('follows the rule step by step', () => {
    closeAll(h.chargeMW, [5, 0.5 / 0.9, 0, 0, 0, 2], 'charge');
    closeAll(h.dischargeMW, [0, 0, 5, 1, 2.1, 0], 'discharge');
    closeAll(h.curtailedMW, [2, 8 - 0.5 / 0.9, 0, 0, 0, 0], 'curtailed');
    closeAll(h.exportMW, [10, 10, 9, 10, 4.1, 10], 'export');
    closeAll(h.socMWh, [9.5, 10, 10 - 5 / 0.9, 10 - 6 / 0.9, 1, 2.8], 'soc');
  });

  it('sums to the hand totals', () => {
    const s = summarizeDispatch(SYSTEM, h);
    // generation 62; delivered 10+10+9+10+4.1+10 = 53.1; curtailed 2 + 7.4444 = 9.4444 (÷ 62 = 0.152330);
    // charged 5 + 0.5556 + 2 = 7.5556; discharged 8.1; cycles 8.1 / (0.9 · 10) = 0.9; final SOC 2.8/10;
    // losses: 10 % of the charge (0.75556) + 8.1/0.9 − 8.1 = 0.9 on discharge = 1.65556.
    expectClose(s.generationMWh, 62, TOL, 'generation');
    expectClose(s.deliveredMWh, 53.1, TOL, 'delivered');
    expectClose(s.curtailedMWh, 10 - 0.5 / 0.9, TOL, 'curtailed');
    expectClose(s.curtailmentFrac, 0.1523297491, { abs: 1e-9 }, 'curtailment');
    expectClose(s.chargedMWh, 7 + 0.5 / 0.9, TOL, 'charged');
    expectClose(s.dischargedMWh, 8.1, TOL, 'discharged');
    expectClose(s.equivalentFullCycles, 0.9, TOL, 'cycles');
    expectClose(s.finalSocFrac, 0.28, TOL, 'final SOC');
    expectClose(s.storageLossMWh, 0.1 * (7 + 0.5 / 0.9) + 0.9, TOL, 'losses');
    expect(s.revenueYuan).toBeUndefined();
  });

  it('adds revenue at the given prices', () => {
    // Σ price·export = 100·10 + 200·10 + 300·9 + 0·10 + (−50)·4.1 + 100·10 = 6495 yuan.
    const s = summarizeDispatch({ ...SYSTEM, priceYuanPerMWh: Float64Array.from([100, 200, 300, 0, -50, 100]) }, h);
    expectClose(s.revenueYuan!, 6495, TOL, 'revenue');
  });

  it('loses the self-discharge on the energy above the SOC minimum', () => {
    // G = L: no surplus, no headroom. σ = 10 %/h, SOC min 1 MWh, start 5 MWh: 1 + 0.9·4 = 4.6, then 1 + 0.9·3.6 = 4.24.
    const h2 = dispatchGreedy({ ...SYSTEM, generationMW: Float64Array.from([10, 10]), storage: { ...STORAGE, selfDischargeFracPerHour: 0.1 } });
    closeAll(h2.socMWh, [4.6, 4.24], 'soc');
  });

  it('with a 2-hour step counts energy as power × 2 h and compounds self-discharge', () => {
    // Δt = 2 h, σ = 10 %/h → keep 0.81. G 13 MW > 10: surplus 3 MW; charge = min(3, 5, (10 − (1 + 0.81·4))/(0.9·2) = 3.2) = 3;
    // SOC 1 + 3.24 + 0.9·3·2 = 9.64 MWh.
    const h3 = dispatchGreedy({ ...SYSTEM, stepHours: 2, generationMW: Float64Array.from([13]), storage: { ...STORAGE, selfDischargeFracPerHour: 0.1 } });
    closeAll(h3.chargeMW, [3], 'charge');
    closeAll(h3.socMWh, [9.64], 'soc');
  });

  it('without storage curtails exactly what is above the limit', () => {
    const h4 = dispatchGreedy({ ...SYSTEM, storage: NO_STORAGE });
    closeAll(h4.curtailedMW, [7, 8, 0, 0, 0, 2], 'curtailed');
    closeAll(h4.exportMW, [10, 10, 4, 9, 2, 10], 'export');
  });

  it('rejects an impossible system with the field at fault', () => {
    expect(() => dispatchGreedy({ ...SYSTEM, storage: { ...STORAGE, socMinFrac: 0.6, socInitialFrac: 0.6, socMaxFrac: 0.5 } })).toThrow(PlanError);
    expect(() => dispatchGreedy({ ...SYSTEM, storage: { ...STORAGE, roundTripEfficiencyFrac: 0 } })).toThrow(/round-trip efficiency/);
    expect(() => dispatchGreedy({ ...SYSTEM, generationMW: Float64Array.from([1, -1]) })).toThrow(/generation ≥ 0/);
  });
});

describe('storageSizeFromRatio', () => {
  it("sizes '10 %, 2 h' of 100 MW as 10 MW / 20 MWh", () => {
    expect(storageSizeFromRatio(100, 0.1, 2)).toEqual({ powerMW: 10, energyMWh: 20 });
    expect(storageSizeFromRatio(450, 0.2, 4)).toEqual({ powerMW: 90, energyMWh: 360 });
  });
});
