/** `pvplan solve FILE`: what it takes to meet the scenario's target. */
import type { Command } from 'commander';
import { solvePlan, type Solution } from '../../core/plan/solve.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { checkSolution, warningsAt } from '../../scenario/plausibility.ts';
import { loadScenario } from '../../scenario/resolve.ts';
import { loadScenarioChain } from '../../scenario/load.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { renderJson, renderSections, section } from '../../report/format.ts';
import type { CliIo } from '../io.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

interface SolveRow {
  readonly quantity: string;
  readonly value: string;
}

function solutionRows(sol: Solution, units: UnitSystem): SolveRow[] {
  const rows: SolveRow[] = [];
  const c = sol.capacity;
  if (c) {
    const n = c.year - c.fromYear;
    rows.push(
      { quantity: 'capacity target', value: `${formatQuantity(c.targetMW, 'power', units, 6)} built + under construction in ${c.year}` },
      { quantity: 'from', value: `${formatQuantity(c.fromMW, 'power', units, 6)} in ${c.fromYear} (×${c.multiple.toFixed(3)} in ${n} year${n === 1 ? '' : 's'})` },
      { quantity: 'required growth rate (CAGR)', value: `${(c.requiredCagrFrac * 100).toFixed(2)} % a year` },
      { quantity: 'required equal yearly additions', value: `${formatQuantity(c.requiredLinearAdditionsMWPerYear, 'power', units, 6)} a year (net)` },
    );
    if (Number.isFinite(c.maxReachableMW)) rows.push({ quantity: `most reachable by ${c.year} under the cap`, value: formatQuantity(c.maxReachableMW, 'power', units, 6) });
  }
  const e = sol.energy;
  if (e) {
    rows.push(
      { quantity: `${e.kind} target`, value: e.kind === 'coal' ? `${formatQuantity(e.targetCoalTonnes ?? Number.NaN, 'mass', units, 6)} of coal saved in ${e.year} (= ${formatQuantity(e.targetEnergyMWh, 'energy', units, 6)})` : `${formatQuantity(e.targetEnergyMWh, 'energy', units, 6)} in ${e.year}` },
      { quantity: `planned energy in ${e.year}`, value: formatQuantity(e.plannedEnergyMWh, 'energy', units, 6) },
      { quantity: 'required capacity (whole path scaled)', value: `${formatQuantity(e.requiredCapacityMW, 'power', units, 6)} built + under construction, ${formatQuantity(e.requiredOperatingMW, 'power', units, 6)} operating (×${e.requiredMultiplier.toFixed(4)})` },
      { quantity: 'or required full-load hours', value: `${e.requiredFullLoadHoursH.toFixed(1)} h in ${e.year} at the planned capacity` },
    );
  }
  return rows;
}

export function registerSolve(program: Command, io: CliIo): void {
  const cmd = program
    .command('solve')
    .description("what it takes to meet the scenario's target: required CAGR and yearly additions; for an energy or coal target, the required capacity or full-load hours")
    .argument('<file>', 'scenario file');
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(cmd, 'pvplan solve scenarios/wendeng-2025.yaml', 'pvplan solve scenarios/wendeng-2025.yaml --format json');
  cmd.action((file: string, opts: ReportOptions & { strict?: boolean }) => {
    const s = loadScenario(file);
    const solution = solvePlan(s.plan);
    const solved = checkSolution(s.written, s.plan, solution);
    const warnings = [...s.warnings, ...(solved.length > 0 ? warningsAt(loadScenarioChain(file).chain, solved) : [])];
    reportWarnings(io, warnings, opts.strict);
    if (opts.format === 'json') {
      io.stdout(renderJson({ scenario: { id: s.id, name: s.name, hash: s.hash }, pvplanVersion: PVPLAN_VERSION, solution, warnings }));
      return;
    }
    const rows = solutionRows(solution, opts.units);
    const out = renderSections([section({ title: `${s.name}  [${s.id}]`, columns: [{ header: 'what', value: (r: SolveRow) => r.quantity }, { header: 'answer', value: (r: SolveRow) => r.value }], rows })], opts.format, opts.units);
    io.stdout(out);
  });
}
