/** Options shared by every reporting command: --format and --units. */
import { Option, type Command } from 'commander';
import { OUTPUT_FORMATS, UNIT_SYSTEMS, type OutputFormat } from '../report/format.ts';
import type { UnitSystem } from '../scenario/quantity.ts';
import type { Lang } from '../report/messages.ts';
import { CliError } from './io.ts';

export interface ReportOptions {
  readonly format: OutputFormat;
  readonly units: UnitSystem;
  /** CSV only: start with a UTF-8 byte order mark (default: with --lang zh, so Excel reads the Chinese headers). */
  readonly bom?: boolean;
}

/** Adds --format table|csv|json|markdown, --units si|cn and --bom/--no-bom to a command. */
export function withReportOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .addOption(new Option('-u, --units <system>', 'units for table/csv/markdown: si (MW, GWh, t) or cn (万千瓦, 亿千瓦时, 万吨); JSON is always SI').choices([...UNIT_SYSTEMS]).default('si'))
    .option('--bom', 'CSV: start with a UTF-8 byte order mark, so Excel reads Chinese text (the default with --lang zh)')
    .option('--no-bom', 'CSV: no byte order mark (the default with --lang en)');
}

/** Whether CSV output starts with a byte order mark: --bom/--no-bom, else with Chinese output (Excel reads a CSV without one in the system's code page). */
export function csvBom(opts: Pick<ReportOptions, 'format' | 'bom'>, lang: Lang): boolean {
  return opts.format === 'csv' && (opts.bom ?? lang === 'zh');
}

/** Adds an "Example:" block to a command's --help. */
export function withExample(cmd: Command, ...examples: string[]): Command {
  return cmd.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

/** A number from a flag within [min, max] (exclusive bounds where asked), or a CliError naming the flag. */
export function numberFlag(flag: string, text: string | undefined, what: string, min: number, max: number, exclusiveMin = false): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? Number.NaN : Number(text);
  const low = exclusiveMin ? x > min : x >= min;
  if (!(Number.isFinite(x) && low && x <= max)) {
    throw new CliError(`${flag}: expected ${what} ${exclusiveMin ? 'above' : 'from'} ${min} ${exclusiveMin ? 'and at most' : 'to'} ${max}, got '${text}'`);
  }
  return x;
}
