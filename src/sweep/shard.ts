/**
 * Shards of a sweep: shard i of N runs cases k with k mod N = i (round robin: sizes differ by at most one, and a
 * sweep whose cost varies along the grid spreads it evenly). `--shard auto` reads the scheduler's array index:
 * Slurm job arrays (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, or SLURM_ARRAY_TASK_MIN/MAX) and Kubernetes
 * Indexed Jobs (JOB_COMPLETION_INDEX, with the count from --shards).
 */

/** Shard i of N (0 ≤ i < N). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Most shards of one sweep (part file names have five digits). */
export const MAX_SHARDS = 99_999;

/** A problem with a shard option or the scheduler's environment, said in one line (the CLI exits 2). */
export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

const WHOLE = /^(0|[1-9][0-9]*)$/;

function whole(text: string | undefined): number | undefined {
  return text !== undefined && WHOLE.test(text.trim()) ? Number(text.trim()) : undefined;
}

function checked(index: number, count: number, from: string): Shard {
  if (!(count >= 1 && count <= MAX_SHARDS)) throw new ShardError(`${from}: expected a shard count from 1 to ${MAX_SHARDS}, got ${count}`);
  if (!(index >= 0 && index < count)) throw new ShardError(`${from}: shard ${index} of ${count} does not exist; expected a shard index from 0 to ${count - 1}`);
  return { index, count };
}

/**
 * Parses `--shard i/N` (0-based i), or `auto` from the environment; `shards` is `--shards N` (needed by Kubernetes,
 * optional under Slurm, where it must agree with the array).
 * @example parseShard('3/16', undefined, {}) // { index: 3, count: 16 }
 */
export function parseShard(text: string, shards: number | undefined, env: Readonly<Record<string, string | undefined>>): Shard {
  if (text.trim() !== 'auto') {
    const m = /^\s*([0-9]+)\s*\/\s*([0-9]+)\s*$/.exec(text);
    if (!m) throw new ShardError(`--shard: expected i/N (e.g. 3/16, shards counted from 0) or 'auto', got '${text}'`);
    return checked(Number(m[1]), Number(m[2]), '--shard');
  }
  const slurmId = whole(env.SLURM_ARRAY_TASK_ID);
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    if (slurmId === undefined) throw new ShardError(`--shard auto: SLURM_ARRAY_TASK_ID is '${env.SLURM_ARRAY_TASK_ID}', not a whole number`);
    const min = whole(env.SLURM_ARRAY_TASK_MIN) ?? 0;
    const max = whole(env.SLURM_ARRAY_TASK_MAX);
    const count = whole(env.SLURM_ARRAY_TASK_COUNT) ?? (max === undefined ? undefined : max - min + 1);
    const n = count ?? shards;
    if (n === undefined) throw new ShardError('--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is: give --shards N');
    if (shards !== undefined && shards !== n) throw new ShardError(`--shards ${shards} disagrees with the Slurm array of ${n} tasks`);
    return checked(slurmId - min, n, '--shard auto (Slurm array)');
  }
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const index = whole(env.JOB_COMPLETION_INDEX);
    if (index === undefined) throw new ShardError(`--shard auto: JOB_COMPLETION_INDEX is '${env.JOB_COMPLETION_INDEX}', not a whole number`);
    if (shards === undefined) throw new ShardError('--shard auto: under a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), give --shards N, the Job\'s completions');
    return checked(index, shards, '--shard auto (Kubernetes Indexed Job)');
  }
  throw new ShardError('--shard auto: found neither a Slurm job array (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job (JOB_COMPLETION_INDEX); run under one of them, or give --shard i/N');
}

/** Whether case k belongs to the shard. */
export function inShard(k: number, shard: Shard): boolean {
  return k % shard.count === shard.index;
}

/** The cases of a shard of a sweep of `caseCount` cases, in order. */
export function shardCases(caseCount: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let k = shard.index; k < caseCount; k += shard.count) out.push(k);
  return out;
}

/** The part file of a shard: part-00003-of-00016.jsonl. */
export function partFileName(shard: Shard): string {
  return `part-${String(shard.index).padStart(5, '0')}-of-${String(shard.count).padStart(5, '0')}.jsonl`;
}

/** Shard of a part file name, or undefined for any other name. */
export function shardOfPartFile(name: string): Shard | undefined {
  const m = /^part-([0-9]{5})-of-([0-9]{5})\.jsonl$/.exec(name);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}
