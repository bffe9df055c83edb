/**
 * The hourly energy system behind one grid connection: generators summed into one plant output, a storage
 * unit, and the export limit at the connection. Plain data in internal units (MW, MWh, h, fractions), so a
 * scenario's resolved system section and the CLI's flags build the same thing.
 *
 * Load: not in this slice. Every MWh the plant makes is either exported, stored or curtailed; local
 * consumption before export (a load) would subtract from generation and is left to a later issue.
 */
import { PlanError } from '../errors.ts';

/** What kind of generator a series comes from (the week view stacks them by kind). */
export type GeneratorKind = 'pv' | 'wind' | 'other';
export const GENERATOR_KINDS: readonly GeneratorKind[] = ['pv', 'wind', 'other'];

/** One generator's hourly output at the connection, MW (mean power over each step). */
export interface SystemGenerator {
  readonly name: string;
  readonly kind: GeneratorKind;
  readonly generationMW: Float64Array;
}

/**
 * A storage unit. The round-trip efficiency η is split evenly: ηc = ηd = √η on charge and discharge.
 * SOC bounds and the starting SOC are fractions of `energyMWh`. Self-discharge loses a fraction of the stored
 * energy above the SOC minimum each hour (see {@link selfDischargeKeepFrac}).
 */
export interface StorageSpec {
  /** Charge and discharge power limit, MW (at the connection side of the storage converter). */
  readonly powerMW: number;
  /** Nameplate energy capacity, MWh. */
  readonly energyMWh: number;
  /** Round-trip efficiency η, in (0, 1]. */
  readonly roundTripEfficiencyFrac: number;
  readonly socMinFrac: number;
  readonly socMaxFrac: number;
  /** SOC at the start of the first step. */
  readonly socInitialFrac: number;
  /** Fraction of the stored energy above the minimum lost per hour, in [0, 1). */
  readonly selfDischargeFracPerHour: number;
}

/** The inputs of a dispatch: one plant output series on a constant step, the storage and the export limit. */
export interface DispatchSystem {
  /** Plant output before storage and curtailment, MW (mean over each step); ≥ 0. */
  readonly generationMW: Float64Array;
  /** Length of each step, h (1 for hourly series). */
  readonly stepHours: number;
  /** Export limit at the grid connection, MW. */
  readonly exportLimitMW: number;
  readonly storage: StorageSpec;
  /** Optional energy price of each step, yuan/MWh (may be negative: spot markets clear below zero). */
  readonly priceYuanPerMWh?: Float64Array;
}

/** No storage: a unit of zero power and energy, so every formula runs unchanged. */
export const NO_STORAGE: StorageSpec = Object.freeze({
  powerMW: 0,
  energyMWh: 0,
  roundTripEfficiencyFrac: 1,
  socMinFrac: 0,
  socMaxFrac: 1,
  socInitialFrac: 0,
  selfDischargeFracPerHour: 0,
});

/**
 * Storage sized as planners and provincial rules state it: power = ratio × generating capacity, energy =
 * power × duration ("10 %, 2 h": 100 MW of plant → 10 MW / 20 MWh). Shandong's 2021 storage rule for new
 * centralised wind and PV asks for at least 10 % of capacity and 2 h (山东省发改委、能源局、国家能源局山东监管办,
 * 《关于开展储能示范应用的实施意见》, April 2021; see docs/system.md).
 * @example storageSizeFromRatio(100, 0.1, 2) // { powerMW: 10, energyMWh: 20 }
 */
export function storageSizeFromRatio(capacityMW: number, powerRatioFrac: number, durationHours: number): { powerMW: number; energyMWh: number } {
  if (!(capacityMW >= 0 && powerRatioFrac >= 0 && durationHours >= 0)) {
    throw new PlanError(`storageSizeFromRatio: expected capacity, ratio and duration ≥ 0, got ${capacityMW} MW, ${powerRatioFrac}, ${durationHours} h`);
  }
  const powerMW = capacityMW * powerRatioFrac;
  return { powerMW, energyMWh: powerMW * durationHours };
}

/**
 * Charge and discharge efficiencies from the round-trip efficiency, split evenly: ηc = ηd = √η, so that
 * ηc·ηd = η (the convention of PyPSA's StorageUnit when one efficiency is given for both directions).
 */
export function splitRoundTripEfficiency(roundTripEfficiencyFrac: number): { chargeFrac: number; dischargeFrac: number } {
  const root = Math.sqrt(roundTripEfficiencyFrac);
  return { chargeFrac: root, dischargeFrac: root };
}

/**
 * Fraction of the energy above the SOC minimum kept over one step of `stepHours`: (1 − σ)^Δt for a loss σ per
 * hour (compounded, so 24 steps of 1 h and one step of 24 h lose the same).
 */
export function selfDischargeKeepFrac(selfDischargeFracPerHour: number, stepHours: number): number {
  return (1 - selfDischargeFracPerHour) ** stepHours;
}

/** Sum of the generators' output, MW, step by step; every series must have the same length. */
export function sumGeneration(generators: readonly SystemGenerator[]): Float64Array {
  if (generators.length === 0) throw new PlanError('sumGeneration: a system needs at least one generator', 'generators');
  const n = generators[0]!.generationMW.length;
  const total = new Float64Array(n);
  for (const g of generators) {
    if (g.generationMW.length !== n) {
      throw new PlanError(`sumGeneration: generator '${g.name}' has ${g.generationMW.length} steps, the first has ${n}`, 'generators');
    }
    for (let i = 0; i < n; i++) total[i]! += g.generationMW[i]!;
  }
  return total;
}

/**
 * Checks a dispatch system the core can run: finite non-negative generation, a positive step, a limit ≥ 0,
 * storage with 0 < η ≤ 1, 0 ≤ SOC min ≤ SOC initial ≤ SOC max ≤ 1, self-discharge in [0, 1), prices as long
 * as the generation. Throws a {@link PlanError} naming the field; the edges check first with file positions.
 */
export function checkDispatchSystem(system: DispatchSystem): void {
  const { storage: s } = system;
  const fail = (field: string, what: string): never => {
    throw new PlanError(what, field);
  };
  if (!(system.stepHours > 0 && Number.isFinite(system.stepHours))) fail('stepHours', `expected a step > 0 h, got ${system.stepHours}`);
  if (!(system.exportLimitMW >= 0 && Number.isFinite(system.exportLimitMW))) fail('exportLimitMW', `expected an export limit ≥ 0 MW, got ${system.exportLimitMW}`);
  if (!(s.powerMW >= 0 && Number.isFinite(s.powerMW))) fail('storage.powerMW', `expected a power ≥ 0 MW, got ${s.powerMW}`);
  if (!(s.energyMWh >= 0 && Number.isFinite(s.energyMWh))) fail('storage.energyMWh', `expected an energy ≥ 0 MWh, got ${s.energyMWh}`);
  if (!(s.roundTripEfficiencyFrac > 0 && s.roundTripEfficiencyFrac <= 1)) fail('storage.roundTripEfficiencyFrac', `expected a round-trip efficiency in (0, 1], got ${s.roundTripEfficiencyFrac}`);
  if (!(s.socMinFrac >= 0 && s.socMaxFrac <= 1)) fail('storage.soc', `expected SOC bounds within [0, 1], got ${s.socMinFrac} to ${s.socMaxFrac}`);
  if (!(s.socMinFrac <= s.socMaxFrac)) fail('storage.socMinFrac', `expected the SOC minimum (${s.socMinFrac}) at or below the maximum (${s.socMaxFrac})`);
  if (!(s.socInitialFrac >= s.socMinFrac && s.socInitialFrac <= s.socMaxFrac)) {
    fail('storage.socInitialFrac', `expected the initial SOC (${s.socInitialFrac}) within the SOC bounds [${s.socMinFrac}, ${s.socMaxFrac}]`);
  }
  if (!(s.selfDischargeFracPerHour >= 0 && s.selfDischargeFracPerHour < 1)) fail('storage.selfDischargeFracPerHour', `expected a self-discharge in [0, 1) per hour, got ${s.selfDischargeFracPerHour}`);
  const gen = system.generationMW;
  for (let i = 0; i < gen.length; i++) {
    if (!(gen[i]! >= 0 && gen[i]! < Number.POSITIVE_INFINITY)) fail('generationMW', `expected generation ≥ 0 MW at every step, got ${gen[i]} at step ${i}`);
  }
  const price = system.priceYuanPerMWh;
  if (price !== undefined) {
    if (price.length !== gen.length) fail('priceYuanPerMWh', `expected one price per generation step (${gen.length}), got ${price.length}`);
    for (let i = 0; i < price.length; i++) if (!Number.isFinite(price[i]!)) fail('priceYuanPerMWh', `expected a finite price at every step, got ${price[i]} at step ${i}`);
  }
}
