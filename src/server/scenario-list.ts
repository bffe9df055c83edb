/** What the server shows of a scenario without its yearly rows: the list entry of GET /api/scenarios and the key parameters a what-if form starts from. */
import { seriesValueAt } from '../core/series.ts';
import type { RunReport } from '../report/run.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import type { KeyParameters, ScenarioListItem } from './schemas.ts';

/** Whether a scenario declares distributions or a year-to-year weather term, i.e. whether a Monte Carlo of it has any spread. */
export function isUncertain(resolved: ResolvedScenario): boolean {
  return resolved.uncertainty.parameters.length > 0 || resolved.uncertainty.interannualSdFrac > 0;
}

/** The list entry of a valid scenario file `name` with id `id`; `parent` is its own `extends`, as written. */
export function listItem(id: string, name: string, resolved: ResolvedScenario, parent: string | undefined): ScenarioListItem {
  const r = resolved;
  const w = r.written;
  return {
    id,
    file: name,
    valid: true,
    name: r.name,
    ...(r.region === undefined ? {} : { region: r.region }),
    ...(r.description === undefined ? {} : { description: r.description }),
    ...(parent === undefined ? {} : { extends: parent }),
    ...(w.capacity.target ? { target: { ...w.capacity.target } } : {}),
    ...(r.plan.capacity.target?.capacityMW === undefined ? {} : { targetCapacityMW: r.plan.capacity.target.capacityMW }),
    years: { start: w.years.start, end: w.years.end },
    growthModel: w.capacity.growth.model,
    hash: r.hash,
    uncertain: isUncertain(r),
    system: r.system !== undefined,
    finance: r.plan.finance !== undefined,
    warnings: [...r.warnings],
    ...(r.portfolio && r.portfolio.portfolio.projects.length > 0 ? { projects: r.portfolio.portfolio.projects.length } : {}),
  };
}

/**
 * The key parameters of a scenario in internal units (MW, h, t/MWh, fractions), for a form to start from (the
 * page's what-if panel). A model without a rate gets the one its target implies, (C_target / C_base)^(1/n) − 1,
 * and equal additions (C_target − C_base) / n, over the n years from the base year to the target year.
 */
export function keyParameters(resolved: ResolvedScenario, report: RunReport): KeyParameters {
  const { plan } = resolved;
  const cap = plan.capacity;
  const p = report.summary.growth.parameters;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  const t = cap.target;
  const refYear = report.summary.referenceYear;
  const span = t ? t.year - cap.baseYear : 0;
  const goalMW = t?.capacityMW;
  const impliedRateFrac = goalMW !== undefined && span > 0 && cap.baselineMW > 0 ? (goalMW / cap.baselineMW) ** (1 / span) - 1 : undefined;
  const impliedAdditions = goalMW !== undefined && span > 0 ? (goalMW - cap.baselineMW) / span : undefined;
  const rateFrac = report.summary.growth.model === 'cagr' ? num('rateFrac') : impliedRateFrac;
  const additionsMWPerYear = report.summary.growth.model === 'linear' ? num('additionsMWPerYear') : impliedAdditions;
  const saturationMW = num('saturationMW');
  return {
    growthModel: report.summary.growth.model,
    ...(rateFrac === undefined ? {} : { rateFrac }),
    ...(additionsMWPerYear === undefined ? {} : { additionsMWPerYear }),
    ...(saturationMW === undefined ? {} : { saturationMW }),
    ...(t ? { targetYear: t.year } : {}),
    ...(goalMW === undefined ? {} : { targetCapacityMW: goalMW }),
    baseYear: cap.baseYear,
    baselineMW: cap.baselineMW,
    fullLoadHours: seriesValueAt(plan.yield.fullLoadHours, refYear),
    firstYearDegradationFrac: plan.yield.firstYearDegradationFrac,
    annualDegradationFrac: plan.yield.annualDegradationFrac,
    coalTonnesPerMWh: seriesValueAt(plan.savings.coalTonnesPerMWh, refYear),
    co2TonnesPerMWh: seriesValueAt(plan.savings.co2TonnesPerMWh, refYear),
    constructionLagYears: cap.constructionLagYears,
    startYear: plan.startYear,
    endYear: plan.endYear,
  };
}
