/** `pvplan validate FILE...`: checks scenario files; exit status 2 if any is invalid. */
import type { Command } from 'commander';
import { ScenarioError, formatProblem } from '../../scenario/errors.ts';
import { loadScenario } from '../../scenario/resolve.ts';
import { CliError, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

export function registerValidate(program: Command, io: CliIo): void {
  const cmd = program
    .command('validate')
    .description('check scenario files against the schema and the cross-field rules; print each problem with its file, line and field')
    .argument('<files...>', 'scenario files');
  withStrictOption(cmd);
  withExample(cmd, 'pvplan validate scenarios/*.yaml', 'pvplan validate --strict scenarios/*.yaml');
  cmd.action((files: string[], opts: { strict?: boolean }) => {
    let bad = 0;
    for (const f of files) {
      try {
        const s = loadScenario(f);
        reportWarnings(io, s.warnings, opts.strict);
        const n = s.warnings.length;
        io.stdout(`ok      ${f}  (${s.name}; ${s.hash.slice(0, 19)}…)${n > 0 ? `  ${n} warning${n === 1 ? '' : 's'}` : ''}\n`);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        bad++;
        io.stdout(`invalid ${f}\n`);
        for (const p of e.problems) io.stderr(`${formatProblem(p)}\n`);
      }
    }
    if (bad > 0) throw new CliError(`${bad} of ${files.length} scenario file${files.length === 1 ? '' : 's'} invalid`);
  });
}
