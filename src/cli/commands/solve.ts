/** `pvplan solve FILE`: what it takes to meet the scenario's target. */
import type { Command } from 'commander';
import { solvePlan, type Solution } from '../../core/plan/solve.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { checkSolution, warningsAt } from '../../scenario/plausibility.ts';
import { loadScenarioWithSteps } from '../../scenario/resolve-steps.ts';
import { loadScenarioChain } from '../../scenario/load.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { renderJson, renderSections, section } from '../../report/format.ts';
import { langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

interface SolveRow {
  readonly quantity: string;
  readonly value: string;
}

function solutionRows(sol: Solution, units: UnitSystem, lang: Lang): SolveRow[] {
  const q = (x: number | undefined, d: 'power' | 'energy' | 'mass') => formatQuantity(x ?? Number.NaN, d, units, 6);
  const rows: SolveRow[] = [];
  const c = sol.capacity;
  if (c) {
    const n = c.year - c.fromYear;
    rows.push(
      { quantity: t(lang, 'solve.capacityTarget'), value: t(lang, 'solve.capacityTargetValue', { capacity: q(c.targetMW, 'power'), year: c.year }) },
      { quantity: t(lang, 'solve.from'), value: t(lang, 'solve.fromValue', { capacity: q(c.fromMW, 'power'), year: c.fromYear, multiple: c.multiple.toFixed(3), years: n }) },
      { quantity: t(lang, 'solve.cagr'), value: t(lang, 'solve.cagrValue', { rate: `${(c.requiredCagrFrac * 100).toFixed(2)} %` }) },
      { quantity: t(lang, 'solve.linear'), value: t(lang, 'solve.linearValue', { capacity: q(c.requiredLinearAdditionsMWPerYear, 'power') }) },
    );
    if (Number.isFinite(c.maxReachableMW)) rows.push({ quantity: t(lang, 'solve.reachable', { year: c.year }), value: q(c.maxReachableMW, 'power') });
  }
  const e = sol.energy;
  if (e) {
    rows.push(
      {
        quantity: t(lang, e.kind === 'coal' ? 'solve.coalTarget' : 'solve.energyTarget'),
        value: e.kind === 'coal' ? t(lang, 'solve.coalTargetValue', { mass: q(e.targetCoalTonnes, 'mass'), year: e.year, energy: q(e.targetEnergyMWh, 'energy') }) : t(lang, 'solve.energyTargetValue', { energy: q(e.targetEnergyMWh, 'energy'), year: e.year }),
      },
      { quantity: t(lang, 'solve.planned', { year: e.year }), value: q(e.plannedEnergyMWh, 'energy') },
      { quantity: t(lang, 'solve.requiredCapacity'), value: t(lang, 'solve.requiredCapacityValue', { capacity: q(e.requiredCapacityMW, 'power'), operating: q(e.requiredOperatingMW, 'power'), multiplier: e.requiredMultiplier.toFixed(4) }) },
      { quantity: t(lang, 'solve.requiredHours'), value: t(lang, 'solve.requiredHoursValue', { hours: e.requiredFullLoadHoursH.toFixed(1), year: e.year }) },
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
  cmd.action(async (file: string, opts: ReportOptions & { strict?: boolean }) => {
    const s = await loadScenarioWithSteps(file);
    const solution = solvePlan(s.plan);
    const solved = checkSolution(s.written, s.plan, solution);
    const warnings = [...s.warnings, ...(solved.length > 0 ? warningsAt(loadScenarioChain(file).chain, solved) : [])];
    reportWarnings(io, warnings, opts.strict);
    if (opts.format === 'json') {
      io.stdout(renderJson({ scenario: { id: s.id, name: s.name, hash: s.hash }, pvplanVersion: PVPLAN_VERSION, solution, warnings }));
      return;
    }
    const lang = langOf(io);
    const rows = solutionRows(solution, opts.units, lang);
    const columns = [
      { header: t(lang, 'solve.what'), value: (r: SolveRow) => r.quantity },
      { header: t(lang, 'solve.answer'), value: (r: SolveRow) => r.value },
    ];
    const out = renderSections([section({ title: `${s.name}  [${s.id}]`, columns, rows })], opts.format, opts.units);
    io.stdout(out);
  });
}
