/** `pvplan factors`: the registry of published coal and emission factors, with their sources. */
import { Option, type Command } from 'commander';
import { FACTOR_KINDS, factorInDisplayUnit, listFactorPresets, type FactorKind, type FactorPreset } from '../../core/plan/factors.ts';
import { renderJson, renderSections, section } from '../../report/format.ts';
import { langOf, type CliIo } from '../io.ts';
import { t } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';

function valuesText(p: FactorPreset): string {
  return p.values.map((v) => `${v.year}${v.basis === 'target' ? ' (target)' : ''}: ${Number(factorInDisplayUnit(v.tonnesPerMWh, p.displayUnit).toPrecision(6))} ${p.displayUnit}`).join('; ');
}

export function registerFactors(program: Command, io: CliIo): void {
  const cmd = program
    .command('factors')
    .description('list the coal-saving and emission factor presets a scenario can use (savings.coal: { preset: ID }), with values, years and sources')
    .addOption(new Option('-k, --kind <kind>', 'only this kind').choices([...FACTOR_KINDS]));
  withReportOptions(cmd);
  withExample(cmd, 'pvplan factors', 'pvplan factors --kind coal --format markdown');
  cmd.action((opts: ReportOptions & { kind?: FactorKind }) => {
    const presets = listFactorPresets(opts.kind);
    if (opts.format === 'json') {
      io.stdout(renderJson(presets));
      return;
    }
    const lang = langOf(io);
    const zh = lang === 'zh' || opts.units === 'cn';
    const columns = [
      { header: 'id', value: (p: FactorPreset) => p.id },
      { header: t(lang, 'kind'), value: (p: FactorPreset) => p.kind },
      { header: t(lang, 'values'), value: (p: FactorPreset) => valuesText(p) },
      { header: zh ? '名称' : 'label', value: (p: FactorPreset) => (zh ? p.labelZh : p.label) },
      { header: t(lang, 'source'), value: (p: FactorPreset) => p.source },
    ];
    const out = renderSections([section({ columns, rows: presets })], opts.format, opts.units);
    io.stdout(opts.format === 'table' ? `${out}\n${t(lang, 'factors.sources', { doc: 'docs/factors.md' })}\n` : out);
  });
}
