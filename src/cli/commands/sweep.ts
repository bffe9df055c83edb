/**
 * `pvplan sweep SPEC.yaml`: many cases of scenarios, sites and assumptions (docs/scale-out.md), each a row of
 * sweep.jsonl and sweep.csv; `--shard i/N` (or `auto` under Slurm or a Kubernetes Indexed Job) runs one shard into
 * its part file for `pvplan merge`; `--slurm-script` prints the sbatch submission of the whole sweep.
 */
import { basename, extname, resolve as resolvePath } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { PlanError } from '../../core/errors.ts';
import { evaluateProject } from '../../core/finance/project.ts';
import { runSweep } from '../../sweep/run.ts';
import { SweepOutputError } from '../../sweep/output.ts';
import type { FinanceEvaluator } from '../../sweep/run-case.ts';
import { MAX_SHARDS, parseShard, ShardError, type Shard } from '../../sweep/shard.ts';
import { slurmScript } from '../../sweep/slurm.ts';
import { FINANCE_METRICS, loadSweep } from '../../sweep/spec.ts';
import { CliError, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';
import { financeInputFromFlags } from './finance.ts';
import { wholeNumber, withProgressAndInterrupt } from './mc.ts';

interface SweepFlags {
  readonly out?: string;
  readonly shard?: string;
  readonly shards?: number;
  readonly resume?: boolean;
  readonly slurmScript?: boolean;
  readonly time?: string;
  readonly partition?: string;
}

/** Shards of a printed Slurm script when --shards is not given (fewer when the sweep has fewer cases). */
export const DEFAULT_SLURM_SHARDS = 16;

/** The default output folder of a spec: sweep-NAME beside where pvplan runs. */
function defaultOut(spec: string): string {
  return `sweep-${basename(spec, extname(spec))}`;
}

/** The finance quick form as a sweep's evaluator: inputs by option name, parsed as `pvplan finance` parses its flags. */
const financeEvaluator: FinanceEvaluator = (inputs) => {
  const flags = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)]));
  const { input } = financeInputFromFlags({ format: 'json', units: 'si', degradationMode: 'compound', replacement: [], ...flags } as Parameters<typeof financeInputFromFlags>[0], () => {});
  let result;
  try {
    result = evaluateProject(input);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(`finance: ${e.field ? `${e.field}: ` : ''}${e.message}`);
    throw e;
  }
  return Object.fromEntries(FINANCE_METRICS.map((m) => [m, result[m]]));
};

/** The command that runs this pvplan again, for scripts: the Node binary and the CLI file, absolute. */
function pvplanCommand(): string {
  const script = process.argv[1] ? resolvePath(process.argv[1]) : 'pvplan';
  return `${process.execPath} ${script}`;
}

function shardOf(flags: SweepFlags): Shard | undefined {
  if (flags.shard === undefined) {
    if (flags.shards !== undefined && !flags.slurmScript) throw new CliError('--shards: only with --shard auto (Kubernetes Indexed Jobs) or --slurm-script');
    return undefined;
  }
  try {
    return parseShard(flags.shard, flags.shards, process.env);
  } catch (e) {
    if (e instanceof ShardError) throw new CliError(e.message);
    throw e;
  }
}

export function registerSweep(program: Command, io: CliIo): void {
  const cmd = program
    .command('sweep')
    .description('run many cases (grids, Latin-hypercube or Sobol samples, case tables, sites) into one table; shard it over a cluster')
    .argument('<spec>', 'sweep spec (YAML or JSON; docs/scale-out.md)')
    .option('-o, --out <dir>', 'output folder (default: sweep-SPECNAME)')
    .option('--shard <i/N|auto>', "run only shard i of N (from 0), or 'auto' from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
    .option('--shards <n>', 'number of shards: with --shard auto under a Kubernetes Indexed Job, or for --slurm-script', (t: string) => {
      try {
        return wholeNumber(1, MAX_SHARDS)(t);
      } catch {
        throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_SHARDS}.`);
      }
    })
    .option('--resume', 'skip the cases an interrupted run of the same sweep (or shard) already finished')
    .option('--slurm-script', 'print a script that submits the sweep as a Slurm job array and the merge after it, and exit')
    .option('--time <limit>', 'with --slurm-script: wall-time limit per shard, e.g. 01:00:00')
    .option('--partition <name>', 'with --slurm-script: the Slurm partition');
  withExample(
    cmd,
    'pvplan sweep sweeps/shandong-lhs.yaml --out out/lhs',
    'pvplan sweep sweeps/shandong-lhs.yaml --out out/lhs --shard 3/16',
    'pvplan sweep sweeps/shandong-lhs.yaml --out out/lhs --slurm-script --shards 16 > submit.sh && bash submit.sh',
  );
  cmd.action(async (spec: string, flags: SweepFlags) => {
    const shard = shardOf(flags);
    const sweep = loadSweep(spec);
    const out = flags.out ?? defaultOut(spec);
    if (flags.slurmScript) {
      if (shard) throw new CliError('--slurm-script: the script runs every shard itself; leave out --shard');
      const shards = Math.min(flags.shards ?? DEFAULT_SLURM_SHARDS, sweep.caseCount);
      io.stdout(slurmScript({ name: sweep.name, shards, pvplan: pvplanCommand(), spec: resolvePath(spec), out: resolvePath(out), ...(flags.time ? { time: flags.time } : {}), ...(flags.partition ? { partition: flags.partition } : {}) }));
      return;
    }
    let summary;
    try {
      summary = await withProgressAndInterrupt(io, shard ? `sweep ${shard.index}/${shard.count}` : 'sweep', 'cases', (onProgress, signal) =>
        runSweep(sweep, { out, ...(shard ? { shard } : {}), resume: flags.resume === true, finance: financeEvaluator, onProgress, signal }),
      );
    } catch (e) {
      if (e instanceof SweepOutputError) throw new CliError(e.message);
      throw e;
    }
    const what = shard ? `shard ${shard.index}/${shard.count} of sweep ${sweep.name}` : `sweep ${sweep.name}`;
    io.stdout(
      `${what}: ${summary.cases} case${summary.cases === 1 ? '' : 's'}${summary.resumed > 0 ? ` (${summary.resumed} from an earlier run)` : ''}, ${summary.cases - summary.failed} ok, ${summary.failed} failed · ${sweep.hash.slice(0, 19)}…\n` +
        summary.files.map((f) => `  wrote ${f}\n`).join(''),
    );
  });
}
