/** `pvplan compare FILE FILE...`: what differs between scenarios, then their paths side by side. */
import { Option, type Command } from 'commander';
import { metricById, runningTotalOf } from '../../core/metrics/metrics.ts';
import { COMPARE_METRICS, compareSummary, comparePaths, parameterDiff, type CompareMetric, type CompareRow, type ParameterDifference } from '../../report/compare.ts';
import { runReport } from '../../report/run.ts';
import { portfolioCompareSections, portfolioCompareTargetSections } from '../../report/portfolio-run.ts';
import { loadScenarioWithSteps } from '../../scenario/resolve-steps.ts';
import { renderJson, renderSections, section, type Column } from '../../report/format.ts';
import { langOf, type CliIo } from '../io.ts';
import { metricLabel, t } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

interface CompareOptions extends ReportOptions {
  readonly metric: CompareMetric;
  readonly strict?: boolean;
}

export function registerCompare(program: Command, io: CliIo): void {
  const cmd = program
    .command('compare')
    .description('compare scenarios: the inputs that differ, then a metric by year side by side with differences to the first')
    .argument('<files...>', 'two or more scenario files')
    .addOption(new Option('-m, --metric <metric>', 'metric to compare').choices([...COMPARE_METRICS]).default('capacity'));
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(cmd, 'pvplan compare scenarios/wendeng-2025.yaml scenarios/wendeng-2025-linear.yaml scenarios/wendeng-2025-delayed.yaml --metric energy');
  cmd.action(async (files: string[], opts: CompareOptions) => {
    const scenarios = [];
    for (const f of files) scenarios.push(await loadScenarioWithSteps(f));
    reportWarnings(io, scenarios.flatMap((s) => s.warnings), opts.strict);
    const reports = scenarios.map(runReport);
    if (opts.format === 'json') {
      io.stdout(renderJson(reports));
      return;
    }
    const lang = langOf(io);
    const ids = reports.map((r) => r.scenario.id);
    const metric = metricById(opts.metric);
    const { dimension } = metric;
    const name = lang === 'zh' ? metricLabel(metric, lang) : opts.metric;
    const pathColumns: Array<Column<CompareRow>> = [
      { header: t(lang, 'year'), value: (r) => String(r.year) },
      ...ids.map((id, i) => ({ header: id, value: (r: CompareRow) => r.values[i], dimension })),
      ...ids.slice(1).map((id, j) => ({ header: `Δ ${id}`, value: (r: CompareRow) => r.deltas[j + 1], dimension })),
    ];
    const paths = section({ title: t(lang, 'compare.byYear', { metric: name }), columns: pathColumns, rows: comparePaths(reports, opts.metric) });
    if (opts.format === 'csv') {
      io.stdout(renderSections([paths], 'csv', opts.units));
      return;
    }
    const diffColumns: Array<Column<ParameterDifference>> = [
      { header: t(lang, 'compare.input'), value: (d) => d.path },
      ...ids.map((id, i) => ({ header: id, value: (d: ParameterDifference) => d.values[i] ?? '—' })),
    ];
    const diffs = parameterDiff(scenarios);
    const summary = compareSummary(reports, opts.metric);
    const cumulative = runningTotalOf(metricById(opts.metric)) !== undefined;
    const summaryColumns: Array<Column<(typeof summary)[number]>> = [
      { header: t(lang, 'compare.scenario'), value: (s) => s.id },
      { header: t(lang, 'compare.targetMet'), value: (s) => (s.targetYear === null ? t(lang, 'compare.noTarget') : s.targetMetYear === null ? t(lang, 'compare.notMet') : String(s.targetMetYear)) },
      { header: t(lang, 'compare.inTargetYear', { metric: name }), value: (s) => s.valueInTargetYear, dimension },
      { header: t(lang, cumulative ? 'compare.cumulativeToEnd' : 'compare.inEndYear', { metric: name }), value: (s) => s.toEndYear, dimension },
      { header: t(lang, 'compare.endYear'), value: (s) => String(s.endYear) },
    ];
    io.stdout(
      renderSections(
        [
          section({ title: t(lang, diffs.length ? 'compare.differ' : 'compare.differNone'), columns: diffColumns, rows: diffs }),
          paths,
          ...portfolioCompareSections(reports, metricById(opts.metric)),
          ...portfolioCompareTargetSections(reports, lang),
          section({ title: t(lang, 'compare.summary'), columns: summaryColumns, rows: summary }),
        ],
        opts.format,
        opts.units,
      ),
    );
  });
}
