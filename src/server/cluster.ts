/**
 * `pvplan serve --workers N`: N server processes on one port (node:cluster, whose primary hands each new
 * connection to the next worker in turn), so what-ifs from many people use every core. Each worker is a whole
 * server with its own caches; they agree with each other because every cache is checked against the files'
 * stamps (inode, size, times) and every save is an atomic link or rename, which processes see alike.
 *
 * The primary serves nothing itself. It starts one worker, and only once that one listens (so a port in use or
 * a missing folder is reported once, by that worker) the others, and announces the URL when all of them listen;
 * it replaces a worker that dies while serving,
 * gives up after too many deaths in a row, and on SIGINT/SIGTERM stops them all and waits for them.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** What a worker tells the primary once its server listens. */
interface ListeningMessage {
  readonly pvplan: 'listening';
  readonly url: string;
}

function isListeningMessage(m: unknown): m is ListeningMessage {
  return typeof m === 'object' && m !== null && (m as { pvplan?: unknown }).pvplan === 'listening' && typeof (m as { url?: unknown }).url === 'string';
}

/** Worker deaths tolerated within CRASH_WINDOW_MS before the primary stops the whole server. */
export const MAX_CRASHES_IN_WINDOW = 5;
const CRASH_WINDOW_MS = 60_000;

/** Most worker processes `--workers` accepts (more than the cores only adds switching; this bounds a typo). */
export const MAX_WORKERS = 64;

/** Whether this process is a worker of `pvplan serve --workers N` (it then serves, and reports to the primary). */
export function isServeWorker(): boolean {
  return cluster.isWorker;
}

/** `--workers`: a whole number from 1 to MAX_WORKERS, or 'auto' for one per available core. Undefined if neither. */
export function parseWorkerCount(text: string): number | undefined {
  if (text.trim().toLowerCase() === 'auto') return Math.min(MAX_WORKERS, availableParallelism());
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS ? n : undefined;
}

/** Monte Carlo threads each of `workers` processes gets: the cores less the workers' own, shared out, at least 1. */
export function mcThreadsPerWorker(workers: number): number {
  return Math.max(1, Math.floor((availableParallelism() - workers) / workers));
}

/** In a worker: tells the primary its server listens at `url`. */
export function reportListening(url: string): void {
  const message: ListeningMessage = { pvplan: 'listening', url };
  process.send?.(message);
}

/** In a worker: lets the process end once its server has closed (the channel to the primary would keep it alive). */
export function leavePrimary(): void {
  if (cluster.isWorker && process.connected) process.disconnect();
}

export interface PrimaryOptions {
  readonly workers: number;
  /** Called once, when all the workers listen, with their URL (they share it). */
  readonly onListening: (url: string) => void;
  /** One line about a worker's death or the shutdown, for stderr. */
  readonly onNotice: (line: string) => void;
}

/**
 * Runs the primary of a `--workers` server until it stops. Resolves with the exit status: 0 after SIGINT or
 * SIGTERM, the first worker's status when it could not start (it has said why), 1 after too many deaths.
 */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  return new Promise((resolve) => {
    const workers = new Set<Worker>();
    const deaths: number[] = [];
    let url: string | undefined;
    /** Workers of the first start that listen; the URL is announced when all do. */
    let listening = 0;
    let announced = false;
    let stopping = false;
    let status = 0;

    const finishIfDone = () => {
      if (stopping && workers.size === 0) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(status);
      }
    };
    const stopAll = (exitStatus: number) => {
      if (!stopping) status = exitStatus;
      stopping = true;
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM');
      finishIfDone();
    };
    const onSignal = () => stopAll(0);

    const fork = () => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.on('message', (m: unknown) => {
        if (!isListeningMessage(m) || announced) return;
        if (url === undefined) {
          url = m.url;
          for (let k = 1; k < opts.workers && !stopping; k++) fork();
        }
        if (++listening === opts.workers) {
          announced = true;
          opts.onListening(url);
        }
      });
      worker.on('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) return finishIfDone();
        if (url === undefined) return stopAll(code === 0 || code === null ? 1 : code);
        const now = Date.now();
        deaths.push(now);
        while (deaths.length > 0 && deaths[0]! < now - CRASH_WINDOW_MS) deaths.shift();
        const how = signal ? `signal ${signal}` : `exit status ${code}`;
        if (deaths.length > MAX_CRASHES_IN_WINDOW) {
          opts.onNotice(`pvplan: worker process ${worker.process.pid} stopped (${how}); ${deaths.length} stopped within a minute, so the server stops`);
          return stopAll(1);
        }
        opts.onNotice(`pvplan: worker process ${worker.process.pid} stopped (${how}); starting another`);
        fork();
      });
    };

    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    fork();
  });
}
