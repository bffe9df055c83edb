/**
 * Running a sweep, or one shard of it, into an output folder: the manifest first, each finished case appended to
 * the run's journal, and at the end the part file (a shard) or the merged table (the whole sweep) written
 * atomically and the journal removed. `resume` skips the cases the journal of an interrupted run already holds.
 */
import { mkdirSync } from 'node:fs';
import { McAbortError } from '../mc/run.ts';
import { buildCase, inputColumns } from './cases.ts';
import { Journal, journalPath, manifestOf, MERGED_JSONL, readJournal, writeManifest, writeMerged, writePart } from './output.ts';
import { caseYields, metricColumns, runCase, type FinanceEvaluator, type SweepRow } from './run-case.ts';
import { partFileName, shardCases, type Shard } from './shard.ts';
import type { Sweep } from './spec.ts';

/** How often (ms) a running sweep lets the event loop serve signals and timers. */
const YIELD_EVERY_MS = 50;
/**
 * Cases built and given their physical yields together: the sites of a chunk that share a weather file run as one
 * batch (a few ms a site-year, so a chunk stays well under a second between progress updates).
 */
const CASES_PER_CHUNK = 32;

export interface RunSweepOptions {
  readonly out: string;
  readonly shard?: Shard;
  readonly resume?: boolean;
  readonly finance?: FinanceEvaluator;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface SweepSummary {
  readonly cases: number;
  readonly failed: number;
  readonly resumed: number;
  /** Files written: the part file, or sweep.jsonl and sweep.csv. */
  readonly files: readonly string[];
}

/** Runs the sweep (or one shard) into `options.out`; throws McAbortError when `signal` aborts (the journal stays). */
export async function runSweep(sweep: Sweep, options: RunSweepOptions): Promise<SweepSummary> {
  const { out, shard } = options;
  mkdirSync(out, { recursive: true });
  const manifest = manifestOf(sweep, inputColumns(sweep), metricColumns(sweep));
  writeManifest(out, manifest);
  const target = shard ? partFileName(shard) : MERGED_JSONL;
  const journalFile = journalPath(out, target);
  const cases = shard ? shardCases(sweep.caseCount, shard) : Array.from({ length: sweep.caseCount }, (_, k) => k);
  const mine = new Set(cases);
  const earlier = options.resume ? readJournal(journalFile, sweep.hash).filter((r) => mine.has(Number(r.case))) : [];
  const done = new Map<number, SweepRow>(earlier.map((r) => [Number(r.case), r]));
  const journal = new Journal(journalFile, !options.resume);
  let finished = done.size;
  options.onProgress?.(finished, cases.length);
  let lastYield = performance.now();
  try {
    const todo = cases.filter((k) => !done.has(k));
    for (let first = 0; first < todo.length; first += CASES_PER_CHUNK) {
      const chunk = todo.slice(first, first + CASES_PER_CHUNK).map((k) => buildCase(sweep, k));
      const yields = caseYields(sweep, chunk);
      for (const c of chunk) {
        // Cases run synchronously: let the event loop in now and then, so Ctrl-C and the progress bar are served.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        if (options.signal?.aborted) throw new McAbortError();
        const row = await runCase(sweep, c, { yields, ...(options.finance ? { finance: options.finance } : {}) });
        journal.append(row);
        done.set(c.index, row);
        options.onProgress?.(++finished, cases.length);
      }
    }
  } finally {
    journal.close();
  }
  const rows = cases.map((k) => done.get(k)!);
  const files = shard ? [writePart(out, shard, rows)] : Object.values(writeMerged(out, rows, manifest));
  journal.remove();
  return { cases: rows.length, failed: rows.filter((r) => r.status === 'failed').length, resumed: earlier.length, files };
}
