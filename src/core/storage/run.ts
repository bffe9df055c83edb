/**
 * Wiring only: generators, storage and limit → one dispatch (greedy or optimal) → the planner's outputs.
 * The CLI's quick form and, later, a scenario's resolved system section both build a {@link SystemRunInput}.
 */
import { dispatchGreedy, type DispatchHourly } from './greedy.ts';
import { dispatchOptimal, type LpSolver } from './optimal.ts';
import {
  curtailmentHeatmapMWh,
  dispatchWeek,
  generationDurationCurve,
  HOURS_PER_WEEK,
  monthlyDispatch,
  socHeatmapFrac,
  summarizeDispatch,
  windowWithMostCurtailment,
  type DispatchSummary,
  type DispatchWeek,
  type GenerationDurationCurve,
  type MonthlyDispatch,
} from './results.ts';
import { sumGeneration, type DispatchSystem, type StorageSpec, type SystemGenerator } from './system.ts';
import { netOfLoad } from './system-yield.ts';

/** Dispatch strategies: the greedy rule or the perfect-foresight LP. */
export type DispatchStrategy = 'greedy' | 'optimal';
export const DISPATCH_STRATEGIES: readonly DispatchStrategy[] = ['greedy', 'optimal'];

/** A system as a scenario or the CLI states it, in internal units. */
export interface SystemRunInput {
  readonly generators: readonly SystemGenerator[];
  /** Start of each step, unix s (the clock of months and hours of day). */
  readonly unixTimeS: Float64Array;
  /** Local clock of the site, hours ahead of UTC. */
  readonly utcOffsetHours: number;
  readonly stepHours: number;
  readonly exportLimitMW: number;
  readonly storage: StorageSpec;
  /** Local demand served before export, MW, one value a step (absent: none). */
  readonly loadMW?: Float64Array;
  readonly priceYuanPerMWh?: Float64Array;
  readonly strategy: DispatchStrategy;
  /** Optimal only: rolling-horizon window in steps (absent: one LP over the whole series). */
  readonly horizonSteps?: number;
  /** First step of the week view; default: the week with the most curtailment. */
  readonly weekStartStep?: number;
}

/** Everything a planner reads off one system run. */
export interface SystemRun {
  /** The dispatched system: its generation is the plant output net of the load. */
  readonly system: DispatchSystem;
  /** Energy the local load took before export, MWh (0 without a load). */
  readonly loadServedMWh: number;
  readonly hourly: DispatchHourly;
  readonly summary: DispatchSummary;
  readonly monthly: MonthlyDispatch;
  readonly durationCurve: GenerationDurationCurve;
  /** 12 × 24, MWh. */
  readonly curtailmentHeatmapMWh: number[][];
  /** 12 × 24, mean SOC as a fraction of the energy capacity. */
  readonly socHeatmapFrac: number[][];
  readonly week: DispatchWeek;
}

/** Runs the system: sums the generators, serves the load (if any), dispatches by the chosen strategy (`solve` needed for optimal), summarises. */
export function runSystem(input: SystemRunInput, solve?: LpSolver): SystemRun {
  const { netMW, loadServedMWh } = netOfLoad(sumGeneration(input.generators), input.loadMW, input.stepHours);
  const system: DispatchSystem = {
    generationMW: netMW,
    stepHours: input.stepHours,
    exportLimitMW: input.exportLimitMW,
    storage: input.storage,
    ...(input.priceYuanPerMWh === undefined ? {} : { priceYuanPerMWh: input.priceYuanPerMWh }),
  };
  let hourly: DispatchHourly;
  if (input.strategy === 'greedy') hourly = dispatchGreedy(system);
  else {
    if (solve === undefined) throw new Error('runSystem: the optimal strategy needs an LP solver');
    hourly = dispatchOptimal(system, solve, input.horizonSteps === undefined ? {} : { horizonSteps: input.horizonSteps });
  }
  const weekSteps = Math.round(HOURS_PER_WEEK / input.stepHours);
  const weekStart = input.weekStartStep ?? windowWithMostCurtailment(hourly, weekSteps);
  return {
    system,
    loadServedMWh,
    hourly,
    summary: summarizeDispatch(system, hourly),
    monthly: monthlyDispatch(system, hourly, input.unixTimeS, input.utcOffsetHours),
    durationCurve: generationDurationCurve(system),
    curtailmentHeatmapMWh: curtailmentHeatmapMWh(system, hourly, input.unixTimeS, input.utcOffsetHours),
    socHeatmapFrac: socHeatmapFrac(system, hourly, input.unixTimeS, input.utcOffsetHours),
    week: dispatchWeek(input.generators, system, hourly, input.unixTimeS, weekStart, weekSteps),
  };
}
