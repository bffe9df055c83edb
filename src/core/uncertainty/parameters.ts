/**
 * Uncertain inputs of a plan as plain data: the scenario field they were written in, the PlanInput field a drawn
 * value goes to, their unit and their distribution; correlations by index. Plain data can be copied to a worker
 * thread (structured clone) and hashed; `applyParameter` is the one function that puts a drawn value into a plan.
 * The scenario layer builds these; the Monte Carlo engine only samples and applies them.
 */
import type { Distribution } from './distributions.ts';
import type { PlanInput } from '../plan/types.ts';
import { deliveredFullLoadHours } from '../storage/system-yield.ts';

/** Fields of a PlanInput that an uncertain input can set, as dotted key paths. */
export type PlanField =
  | 'capacity.growth.rateFrac'
  | 'capacity.growth.after.rateFrac'
  | 'capacity.growth.additionsMWPerYear'
  | 'capacity.growth.saturationMW'
  | 'capacity.maxAdditionsMWPerYear'
  | 'capacity.constructionLagYears'
  | 'capacity.lifetimeYears'
  | 'yield.fullLoadHours'
  | 'yield.firstYearDegradationFrac'
  | 'yield.annualDegradationFrac'
  | 'yield.availabilityFrac'
  | 'yield.curtailmentFrac'
  | 'yield.system.exportLimitMW'
  | 'yield.system.storage.powerMW'
  | 'yield.system.storage.energyMWh'
  | 'yield.system.storageSizing.powerRatioFrac'
  | 'yield.system.storageSizing.durationHours'
  | 'yield.system.windSpeedScaleFrac'
  | 'savings.coalTonnesPerMWh'
  | 'savings.co2TonnesPerMWh'
  | 'savings.so2TonnesPerMWh'
  | 'savings.noxTonnesPerMWh';

/** Physical dimension of an input: power (MW), energy (MWh), duration (h), mass (t), intensity (t/MWh), fraction (0–1), years. */
export type InputDimension = 'power' | 'energy' | 'duration' | 'mass' | 'intensity' | 'money' | 'moneyPerPower' | 'moneyPerEnergy' | 'moneyPerMass' | 'fraction' | 'years';

/** An input's unit: its dimension (which picks how it is shown: MW or 万千瓦, %, h, g/kWh, yr) and the internal unit its numbers are in. */
export interface InputUnit {
  readonly dimension: InputDimension;
  /** 'MW', 'MWh', 'h', 't', 't/MWh', '' (a 0–1 fraction) or 'yr'. */
  readonly internalUnit: string;
}

/** Unit of the inter-annual weather input of a sensitivity analysis: a multiplier of full-load hours, shown as a percentage. */
export const WEATHER_MULTIPLIER_UNIT: InputUnit = { dimension: 'fraction', internalUnit: '' };

export interface UncertainParameter {
  /** The field as written in the scenario, dotted, e.g. 'yield.value' or 'capacity.growth.rate': reports name inputs by it. */
  readonly name: string;
  /** Where a drawn value goes in the plan. */
  readonly field: PlanField;
  /**
   * The plan's value is the drawn value × planScale when the field is written in another unit than the plan
   * keeps (a capacity factor becomes full-load hours: × 8760 h); absent when the units agree.
   */
  readonly planScale?: number;
  /** The unit of `distribution` (and of every drawn value). */
  readonly unit: InputUnit;
  /** In the internal unit of the field as written (MW, h, fraction, t/MWh, years). */
  readonly distribution: Distribution;
}

/** A Spearman rank correlation between two uncertain parameters, by index into the parameter list. */
export interface RankCorrelation {
  readonly a: number;
  readonly b: number;
  readonly rank: number;
}

/** Everything uncertain about a plan. An empty list and no inter-annual term means a deterministic plan. */
export interface PlanUncertainty {
  readonly parameters: readonly UncertainParameter[];
  readonly correlations: readonly RankCorrelation[];
  /** Standard deviation of the yearly yield multiplier (weather), independent each year; 0 when not given. */
  readonly interannualSdFrac: number;
}

/** Key paths of the plan fields, split once (applyParameter runs for every parameter of every draw). */
const KEYS = new Map<PlanField, readonly string[]>();

function keysOf(field: PlanField): readonly string[] {
  let keys = KEYS.get(field);
  if (keys === undefined) KEYS.set(field, (keys = field.split('.')));
  return keys;
}

/** A copy of `node` with the value at keys[i…] set to x; objects off the path are shared, not copied. */
function setAt(node: unknown, keys: readonly string[], i: number, x: number): Record<string, unknown> {
  const record = (typeof node === 'object' && node !== null ? node : {}) as Readonly<Record<string, unknown>>;
  const key = keys[i]!;
  return { ...record, [key]: i === keys.length - 1 ? x : setAt(record[key], keys, i + 1, x) };
}

/**
 * A copy of `plan` with the uncertain input `parameter` set to `value` (its unit; × planScale into the plan's).
 * A field of the hourly system (`yield.system.…`) sets the plan's full-load hours again from the drawn system
 * (greedy dispatch; docs/system.md). Pure; only the objects on the field's path are copied, so a draw that leaves the capacity branch alone keeps it
 * by reference (the Monte Carlo drawer reuses the growth path then).
 * @example applyParameter(plan, { name: 'yield.availability', field: 'yield.availabilityFrac', unit, distribution }, 0.97).yield.availabilityFrac // 0.97
 */
export function applyParameter(plan: PlanInput, parameter: UncertainParameter, value: number): PlanInput {
  const x = parameter.planScale === undefined ? value : value * parameter.planScale;
  const next = setAt(plan, keysOf(parameter.field), 0, x) as unknown as PlanInput;
  const system = next.yield.system;
  if (system === undefined || !parameter.field.startsWith(SYSTEM_FIELD_PREFIX)) return next;
  // The plan's full-load hours are the system's delivered energy per MW: dispatch the drawn system again (greedy).
  return { ...next, yield: { ...next.yield, fullLoadHours: deliveredFullLoadHours(system) } };
}

/** Plan fields under the hourly system: drawing one re-dispatches the system. */
const SYSTEM_FIELD_PREFIX = 'yield.system.';
