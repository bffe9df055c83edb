/**
 * What a planner reads off a dispatch: annual totals, monthly curtailment, the duration curve of generation
 * against the export limit, month × hour heatmaps and one week's series. Plain data for the CLI and the page.
 */
import { monthFromUnixTime, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.ts';
import type { DispatchHourly } from './greedy.ts';
import type { DispatchSystem, GeneratorKind, SystemGenerator } from './system.ts';

const MONTHS = 12;
const HOURS_PER_DAY = 24;
/** Steps of a week at one step per hour. */
export const HOURS_PER_WEEK = 168;

/** Annual (whole-series) totals of a dispatch. */
export interface DispatchSummary {
  /** Plant output before storage and curtailment, MWh. */
  readonly generationMWh: number;
  /** Energy exported at the connection (plant to grid plus storage discharge), MWh. */
  readonly deliveredMWh: number;
  readonly curtailedMWh: number;
  /** curtailed ÷ generation (0 when nothing was generated). */
  readonly curtailmentFrac: number;
  /** Drawn from the plant into the storage, MWh (plant side). */
  readonly chargedMWh: number;
  /** Delivered by the storage, MWh (grid side). */
  readonly dischargedMWh: number;
  /** Charge and discharge losses plus self-discharge: charged − discharged − (SOC_end − SOC_start), MWh. */
  readonly storageLossMWh: number;
  /** discharged ÷ usable capacity ((SOC max − SOC min) × energy); 0 without storage. */
  readonly equivalentFullCycles: number;
  /** SOC at the end of the last step, fraction of the energy capacity (0 without storage). */
  readonly finalSocFrac: number;
  /** Σ price × export × Δt, yuan; present when prices were given. */
  readonly revenueYuan?: number;
}

/**
 * Totals of a dispatch. Energy is power × Δt summed over steps. Equivalent full cycles = discharged MWh ÷
 * usable energy capacity ((SOC max − SOC min) × energy): a throughput count, so two half cycles make one.
 */
export function summarizeDispatch(system: DispatchSystem, hourly: DispatchHourly): DispatchSummary {
  const { generationMW: gen, stepHours: dt, storage, priceYuanPerMWh: price } = system;
  let generation = 0;
  let delivered = 0;
  let curtailed = 0;
  let charged = 0;
  let discharged = 0;
  let revenue = 0;
  const n = gen.length;
  for (let t = 0; t < n; t++) {
    generation += gen[t]!;
    delivered += hourly.exportMW[t]!;
    curtailed += hourly.curtailedMW[t]!;
    charged += hourly.chargeMW[t]!;
    discharged += hourly.dischargeMW[t]!;
    if (price !== undefined) revenue += price[t]! * hourly.exportMW[t]!;
  }
  const energy = storage.energyMWh;
  const usableMWh = (storage.socMaxFrac - storage.socMinFrac) * energy;
  const socStartMWh = storage.socInitialFrac * energy;
  const socEndMWh = n > 0 ? hourly.socMWh[n - 1]! : socStartMWh;
  return {
    generationMWh: generation * dt,
    deliveredMWh: delivered * dt,
    curtailedMWh: curtailed * dt,
    curtailmentFrac: generation > 0 ? curtailed / generation : 0,
    chargedMWh: charged * dt,
    dischargedMWh: discharged * dt,
    storageLossMWh: (charged - discharged) * dt - (socEndMWh - socStartMWh),
    equivalentFullCycles: usableMWh > 0 ? (discharged * dt) / usableMWh : 0,
    finalSocFrac: energy > 0 ? socEndMWh / energy : 0,
    ...(price === undefined ? {} : { revenueYuan: revenue * dt }),
  };
}

/** Month (1–12) of each step from its start time (unix s) on the local clock `utcOffsetHours` ahead of UTC. */
function monthIndex(unixTimeS: number, utcOffsetHours: number): number {
  return monthFromUnixTime(unixTimeS, utcOffsetHours * SECONDS_PER_HOUR) - 1;
}

/** Monthly energy balance; index 0 is January. */
export interface MonthlyDispatch {
  readonly generationMWh: readonly number[];
  readonly deliveredMWh: readonly number[];
  readonly curtailedMWh: readonly number[];
  /** curtailed ÷ generation of the month (0 for a month without generation). */
  readonly curtailmentFrac: readonly number[];
}

/** Monthly generation, delivery and curtailment (MWh): each step counts in the month of its start time. */
export function monthlyDispatch(system: DispatchSystem, hourly: DispatchHourly, unixTimeS: Float64Array, utcOffsetHours: number): MonthlyDispatch {
  const generation = new Array<number>(MONTHS).fill(0);
  const delivered = new Array<number>(MONTHS).fill(0);
  const curtailed = new Array<number>(MONTHS).fill(0);
  const dt = system.stepHours;
  for (let t = 0; t < system.generationMW.length; t++) {
    const m = monthIndex(unixTimeS[t]!, utcOffsetHours);
    generation[m]! += system.generationMW[t]! * dt;
    delivered[m]! += hourly.exportMW[t]! * dt;
    curtailed[m]! += hourly.curtailedMW[t]! * dt;
  }
  return {
    generationMWh: generation,
    deliveredMWh: delivered,
    curtailedMWh: curtailed,
    curtailmentFrac: generation.map((g, m) => (g > 0 ? curtailed[m]! / g : 0)),
  };
}

/** The duration curve of plant output against the export limit. */
export interface GenerationDurationCurve {
  /** Plant output sorted from highest to lowest, MW: entry i is exceeded during i steps. */
  readonly generationMW: Float64Array;
  readonly exportLimitMW: number;
  /** Steps with output above the limit. */
  readonly stepsAboveLimit: number;
  /** Σ max(0, G − L)·Δt, MWh: what would be curtailed without storage. */
  readonly energyAboveLimitMWh: number;
}

/** Duration curve (load-duration convention: values sorted descending against the steps they are exceeded). */
export function generationDurationCurve(system: DispatchSystem): GenerationDurationCurve {
  const sorted = Float64Array.from(system.generationMW).sort().reverse();
  const limit = system.exportLimitMW;
  let steps = 0;
  let above = 0;
  for (let i = 0; i < sorted.length && sorted[i]! > limit; i++) {
    steps++;
    above += sorted[i]! - limit;
  }
  return { generationMW: sorted, exportLimitMW: limit, stepsAboveLimit: steps, energyAboveLimitMWh: above * system.stepHours };
}

/** How a heatmap cell combines its steps. */
export type HeatmapReduction = 'sum' | 'mean';

/**
 * A 12 × 24 (month × local hour of day) heatmap of `values`: the sum or the mean of the steps whose start falls
 * in each cell, on the clock `utcOffsetHours` ahead of UTC. Row 0 is January, column 0 the hour from 00:00.
 * A cell without steps is NaN for the mean and 0 for the sum.
 */
export function monthHourHeatmap(values: Float64Array, unixTimeS: Float64Array, utcOffsetHours: number, reduction: HeatmapReduction, scale = 1): number[][] {
  const sums = Array.from({ length: MONTHS }, () => new Array<number>(HOURS_PER_DAY).fill(0));
  const counts = Array.from({ length: MONTHS }, () => new Array<number>(HOURS_PER_DAY).fill(0));
  const offsetS = utcOffsetHours * SECONDS_PER_HOUR;
  for (let t = 0; t < values.length; t++) {
    const local = unixTimeS[t]! + offsetS;
    const secondOfDay = local - Math.floor(local / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    const hour = Math.floor(secondOfDay / SECONDS_PER_HOUR);
    const m = monthIndex(unixTimeS[t]!, utcOffsetHours);
    sums[m]![hour]! += values[t]! * scale;
    counts[m]![hour]! += 1;
  }
  if (reduction === 'sum') return sums;
  return sums.map((row, m) => row.map((s, h) => (counts[m]![h]! > 0 ? s / counts[m]![h]! : Number.NaN)));
}

/** Curtailed energy by month and local hour, MWh (sum over the days of the month). */
export function curtailmentHeatmapMWh(system: DispatchSystem, hourly: DispatchHourly, unixTimeS: Float64Array, utcOffsetHours: number): number[][] {
  return monthHourHeatmap(hourly.curtailedMW, unixTimeS, utcOffsetHours, 'sum', system.stepHours);
}

/** Mean SOC by month and local hour, fraction of the energy capacity (0 without storage). */
export function socHeatmapFrac(system: DispatchSystem, hourly: DispatchHourly, unixTimeS: Float64Array, utcOffsetHours: number): number[][] {
  const energy = system.storage.energyMWh;
  return monthHourHeatmap(hourly.socMWh, unixTimeS, utcOffsetHours, 'mean', energy > 0 ? 1 / energy : 0);
}

/** One stretch of the dispatch, for a stacked-area view. */
export interface DispatchWeek {
  /** Index of the first step. */
  readonly startStep: number;
  readonly unixTimeS: number[];
  /** Each generator's output, MW, in the order given (PV, wind, … as the system lists them). */
  readonly generators: ReadonlyArray<{ readonly name: string; readonly kind: GeneratorKind; readonly generationMW: number[] }>;
  readonly chargeMW: number[];
  readonly dischargeMW: number[];
  readonly exportMW: number[];
  readonly curtailedMW: number[];
  readonly socFrac: number[];
}

/**
 * The start step of the window of `steps` steps (aligned to whole windows from the first step) with the most
 * curtailment: the week a planner looks at first. 0 when nothing is curtailed.
 */
export function windowWithMostCurtailment(hourly: DispatchHourly, steps = HOURS_PER_WEEK): number {
  const n = hourly.curtailedMW.length;
  let best = 0;
  let bestSum = 0;
  for (let start = 0; start < n; start += steps) {
    let sum = 0;
    for (let t = start; t < Math.min(n, start + steps); t++) sum += hourly.curtailedMW[t]!;
    if (sum > bestSum) {
      bestSum = sum;
      best = start;
    }
  }
  return best;
}

/** The series of steps [startStep, startStep + steps) (clipped to the series) for a week view. */
export function dispatchWeek(
  generators: readonly SystemGenerator[],
  system: DispatchSystem,
  hourly: DispatchHourly,
  unixTimeS: Float64Array,
  startStep: number,
  steps = HOURS_PER_WEEK,
): DispatchWeek {
  const n = system.generationMW.length;
  if (!(Number.isInteger(startStep) && startStep >= 0 && startStep < n)) throw new Error(`dispatchWeek: startStep must be a step index from 0 to ${n - 1}, got ${startStep}`);
  const end = Math.min(n, startStep + steps);
  const slice = (a: Float64Array, scale = 1): number[] => Array.from(a.subarray(startStep, end), (v) => v * scale);
  const energy = system.storage.energyMWh;
  return {
    startStep,
    unixTimeS: slice(unixTimeS),
    generators: generators.map((g) => ({ name: g.name, kind: g.kind, generationMW: slice(g.generationMW) })),
    chargeMW: slice(hourly.chargeMW),
    dischargeMW: slice(hourly.dischargeMW),
    exportMW: slice(hourly.exportMW),
    curtailedMW: slice(hourly.curtailedMW),
    socFrac: slice(hourly.socMWh, energy > 0 ? 1 / energy : 0),
  };
}
