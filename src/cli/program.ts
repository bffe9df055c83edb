/**
 * The `pvplan` command line: createProgram(io) builds the commander program (testable, no process.exit);
 * runCli(argv, io) runs it and maps every failure to one clear message and an exit status.
 */
import { Command, CommanderError } from 'commander';
import { PlanError } from '../core/errors.ts';
import { ScenarioError, formatProblem } from '../scenario/errors.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { registerCompare } from './commands/compare.ts';
import { registerFactors } from './commands/factors.ts';
import { registerFinance } from './commands/finance.ts';
import { registerInit } from './commands/init.ts';
import { registerMc } from './commands/mc.ts';
import { registerMerge } from './commands/merge.ts';
import { registerPipeline } from './commands/pipeline.ts';
import { registerRun } from './commands/run.ts';
import { registerSchema } from './commands/schema.ts';
import { registerSensitivity } from './commands/sensitivity.ts';
import { registerServe } from './commands/serve.ts';
import { registerSolve } from './commands/solve.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerSystem } from './commands/system.ts';
import { registerValidate } from './commands/validate.ts';
import { registerWind } from './commands/wind.ts';
import { registerYield } from './commands/yield.ts';
import { CliError, CliExit, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, type CliIo } from './io.ts';

/** Registers a command family; later issues add theirs here. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerRun, registerCompare, registerSolve, registerValidate, registerSchema, registerFactors, registerInit, registerServe, registerMc, registerSensitivity, registerYield, registerWind, registerSystem, registerFinance, registerPipeline, registerSweep, registerMerge];

export function createProgram(io: CliIo, commands: readonly RegisterCommand[] = COMMANDS): Command {
  const program = new Command('pvplan')
    .description('PV capacity planning: growth paths to a target, yearly energy by cohort, coal and CO2 savings')
    .version(PVPLAN_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const register of commands) register(program, io);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addHelpText('after', '\nExample:\n  $ pvplan run scenarios/wendeng-2025.yaml\n  $ pvplan help run\n');
  return program;
}

/** Runs the CLI on `argv` (without node and script); returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; commander has already printed usage errors.
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (e instanceof CliExit) return e.status;
    if (e instanceof ScenarioError) {
      for (const p of e.problems) io.stderr(`error: ${formatProblem(p)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof CliError || e instanceof PlanError) {
      io.stderr(`error: ${e instanceof PlanError && e.field ? `${e.field}: ` : ''}${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const err = e as Error;
    io.stderr(`internal error: ${err.message}\n(this is a bug in pvplan; please report it with the command you ran${process.env.PVPLAN_DEBUG ? '' : ', and set PVPLAN_DEBUG=1 for details'})\n`);
    if (process.env.PVPLAN_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
