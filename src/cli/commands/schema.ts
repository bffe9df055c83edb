/** `pvplan schema`: prints the scenario JSON Schema (the source of scenarios/scenario.schema.json). */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/schema.ts';
import type { CliIo } from '../io.ts';
import { withExample } from '../options.ts';

export function registerSchema(program: Command, io: CliIo): void {
  const cmd = program.command('schema').description('print the JSON Schema of scenario files (for editors and other tools)');
  withExample(cmd, 'pvplan schema > scenarios/scenario.schema.json');
  cmd.action(() => io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`));
}
