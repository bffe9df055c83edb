/** Plausibility warnings on the command line: `warning: file:line:col: field: message` on stderr; `--strict` makes them errors (exit 2). */
import { Option, type Command } from 'commander';
import { localizeProblem, t } from '../report/messages.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { warningAsProblem, type ScenarioWarning } from '../scenario/plausibility.ts';
import { langOf, type CliIo } from './io.ts';

/** Adds --strict to a command that loads scenarios. */
export function withStrictOption(cmd: Command): Command {
  return cmd.addOption(new Option('--strict', 'treat plausibility warnings (docs/plausibility.md) as errors: exit status 2'));
}

/**
 * Prints each warning on stderr, marked `warning:`; with `strict`, throws them as a ScenarioError instead (the
 * program prints each as `error:` and exits with status 2).
 */
export function reportWarnings(io: CliIo, warnings: readonly ScenarioWarning[], strict: boolean | undefined): void {
  if (warnings.length === 0) return;
  if (strict) throw new ScenarioError(warnings.map(warningAsProblem));
  const lang = langOf(io);
  for (const w of warnings) io.stderr(`${t(lang, 'warning')}${localizeProblem(warningAsProblem(w), lang)}\n`);
}
