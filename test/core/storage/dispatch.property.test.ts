// Invariants of both dispatch strategies on random small systems: conservation every step, the SOC balance,
// the export limit, SOC bounds, monotonicity in storage size (greedy), optimal ≥ greedy, no storage ⇒ Σ max(0, G − L).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchGreedy, type DispatchHourly } from '../../../src/core/storage/greedy.ts';
import { dispatchObjective, dispatchOptimal, type LpSolver } from '../../../src/core/storage/optimal.ts';
import { summarizeDispatch } from '../../../src/core/storage/results.ts';
import { NO_STORAGE, type DispatchSystem } from '../../../src/core/storage/system.ts';
import { loadHighsSolver } from '../../../src/scenario/lp-solver.ts';

let solve: LpSolver;
beforeAll(async () => {
  solve = await loadHighsSolver();
});

/** Evenly spread numbers in [min, max] (fc.double crowds near zero, where storage and limits never bind). */
const num = (min: number, max: number) => fc.integer({ min: 0, max: 10_000 }).map((i) => min + ((max - min) * i) / 10_000);

/** Random systems: up to 36 steps of 1 or 0.5 h, output to 100 MW, any storage, optional prices (some negative). */
const systemArb: fc.Arbitrary<DispatchSystem> = fc
  .record({
    gen: fc.array(fc.oneof(fc.constant(0), num(0, 100)), { minLength: 1, maxLength: 36 }),
    stepHours: fc.constantFrom(1, 0.5),
    limit: num(0, 80),
    power: num(0, 50),
    energy: num(0, 120),
    eta: num(0.5, 1),
    fracs: fc.tuple(num(0, 1), num(0, 1), num(0, 1)).map((xs) => xs.sort((a, b) => a - b)),
    selfDischarge: fc.oneof(fc.constant(0), num(0, 0.05)),
    prices: fc.option(fc.array(num(-100, 1000), { minLength: 36, maxLength: 36 }), { nil: undefined }),
  })
  .map((r) => ({
    generationMW: Float64Array.from(r.gen),
    stepHours: r.stepHours,
    exportLimitMW: r.limit,
    storage: {
      powerMW: r.power,
      energyMWh: r.energy,
      roundTripEfficiencyFrac: r.eta,
      socMinFrac: r.fracs[0]!,
      socInitialFrac: r.fracs[1]!,
      socMaxFrac: r.fracs[2]!,
      selfDischargeFracPerHour: r.selfDischarge,
    },
    ...(r.prices === undefined ? {} : { priceYuanPerMWh: Float64Array.from(r.prices.slice(0, r.gen.length)) }),
  }));

/** Every step: flows ≥ 0, G + d = x + k + c, x ≤ L, s = s_min + k·(s_prev − s_min) + ηc·c·Δt − d·Δt/ηd, s within its bounds. */
function checkInvariants(sys: DispatchSystem, h: DispatchHourly): void {
  const { storage: st, stepHours: dt } = sys;
  const etaC = Math.sqrt(st.roundTripEfficiencyFrac);
  const keep = (1 - st.selfDischargeFracPerHour) ** dt;
  const socMin = st.socMinFrac * st.energyMWh;
  const socMax = st.socMaxFrac * st.energyMWh;
  const tol = 1e-7 * (1 + st.energyMWh + Math.max(...sys.generationMW));
  let prev = st.socInitialFrac * st.energyMWh;
  for (let t = 0; t < sys.generationMW.length; t++) {
    const [c, d, x, k, s] = [h.chargeMW[t]!, h.dischargeMW[t]!, h.exportMW[t]!, h.curtailedMW[t]!, h.socMWh[t]!];
    for (const v of [c, d, x, k]) expect(v).toBeGreaterThanOrEqual(-tol);
    expect(c).toBeLessThanOrEqual(st.powerMW + tol);
    expect(d).toBeLessThanOrEqual(st.powerMW + tol);
    expect(Math.abs(sys.generationMW[t]! + d - (x + k + c))).toBeLessThanOrEqual(tol);
    expect(x).toBeLessThanOrEqual(sys.exportLimitMW + tol);
    expect(Math.abs(s - (socMin + keep * (prev - socMin) + etaC * c * dt - (d * dt) / etaC))).toBeLessThanOrEqual(tol);
    expect(s).toBeGreaterThanOrEqual(socMin - tol);
    expect(s).toBeLessThanOrEqual(socMax + tol);
    prev = s;
  }
}

describe('greedy dispatch', () => {
  it('conserves energy, respects the limit and keeps the SOC within bounds', () => {
    fc.assert(fc.property(systemArb, (sys) => checkInvariants(sys, dispatchGreedy(sys))), { numRuns: 300 });
  });

  it('without storage curtails exactly Σ max(0, G − L)·Δt', () => {
    fc.assert(
      fc.property(systemArb, (sys) => {
        const s = summarizeDispatch(sys, dispatchGreedy({ ...sys, storage: NO_STORAGE }));
        const expected = sys.generationMW.reduce((acc, g) => acc + Math.max(0, g - sys.exportLimitMW) * sys.stepHours, 0);
        expect(Math.abs(s.curtailedMWh - expected)).toBeLessThanOrEqual(1e-9 * (1 + expected));
      }),
      { numRuns: 200 },
    );
  });

  it('never curtails more with more storage power or energy', () => {
    fc.assert(
      fc.property(systemArb, num(1, 3), fc.boolean(), (sys, factor, scalePower) => {
        const bigger = { ...sys, storage: { ...sys.storage, ...(scalePower ? { powerMW: sys.storage.powerMW * factor } : { energyMWh: sys.storage.energyMWh * factor }) } };
        const before = summarizeDispatch(sys, dispatchGreedy(sys)).curtailedMWh;
        const after = summarizeDispatch(bigger, dispatchGreedy(bigger)).curtailedMWh;
        expect(after).toBeLessThanOrEqual(before + 1e-9 * (1 + before));
      }),
      { numRuns: 300 },
    );
  });
});

describe('optimal dispatch (HiGHS)', () => {
  it('meets the same invariants', () => {
    fc.assert(fc.property(systemArb, (sys) => checkInvariants(sys, dispatchOptimal(sys, solve))), { numRuns: 60 });
  });

  it('is never worse than greedy on the objective', () => {
    fc.assert(
      fc.property(systemArb, (sys) => {
        const greedy = dispatchObjective(sys, dispatchGreedy(sys));
        const optimal = dispatchObjective(sys, dispatchOptimal(sys, solve));
        // Slack: the tie-break (10⁻⁶ of the largest |price| per MWh moved) and solver tolerances.
        const scale = Math.max(1, ...Array.from(sys.priceYuanPerMWh ?? [1], Math.abs));
        const energy = sys.generationMW.reduce((a, g) => a + g, 0) * sys.stepHours + sys.storage.energyMWh;
        expect(optimal).toBeGreaterThanOrEqual(greedy - 1e-5 * scale * (1 + energy));
      }),
      { numRuns: 60 },
    );
  });
});
