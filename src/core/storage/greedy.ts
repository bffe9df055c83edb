/**
 * Rule-based dispatch ("greedy"): each step, surplus above the export limit charges the storage and the rest
 * is curtailed; below the limit the storage discharges into the headroom. It looks neither back nor ahead.
 */
import { checkDispatchSystem, selfDischargeKeepFrac, splitRoundTripEfficiency, type DispatchSystem } from './system.ts';

/**
 * A dispatch, step by step. Powers are means over the step (MW; × stepHours gives MWh). At every step:
 * generation + discharge = export + curtailed + charge, and
 * SOC_t = SOC_min + k·(SOC_{t−1} − SOC_min) + ηc·charge·Δt − discharge·Δt/ηd with k the self-discharge keep fraction.
 */
export interface DispatchHourly {
  /** Energy drawn from the plant into the storage, MW (plant side, before the charge loss). */
  readonly chargeMW: Float64Array;
  /** Energy delivered by the storage to the connection, MW (after the discharge loss). */
  readonly dischargeMW: Float64Array;
  /** Export at the connection (plant to grid plus discharge), MW; never above the limit. */
  readonly exportMW: Float64Array;
  /** Plant output neither exported nor stored, MW. */
  readonly curtailedMW: Float64Array;
  /** Stored energy at the end of each step, MWh. */
  readonly socMWh: Float64Array;
}

/** Zeroed hourly arrays for `steps` steps (allocate once, dispatch many times). */
export function allocateDispatchHourly(steps: number): DispatchHourly {
  return {
    chargeMW: new Float64Array(steps),
    dischargeMW: new Float64Array(steps),
    exportMW: new Float64Array(steps),
    curtailedMW: new Float64Array(steps),
    socMWh: new Float64Array(steps),
  };
}

/**
 * Greedy dispatch, exactly this rule at each step t (powers in MW, Δt in h, SOC s in MWh, limit L, power P):
 * first s′ = s_min + k·(s_{t−1} − s_min) (self-discharge); then
 * - generation g > L: charge = min(g − L, P, (s_max − s′)/(ηc·Δt)), curtailed = g − L − charge, export = L;
 * - g ≤ L: discharge = min(P, L − g, (s′ − s_min)·ηd/Δt), export = g + discharge, nothing curtailed;
 * and s_t = s′ + ηc·charge·Δt − discharge·Δt/ηd. No terminal condition (the last SOC is whatever remains).
 * Writes into `out` (typed arrays, no allocation in the loop) and returns it.
 */
export function dispatchGreedy(system: DispatchSystem, out: DispatchHourly = allocateDispatchHourly(system.generationMW.length)): DispatchHourly {
  checkDispatchSystem(system);
  const { generationMW: gen, stepHours: dt, exportLimitMW: limit, storage } = system;
  const n = gen.length;
  if (out.socMWh.length < n) throw new Error(`dispatchGreedy: output arrays hold ${out.socMWh.length} steps, need ${n}`);
  const { chargeFrac: etaC, dischargeFrac: etaD } = splitRoundTripEfficiency(storage.roundTripEfficiencyFrac);
  const keep = selfDischargeKeepFrac(storage.selfDischargeFracPerHour, dt);
  const power = storage.powerMW;
  const socMin = storage.socMinFrac * storage.energyMWh;
  const socMax = storage.socMaxFrac * storage.energyMWh;
  const { chargeMW, dischargeMW, exportMW, curtailedMW, socMWh } = out;
  let soc = storage.socInitialFrac * storage.energyMWh;
  for (let t = 0; t < n; t++) {
    soc = socMin + keep * (soc - socMin);
    const g = gen[t]!;
    if (g > limit) {
      const surplus = g - limit;
      let charge = Math.min(surplus, power, (socMax - soc) / (etaC * dt));
      if (!(charge > 0)) charge = 0;
      soc += etaC * charge * dt;
      chargeMW[t] = charge;
      dischargeMW[t] = 0;
      curtailedMW[t] = surplus - charge;
      exportMW[t] = limit;
    } else {
      let discharge = Math.min(power, limit - g, ((soc - socMin) * etaD) / dt);
      if (!(discharge > 0)) discharge = 0;
      soc -= (discharge * dt) / etaD;
      chargeMW[t] = 0;
      dischargeMW[t] = discharge;
      curtailedMW[t] = 0;
      exportMW[t] = g + discharge;
    }
    socMWh[t] = soc;
  }
  return out;
}
