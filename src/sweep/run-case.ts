/**
 * Running one case of a sweep into its row: validate the case's scenario, resolve it once (when a run, Monte Carlo
 * or finance metric needs it), and read each requested metric. A case that cannot run (an unreachable target in one
 * corner of a grid, a weather file that does not parse) becomes a failed row with its message; the sweep goes on.
 */
import { PlanError } from '../core/errors.ts';
import { runMonteCarlo } from '../mc/run.ts';
import { runReport } from '../report/run.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { readTextFromDisk, type ReadText } from '../scenario/load.ts';
import { LRUCache } from 'lru-cache';
import { simulateYield, simulateYieldBatch, type YieldResult, type YieldSystem } from '../core/pv/pv-yield.ts';
import type { WeatherSeries } from '../weather/types.ts';
import { loadYieldWeather, physicalSettingsFromSpec, siteWithWeatherDefaults, weatherBaseDirOfChain, type PhysicalYieldSpec } from '../scenario/physical-yield.ts';
import { resolveChain, type ResolvedScenario } from '../scenario/resolve.ts';
import { validateScenarioShape } from '../scenario/validate.ts';
import { PVPLAN_VERSION } from '../version.ts';
import type { SweepCase } from './cases.ts';
import type { MetricAtYear, Sweep, YearRef } from './spec.ts';

/** One row of a sweep's output: the case, its inputs, its metrics (internal units, named with their unit), its error. */
export interface SweepRow {
  readonly case: string;
  readonly status: 'ok' | 'failed';
  readonly seed: number;
  readonly inputs: Readonly<Record<string, string | number | boolean>>;
  /** By column ('energyMWh@2030', 'yield.annualKWhPerKWp', 'mc.pTargetMet', …); null where a value does not exist. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly error: string | null;
  readonly pvplanVersion: string;
  readonly sweepHash: string;
}

/** The finance quick form, given by the caller (the CLI owns its option parsing): inputs by option name → metrics. */
export type FinanceEvaluator = (inputs: Readonly<Record<string, string | number | boolean>>) => Readonly<Record<string, number | null>>;

/** The metric columns of a sweep, in order. */
export function metricColumns(sweep: Sweep): string[] {
  const m = sweep.metrics;
  return [
    ...m.run.map((r) => r.column),
    ...m.yield.map((y) => `yield.${y}`),
    ...(m.mc ? [...(m.mc.target ? ['mc.pTargetMet'] : []), ...m.mc.metrics.flatMap((r) => ['p10', 'p50', 'p90'].map((q) => `mc.${r.column}.${q}`))] : []),
    ...m.finance.map((f) => `finance.${f}`),
  ];
}

/**
 * Weather series by file path and options: the sites of a sweep share a few weather files, each read and parsed once
 * per process rather than once per case (a parse costs several times the simulation of a site-year).
 */
const weatherByFile = new LRUCache<string, WeatherSeries>({ max: 64 });

/** A case's physical-yield system: settings from its `yield` section, its weather (files resolve against `weatherBaseDir`). */
function caseYieldSystem(spec: PhysicalYieldSpec, readText: ReadText): YieldSystem {
  const { settings, issues } = physicalSettingsFromSpec(spec);
  if (!settings) throw new CaseError(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const source = settings.weather;
  let weather: WeatherSeries | undefined;
  if (source.kind === 'file') {
    const key = JSON.stringify([source.path, source.format ?? null, source.decompose]);
    weather = weatherByFile.get(key);
    if (!weather) weatherByFile.set(key, (weather = loadYieldWeather(source, settings.site, readText)));
  } else weather = loadYieldWeather(source, settings.site, readText);
  return { site: siteWithWeatherDefaults(settings.site, weather), array: settings.array, weather };
}

/** The `yield` section of a case's scenario, as the yield metrics need it; throws when it is not a physical one. */
function yieldSpecOf(sweep: Sweep, c: SweepCase): PhysicalYieldSpec {
  const y = c.scenario.yield as Record<string, unknown> | undefined;
  if (y?.model !== 'physical') throw new CaseError("yield metrics need yield.model: physical (a sites table sets it)");
  const chain = { ...sweep.bases[c.baseIndex]!.chain, merged: c.scenario };
  // The whole section, as resolution passes it (preset, moduleType and arrayType included), so a case's yield is
  // the one `pvplan run` and `pvplan yield` give its scenario.
  return { ...(y as unknown as Omit<PhysicalYieldSpec, 'weatherBaseDir'>), weatherBaseDir: weatherBaseDirOfChain(chain) };
}

/** A case's physical yield, or what its computation threw (thrown again where the case reads it, as if run there). */
export type CaseYield = { readonly result: YieldResult } | { readonly error: unknown };

/**
 * The physical yields of several cases at once, by case id: the systems sharing a weather series (a sweep's sites on
 * the same file) go through {@link simulateYieldBatch} together, which gives each exactly what {@link simulateYield}
 * would. A batch that throws is run again system by system, so each case keeps its own error. Cases without yield
 * metrics get nothing.
 */
export function caseYields(sweep: Sweep, cases: readonly SweepCase[], readText: ReadText = readTextFromDisk): Map<string, CaseYield> {
  const out = new Map<string, CaseYield>();
  if (sweep.metrics.yield.length === 0) return out;
  const byWeather = new Map<WeatherSeries, { id: string; system: YieldSystem }[]>();
  for (const c of cases) {
    try {
      const system = caseYieldSystem(yieldSpecOf(sweep, c), readText);
      const group = byWeather.get(system.weather as WeatherSeries);
      if (group) group.push({ id: c.id, system });
      else byWeather.set(system.weather as WeatherSeries, [{ id: c.id, system }]);
    } catch (error) {
      out.set(c.id, { error });
    }
  }
  for (const [weather, group] of byWeather) {
    let results: YieldResult[] | undefined;
    try {
      results = simulateYieldBatch(weather.unixTimeS, group.map((g) => g.system));
    } catch {
      results = undefined;
    }
    group.forEach((g, k) => {
      if (results) return void out.set(g.id, { result: results[k]! });
      try {
        out.set(g.id, { result: simulateYield({ ...g.system, hourly: false }) });
      } catch (error) {
        out.set(g.id, { error });
      }
    });
  }
  return out;
}

/** A failure any case may have, said in one line. */
class CaseError extends Error {}

function yearOf(ref: YearRef, resolved: ResolvedScenario): number {
  const plan = resolved.plan;
  if (ref === 'start') return plan.startYear;
  if (ref === 'end') return plan.endYear;
  if (ref === 'target') {
    if (!plan.capacity.target) throw new CaseError("a metric asks for '@target', but the scenario has no capacity.target");
    return plan.capacity.target.year;
  }
  if (ref < plan.startYear || ref > plan.endYear) throw new CaseError(`a metric asks for ${ref}, outside the scenario's years ${plan.startYear}–${plan.endYear}`);
  return ref;
}

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** The message of a case's failure: a scenario's problems as 'field: message', else the error's own message. */
function failureMessage(e: unknown): string {
  if (e instanceof ScenarioError) return e.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  if (e instanceof PlanError) return `${e.field ? `${e.field}: ` : ''}${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

export interface RunCaseOptions {
  readonly readText?: ReadText;
  readonly finance?: FinanceEvaluator;
  /** Physical yields computed beforehand by {@link caseYields}, by case id; a case not in it computes its own. */
  readonly yields?: ReadonlyMap<string, CaseYield>;
}

/** Runs one case into its row; never throws for a problem of the case itself. */
export async function runCase(sweep: Sweep, c: SweepCase, options: RunCaseOptions = {}): Promise<SweepRow> {
  const readText = options.readText ?? readTextFromDisk;
  const row = (metrics: Record<string, number | null>, error: string | null): SweepRow => ({
    case: c.id,
    status: error === null ? 'ok' : 'failed',
    seed: c.seed,
    inputs: c.inputs,
    metrics,
    error,
    pvplanVersion: PVPLAN_VERSION,
    sweepHash: sweep.hash,
  });
  try {
    const base = sweep.bases[c.baseIndex]!;
    const shape = validateScenarioShape(c.scenario);
    if (shape.length > 0) throw new CaseError(shape.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const chain = { ...base.chain, merged: c.scenario };
    const m = sweep.metrics;
    const metrics: Record<string, number | null> = {};
    const needsResolved = m.run.length > 0 || m.mc !== undefined || (m.finance.length > 0 && c.finance?.energy === undefined);
    const resolved = needsResolved ? resolveChain(chain, readText) : undefined;
    let report: ReturnType<typeof runReport> | undefined;
    if (resolved && (m.run.length > 0 || m.finance.length > 0)) report = runReport(resolved);
    for (const r of m.run) {
      const year = yearOf(r.year, resolved!);
      const yearRow = report!.years.find((y) => y.year === year) as unknown as Readonly<Record<string, number>> | undefined;
      metrics[r.column] = finite(yearRow?.[r.metric.field]);
    }
    if (m.yield.length > 0) {
      const given = options.yields?.get(c.id);
      if (given !== undefined && 'error' in given) throw given.error;
      const result = given?.result ?? simulateYield({ ...caseYieldSystem(yieldSpecOf(sweep, c), readText), hourly: false });
      for (const name of m.yield) metrics[`yield.${name}`] = finite(result[name]);
    }
    if (m.mc) {
      const mc = await runMonteCarlo(resolved!, { draws: m.mc.draws, seed: c.seed, threads: 1 });
      if (m.mc.target) metrics['mc.pTargetMet'] = finite(mc.target?.probabilityMet);
      for (const r of m.mc.metrics) mcMetric(metrics, r, yearOf(r.year, resolved!) - resolved!.plan.startYear, mc.years);
    }
    if (m.finance.length > 0) {
      if (!options.finance) throw new CaseError('finance metrics are not available here');
      const inputs = { ...c.finance };
      if (inputs.energy === undefined) {
        if (inputs.capacity === undefined) throw new CaseError("finance: give 'energy', or 'capacity' so the first-year energy comes from the scenario's yield");
        inputs.energy = `${report!.summary.yield.fullLoadHoursStartYear} h`;
      }
      const values = options.finance(inputs);
      for (const name of m.finance) metrics[`finance.${name}`] = finite(values[name]);
    }
    return row(metrics, null);
  } catch (e) {
    // A TypeError or ReferenceError is a bug of pvplan, not a problem of the case: it stops the sweep.
    if (e instanceof TypeError || e instanceof ReferenceError) throw e;
    return row({}, failureMessage(e));
  }
}

function mcMetric(metrics: Record<string, number | null>, r: MetricAtYear, yearIndex: number, years: ReadonlyArray<Readonly<Record<string, unknown>>>): void {
  const stats = years[yearIndex]?.[r.metric.field] as { p10: number; p50: number; p90: number } | undefined;
  metrics[`mc.${r.column}.p10`] = finite(stats?.p10);
  metrics[`mc.${r.column}.p50`] = finite(stats?.p50);
  metrics[`mc.${r.column}.p90`] = finite(stats?.p90);
}
