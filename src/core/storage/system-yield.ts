/**
 * A scenario's hourly system as plain data inside the plan (`PlanInput.yield.system`), and the one number the yearly
 * plan takes from it: the DELIVERED energy per MW of generating capacity (full-load hours after curtailment and
 * storage losses). Plain data (typed arrays and numbers, no functions), so a Monte Carlo worker receives it by
 * structured clone and re-dispatches a drawn system itself (greedy: ~0.1 ms a year).
 *
 * Scaling (docs/system.md, "Into the plan"): the plan's energy of year y is P(y) · h_del · f_deg · f_op with
 * h_del = delivered MWh ÷ generating MW of the system's year. The export limit, the storage and the load grow with
 * the plan's capacity in the system's proportions, so curtailment stays at the system's ratio.
 */
import { PlanError } from '../errors.ts';
import { densityCorrectedPowerKW, powerCurveKW, type PowerCurve } from '../wind/power-curve.ts';
import { dispatchGreedy, type DispatchHourly } from './greedy.ts';
import type { DispatchStrategy, SystemRunInput } from './run.ts';
import { storageSizeFromRatio, sumGeneration, type DispatchSystem, type StorageSpec, type SystemGenerator } from './system.ts';

/** A generator whose hourly output per MW of capacity is fixed (PV from the physical chain, a given series). */
export interface ProfileGenerator {
  readonly kind: 'pv' | 'other';
  readonly name: string;
  /** Nameplate generating capacity, MW (PV: DC kWp as the plan counts it). */
  readonly capacityMW: number;
  /** Output per MW of capacity at each step, MW/MW. */
  readonly perMW: Float64Array;
}

/**
 * A wind farm kept as hub-height wind and (for the density correction) air density, so a drawn wind-speed scale
 * runs the power curve again: P_t = capacity · netFrac · curve(s · v_hub,t) / rated.
 */
export interface WindFarmGenerator {
  readonly kind: 'wind';
  readonly name: string;
  /** Number of turbines × rated power, MW. */
  readonly capacityMW: number;
  readonly hubWindSpeedMPerS: Float64Array;
  /** Present when the density-corrected curve is used (IEC 61400-12-1 as in windpowerlib). */
  readonly airDensityKgPerM3?: Float64Array;
  readonly powerCurve: { readonly windSpeedsMPerS: readonly number[]; readonly powerKW: readonly number[] };
  readonly ratedPowerKW: number;
  /** (1 − losses) · availability. */
  readonly netFrac: number;
}

export type SystemYieldGenerator = ProfileGenerator | WindFarmGenerator;

/** Storage sized from the generating capacity: power = ratio × capacity, energy = power × hours ("10 %, 2 h"). */
export interface StorageSizing {
  readonly powerRatioFrac: number;
  readonly durationHours: number;
}

/** The system section of a scenario, resolved: everything needed to dispatch it again. */
export interface SystemYield {
  readonly generators: readonly SystemYieldGenerator[];
  /** Start of each step, unix s; the clock of the first generator. */
  readonly unixTimeS: Float64Array;
  readonly utcOffsetHours: number;
  readonly stepHours: number;
  /** Local demand served before export, MW (absent: none). */
  readonly loadMW?: Float64Array;
  readonly exportLimitMW: number;
  /** The storage; its power and energy are replaced by `storageSizing` when that is present. */
  readonly storage: StorageSpec;
  readonly storageSizing?: StorageSizing;
  /** Multiplier of every wind farm's hub-height wind speed (1 = as read); an uncertain input of mc and sensitivity. */
  readonly windSpeedScaleFrac: number;
  readonly priceYuanPerMWh?: Float64Array;
  /** The strategy `pvplan system` shows; the plan's yield always uses the greedy rule (docs/system.md). */
  readonly strategy: DispatchStrategy;
  readonly horizonSteps?: number;
}

/** Total generating capacity of a system, MW: the sum of its generators' nameplates. */
export function systemCapacityMW(system: Pick<SystemYield, 'generators'>): number {
  let total = 0;
  for (const g of system.generators) total += g.capacityMW;
  return total;
}

/** The storage a system dispatches: the written one, or power and energy from its sizing rule (storageSizeFromRatio). */
export function systemStorage(system: Pick<SystemYield, 'generators' | 'storage' | 'storageSizing'>): StorageSpec {
  const sizing = system.storageSizing;
  if (sizing === undefined) return system.storage;
  return { ...system.storage, ...storageSizeFromRatio(systemCapacityMW(system), sizing.powerRatioFrac, sizing.durationHours) };
}

/**
 * Hourly output of a wind farm, MW: capacity · netFrac · P(s·v_hub)/rated, P from the power curve by linear
 * interpolation (windpowerlib `power_curve`), or density-corrected when densities are kept.
 */
export function windFarmGenerationMW(g: WindFarmGenerator, windSpeedScaleFrac: number): Float64Array {
  const n = g.hubWindSpeedMPerS.length;
  const out = new Float64Array(n);
  const curve: PowerCurve = { windSpeedsMPerS: Float64Array.from(g.powerCurve.windSpeedsMPerS), powerKW: Float64Array.from(g.powerCurve.powerKW) };
  const perKW = (g.capacityMW * g.netFrac) / g.ratedPowerKW;
  const rho = g.airDensityKgPerM3;
  for (let t = 0; t < n; t++) {
    const v = g.hubWindSpeedMPerS[t]! * windSpeedScaleFrac;
    out[t] = (rho === undefined ? powerCurveKW(v, curve) : densityCorrectedPowerKW(v, curve, rho[t]!)) * perKW;
  }
  return out;
}

/** Each generator's hourly output, MW, in the form the dispatch and the week view take. */
export function systemGenerators(system: Pick<SystemYield, 'generators' | 'windSpeedScaleFrac'>): SystemGenerator[] {
  return system.generators.map((g) => {
    if (g.kind === 'wind') return { name: g.name, kind: 'wind', generationMW: windFarmGenerationMW(g, system.windSpeedScaleFrac) };
    const out = new Float64Array(g.perMW.length);
    for (let t = 0; t < out.length; t++) out[t] = g.perMW[t]! * g.capacityMW;
    return { name: g.name, kind: g.kind, generationMW: out };
  });
}

/**
 * Plant output after local demand, MW: max(0, G_t − load_t); and the energy the load took, MWh (Σ min(G_t, load_t)·Δt).
 * Without a load, the generation itself and 0.
 */
export function netOfLoad(generationMW: Float64Array, loadMW: Float64Array | undefined, stepHours: number): { netMW: Float64Array; loadServedMWh: number } {
  if (loadMW === undefined) return { netMW: generationMW, loadServedMWh: 0 };
  if (loadMW.length !== generationMW.length) throw new PlanError(`netOfLoad: the load has ${loadMW.length} steps, the generation ${generationMW.length}`, 'load');
  const netMW = new Float64Array(generationMW.length);
  let served = 0;
  for (let t = 0; t < netMW.length; t++) {
    const used = Math.min(generationMW[t]!, loadMW[t]!);
    served += used;
    netMW[t] = generationMW[t]! - used;
  }
  return { netMW, loadServedMWh: served * stepHours };
}

/** The run input of `runSystem` for a resolved system (the CLI's `pvplan system FILE` and the page use it). */
export function systemRunInput(system: SystemYield): SystemRunInput {
  return {
    generators: systemGenerators(system),
    unixTimeS: system.unixTimeS,
    utcOffsetHours: system.utcOffsetHours,
    stepHours: system.stepHours,
    exportLimitMW: system.exportLimitMW,
    storage: systemStorage(system),
    ...(system.loadMW === undefined ? {} : { loadMW: system.loadMW }),
    ...(system.priceYuanPerMWh === undefined ? {} : { priceYuanPerMWh: system.priceYuanPerMWh }),
    strategy: system.strategy,
    ...(system.horizonSteps === undefined ? {} : { horizonSteps: system.horizonSteps }),
  };
}

/** Greedy dispatch of a system as it stands: its dispatch system, the flows, and the energy the load took. */
export function dispatchSystemGreedy(system: SystemYield): { dispatch: DispatchSystem; hourly: DispatchHourly; loadServedMWh: number } {
  const { netMW, loadServedMWh } = netOfLoad(sumGeneration(systemGenerators(system)), system.loadMW, system.stepHours);
  const dispatch: DispatchSystem = { generationMW: netMW, stepHours: system.stepHours, exportLimitMW: system.exportLimitMW, storage: systemStorage(system) };
  return { dispatch, hourly: dispatchGreedy(dispatch), loadServedMWh };
}

/** Delivered energy of a greedy dispatch, MWh: load served + Σ export·Δt. */
export function greedyDeliveredMWh(system: SystemYield): number {
  const { hourly, loadServedMWh } = dispatchSystemGreedy(system);
  let exported = 0;
  for (let t = 0; t < hourly.exportMW.length; t++) exported += hourly.exportMW[t]!;
  return loadServedMWh + exported * system.stepHours;
}

/**
 * The plan's full-load hours from a system: h_del = delivered MWh ÷ generating MW, with the delivered energy of a
 * greedy dispatch (load served + export) over the system's series (one year). Greedy, whatever the section's
 * strategy: the rule an operator follows without forecasts, deterministic and ~0.1 ms a year, so every Monte Carlo
 * draw dispatches its own system (docs/system.md explains why the LP is not used for the plan).
 * @example deliveredFullLoadHours(system) // e.g. 1480 h for PV and wind behind a connection at 60 % of capacity
 */
export function deliveredFullLoadHours(system: SystemYield): number {
  const capacityMW = systemCapacityMW(system);
  if (!(capacityMW > 0)) throw new PlanError(`deliveredFullLoadHours: expected a generating capacity above 0 MW, got ${capacityMW}`, 'yield.system');
  return greedyDeliveredMWh(system) / capacityMW;
}

/** Checks a resolved system's shape the core relies on: generators of one length, the clock and optional series alike. */
export function checkSystemYield(system: SystemYield): void {
  const n = system.unixTimeS.length;
  if (system.generators.length === 0) throw new PlanError('checkSystemYield: a system needs at least one generator', 'generators');
  for (const g of system.generators) {
    const len = g.kind === 'wind' ? g.hubWindSpeedMPerS.length : g.perMW.length;
    if (len !== n) throw new PlanError(`checkSystemYield: generator '${g.name}' has ${len} steps, the clock ${n}`, 'generators');
    if (!(g.capacityMW >= 0)) throw new PlanError(`checkSystemYield: generator '${g.name}' has capacity ${g.capacityMW} MW`, 'generators');
  }
  if (system.loadMW !== undefined && system.loadMW.length !== n) throw new PlanError(`checkSystemYield: the load has ${system.loadMW.length} steps, the clock ${n}`, 'load');
  if (!(system.windSpeedScaleFrac >= 0)) throw new PlanError(`checkSystemYield: expected a wind speed scale ≥ 0, got ${system.windSpeedScaleFrac}`, 'windSpeedScale');
}
