/** Shard assignment and `--shard auto` under Slurm and Kubernetes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, partFileName, shardCases, shardOfPartFile, ShardError } from '../../src/sweep/shard.ts';

describe('shards', () => {
  it('partitions the cases: every case in exactly one shard, sizes within one of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (cases, n) => {
        const all = Array.from({ length: n }, (_, i) => shardCases(cases, { index: i, count: n }));
        expect(all.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: cases }, (_, k) => k));
        const sizes = all.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('parses i/N and refuses shards that do not exist', () => {
    expect(parseShard('3/16', undefined, {})).toEqual({ index: 3, count: 16 });
    expect(() => parseShard('5/4', undefined, {})).toThrow(/shard 5 of 4 does not exist; expected a shard index from 0 to 3/);
    expect(() => parseShard('1/0', undefined, {})).toThrow(ShardError);
    expect(() => parseShard('two/4', undefined, {})).toThrow(/expected i\/N/);
  });

  it('reads a Slurm array: TASK_ID with TASK_COUNT, or TASK_MIN/MAX for an array that starts elsewhere', () => {
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 2, count: 4 });
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '13' })).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('auto', 8, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/disagrees/);
  });

  it('reads a Kubernetes Indexed Job with --shards, and says what is missing otherwise', () => {
    expect(parseShard('auto', 16, { JOB_COMPLETION_INDEX: '15' })).toEqual({ index: 15, count: 16 });
    expect(() => parseShard('auto', undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/give --shards N/);
    expect(() => parseShard('auto', 4, { JOB_COMPLETION_INDEX: '4' })).toThrow(/does not exist/);
    expect(() => parseShard('auto', undefined, {})).toThrow(/neither a Slurm job array \(SLURM_ARRAY_TASK_ID\) nor a Kubernetes Indexed Job \(JOB_COMPLETION_INDEX\)/);
  });

  it('names part files with five digits and reads them back', () => {
    expect(partFileName({ index: 3, count: 16 })).toBe('part-00003-of-00016.jsonl');
    expect(shardOfPartFile('part-00003-of-00016.jsonl')).toEqual({ index: 3, count: 16 });
    expect(shardOfPartFile('.part-00003-of-00016.jsonl.journal')).toBeUndefined();
    expect(shardOfPartFile('part-00016-of-00016.jsonl')).toBeUndefined();
  });
});
