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
  | 'savings.noxTonnesPerMWh'
  | 'finance.terms.discountRateFrac'
  | 'finance.tariffScale'
  | `finance.capexScale.${string}`;

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

/** A drawn value in the plan's unit: × planScale when the field is written in another unit than the plan keeps. */
function planValue(parameter: UncertainParameter, value: number): number {
  return parameter.planScale === undefined ? value : value * parameter.planScale;
}

/**
 * A copy of `plan` with each uncertain input `parameters[j]` set to `values[j]` (its unit; × planScale into the
 * plan's). Pure; only the objects on the fields' paths are copied, each once however many fields it holds, so a
 * draw that leaves the capacity branch alone keeps it by reference (the Monte Carlo drawer reuses the growth path
 * then). Runs for every draw: copies are tracked in a short list rather than a Set.
 * @example applyParameters(plan, [availability], [0.97]).yield.availabilityFrac // 0.97
 */
export function applyParameters(plan: PlanInput, parameters: readonly UncertainParameter[], values: ArrayLike<number>): PlanInput {
  if (parameters.length === 0) return plan;
  const root: Record<string, unknown> = { ...(plan as unknown as Record<string, unknown>) };
  const copies: object[] = [root];
  for (let j = 0; j < parameters.length; j++) {
    const parameter = parameters[j]!;
    const keys = keysOf(parameter.field);
    let node = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      let child = node[key] as Record<string, unknown> | undefined;
      if (typeof child !== 'object' || child === null) child = {};
      else if (!copies.includes(child)) child = { ...child };
      copies.push(child);
      node[key] = child;
      node = child;
    }
    node[keys[keys.length - 1]!] = planValue(parameter, values[j]!);
  }
  // A field of the hourly system (`yield.system.…`) sets the plan's full-load hours again from the drawn system:
  // its delivered energy per MW, by greedy dispatch (docs/system.md). The yield object is then this draw's copy.
  if (parameters.some((p) => p.field.startsWith(SYSTEM_FIELD_PREFIX))) {
    const yieldCopy = root.yield as { system?: PlanInput['yield']['system']; fullLoadHours: unknown };
    if (yieldCopy.system !== undefined) yieldCopy.fullLoadHours = deliveredFullLoadHours(yieldCopy.system);
  }
  return root as unknown as PlanInput;
}

/**
 * A copy of `plan` with the uncertain input `parameter` set to `value` (applyParameters with one input).
 * @example applyParameter(plan, { name: 'yield.availability', field: 'yield.availabilityFrac', unit, distribution }, 0.97).yield.availabilityFrac // 0.97
 */
export function applyParameter(plan: PlanInput, parameter: UncertainParameter, value: number): PlanInput {
  return applyParameters(plan, [parameter], [value]);
}

/** Plan fields under the hourly system: drawing one re-dispatches the system. */
const SYSTEM_FIELD_PREFIX = 'yield.system.';

/**
 * applyParameters for many draws of one plan and one parameter list, as the Monte Carlo runs them: the first call
 * builds the copy applyParameters builds; each later call overwrites the drawn fields of that same copy in place
 * and returns it, so the plan a call returns holds only until the next call. Inputs of the hourly system are
 * applied afresh each call (the re-dispatch needs the whole system).
 * @example const planOf = createParameterApplier(plan, [availability]); planOf([0.97]).yield.availabilityFrac // 0.97
 */
export function createParameterApplier(plan: PlanInput, parameters: readonly UncertainParameter[]): (values: ArrayLike<number>) => PlanInput {
  if (parameters.length === 0 || parameters.some((p) => p.field.startsWith(SYSTEM_FIELD_PREFIX))) return (values) => applyParameters(plan, parameters, values);
  const leaves = parameters.map((p) => keysOf(p.field).at(-1)!);
  let copy: PlanInput | undefined;
  let parents: Array<Record<string, unknown>> = [];
  return (values) => {
    if (copy === undefined) {
      copy = applyParameters(plan, parameters, values);
      parents = parameters.map((p) => parentNode(copy!, p.field));
      return copy;
    }
    for (let j = 0; j < parameters.length; j++) parents[j]![leaves[j]!] = planValue(parameters[j]!, values[j]!);
    return copy;
  };
}

/** The object that holds `field`'s last key in `plan` (every object on the path exists in a plan applyParameters built). */
function parentNode(plan: PlanInput, field: PlanField): Record<string, unknown> {
  const keys = keysOf(field);
  let node = plan as unknown as Record<string, unknown>;
  for (let i = 0; i < keys.length - 1; i++) node = node[keys[i]!] as Record<string, unknown>;
  return node;
}
