/**
 * Monte Carlo for the server, off the event loop: runMonteCarlo (src/mc/run.ts) with its chunks sent to a piscina
 * pool of the Monte Carlo worker bundle (dist/mc-worker.js) kept for the server's life, even for runs of one or
 * two chunks that the CLI would compute in its own thread; the main thread only merges chunks and computes the
 * statistics, yielding between columns, so other requests keep being answered. Same report as `pvplan mc`.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import { planPasses } from '../core/uncertainty/monte-carlo.ts';
import type { ChunkTask } from '../mc/chunk.ts';
import { DEFAULT_MEMORY_BUDGET_BYTES, checkMonteCarloOptions } from '../mc/run.ts';
import { runPortfolioMonteCarlo } from '../mc/portfolio.ts';
import { workerBundlePath } from '../mc/worker-file.ts';
import type { McReport } from '../report/mc.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';

/**
 * Runs computed at once; later ones wait their turn. Each holds its columns (up to 11 MB at the route's
 * 20,000 draws of a 14-year scenario) from its start, so this bounds the memory a burst of distinct requests
 * can take, while keeping every worker busy (a run has at most two chunks in flight per worker).
 */
export const MAX_CONCURRENT_RUNS = 4;

/** A worker that has had no chunk for this long is stopped (ms); the first one stays, so a page view never waits for a thread to start. */
const IDLE_TIMEOUT_MS = 60_000;

export interface McPoolOptions {
  /** Worker threads (default: the cores less one for the server's own thread, at least 1). */
  readonly threads?: number;
  /** The worker bundle (default: workerBundlePath(), i.e. dist/mc-worker.js or PVPLAN_MC_WORKER). */
  readonly workerFile?: string;
}

/** Worker threads of a server pool by default: the cores less one, so the event loop keeps a core. */
export function defaultMcThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Monte Carlo reports computed in worker threads, the pool started on first use and kept until close().
 * @example const pool = new McPool(); const report = await pool.run(resolved, 2000, 42); await pool.close();
 */
export class McPool {
  readonly threads: number;
  private readonly workerFile: string | undefined;
  private pool: Promise<Piscina<ChunkTask, Float64Array>> | undefined;
  private closed = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(opts: McPoolOptions = {}) {
    this.threads = opts.threads ?? defaultMcThreads();
    if (!(Number.isInteger(this.threads) && this.threads >= 1)) throw new RangeError(`McPool: threads must be a whole number ≥ 1, got ${this.threads}`);
    this.workerFile = opts.workerFile;
  }

  private piscina(): Promise<Piscina<ChunkTask, Float64Array>> {
    if (this.closed) return Promise.reject(new Error('McPool: closed'));
    this.pool ??= import('piscina')
      .then(({ Piscina: Pool }) => new Pool<ChunkTask, Float64Array>({ filename: pathToFileURL(this.workerFile ?? workerBundlePath()).href, minThreads: 1, maxThreads: this.threads, idleTimeout: IDLE_TIMEOUT_MS, concurrentTasksPerWorker: 1 }))
      .catch((e: unknown) => {
        this.pool = undefined;
        throw e;
      });
    return this.pool;
  }

  /** Starts the worker thread now (it loads the bundle), so the first report does not wait for it. */
  async start(): Promise<void> {
    await this.piscina();
  }

  /**
   * The Monte Carlo report of a resolved scenario (McReport, docs/uncertainty.md): the same as
   * runMonteCarlo(resolved, { draws, seed }) and `pvplan mc --format json`, with the draws in worker threads.
   */
  async run(resolved: ResolvedScenario, draws: number, seed: number): Promise<McReport> {
    checkMonteCarloOptions({ draws, seed });
    // A finishing run hands its slot straight to the first waiting one, so no newcomer can slip in between.
    if (this.running < MAX_CONCURRENT_RUNS) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await this.compute(resolved, draws, seed);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async compute(resolved: ResolvedScenario, draws: number, seed: number): Promise<McReport> {
    const pool = await this.piscina();
    const { plan } = resolved;
    // The server's draw limit keeps every column in memory at once (one pass), so a report never re-draws.
    if (planPasses(draws, plan.endYear - plan.startYear + 1, DEFAULT_MEMORY_BUDGET_BYTES).length !== 1) throw new RangeError(`McPool: ${draws} draws do not fit one pass`);
    // Two chunks in flight per worker, so a worker never waits for the merge; statistics yield between columns.
    return runPortfolioMonteCarlo(resolved, { draws, seed, executor: { lanes: 2 * this.threads, run: (task) => pool.run(task) }, yieldBetweenColumns: true });
  }

  /** Stops the worker threads; runs in flight reject. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool.catch(() => undefined))?.destroy();
  }
}
