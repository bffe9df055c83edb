/**
 * The JSON of a system run (`pvplan system --format json`, `pvplan system FILE --format json` and
 * GET /api/scenarios/:id/system): the summary, curtailment by month, the duration curve of generation against the
 * export limit, the 12 × 24 heatmaps of curtailment and storage state, and one week of every flow. docs/system.md
 * describes each field.
 */
import type { DispatchSummary } from '../core/storage/results.ts';
import type { DispatchStrategy, SystemRun, SystemRunInput } from '../core/storage/run.ts';
import type { GeneratorKind, StorageSpec } from '../core/storage/system.ts';
import { deliveredFullLoadHours, systemCapacityMW, type SystemYield } from '../core/storage/system-yield.ts';
import { PVPLAN_VERSION } from '../version.ts';

/** Points of the duration curve in the JSON: the output exceeded during 0 %, 1 %, …, 100 % of the steps. */
export const DURATION_CURVE_POINTS = 101;

/** ISO 8601 text of a unix time (s) on a clock `utcOffsetHours` ahead of UTC (the weather layer's, passed in). */
export type TimeText = (unixTimeS: number, utcOffsetHours: number) => string;

/** What the JSON says of the generation series: its label, clock and step. */
export interface GenerationInfo {
  readonly label: string;
  readonly unixTimeS: Float64Array;
  readonly stepHours: number;
  readonly utcOffsetHours: number;
}

/** The quick form's JSON. */
export interface SystemReport extends DispatchSummary {
  readonly pvplanVersion: string;
  readonly generation: { readonly label: string; readonly steps: number; readonly stepHours: number; readonly utcOffsetHours: number };
  readonly strategy: DispatchStrategy;
  readonly horizonHours?: number;
  readonly exportLimitMW: number;
  readonly storage: StorageSpec;
  /** Curtailment with the same limit and no storage: Σ max(0, G − L)·Δt. */
  readonly withoutStorage: { readonly curtailedMWh: number; readonly curtailmentFrac: number };
  readonly monthly: { readonly generationMWh: readonly number[]; readonly deliveredMWh: readonly number[]; readonly curtailedMWh: readonly number[]; readonly curtailmentFrac: readonly number[] };
  readonly durationCurve: { readonly exportLimitMW: number; readonly stepsAboveLimit: number; readonly energyAboveLimitMWh: number; readonly generationMWByExceedancePercent: readonly number[] };
  /** 12 months × 24 local hours: curtailed MWh summed; mean SOC as a fraction of the energy capacity. */
  readonly heatmaps: { readonly curtailedMWh: readonly (readonly number[])[]; readonly meanSocFrac: readonly (readonly number[])[] };
  readonly week: {
    readonly start: string;
    readonly startStep: number;
    readonly generators: ReadonlyArray<{ readonly name: string; readonly kind: GeneratorKind; readonly generationMW: readonly number[] }>;
    readonly chargeMW: readonly number[];
    readonly dischargeMW: readonly number[];
    readonly exportMW: readonly number[];
    readonly curtailedMW: readonly number[];
    readonly socFrac: readonly number[];
  };
}

/** A scenario's system JSON: the quick form's, plus the scenario, its generators and the plan's delivered hours. */
export interface ScenarioSystemReport extends SystemReport {
  readonly scenario: { readonly file: string; readonly name: string };
  readonly capacityMW: number;
  readonly generators: ReadonlyArray<{ readonly name: string; readonly kind: GeneratorKind; readonly capacityMW: number; readonly generationMWh: number; readonly fullLoadHours: number }>;
  readonly loadServedMWh: number;
  /** (load served + delivered) ÷ generating capacity, of the strategy shown, h. */
  readonly deliveredFullLoadHours: number;
  /** What the plan uses: the same of a greedy dispatch, h. */
  readonly planFullLoadHours: number;
}

/** The planner's figures as JSON (documented in docs/system.md and the README). */
export function systemJson(run: SystemRun, generation: GenerationInfo, strategy: DispatchStrategy, horizonHours: number | undefined, timeText: TimeText): SystemReport {
  const { summary, durationCurve: dc } = run;
  const n = dc.generationMW.length;
  const curve = Array.from({ length: DURATION_CURVE_POINTS }, (_, i) => (n === 0 ? 0 : dc.generationMW[Math.min(n - 1, Math.floor((i * n) / (DURATION_CURVE_POINTS - 1)))]!));
  const w = run.week;
  return {
    pvplanVersion: PVPLAN_VERSION,
    generation: { label: generation.label, steps: n, stepHours: generation.stepHours, utcOffsetHours: generation.utcOffsetHours },
    strategy,
    ...(horizonHours === undefined ? {} : { horizonHours }),
    exportLimitMW: run.system.exportLimitMW,
    storage: run.system.storage,
    generationMWh: summary.generationMWh,
    deliveredMWh: summary.deliveredMWh,
    curtailedMWh: summary.curtailedMWh,
    curtailmentFrac: summary.curtailmentFrac,
    chargedMWh: summary.chargedMWh,
    dischargedMWh: summary.dischargedMWh,
    storageLossMWh: summary.storageLossMWh,
    equivalentFullCycles: summary.equivalentFullCycles,
    finalSocFrac: summary.finalSocFrac,
    ...(summary.revenueYuan === undefined ? {} : { revenueYuan: summary.revenueYuan }),
    withoutStorage: { curtailedMWh: dc.energyAboveLimitMWh, curtailmentFrac: summary.generationMWh > 0 ? dc.energyAboveLimitMWh / summary.generationMWh : 0 },
    monthly: run.monthly,
    durationCurve: { exportLimitMW: dc.exportLimitMW, stepsAboveLimit: dc.stepsAboveLimit, energyAboveLimitMWh: dc.energyAboveLimitMWh, generationMWByExceedancePercent: curve },
    heatmaps: { curtailedMWh: run.curtailmentHeatmapMWh, meanSocFrac: run.socHeatmapFrac },
    week: {
      start: timeText(w.unixTimeS[0]!, generation.utcOffsetHours),
      startStep: w.startStep,
      generators: w.generators,
      chargeMW: w.chargeMW,
      dischargeMW: w.dischargeMW,
      exportMW: w.exportMW,
      curtailedMW: w.curtailedMW,
      socFrac: w.socFrac,
    },
  };
}

/** The JSON of a scenario's system (`pvplan system FILE --format json`, GET /api/scenarios/:id/system). */
export function scenarioSystemJson(run: SystemRun, input: SystemRunInput, system: SystemYield, file: string, name: string, timeText: TimeText): ScenarioSystemReport {
  const generation: GenerationInfo = { label: file, unixTimeS: system.unixTimeS, stepHours: system.stepHours, utcOffsetHours: system.utcOffsetHours };
  const base = systemJson(run, generation, system.strategy, system.horizonSteps === undefined ? undefined : system.horizonSteps * system.stepHours, timeText);
  const capacityMW = systemCapacityMW(system);
  return {
    scenario: { file, name },
    ...base,
    capacityMW,
    generators: input.generators.map((g, i) => {
      let sum = 0;
      for (let t = 0; t < g.generationMW.length; t++) sum += g.generationMW[t]!;
      const capacity = system.generators[i]!.capacityMW;
      const energyMWh = sum * system.stepHours;
      return { name: g.name, kind: g.kind, capacityMW: capacity, generationMWh: energyMWh, fullLoadHours: capacity > 0 ? energyMWh / capacity : 0 };
    }),
    loadServedMWh: run.loadServedMWh,
    deliveredFullLoadHours: capacityMW > 0 ? (run.summary.deliveredMWh + run.loadServedMWh) / capacityMW : 0,
    planFullLoadHours: deliveredFullLoadHours(system),
  };
}
