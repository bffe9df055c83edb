/** `pvplan init NAME`: writes a commented starter scenario. */
import { existsSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { localizeMessage, t } from '../../report/messages.ts';
import { withExample } from '../options.ts';
import { packageRoot } from '../../package-root.ts';
import { scenarioIdProblem } from '../../scenario/id.ts';

/** The starter scenario text; every field is explained, optional ones show their defaults. */
export function starterScenario(name: string, schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A pvplan scenario. Quantities carry units: '4.5 GW', '450万千瓦', '1135 h', '403.5 g/kWh', '2 %'.
# Run it with: pvplan run ${name}.yaml   ·   check it with: pvplan validate ${name}.yaml
# To make a variant, write a file with 'extends: ${name}.yaml' and only the fields that change.
name: ${name}
region: My district
description: What this plan assumes and why.
years:
  start: 2022          # first year reported
  end: 2035            # last year simulated
capacity:
  baseline:
    capacity: 112.5万千瓦   # built + under construction (在建+在运) at the end of the base year
    year: 2022
    # operating: 100万千瓦  # of which operating (default: all of it)
  # history:               # past built + under-construction capacity: ages the baseline, feeds 'trend'
  #   2018: 30万千瓦
  #   2020: 60万千瓦
  #   2022: 112.5万千瓦
  target:
    capacity: 450万千瓦     # built + under construction to reach
    year: 2025
    # energy: 51亿 kWh     # or an energy / coal-saving target, for 'pvplan solve'
  growth:
    model: cagr            # cagr | linear | logistic | additions | milestones | trend | formula
    # rate: 58.7 %         # omit to solve the rate that meets the target exactly
    # until: 2025          # growth stops after this year (default: the target year)...
    # after: 0 %           # ...and continues at this rate (default 0 %: hold)
  # maxAdditionsPerYear: 150万千瓦   # cap on gross additions per year
  constructionLagYears: 1  # years from entering construction to operating
  lifetimeYears: 25        # operating years before retirement
yield:
  model: full-load-hours   # full-load-hours ('1135 h') | capacity-factor ('13 %') | specific-yield ('1135 kWh/kWp')
  value: 1135 h            # or by year: { 2022: 1135 h, 2030: 1100 h }
  degradation:
    firstYear: 0 %         # light-induced and first-year loss
    annual: 0.5 %          # per further year of operation
    mode: linear           # linear (1 − d1 − d·age) | compounding ((1 − d1)(1 − d)^age)
  availability: 100 %
  curtailment: 0 %         # or by year: { 2022: 3 %, 2030: 5 % }
  commissioning: mid-year  # first-year output: mid-year (half) | full-year | year-end (none)
savings:
  coal:
    preset: cn-coal-supply-cec   # see 'pvplan factors'; or a value such as 403.5 g/kWh
  co2:
    preset: cn-grid-ets-2022     # or a value such as 0.5703 t/MWh
`;
}

export function registerInit(program: Command, io: CliIo): void {
  const cmd = program
    .command('init')
    .description('write a commented starter scenario NAME.yaml (refuses to overwrite an existing file)')
    .argument('<name>', 'scenario name or file (NAME or NAME.yaml)')
    .option('--force', 'overwrite an existing file');
  withExample(cmd, 'pvplan init scenarios/my-district', 'pvplan run scenarios/my-district.yaml');
  cmd.action((name: string, opts: { force?: boolean }) => {
    const lang = langOf(io);
    // One id rule with the server (src/scenario/id.ts), so `serve` lists and saves what `init` writes.
    const nfc = name.normalize('NFC');
    const ext = extname(nfc).toLowerCase();
    const file = ext === '.yaml' || ext === '.yml' ? nfc : `${nfc}.yaml`;
    const id = file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
    const idProblem = scenarioIdProblem(id);
    if (idProblem) throw new CliError(t(lang, 'init.badId', { id, reason: localizeMessage(idProblem, lang) }));
    const path = resolve(file);
    if (!existsSync(dirname(path))) throw new CliError(t(lang, 'init.noFolder', { file, folder: dirname(file) }));
    if (existsSync(path) && !opts.force) throw new CliError(t(lang, 'init.exists', { file }));
    const schemaPath = resolve(packageRoot(), 'scenarios', 'scenario.schema.json');
    const schemaRef = relative(dirname(path), schemaPath) || 'scenario.schema.json';
    writeFileAtomic(path, starterScenario(id, schemaRef));
    io.stdout(`${t(lang, 'init.wrote', { file })}\n`);
  });
}
