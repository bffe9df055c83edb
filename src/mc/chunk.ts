/**
 * One Monte Carlo chunk as a message: what a worker thread needs to run draws [fromDraw, fromDraw + count).
 * The resolved plan and its uncertain inputs travel as plain data (structured clone); a worker builds a drawer
 * from them once per content hash and never reads, parses or resolves the scenario.
 */
import { LRUCache } from 'lru-cache';
import type { PlanInput } from '../core/plan/types.ts';
import { createDrawer, runDraws, type DrawBlock, type Drawer, type McColumn } from '../core/uncertainty/monte-carlo.ts';
import type { PlanUncertainty } from '../core/uncertainty/parameters.ts';
import { compileCapacityFormula } from '../scenario/formula.ts';

/**
 * A plan as it crosses a thread: a formula growth model without its compiled function (functions cannot be
 * cloned); revivePlan compiles it again from its expression.
 */
export type PlainPlan = Omit<PlanInput, 'capacity'> & { readonly capacity: Omit<PlanInput['capacity'], 'growth'> & { readonly growth: PlainGrowth } };
type PlainGrowth = Exclude<PlanInput['capacity']['growth'], { model: 'formula' }> | { readonly model: 'formula'; readonly expression: string };

/** The plan as plain data: the formula growth model's function dropped, everything else shared. */
export function plainPlan(plan: PlanInput): PlainPlan {
  const { growth } = plan.capacity;
  if (growth.model !== 'formula') return plan;
  return { ...plan, capacity: { ...plan.capacity, growth: { model: 'formula', expression: growth.expression } } };
}

/** The plan of a PlainPlan: a formula growth model compiled again (the scenario layer checked it when it resolved the plan). */
export function revivePlan(plan: PlainPlan): PlanInput {
  const { growth } = plan.capacity;
  if (growth.model !== 'formula') return plan as PlanInput;
  return { ...plan, capacity: { ...plan.capacity, growth: { model: 'formula', expression: growth.expression, capacityMWAt: compileCapacityFormula(growth.expression) } } };
}

export interface ChunkTask {
  /** The resolved plan (ResolvedScenario.plan, through plainPlan). */
  readonly plan: PlainPlan;
  /** Its uncertain inputs, correlations and inter-annual term (ResolvedScenario.uncertainty). */
  readonly uncertainty: PlanUncertainty;
  /** The content hash of plan and uncertainty (ResolvedScenario.hash): the worker's cache key for the drawer. */
  readonly hash: string;
  readonly seed: number;
  readonly fromDraw: number;
  readonly count: number;
  readonly columns: readonly McColumn[];
  readonly withTarget: boolean;
  /**
   * A spent result buffer to write this chunk's block into (runDraws' `out`): a lane hands each chunk's buffer
   * back with its next task, moved (transferred) to the worker and back, so that a run allocates one per lane.
   */
  readonly out?: Float64Array;
}

/** Drawers a worker keeps, by content hash: a server's pool serves many scenarios (and edits of them) over its life. */
export const WORKER_DRAWER_CACHE_SIZE = 16;

const drawers = new LRUCache<string, Drawer>({ max: WORKER_DRAWER_CACHE_SIZE });

/** The drawer of a task's plan, built once per thread and content hash. */
export function drawerForTask(task: Pick<ChunkTask, 'plan' | 'uncertainty' | 'hash'>): Drawer {
  let drawer = drawers.get(task.hash);
  if (drawer === undefined) drawers.set(task.hash, (drawer = createDrawer({ plan: revivePlan(task.plan), uncertainty: task.uncertainty })));
  return drawer;
}

/** Runs a chunk task against a drawer (the worker's, or the main thread's own). */
export function runChunk(drawer: Drawer, task: Pick<ChunkTask, 'seed' | 'fromDraw' | 'count' | 'columns' | 'withTarget' | 'out'>): DrawBlock {
  return runDraws(drawer, task.seed, task.fromDraw, task.count, task.columns, task.withTarget, task.out);
}

/** What a task moves to a worker rather than copies: its `out` buffer (piscina's `transferList`). */
export function chunkTransferList(task: ChunkTask): ArrayBuffer[] {
  return task.out ? [task.out.buffer as ArrayBuffer] : [];
}
