/** `pvplan compare FILE FILE...`: what differs between scenarios, then their paths side by side. */
import { Option, type Command } from 'commander';
import { metricById, runningTotalOf } from '../../core/metrics/metrics.ts';
import { COMPARE_METRICS, compareSummary, comparePaths, parameterDiff, type CompareMetric, type CompareRow, type ParameterDifference } from '../../report/compare.ts';
import { runReport } from '../../report/run.ts';
import { portfolioCompareSections } from '../../report/portfolio-run.ts';
import { loadScenario } from '../../scenario/resolve.ts';
import { renderJson, renderSections, section, type Column } from '../../report/format.ts';
import type { CliIo } from '../io.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';

interface CompareOptions extends ReportOptions {
  readonly metric: CompareMetric;
}

export function registerCompare(program: Command, io: CliIo): void {
  const cmd = program
    .command('compare')
    .description('compare scenarios: the inputs that differ, then a metric by year side by side with differences to the first')
    .argument('<files...>', 'two or more scenario files')
    .addOption(new Option('-m, --metric <metric>', 'metric to compare').choices([...COMPARE_METRICS]).default('capacity'));
  withReportOptions(cmd);
  withExample(cmd, 'pvplan compare scenarios/wendeng-2025.yaml scenarios/wendeng-2025-linear.yaml scenarios/wendeng-2025-delayed.yaml --metric energy');
  cmd.action((files: string[], opts: CompareOptions) => {
    const scenarios = files.map((f) => loadScenario(f));
    const reports = scenarios.map(runReport);
    if (opts.format === 'json') {
      io.stdout(renderJson(reports));
      return;
    }
    const ids = reports.map((r) => r.scenario.id);
    const { dimension } = metricById(opts.metric);
    const pathColumns: Array<Column<CompareRow>> = [
      { header: 'year', value: (r) => String(r.year) },
      ...ids.map((id, i) => ({ header: id, value: (r: CompareRow) => r.values[i], dimension })),
      ...ids.slice(1).map((id, j) => ({ header: `Δ ${id}`, value: (r: CompareRow) => r.deltas[j + 1], dimension })),
    ];
    const paths = section({ title: `${opts.metric} by year:`, columns: pathColumns, rows: comparePaths(reports, opts.metric) });
    if (opts.format === 'csv') {
      io.stdout(renderSections([paths], 'csv', opts.units));
      return;
    }
    const diffColumns: Array<Column<ParameterDifference>> = [
      { header: 'input', value: (d) => d.path },
      ...ids.map((id, i) => ({ header: id, value: (d: ParameterDifference) => d.values[i] ?? '—' })),
    ];
    const diffs = parameterDiff(scenarios);
    const summary = compareSummary(reports, opts.metric);
    const cumulative = runningTotalOf(metricById(opts.metric)) !== undefined;
    const summaryColumns: Array<Column<(typeof summary)[number]>> = [
      { header: 'scenario', value: (s) => s.id },
      { header: 'target met', value: (s) => (s.targetYear === null ? 'no target' : s.targetMetYear === null ? 'not met' : String(s.targetMetYear)) },
      { header: `${opts.metric} in target year`, value: (s) => s.valueInTargetYear, dimension },
      { header: cumulative ? `cumulative ${opts.metric} to end year` : `${opts.metric} in end year`, value: (s) => s.toEndYear, dimension },
      { header: 'end year', value: (s) => String(s.endYear) },
    ];
    io.stdout(
      renderSections(
        [
          section({ title: diffs.length ? 'Inputs that differ:' : 'Inputs that differ: none (the scenarios resolve to the same inputs)', columns: diffColumns, rows: diffs }),
          paths,
          ...portfolioCompareSections(reports, metricById(opts.metric)),
          section({ title: 'Summary:', columns: summaryColumns, rows: summary }),
        ],
        opts.format,
        opts.units,
      ),
    );
  });
}
