/**
 * The `pvplan` command line: createProgram(io) builds the commander program (testable, no process.exit);
 * runCli(argv, io) runs it and maps every failure to one clear message and an exit status.
 */
import { Command, CommanderError, Option } from 'commander';
import { PlanError } from '../core/errors.ts';
import { LANGS, langFromEnv, localizeCliError, localizeCommanderError, localizeProblem, t, type Lang } from '../report/messages.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { CliError, CliExit, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, langOf, type CliIo } from './io.ts';
import { csvBom, type ReportOptions } from './options.ts';

/** Registers a command family; later issues add theirs here. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/**
 * Each command's module, by name, in the order help lists them. A module is loaded only when its command runs (or
 * for help), so start-up parses what that command uses and not the wind turbines, the LP solver or the finance code.
 */
export const COMMAND_MODULES: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  run: async () => (await import('./commands/run.ts')).registerRun,
  compare: async () => (await import('./commands/compare.ts')).registerCompare,
  solve: async () => (await import('./commands/solve.ts')).registerSolve,
  validate: async () => (await import('./commands/validate.ts')).registerValidate,
  schema: async () => (await import('./commands/schema.ts')).registerSchema,
  factors: async () => (await import('./commands/factors.ts')).registerFactors,
  init: async () => (await import('./commands/init.ts')).registerInit,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  mc: async () => (await import('./commands/mc.ts')).registerMc,
  sensitivity: async () => (await import('./commands/sensitivity.ts')).registerSensitivity,
  yield: async () => (await import('./commands/yield.ts')).registerYield,
  wind: async () => (await import('./commands/wind.ts')).registerWind,
  system: async () => (await import('./commands/system.ts')).registerSystem,
  finance: async () => (await import('./commands/finance.ts')).registerFinance,
  pipeline: async () => (await import('./commands/pipeline.ts')).registerPipeline,
  sweep: async () => (await import('./commands/sweep.ts')).registerSweep,
  merge: async () => (await import('./commands/merge.ts')).registerMerge,
};

/**
 * The commands `argv` needs: its command's alone when its first word names one; none for --version; otherwise all
 * (help, `help COMMAND`, an unknown command, which commander answers with suggestions from the full list).
 */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  // The global --lang (and its value) may come before the command's name.
  const rest = argv[0] === '--lang' ? argv.slice(2) : argv[0]?.startsWith('--lang=') ? argv.slice(1) : argv;
  const first = rest[0];
  if (first !== undefined && Object.hasOwn(COMMAND_MODULES, first)) return [await COMMAND_MODULES[first]!()];
  if (first === '--version' || first === '-V') return [];
  return Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
}

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

export function createProgram(io: CliIo, commands: readonly RegisterCommand[]): Command {
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
  const program = createProgram(io, await commandsFor(argv));
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
      io.stderr(`${error}${e instanceof PlanError && e.field ? `${e.field}: ` : ''}${e instanceof CliError ? localizeCliError(e.message, lang) : e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const err = e as Error;
    io.stderr(`internal error: ${err.message}\n(this is a bug in pvplan; please report it with the command you ran${process.env.PVPLAN_DEBUG ? '' : ', and set PVPLAN_DEBUG=1 for details'})\n`);
    if (process.env.PVPLAN_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}
