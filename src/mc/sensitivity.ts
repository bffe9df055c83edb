/**
 * Sensitivity of a resolved scenario: the tornado, Sobol indices (Saltelli 2010 / Jansen 1999 estimators, with
 * the rank correlations switched off, as the decomposition needs independent inputs) and squared rank
 * correlations over correlated Monte Carlo draws (core/sensitivity.ts). Runs in this thread in chunks, yielding
 * between them for progress and Ctrl-C.
 *
 * Random numbers: sample row r of matrix A uses the uniforms of Monte Carlo draw r (same seed, same streams),
 * matrix B those of draw N + r; the rank correlations use draws 0 … N − 1 with the copula, i.e. the first N
 * draws `pvplan mc` makes with the same seed.
 */
import { finiteOrNull } from '../report/json.ts';
import { createDrawer, interannualYieldFactor, isCumulativeMetric, MC_METRICS, workspaceValue, type McMetric } from '../core/uncertainty/monte-carlo.ts';
import { fillUniforms } from '../core/uncertainty/random.ts';
import { financeTornado } from '../core/finance/monte-carlo-finance.ts';
import { accumulateSobol, createSobolSums, rankCorrelation, sobolIndices, tornado, WEATHER_INPUT, type SensitivityOutput, type SobolModel } from '../core/uncertainty/sensitivity.ts';
import { mcInputs, type SensitivityInput, type SensitivityReport, type SensitivityResult } from '../report/mc.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { McAbortError, McOptionError } from './run.ts';

/** Rows of the Saltelli design run between two yields to the event loop. */
export const SENSITIVITY_CHUNK = 1024;
/** Most base samples a sensitivity run accepts (N·(k + 3) model runs). */
export const MAX_SENSITIVITY_DRAWS = 1_000_000;

export interface SensitivityOptions {
  /** Outputs to explain; default: defaultSensitivityOutputs. */
  readonly outputs?: readonly SensitivityOutput[];
  /** Base samples N. */
  readonly draws: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** The default outputs: energy in the target year (or the end year without a target) and cumulative coal to the end year. */
export function defaultSensitivityOutputs(resolved: ResolvedScenario, year?: number): SensitivityOutput[] {
  const { plan } = resolved;
  const t = plan.capacity.target?.year;
  const targetYear = t !== undefined && t >= plan.startYear && t <= plan.endYear ? t : plan.endYear;
  return [
    { metric: 'energyMWh', year: year ?? targetYear },
    { metric: 'cumulativeCoalTonnes', year: year ?? plan.endYear },
  ];
}

/** Runs the tornado, the Sobol indices and the rank correlations; returns the JSON report. */
export async function runSensitivity(resolved: ResolvedScenario, options: SensitivityOptions): Promise<SensitivityReport> {
  const { draws: n, seed, signal } = options;
  if (!(Number.isInteger(n) && n >= 2 && n <= MAX_SENSITIVITY_DRAWS)) throw new McOptionError(`draws must be a whole number from 2 to ${MAX_SENSITIVITY_DRAWS.toLocaleString('en')}, got ${n}`);
  if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new McOptionError(`seed must be a whole number from 0 to 2^53 − 1, got ${seed}`);
  const { plan } = resolved;
  const outputs = options.outputs ?? defaultSensitivityOutputs(resolved);
  for (const o of outputs) {
    if (!MC_METRICS.includes(o.metric)) throw new McOptionError(`unknown metric ${String(o.metric)}`);
    if (!(Number.isInteger(o.year) && o.year >= plan.startYear && o.year <= plan.endYear)) throw new McOptionError(`year must be between ${plan.startYear} and ${plan.endYear}, got ${o.year}`);
  }
  if (signal?.aborted) throw new McAbortError();

  const drawer = createDrawer(resolved);
  const { dimension, parameterCount, weatherCount, streams, workspace: ws } = drawer;
  const names = resolved.uncertainty.parameters.map((p) => p.name);
  const groups: number[][] = names.map((_, j) => [j]);
  if (weatherCount > 0) groups.push(Array.from({ length: weatherCount }, (_, k) => parameterCount + k));
  const groupNames = weatherCount > 0 ? [...names, WEATHER_INPUT] : names;
  const at = outputs.map((o) => o.year - plan.capacity.baseYear);
  const read = (out: Float64Array) => outputs.forEach((o, i) => (out[i] = workspaceValue(ws, o.metric, at[i]!, drawer.reportedOffset)));
  const model: SobolModel = {
    dimension,
    outputs: outputs.length,
    evaluate(u, out) {
      drawer.evaluate(u, false);
      read(out);
    },
  };

  const bars = tornado(resolved, outputs);
  const sums = createSobolSums(outputs.length, groups);
  // Rank correlations: each input's value (weather: its multiplier averaged over the years an output sums) and each output, per draw.
  const inputValues = Array.from({ length: parameterCount }, () => new Float64Array(n));
  const weatherValues = outputs.map(() => new Float64Array(weatherCount > 0 ? n : 0));
  const outputValues = outputs.map(() => new Float64Array(n));
  const cumulative = outputs.map((o) => isCumulativeMetric(o.metric));
  const firstReported = plan.startYear - plan.capacity.baseYear;

  const total = n * (groups.length + 3);
  let done = 0;
  const a = new Float64Array(SENSITIVITY_CHUNK * dimension);
  const b = new Float64Array(SENSITIVITY_CHUNK * dimension);
  const column = new Float64Array(SENSITIVITY_CHUNK);
  const u = new Float64Array(dimension);
  const f = new Float64Array(outputs.length);
  for (let from = 0; from < n; from += SENSITIVITY_CHUNK) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new McAbortError();
    const count = Math.min(SENSITIVITY_CHUNK, n - from);
    const col = column.subarray(0, count);
    for (const [matrix, offset] of [[a, from], [b, n + from]] as const) {
      for (let s = 0; s < dimension; s++) {
        fillUniforms(seed, streams[s]!, offset, col);
        for (let r = 0; r < count; r++) matrix[r * dimension + s] = col[r]!;
      }
    }
    accumulateSobol(model, a, b, count, sums);
    for (let r = 0; r < count; r++) {
      const d = from + r;
      for (let s = 0; s < dimension; s++) u[s] = a[r * dimension + s]!;
      drawer.evaluate(u, true);
      read(f);
      for (let j = 0; j < parameterCount; j++) inputValues[j]![d] = drawer.values[j]!;
      outputs.forEach((_, i) => {
        outputValues[i]![d] = f[i]!;
        if (weatherCount === 0) return;
        // The draw's weather multipliers are recomputed from its uniforms, as the drawer does.
        const sd = resolved.uncertainty.interannualSdFrac;
        const last = at[i]!;
        const first = cumulative[i] ? firstReported : last;
        let sum = 0;
        for (let k = first; k <= last; k++) sum += interannualYieldFactor(sd, u[parameterCount + k]!);
        weatherValues[i]![d] = sum / (last - first + 1);
      });
    }
    done += count * (groups.length + 3);
    options.onProgress?.(done, total);
  }

  const { mean, variance, indices } = sobolIndices(sums);
  const results: SensitivityResult[] = outputs.map((o, i) => {
    const inputs: SensitivityInput[] = groupNames.map((input, g) => {
      const s = indices[i]![g]!;
      const rho = rankCorrelation(g < parameterCount ? inputValues[g]! : weatherValues[i]!, outputValues[i]!);
      return {
        input,
        firstOrder: finiteOrNull(s.firstOrder),
        firstOrderSe: finiteOrNull(s.firstOrderSe),
        totalEffect: finiteOrNull(s.totalEffect),
        totalEffectSe: finiteOrNull(s.totalEffectSe),
        rankCorrelation: finiteOrNull(rho),
        rankCorrelationSquared: finiteOrNull(rho * rho),
      };
    });
    const key = (x: SensitivityInput) => [x.totalEffect ?? -1, x.firstOrder ?? -1, x.rankCorrelationSquared ?? -1] as const;
    inputs.sort((x, y) => {
      const kx = key(x);
      const ky = key(y);
      return ky[0] - kx[0] || ky[1] - kx[1] || ky[2] - kx[2];
    });
    return { metric: o.metric as McMetric, year: o.year, central: bars.base[i]!, mean: mean[i]!, sd: Math.sqrt(variance[i]!), tornado: bars.bars[i]!, inputs };
  });
  const tornadoRuns = 1 + 2 * groupNames.length;
  return {
    scenario: { id: resolved.id, name: resolved.name, hash: resolved.hash, ...(resolved.region === undefined ? {} : { region: resolved.region }) },
    pvplanVersion: PVPLAN_VERSION,
    draws: n,
    seed,
    evaluations: n * (groups.length + 3) + tornadoRuns,
    inputs: mcInputs(resolved),
    outputs: results,
    ...(plan.finance ? { financeTornado: financeTornadoOf(resolved) } : {}),
  };
}

/** The LCOE tornado of a scenario with a finance section. */
function financeTornadoOf(resolved: ResolvedScenario): NonNullable<SensitivityReport['financeTornado']> {
  const t = financeTornado(resolved);
  return { metric: 'lcoeYuanPerKWh', central: t.base, tornado: t.bars };
}
