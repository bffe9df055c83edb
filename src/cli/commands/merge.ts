/**
 * `pvplan merge OUT`: the part files of a sharded sweep → sweep.jsonl and sweep.csv ordered by case id, the same
 * bytes a single-process sweep writes. Refuses an incomplete folder (naming the missing shards and cases) and
 * conflicting duplicates; accepts identical re-runs of a shard.
 */
import type { Command } from 'commander';
import { mergeParts, SweepOutputError, writeMerged } from '../../sweep/output.ts';
import { CliError, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';

export function registerMerge(program: Command, io: CliIo): void {
  const cmd = program
    .command('merge')
    .description("merge a sharded sweep's part files into sweep.jsonl and sweep.csv (checks that every case is there, once)")
    .argument('<out>', 'the output folder the shards wrote to');
  withExample(cmd, 'pvplan merge out/lhs');
  cmd.action((out: string) => {
    try {
      const merged = mergeParts(out);
      const files = writeMerged(out, merged.rows, merged.manifest);
      const n = merged.rows.length;
      io.stdout(`merged ${merged.parts.length} part${merged.parts.length === 1 ? '' : 's'} of sweep ${merged.manifest.name}: ${n} cases, ${n - merged.failed} ok, ${merged.failed} failed\n  wrote ${files.jsonl}\n  wrote ${files.csv}\n`);
    } catch (e) {
      if (e instanceof SweepOutputError) throw new CliError(e.message);
      throw e;
    }
  });
}
