/**
 * The `pvplan` command line: createProgram(io) builds the commander program (testable, no process.exit);
 * runCli(argv, io) runs it and maps every failure to one clear message and an exit status.
 */
import { Command, CommanderError, Option } from 'commander';
import { PlanError } from '../core/errors.ts';
import { LANGS, langFromEnv, localizeCommanderError, localizeProblem, t, type Lang } from '../report/messages.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { registerCompare } from './commands/compare.ts';
import { registerFactors } from './commands/factors.ts';
import { registerFinance } from './commands/finance.ts';
import { registerInit } from './commands/init.ts';
import { registerMc } from './commands/mc.ts';
import { registerPipeline } from './commands/pipeline.ts';
import { registerRun } from './commands/run.ts';
import { registerSchema } from './commands/schema.ts';
import { registerSensitivity } from './commands/sensitivity.ts';
import { registerServe } from './commands/serve.ts';
import { registerSolve } from './commands/solve.ts';
import { registerSystem } from './commands/system.ts';
import { registerValidate } from './commands/validate.ts';
import { registerWind } from './commands/wind.ts';
import { registerYield } from './commands/yield.ts';
import { CliError, CliExit, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, langOf, type CliIo } from './io.ts';
import { csvBom, type ReportOptions } from './options.ts';

/** Registers a command family; later issues add theirs here. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerRun, registerCompare, registerSolve, registerValidate, registerSchema, registerFactors, registerInit, registerServe, registerMc, registerSensitivity, registerYield, registerWind, registerSystem, registerFinance, registerPipeline];

/**
 * The language asked for on the command line (`--lang zh`, `--lang=zh`), read before commander parses so that its
 * own usage errors are translated too; undefined when absent or not a known language (commander then refuses it).
 */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value !== undefined) return (LANGS as readonly string[]).includes(value) ? (value as Lang) : undefined;
  }
  return undefined;
}

export function createProgram(io: CliIo, commands: readonly RegisterCommand[] = COMMANDS): Command {
  const lang = langOf(io);
  // CSV for Excel starts with a byte order mark: decided once the command's options are parsed, written before its first output.
  let bom = false;
  let wrote = false;
  const out: CliIo = {
    ...io,
    lang,
    stdout: (text) => {
      io.stdout(bom && !wrote ? `\uFEFF${text}` : text);
      wrote = true;
    },
  };
  const output = { writeOut: out.stdout, writeErr: io.stderr, outputError: (text: string, write: (s: string) => void) => write(localizeCommanderError(text, lang)) };
  const program = new Command('pvplan')
    .description('PV capacity planning: growth paths to a target, yearly energy by cohort, coal and CO2 savings')
    .version(PVPLAN_VERSION, '-V, --version')
    .addOption(new Option('--lang <lang>', 'language of tables, summaries and messages (help stays English); default from LC_ALL, LC_MESSAGES or LANG: zh… → zh, else en').choices([...LANGS]))
    .showHelpAfterError(lang === 'zh' ? '（加 --help 查看用法）' : '(run with --help for usage)')
    .configureOutput(output)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .hook('preAction', (_program, action) => {
      const opts = action.opts<Partial<ReportOptions>>();
      bom = opts.format !== undefined && csvBom({ format: opts.format, ...(opts.bom === undefined ? {} : { bom: opts.bom }) }, lang);
    });
  for (const register of commands) register(program, out);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(output);
  program.addHelpText('after', '\nExample:\n  $ pvplan run scenarios/wendeng-2025.yaml\n  $ pvplan help run\n');
  return program;
}

/** Runs the CLI on `argv` (without node and script); returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = io.lang ?? langFromArgv(argv) ?? langFromEnv(process.env);
  io = { ...io, lang };
  const program = createProgram(io);
  const error = t(lang, 'error');
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
      for (const p of e.problems) io.stderr(`${error}${localizeProblem(p, lang)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof CliError || e instanceof PlanError) {
      io.stderr(`${error}${e instanceof PlanError && e.field ? `${e.field}: ` : ''}${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const err = e as Error;
    io.stderr(`internal error: ${err.message}\n(this is a bug in pvplan; please report it with the command you ran${process.env.PVPLAN_DEBUG ? '' : ', and set PVPLAN_DEBUG=1 for details'})\n`);
    if (process.env.PVPLAN_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
