/**
 * One Monte Carlo chunk as a message: what a worker thread needs to run draws [fromDraw, fromDraw + count).
 * Setters of uncertain fields are closures, which cannot cross threads, so a worker re-resolves the scenario
 * from its written (merged) form and checks that it gets the same content hash before it trusts the result.
 */
import { createDrawer, runDraws, type DrawBlock, type Drawer, type McColumn } from '../core/uncertainty/monte-carlo.ts';
import { planHash, resolvePlan } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface ChunkTask {
  /** The scenario as written after `extends` (ResolvedScenario.written). */
  readonly written: Scenario;
  /** Its content hash (ResolvedScenario.hash): the worker's cache key and consistency check. */
  readonly hash: string;
  /**
   * The resolved first-year full-load hours when they are one number: a `physical` yield model computes them
   * from a weather file whose path is relative to the scenario file, which a worker does not know, so the
   * worker takes them from here instead of recomputing (the hash check still covers them).
   */
  readonly fullLoadHours?: number;
  readonly seed: number;
  readonly fromDraw: number;
  readonly count: number;
  readonly columns: readonly McColumn[];
  readonly withTarget: boolean;
}

const drawers = new Map<string, Drawer>();

/** The drawer of a written scenario, resolved once per thread and cached by hash. */
export function drawerForWritten(written: Scenario, hash: string, fullLoadHours?: number): Drawer {
  const cached = drawers.get(hash);
  if (cached) return cached;
  const { plan, uncertainty, issues } = resolvePlan(written, fullLoadHours === undefined ? {} : { physicalYield: () => ({ fullLoadHours, issues: [] }) });
  if (issues.length > 0) throw new Error(`mc worker: the scenario no longer resolves: ${issues[0]!.path.join('.')}: ${issues[0]!.message}`);
  const got = planHash(written.name, plan, uncertainty);
  if (got !== hash) throw new Error(`mc worker: the scenario resolved to ${got}, the main thread had ${hash}`);
  const drawer = createDrawer({ plan, uncertainty });
  drawers.set(hash, drawer);
  return drawer;
}

/** Runs a chunk task against a drawer (the worker's, or the main thread's own). */
export function runChunk(drawer: Drawer, task: Omit<ChunkTask, 'written' | 'hash' | 'fullLoadHours'>): DrawBlock {
  return runDraws(drawer, task.seed, task.fromDraw, task.count, task.columns, task.withTarget);
}
