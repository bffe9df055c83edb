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
import { DEFAULT_MEMORY_BUDGET_BYTES, McAbortError, checkMonteCarloOptions } from '../mc/run.ts';
import { runPortfolioMonteCarlo } from '../mc/portfolio.ts';
import { workerBundlePath } from '../mc/worker-file.ts';
import type { McReport } from '../report/mc.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { HttpError } from './errors.ts';

/**
 * Runs computed at once; later ones wait their turn. Each holds its columns (up to 11 MB at the route's
 * 20,000 draws of a 14-year scenario) from its start, so this bounds the memory a burst of distinct requests
 * can take, while keeping every worker busy (a run has at most two chunks in flight per worker).
 */
export const MAX_CONCURRENT_RUNS = 4;

/**
 * Runs one client (a remote address) may have waiting for a slot; more are answered 503 at once. The page asks
 * for one Monte Carlo at a time, so a client with this many queued is looping or has left without waiting.
 */
export const MAX_QUEUED_RUNS_PER_CLIENT = 4;

/** Runs waiting in all; more are answered 503 at once, so a crowd of clients cannot queue hours of work. */
export const MAX_QUEUED_RUNS = 32;

/**
 * Seconds a client told 503 is asked to wait before trying again (`Retry-After`): about the time one slot takes
 * to free at the route's largest draw count (a second of a worker's time) with every slot busy.
 */
export const MC_RETRY_AFTER_S = 5;

/** Who asks for a run, and whether it is still wanted. */
export interface McRunOptions {
  /** The client the run is for (its remote address): waiting runs are started one client after another. */
  readonly client?: string;
  /** Aborting drops the run from the queue, or stops it: no further chunk is started and queued chunks are dropped. */
  readonly signal?: AbortSignal;
}

/** A run waiting for a slot. */
interface Waiter {
  readonly start: () => void;
}

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
/**
 * Monte Carlo reports computed in worker threads, the pool started on first use and kept until close(). At most
 * MAX_CONCURRENT_RUNS run at once; the rest wait in one queue per client, served in turn (round robin), so a
 * client with many requests delays only itself; a full queue is a 503 with Retry-After, and an aborted run
 * leaves the queue or stops.
 * @example const pool = new McPool(); const report = await pool.run(resolved, 2000, 42); await pool.close();
 */
export class McPool {
  readonly threads: number;
  private readonly workerFile: string | undefined;
  private pool: Promise<Piscina<ChunkTask, Float64Array>> | undefined;
  private closed = false;
  private running = 0;
  /** Waiting runs by client, clients in the order they are served next (the one just served moves to the back). */
  private readonly queues = new Map<string, Waiter[]>();
  private queued = 0;

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

  /** Runs waiting for a slot (all clients, or one). */
  waiting(client?: string): number {
    return client === undefined ? this.queued : (this.queues.get(client)?.length ?? 0);
  }

  /**
   * The Monte Carlo report of a resolved scenario (McReport, docs/uncertainty.md): the same as
   * runMonteCarlo(resolved, { draws, seed }) and `pvplan mc --format json`, with the draws in worker threads.
   * Rejects with a 503 HttpError when the client's queue or the whole queue is full, and with McAbortError when
   * `signal` aborts first.
   */
  async run(resolved: ResolvedScenario, draws: number, seed: number, opts: McRunOptions = {}): Promise<McReport> {
    checkMonteCarloOptions({ draws, seed });
    if (opts.signal?.aborted) throw new McAbortError();
    // A finishing run hands its slot straight to the next waiting one, so no newcomer can slip in between.
    if (this.running < MAX_CONCURRENT_RUNS) this.running++;
    else await this.wait(opts.client, opts.signal);
    try {
      return await this.compute(resolved, draws, seed, opts.signal);
    } finally {
      const next = this.nextWaiter();
      if (next) next.start();
      else this.running--;
    }
  }

  /** Waits in the client's queue until a finishing run hands over its slot. */
  private wait(clientName: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    // An in-process caller (no client) shares one queue, capped only by the total.
    const client = clientName ?? '';
    const queue = this.queues.get(client) ?? [];
    const clientFull = clientName !== undefined && queue.length >= MAX_QUEUED_RUNS_PER_CLIENT;
    if (clientFull || this.queued >= MAX_QUEUED_RUNS) {
      const whose = clientFull ? `this client already has ${queue.length} Monte Carlo runs waiting` : `${this.queued} Monte Carlo runs are waiting`;
      return Promise.reject(new HttpError(503, 'service-unavailable', `the server is busy: ${whose}; try again in ${MC_RETRY_AFTER_S} s`, { retryAfterSeconds: MC_RETRY_AFTER_S }));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const q = this.queues.get(client);
        const i = q?.indexOf(waiter) ?? -1;
        if (i < 0) return;
        q!.splice(i, 1);
        this.queued--;
        if (q!.length === 0) this.queues.delete(client);
        reject(new McAbortError());
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.queued++;
      if (queue.length === 1) this.queues.set(client, queue);
    });
  }

  /** The first waiting run of the client whose turn it is; that client then goes to the back of the line. */
  private nextWaiter(): Waiter | undefined {
    for (const [client, queue] of this.queues) {
      const waiter = queue.shift()!;
      this.queued--;
      this.queues.delete(client);
      if (queue.length > 0) this.queues.set(client, queue);
      return waiter;
    }
    return undefined;
  }

  private async compute(resolved: ResolvedScenario, draws: number, seed: number, signal: AbortSignal | undefined): Promise<McReport> {
    const pool = await this.piscina();
    const { plan } = resolved;
    // The server's draw limit keeps every column in memory at once (one pass), so a report never re-draws.
    if (planPasses(draws, plan.endYear - plan.startYear + 1, DEFAULT_MEMORY_BUDGET_BYTES).length !== 1) throw new RangeError(`McPool: ${draws} draws do not fit one pass`);
    // Two chunks in flight per worker, so a worker never waits for the merge; statistics yield between columns.
    // The signal reaches piscina too, which drops the run's queued chunks.
    const run = signal ? (task: ChunkTask) => pool.run(task, { signal }) : (task: ChunkTask) => pool.run(task);
    return runPortfolioMonteCarlo(resolved, { draws, seed, executor: { lanes: 2 * this.threads, run }, yieldBetweenColumns: true, ...(signal ? { signal } : {}) });
  }

  /** Stops the worker threads; runs in flight reject. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool.catch(() => undefined))?.destroy();
  }
}
