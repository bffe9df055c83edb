/** `pvplan finance FILE`: the finance of a scenario's `finance:` section (docs/finance.md, "Scenario finance"). */
import { renderJson } from '../../report/format.ts';
import { financeReport, renderFinanceReport } from '../../report/finance.ts';
import { loadPortfolio } from '../../scenario/projects.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import type { ReportOptions } from '../options.ts';
import { reportWarnings } from '../warnings.ts';

/** Loads the scenario (with its projects, whose problems are errors here), prints its finance report. */
export function runScenarioFinance(io: CliIo, file: string, flags: ReportOptions & { cashflows?: boolean; strict?: boolean }, quickFlags: readonly string[]): void {
  if (quickFlags.length > 0) {
    const shown = quickFlags.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw new CliError(`${shown}: the quick form's flags do not go with a scenario file; write them in its finance: section (docs/finance.md)`);
  }
  const loaded = loadPortfolio(file);
  reportWarnings(io, loaded.scenario.warnings, flags.strict);
  if (!loaded.scenario.plan.finance) throw new CliError(`${file}: no finance: section (capex, tariff, discount rate; docs/finance.md), or use the quick form: pvplan finance --capex … --energy …`);
  const report = financeReport(loaded.scenario);
  io.stdout(flags.format === 'json' ? renderJson(report) : renderFinanceReport(report, { format: flags.format, units: flags.units, ...(flags.cashflows ? { cashflows: true } : {}) }, langOf(io)));
}
