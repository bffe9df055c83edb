/** `pvplan validate FILE...`: checks scenario files; exit status 2 if any is invalid. */
import type { Command } from 'commander';
import { localizeProblem, t } from '../../report/messages.ts';
import { ScenarioError } from '../../scenario/errors.ts';
import { loadScenarioWithSteps } from '../../scenario/resolve-steps.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

export function registerValidate(program: Command, io: CliIo): void {
  const cmd = program
    .command('validate')
    .description('check scenario files against the schema and the cross-field rules; print each problem with its file, line and field')
    .argument('<files...>', 'scenario files');
  withStrictOption(cmd);
  withExample(cmd, 'pvplan validate scenarios/*.yaml', 'pvplan validate --strict scenarios/*.yaml');
  cmd.action(async (files: string[], opts: { strict?: boolean }) => {
    const lang = langOf(io);
    let bad = 0;
    for (const f of files) {
      try {
        const s = await loadScenarioWithSteps(f);
        reportWarnings(io, s.warnings, opts.strict);
        const n = s.warnings.length;
        io.stdout(`${t(lang, 'validate.ok', { file: f, name: s.name, hash: s.hash.slice(0, 19) })}${n > 0 ? `  ${t(lang, 'validate.warnings', { count: n })}` : ''}\n`);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        bad++;
        io.stdout(`${t(lang, 'validate.invalid', { file: f })}\n`);
        for (const p of e.problems) io.stderr(`${localizeProblem(p, lang)}\n`);
      }
    }
    if (bad > 0) throw new CliError(lang === 'en' ? `${bad} of ${files.length} scenario file${files.length === 1 ? '' : 's'} invalid` : t(lang, 'validate.summary', { bad, total: files.length }));
  });
}
