/**
 * Step 2 of resolving a scenario: its fields → the core's PlanInput, defaults filled and every quantity in internal
 * units (parsed by the Collector, step 1), with the rules between fields (rules.ts, step 3) checked where the fields
 * they relate are known, so that problems come out in document order.
 */
import { getPreset, presetYearSeries, factorPresetIds, type FactorKind } from '../core/plan/factors.ts';
import type { GrowthModel, PlanInput } from '../core/plan/types.ts';
import type { YearSeries } from '../core/series.ts';
import { fullLoadHoursFromCapacityFactor, HOURS_PER_YEAR } from '../core/units.ts';
import { SCENARIO_DEFAULTS } from './defaults.ts';
import { compileCapacityFormula } from './formula.ts';
import { physicalYieldHours, PHYSICAL_ONLY_FIELDS, type PhysicalYieldResolver } from './physical-step.ts';
import type { SystemYield } from '../core/storage/system-yield.ts';
import type { SystemResolver } from './system-step.ts';
import { Collector, to } from './quantities.ts';
import { QuantityError, type Dimension } from './quantity.ts';
import { checkBaselineOperating, checkGrowth, checkHistory, checkTargetYear, checkYears } from './rules.ts';
import type { Scenario } from './schema.ts';
import { didYouMean } from './validate.ts';

/** Reports a negative plain value (a distribution's range is checked by the Collector). */
function nonNegative(c: Collector, x: number, path: string[], raw: unknown): number {
  if (x < 0) c.add(path, `expected a non-negative power (capacity is never demolished to follow a path), got '${String(raw)}'`);
  return x;
}

const SAVINGS_FIELD = { coal: 'coalTonnesPerMWh', co2: 'co2TonnesPerMWh', so2: 'so2TonnesPerMWh', nox: 'noxTonnesPerMWh' } as const;

function factorSeries(c: Collector, value: unknown, kind: FactorKind, path: string[]): YearSeries {
  if (typeof value === 'object' && value !== null && 'preset' in value) {
    const id = String((value as { preset: unknown }).preset);
    try {
      return presetYearSeries(getPreset(id, kind));
    } catch {
      const ids = factorPresetIds(kind);
      const hint = didYouMean(id, ids);
      c.add([...path, 'preset'], `unknown ${kind} factor preset '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')} (see \`pvplan factors\`)`);
      return Number.NaN;
    }
  }
  return c.series(
    value,
    'intensity',
    path,
    (x, p, raw) => {
      if (x < 0) c.add(p, `expected a non-negative factor, got '${String(raw)}'`);
    },
    to(`savings.${SAVINGS_FIELD[kind]}`),
    { min: 0 },
  );
}

function growthModel(c: Collector, g: Scenario['capacity']['growth'], baseYear: number, endYear: number): GrowthModel {
  const path = ['capacity', 'growth'];
  const yearIn = (y: number | undefined, key: string) => {
    if (y !== undefined && (y < baseYear || y > endYear)) c.add([...path, key], `expected a year between the base year ${baseYear} and years.end ${endYear}, got ${y}`);
  };
  const pointsAfterBase = (series: Record<string, string>, key: string, allowNegative: boolean) =>
    (c.series(series, 'power', [...path, key], (x, p, raw) => {
      if (!allowNegative && x < 0) c.add(p, `expected a non-negative power, got '${String(raw)}'`);
      const y = Number(p[p.length - 1]);
      if (y <= baseYear) c.add(p, `expected a year after the base year ${baseYear}, got ${y}`);
    }) as Array<{ year: number; value: number }>);
  switch (g.model) {
    case 'cagr':
    case 'linear': {
      yearIn(g.from, 'from');
      yearIn(g.until, 'until');
      if (g.from !== undefined && g.until !== undefined && g.until <= g.from) c.add([...path, 'until'], `expected a year after 'from' (${g.from}), got ${g.until}`);
      const common = {
        ...(g.from === undefined ? {} : { fromYear: g.from }),
        ...(g.until === undefined ? {} : { untilYear: g.until }),
        ...(g.after === undefined ? {} : { after: { rateFrac: c.fraction(g.after, [...path, 'after'], { min: -1 }, to('capacity.growth.after.rateFrac')) } }),
      };
      if (g.model === 'cagr') {
        return { model: 'cagr', ...common, ...(g.rate === undefined ? {} : { rateFrac: c.fraction(g.rate, [...path, 'rate'], { min: -1 }, to('capacity.growth.rateFrac')) }) };
      }
      return {
        model: 'linear',
        ...common,
        ...(g.additionsPerYear === undefined ? {} : { additionsMWPerYear: nonNegative(c, c.quantity(g.additionsPerYear, 'power', [...path, 'additionsPerYear'], to('capacity.growth.additionsMWPerYear'), { min: 0 }), [...path, 'additionsPerYear'], g.additionsPerYear) }),
      };
    }
    case 'logistic':
      return { model: 'logistic', saturationMW: c.quantity(g.saturation, 'power', [...path, 'saturation'], to('capacity.growth.saturationMW'), { min: 0, minExclusive: true }), ...(g.steepness === undefined ? {} : { steepnessPerYear: g.steepness }) };
    case 'additions':
      return { model: 'additions', additionsMW: pointsAfterBase(g.additions, 'additions', false) };
    case 'milestones':
      return { model: 'milestones', pointsMW: pointsAfterBase(g.points, 'points', false) };
    case 'trend':
      return { model: 'trend', fit: g.fit, ...(g.saturation === undefined ? {} : { saturationMW: c.quantity(g.saturation, 'power', [...path, 'saturation']) }) };
    case 'formula': {
      try {
        const at = compileCapacityFormula(g.expression);
        for (let y = baseYear + 1; y <= endYear; y++) {
          const mw = at(y);
          if (!Number.isFinite(mw) || mw < 0) {
            c.add([...path, 'expression'], `expected a finite, non-negative capacity for every year, got ${mw} MW in ${y}`);
            break;
          }
        }
        return { model: 'formula', expression: g.expression, capacityMWAt: at };
      } catch (e) {
        if (!(e instanceof QuantityError)) throw e;
        c.add([...path, 'expression'], e.message);
        return { model: 'formula', expression: g.expression, capacityMWAt: () => Number.NaN };
      }
    }
  }
}

/** The plan's yield fields a system replaces: written with yield.model: system, each is a problem. */
export const SYSTEM_REPLACES_FIELDS = ['value', 'site', 'array', 'weather', 'curtailment', 'availability'] as const;

/**
 * Steps 2 and 3 of resolving: the scenario's fields → a PlanInput (defaults filled, quantities parsed by `c`),
 * with the rules between fields checked where the fields they relate are known, in document order. Returns the plan
 * and whether its growth is solved from the target (which the outcome rules need). The physical yield, the system
 * section and a system's delivered hours come from the steps passed in (resolve-steps.ts), which a plain scenario
 * never loads.
 */
export function buildPlan(
  c: Collector,
  s: Scenario,
  physicalYield: PhysicalYieldResolver,
  systemResolver: SystemResolver,
  deliveredFullLoadHours: (system: SystemYield) => number,
): { plan: PlanInput; needsTarget: boolean; system?: SystemYield } {
  const { start, end } = s.years;
  const cap = s.capacity;
  const baseYear = cap.baseline.year;
  checkYears(c, s);
  const baselineMW = c.quantity(cap.baseline.capacity, 'power', ['capacity', 'baseline', 'capacity']);
  if (baselineMW < 0) c.add(['capacity', 'baseline', 'capacity'], `expected a non-negative power, got '${cap.baseline.capacity}'`);
  let baselineOperatingMW: number | undefined;
  if (cap.baseline.operating !== undefined) {
    baselineOperatingMW = c.quantity(cap.baseline.operating, 'power', ['capacity', 'baseline', 'operating']);
    checkBaselineOperating(c, cap, baselineMW, baselineOperatingMW);
  }
  let historyMW: Array<{ year: number; value: number }> | undefined;
  if (cap.history) {
    historyMW = c.series(cap.history, 'power', ['capacity', 'history'], (x, p, raw) => {
      const y = Number(p[p.length - 1]);
      if (y > baseYear) c.add(p, `expected a year up to the base year ${baseYear}, got ${y}`);
      if (x < 0) c.add(p, `expected a non-negative power, got '${String(raw)}'`);
    }) as Array<{ year: number; value: number }>;
    checkHistory(c, s, historyMW, baselineMW);
  }
  let target: PlanInput['capacity']['target'];
  if (cap.target) {
    const t = cap.target;
    checkTargetYear(c, t, baseYear, end);
    target = {
      year: t.year,
      ...(t.capacity === undefined ? {} : { capacityMW: c.quantity(t.capacity, 'power', ['capacity', 'target', 'capacity']) }),
      ...(t.energy === undefined ? {} : { energyMWh: c.quantity(t.energy, 'energy', ['capacity', 'target', 'energy']) }),
      ...(t.coal === undefined ? {} : { coalTonnes: c.quantity(t.coal, 'mass', ['capacity', 'target', 'coal']) }),
    };
    for (const [key, value] of [['capacity', target.capacityMW], ['energy', target.energyMWh], ['coal', target.coalTonnes]] as const) {
      if (value !== undefined && value < 0) c.add(['capacity', 'target', key], `expected a non-negative target, got '${String(t[key])}'`);
    }
  }
  const growth = growthModel(c, cap.growth, baseYear, end);
  const needsTarget = checkGrowth(c, cap, growth, target, baselineMW, historyMW);
  let maxAdditionsMWPerYear: number | undefined;
  if (cap.maxAdditionsPerYear !== undefined) {
    maxAdditionsMWPerYear = c.quantity(cap.maxAdditionsPerYear, 'power', ['capacity', 'maxAdditionsPerYear'], to('capacity.maxAdditionsMWPerYear'), { min: 0 });
    if (!(maxAdditionsMWPerYear >= 0)) c.add(['capacity', 'maxAdditionsPerYear'], `expected a non-negative power, got '${cap.maxAdditionsPerYear}'`);
  }

  const y = s.yield;
  const valueDim: Dimension = y.model === 'capacity-factor' ? 'fraction' : 'duration';
  const hoursCheck = (x: number, p: string[], raw: unknown) => {
    if (y.model === 'capacity-factor' ? !(x > 0 && x <= 1) : !(x > 0 && x <= 8784)) {
      c.add(p, y.model === 'capacity-factor' ? `expected a capacity factor above 0 % and at most 100 %, got '${String(raw)}'` : `expected hours per year above 0 and at most 8784 h, got '${String(raw)}'`);
    }
  };
  const cf = y.model === 'capacity-factor';
  let fullLoadHours: YearSeries;
  // The hourly system: resolved whenever written (pvplan system reads it); the plan's yield comes from it with model: system.
  const system = s.system === undefined ? undefined : systemResolver(c, s.system, y.model === 'system');
  if (y.model === 'physical') {
    fullLoadHours = physicalYieldHours(c, y, physicalYield);
  } else if (y.model === 'system') {
    for (const key of SYSTEM_REPLACES_FIELDS) {
      if (y[key] !== undefined) c.add(['yield', key], `'${key}' comes from the system section with yield.model: system (delivered energy after curtailment and storage losses); remove it`);
    }
    if (s.system === undefined) c.add(['yield', 'model'], "yield.model: system needs a 'system' section (generators, exportLimit, storage; docs/system.md)");
    fullLoadHours = system === undefined ? Number.NaN : deliveredFullLoadHours(system);
  } else {
    for (const key of PHYSICAL_ONLY_FIELDS) {
      if (y[key] !== undefined) c.add(['yield', key], `'${key}' belongs to the physical model (yield.model: physical); the ${y.model} model takes 'value'`);
    }
    if (y.value === undefined) c.add(['yield', 'value'], `missing required field 'value' for the ${y.model} model`);
    const valueIssuesBefore = c.issues.length;
    fullLoadHours = c.series(
      y.value,
      valueDim,
      ['yield', 'value'],
      hoursCheck,
      cf ? to('yield.fullLoadHours', HOURS_PER_YEAR) : to('yield.fullLoadHours'),
      cf ? { min: 0, max: 1, minExclusive: true } : { min: 0, max: 8784, minExclusive: true },
    );
    if (c.issues.length > valueIssuesBefore) {
      for (let i = valueIssuesBefore; i < c.issues.length; i++) {
        const issue = c.issues[i]!;
        c.issues[i] = { path: issue.path, message: `${issue.message} (for the ${y.model} model)` };
      }
    }
    if (y.model === 'capacity-factor') {
      fullLoadHours = typeof fullLoadHours === 'number' ? fullLoadHoursFromCapacityFactor(fullLoadHours) : fullLoadHours.map((p) => ({ year: p.year, value: fullLoadHoursFromCapacityFactor(p.value) }));
    }
  }
  const d = y.degradation ?? {};
  const plan: PlanInput = {
    startYear: start,
    endYear: end,
    capacity: {
      baseYear,
      baselineMW,
      ...(baselineOperatingMW === undefined ? {} : { baselineOperatingMW }),
      ...(historyMW ? { historyMW } : {}),
      ...(target ? { target } : {}),
      growth,
      ...(maxAdditionsMWPerYear === undefined ? {} : { maxAdditionsMWPerYear }),
      constructionLagYears: c.integer(cap.constructionLagYears ?? SCENARIO_DEFAULTS.constructionLagYears, ['capacity', 'constructionLagYears'], to('capacity.constructionLagYears'), { min: 0, max: 10 }),
      lifetimeYears: c.integer(cap.lifetimeYears ?? SCENARIO_DEFAULTS.lifetimeYears, ['capacity', 'lifetimeYears'], to('capacity.lifetimeYears'), { min: 1, max: 60 }),
    },
    yield: {
      fullLoadHours,
      firstYearDegradationFrac: c.fraction(d.firstYear ?? SCENARIO_DEFAULTS.firstYearDegradation, ['yield', 'degradation', 'firstYear'], undefined, to('yield.firstYearDegradationFrac')),
      annualDegradationFrac: c.fraction(d.annual ?? SCENARIO_DEFAULTS.annualDegradation, ['yield', 'degradation', 'annual'], undefined, to('yield.annualDegradationFrac')),
      degradationMode: d.mode ?? SCENARIO_DEFAULTS.degradationMode,
      availabilityFrac: c.fraction(y.availability ?? SCENARIO_DEFAULTS.availability, ['yield', 'availability'], undefined, to('yield.availabilityFrac')),
      curtailmentFrac: c.series(
        y.curtailment ?? SCENARIO_DEFAULTS.curtailment,
        'fraction',
        ['yield', 'curtailment'],
        (x, p, raw) => {
          if (x < 0 || x > 1) c.add(p, `expected a percentage between 0 % and 100 %, got '${String(raw)}'`);
        },
        to('yield.curtailmentFrac'),
        { min: 0, max: 1 },
      ),
      commissioning: y.commissioning ?? SCENARIO_DEFAULTS.commissioning,
      ...(system !== undefined && y.model === 'system' ? { system } : {}),
    },
    savings: {
      coalTonnesPerMWh: factorSeries(c, s.savings.coal, 'coal', ['savings', 'coal']),
      co2TonnesPerMWh: factorSeries(c, s.savings.co2, 'co2', ['savings', 'co2']),
      ...(s.savings.so2 === undefined ? {} : { so2TonnesPerMWh: factorSeries(c, s.savings.so2, 'so2', ['savings', 'so2']) }),
      ...(s.savings.nox === undefined ? {} : { noxTonnesPerMWh: factorSeries(c, s.savings.nox, 'nox', ['savings', 'nox']) }),
    },
  };
  return { plan, needsTarget, ...(system === undefined ? {} : { system }) };
}
