/**
 * Monte Carlo orchestration: chunks of draws run in this thread or in worker threads (piscina), results merged
 * by draw index, statistics computed from the merged columns in draw order.
 *
 * Determinism: chunks are fixed blocks of CHUNK_DRAWS draws (never sized by the thread count), every draw's
 * random numbers depend only on (seed, draw), each chunk's result is written at its own draw offset, and every
 * statistic is computed after the merge. So the same seed gives the same report, byte for byte, with any
 * number of threads.
 *
 * Memory: per (metric, reported year) one Float64Array over all draws; when they do not all fit
 * `memoryBudgetBytes`, the draws are run again for the next group of columns (planPasses): the same seed
 * gives the same draws, so passes are exact. 1,000,000 draws × 14 years need 70 columns of 8 MB: two passes
 * with the default budget of 384 MiB.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  blockColumn,
  blockTarget,
  createDrawer,
  CUMULATIVE_OF,
  MC_METRICS,
  planPasses,
  quantileKey,
  STANDARD_QUANTILES,
  summarizeValues,
  targetDistribution,
  type DrawBlock,
  type Drawer,
  type McColumn,
  type McMetric,
  type McStats,
  type StoredMetric,
} from '../core/uncertainty/monte-carlo.ts';
import { reachesTarget } from '../core/plan/simulate.ts';
import { financeMonteCarlo } from '../core/finance/monte-carlo-finance.ts';
import { mcReport, type McReport, type McStatsByMetric, type McTarget } from '../report/mc.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { chunkTransferList, plainPlan, runChunk, type ChunkTask } from './chunk.ts';
import { workerBundlePath } from './worker-file.ts';

/** Draws per chunk: fixed, so chunk boundaries never depend on the thread count (≈ 20–30 ms of work each). */
export const CHUNK_DRAWS = 4096;
/** `threads: 'auto'` uses worker threads only from this many draw-years (draws × simulated years), ≈ 0.5 s on one core: below it, starting workers costs more than it saves. */
export const AUTO_THREADS_MIN_DRAW_YEARS = 1_000_000;
/** Default memory for the stored columns, bytes (384 MiB); see planPasses. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 384 * 2 ** 20;
/** Most draws a run accepts (a single column of 10 M draws is 80 MB). */
export const MAX_DRAWS = 10_000_000;
/** Most worker threads a run accepts. */
export const MAX_THREADS = 64;

export interface MonteCarloOptions {
  readonly draws: number;
  readonly seed: number;
  /** Worker threads: 'auto' (default) picks 1 below AUTO_THREADS_MIN_DRAW_YEARS, else the core count. */
  readonly threads?: 'auto' | number;
  /** Quantiles reported besides P10/P50/P90, in [0, 1]. */
  readonly quantiles?: readonly number[];
  readonly memoryBudgetBytes?: number;
  /** Called after each chunk with the draws done so far and the total (draws × passes). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the run: workers are terminated and the promise rejects with McAbortError. */
  readonly signal?: AbortSignal;
  /** Runs the chunks on the caller's executor (e.g. a server's long-lived worker pool), which the run does not close; `threads` is then ignored. */
  readonly executor?: ChunkExecutor;
  /**
   * Sees each merged column (one metric of one reported year, every draw in draw order) before its statistics: the
   * portfolio Monte Carlo takes each draw's unnamed path from it. The buffer is reused afterwards: copy what you keep.
   */
  readonly onColumn?: (column: McColumn, values: Float64Array) => void;
  /** Yields to the event loop between statistics columns (for a server, whose other requests must keep being answered). */
  readonly yieldBetweenColumns?: boolean;
}

/** A Monte Carlo option out of range; the message names the option. */
export class McOptionError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'McOptionError';
  }
}

/** The run was aborted (e.g. Ctrl-C). */
export class McAbortError extends Error {
  constructor() {
    super('Monte Carlo run aborted');
    this.name = 'McAbortError';
  }
}

/** Checks the options; throws McOptionError naming the first one out of range. */
export function checkMonteCarloOptions(o: MonteCarloOptions): void {
  if (!(Number.isInteger(o.draws) && o.draws >= 1 && o.draws <= MAX_DRAWS)) throw new McOptionError(`draws must be a whole number from 1 to ${MAX_DRAWS.toLocaleString('en')}, got ${o.draws}`);
  if (!(Number.isSafeInteger(o.seed) && o.seed >= 0)) throw new McOptionError(`seed must be a whole number from 0 to 2^53 − 1, got ${o.seed}`);
  const t = o.threads ?? 'auto';
  if (t !== 'auto' && !(Number.isInteger(t) && t >= 1 && t <= MAX_THREADS)) throw new McOptionError(`threads must be 'auto' or a whole number from 1 to ${MAX_THREADS}, got ${String(t)}`);
  for (const q of o.quantiles ?? []) if (!(q >= 0 && q <= 1)) throw new McOptionError(`quantiles must lie between 0 and 1, got ${q}`);
  if (o.memoryBudgetBytes !== undefined && !(o.memoryBudgetBytes > 0)) throw new McOptionError(`memoryBudgetBytes must be positive, got ${o.memoryBudgetBytes}`);
}

/** Worker threads a run uses: 1 for small runs under 'auto', never more than there are chunks. */
export function threadsFor(threads: 'auto' | number, draws: number, simulatedYears: number): number {
  const chunks = Math.ceil(draws / CHUNK_DRAWS);
  const wanted = threads === 'auto' ? (draws * simulatedYears >= AUTO_THREADS_MIN_DRAW_YEARS ? availableParallelism() : 1) : threads;
  return Math.max(1, Math.min(wanted, chunks));
}

/** Extra quantiles, sorted, without duplicates and without the standard P10/P50/P90. */
function extraQuantiles(qs: readonly number[]): number[] {
  const standard = new Set(STANDARD_QUANTILES.map(quantileKey));
  const byKey = new Map<string, number>();
  for (const q of qs) if (!standard.has(quantileKey(q))) byKey.set(quantileKey(q), q);
  return [...byKey.values()].sort((a, b) => a - b);
}

/** Whether two columns hold the same values, draw for draw. */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Runs chunk tasks somewhere: this thread, a pool started for the run, or a caller's long-lived pool. */
export interface ChunkExecutor {
  /** Chunks kept in flight (2 per worker, so a worker never waits for the main thread to merge). */
  readonly lanes: number;
  /**
   * Whether run() moves a task's `out` buffer to where the chunk runs (this thread, or a worker with
   * chunkTransferList) rather than copying it: only then do lanes hand each chunk's spent buffer back with their
   * next task.
   */
  readonly movesBuffers?: boolean;
  run(task: ChunkTask): Promise<Float64Array>;
}

interface ChunkRunner extends ChunkExecutor {
  close(): Promise<void>;
}

/**
 * Drawers by resolved scenario, so that repeated runs (the server's) skip building samplers (a PERT table takes
 * ~20 ms). Sharing one is safe: a chunk runs synchronously from start to end, so runs never interleave inside it.
 */
const drawers = new WeakMap<ResolvedScenario, Drawer>();

function inThreadRunner(resolved: ResolvedScenario): ChunkRunner {
  let drawer = drawers.get(resolved);
  if (!drawer) drawers.set(resolved, (drawer = createDrawer(resolved)));
  const d = drawer;
  return {
    lanes: 1,
    movesBuffers: true,
    async run(task) {
      // Yield between chunks so that Ctrl-C, progress and the server's other requests get their turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return runChunk(d, task).data;
    },
    async close() {},
  };
}

async function workerRunner(threads: number): Promise<ChunkRunner> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina<ChunkTask, Float64Array>({ filename: pathToFileURL(workerBundlePath()).href, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 1 });
  const inFlight = new Set<Promise<Float64Array>>();
  return {
    lanes: 2 * threads,
    movesBuffers: true,
    run: (task) => {
      const running = pool.run(task, { transferList: chunkTransferList(task) });
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running)).catch(() => {});
      return running;
    },
    // Destroyed only once no chunk is in flight: piscina throws on an answer that reaches a destroyed pool.
    close: async () => {
      await Promise.allSettled([...inFlight]);
      await pool.destroy();
    },
  };
}

/**
 * Runs a Monte Carlo of a resolved scenario and returns the JSON report (McReport, docs/uncertainty.md):
 * per reported year, mean, sd, P10/P50/P90 (and extra quantiles) of every metric, and the target's
 * probability and first-met-year distribution. Same seed → same report, whatever `threads`.
 * @example const report = await runMonteCarlo(loadScenario('scenarios/wendeng-2025-uncertain.yaml'), { draws: 2000, seed: 42 });
 */
export async function runMonteCarlo(resolved: ResolvedScenario, options: MonteCarloOptions): Promise<McReport> {
  checkMonteCarloOptions(options);
  const { draws, seed, signal } = options;
  if (signal?.aborted) throw new McAbortError();
  const extra = extraQuantiles(options.quantiles ?? []);
  const { plan } = resolved;
  const reportedYears = plan.endYear - plan.startYear + 1;
  const simulatedYears = plan.endYear - plan.capacity.baseYear + 1;
  const passes = planPasses(draws, reportedYears, options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES);
  const threads = threadsFor(options.threads ?? 'auto', draws, simulatedYears);
  const chunkCount = Math.ceil(draws / CHUNK_DRAWS);
  const total = draws * passes.length;
  let done = 0;

  const goal = plan.capacity.target;
  const withTarget = goal?.capacityMW !== undefined;
  const firstMetYear = withTarget ? new Float64Array(draws) : undefined;
  const metInTargetYear = withTarget ? new Float64Array(draws) : undefined;
  const targetIndex = goal ? goal.year - plan.startYear : -1;
  let probabilityEnergyMet: number | undefined;
  let probabilityCoalMet: number | undefined;
  const shareReaching = (values: Float64Array, goalValue: number) => {
    let met = 0;
    for (let d = 0; d < values.length; d++) if (reachesTarget(values[d]!, goalValue)) met++;
    return met / values.length;
  };

  const stats = Object.fromEntries(MC_METRICS.map((m) => [m, new Array<McStats>(reportedYears)])) as Record<McMetric, McStats[]>;
  // Running sums of energy, coal and CO2 over the reported years, added in the kernel's order (bit for bit).
  const sums = new Map<StoredMetric, Float64Array>();
  const cumulativeOf = new Map<StoredMetric, McMetric>(Object.entries(CUMULATIVE_OF).map(([cum, base]) => [base, cum as McMetric]));

  const plain = plainPlan(plan);
  const buffers: Float64Array[] = [];
  const scratch = new Float64Array(draws);
  const external = options.executor;
  const runner: ChunkRunner = external ? { lanes: external.lanes, movesBuffers: external.movesBuffers === true, run: (task) => external.run(task), close: async () => {} } : threads > 1 ? await workerRunner(threads) : inThreadRunner(resolved);
  // Result buffers whose blocks are merged: the next tasks write into them (runDraws overwrites every value a block
  // holds), so a run allocates one per lane rather than one per chunk. The first pass's are the widest.
  const spentBuffers: Float64Array[] = [];
  let aborted = false;
  // The lanes stop taking chunks; the few in flight finish (a chunk is milliseconds) and `finally` closes the
  // runner. Closing a worker pool under a chunk in flight makes piscina throw on the orphaned answer.
  const onAbort = () => {
    aborted = true;
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let p = 0; p < passes.length; p++) {
      const columns: readonly McColumn[] = passes[p]!;
      const withTargetNow = withTarget && p === 0;
      // Column buffers are allocated once and reused by every pass: the budget bounds memory, not just each pass.
      // They are made when the first chunk comes back, so a run aborted before then (a server's client that left)
      // has cost no memory.
      let merged: Float64Array[] | undefined;
      const mergedColumns = (): Float64Array[] => {
        if (merged) return merged;
        while (buffers.length < columns.length) buffers.push(new Float64Array(draws));
        return (merged = buffers.slice(0, columns.length));
      };
      let next = 0;
      let failed = false;
      const lane = async () => {
        while (!failed && !aborted && next < chunkCount) {
          const fromDraw = next++ * CHUNK_DRAWS;
          const count = Math.min(CHUNK_DRAWS, draws - fromDraw);
          const out = spentBuffers.pop();
          const task: ChunkTask = { plan: plain, uncertainty: resolved.uncertainty, hash: resolved.hash, seed, fromDraw, count, columns, withTarget: withTargetNow, ...(out ? { out } : {}) };
          let data: Float64Array;
          try {
            data = await runner.run(task);
          } catch (e) {
            failed = true;
            throw e;
          }
          const block: DrawBlock = { fromDraw, count, columns, withTarget: withTargetNow, data };
          const into = mergedColumns();
          for (let c = 0; c < columns.length; c++) into[c]!.set(blockColumn(block, c), fromDraw);
          if (withTargetNow) {
            const outcome = blockTarget(block);
            firstMetYear!.set(outcome.firstMetYear, fromDraw);
            metInTargetYear!.set(outcome.metInTargetYear, fromDraw);
          }
          if (runner.movesBuffers) spentBuffers.push(new Float64Array(data.buffer));
          done += count;
          options.onProgress?.(done, total);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(runner.lanes, chunkCount) }, lane));
      } catch (e) {
        if (aborted) throw new McAbortError();
        throw e;
      }
      if (aborted) throw new McAbortError();

      const filled = mergedColumns();
      for (let c = 0; c < columns.length; c++) {
        // A server yields between columns so that other requests are answered while the statistics are computed.
        if (options.yieldBetweenColumns) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (aborted) throw new McAbortError();
        }
        const col = columns[c]!;
        const values = filled[c]!;
        options.onColumn?.(col, values);
        // A column equal to the previous year's (capacity after the build-out ends, say) has the same statistics.
        const previous = c > 0 && columns[c - 1]!.metric === col.metric ? filled[c - 1]! : undefined;
        stats[col.metric][col.yearIndex] = previous && sameValues(previous, values) ? stats[col.metric][col.yearIndex - 1]! : summarizeValues(values, extra, scratch);
        if (col.yearIndex === targetIndex && goal) {
          if (col.metric === 'energyMWh' && goal.energyMWh !== undefined) probabilityEnergyMet = shareReaching(values, goal.energyMWh);
          if (col.metric === 'coalTonnes' && goal.coalTonnes !== undefined) probabilityCoalMet = shareReaching(values, goal.coalTonnes);
        }
        const cumulative = cumulativeOf.get(col.metric);
        if (cumulative) {
          let sum = sums.get(col.metric);
          if (!sum) sums.set(col.metric, (sum = new Float64Array(draws)));
          for (let d = 0; d < draws; d++) sum[d] += values[d]!;
          stats[cumulative][col.yearIndex] = summarizeValues(sum, extra, scratch);
          if (col.yearIndex === reportedYears - 1) sums.delete(col.metric);
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await runner.close();
  }

  const target: McTarget | null = withTarget
    ? {
        year: goal!.year,
        capacityMW: goal!.capacityMW!,
        ...targetDistribution(firstMetYear!, metInTargetYear!),
        ...(goal!.energyMWh === undefined || probabilityEnergyMet === undefined ? {} : { energyMWh: goal!.energyMWh, probabilityEnergyMet }),
        ...(goal!.coalTonnes === undefined || probabilityCoalMet === undefined ? {} : { coalTonnes: goal!.coalTonnes, probabilityCoalMet }),
      }
    : null;
  const report = mcReport(resolved, draws, seed, stats as McStatsByMetric, target);
  // Finance runs in this thread over the same draws (same seed and streams), after the yearly metrics.
  return plan.finance ? { ...report, finance: financeMonteCarlo(resolved, seed, draws) } : report;
}
