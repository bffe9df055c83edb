/**
 * Test helpers for the planning core: a small hand-checkable PlanInput with overrides, the scaling of a plan's
 * capacity inputs (baseline, history, target, growth, cap) used to check solve and linearity, and a fast-check
 * arbitrary of valid PlanInputs covering every growth model, degradation mode and commissioning convention.
 */
import fc from 'fast-check';
import type { YearSeries } from '../../../src/core/series.ts';

/** Every value of a series times `factor`. */
function scaleSeries(series: YearSeries, factor: number): YearSeries {
  if (typeof series === 'number') return series * factor;
  return series.map((p) => ({ year: p.year, value: p.value * factor }));
}
import {
  COMMISSIONING_CONVENTIONS,
  DEGRADATION_MODES,
  type CapacityTarget,
  type GrowthModel,
  type PlanInput,
} from '../../../src/core/plan/types.ts';

type Capacity = PlanInput['capacity'];
type Yield = PlanInput['yield'];
type Savings = PlanInput['savings'];

export interface PlanOverrides {
  readonly startYear?: number;
  readonly endYear?: number;
  readonly capacity?: Partial<Capacity>;
  readonly yield?: Partial<Yield>;
  readonly savings?: Partial<Savings>;
}

/**
 * A plan whose numbers are easy to check by hand: 100 MW in 2022 held flat to 2030 (no additions listed),
 * 1000 full-load hours, no losses, full-year commissioning, no lag, 25-year life, 0.3 t coal and 0.5 t CO2 per MWh.
 */
export function makePlan(o: PlanOverrides = {}): PlanInput {
  return {
    startYear: o.startYear ?? 2022,
    endYear: o.endYear ?? 2030,
    capacity: {
      baseYear: 2022,
      baselineMW: 100,
      growth: { model: 'additions', additionsMW: [] },
      constructionLagYears: 0,
      lifetimeYears: 25,
      ...o.capacity,
    },
    yield: {
      fullLoadHours: 1000,
      firstYearDegradationFrac: 0,
      annualDegradationFrac: 0,
      degradationMode: 'linear',
      availabilityFrac: 1,
      curtailmentFrac: 0,
      commissioning: 'full-year',
      ...o.yield,
    },
    savings: { coalTonnesPerMWh: 0.3, co2TonnesPerMWh: 0.5, ...o.savings },
  };
}

const scalePoints = (points: ReadonlyArray<{ year: number; value: number }>, m: number) => points.map((p) => ({ year: p.year, value: p.value * m }));

/** The growth model with every capacity it holds multiplied by m (rates and steepness are scale-free). */
export function scaleGrowth(g: GrowthModel, m: number): GrowthModel {
  switch (g.model) {
    case 'cagr':
    case 'trend':
      return g.model === 'trend' && g.saturationMW !== undefined ? { ...g, saturationMW: g.saturationMW * m } : g;
    case 'linear':
      return g.additionsMWPerYear === undefined ? g : { ...g, additionsMWPerYear: g.additionsMWPerYear * m };
    case 'logistic':
      return { ...g, saturationMW: g.saturationMW * m };
    case 'additions':
      return { model: 'additions', additionsMW: scalePoints(g.additionsMW, m) };
    case 'milestones':
      return { model: 'milestones', pointsMW: scalePoints(g.pointsMW, m) };
    case 'formula':
      return { ...g, capacityMWAt: (year: number) => g.capacityMWAt(year) * m };
  }
}

/** The plan with all its capacities (baseline, operating part, history, target capacity, growth, cap) times m. */
export function scalePlanCapacity(plan: PlanInput, m: number): PlanInput {
  const c = plan.capacity;
  const target: CapacityTarget | undefined = c.target && { ...c.target, ...(c.target.capacityMW === undefined ? {} : { capacityMW: c.target.capacityMW * m }) };
  return {
    ...plan,
    capacity: {
      ...c,
      baselineMW: c.baselineMW * m,
      ...(c.baselineOperatingMW === undefined ? {} : { baselineOperatingMW: c.baselineOperatingMW * m }),
      ...(c.historyMW === undefined ? {} : { historyMW: scalePoints(c.historyMW, m) }),
      ...(target === undefined ? {} : { target }),
      growth: scaleGrowth(c.growth, m),
      ...(c.maxAdditionsMWPerYear === undefined ? {} : { maxAdditionsMWPerYear: c.maxAdditionsMWPerYear * m }),
    },
  };
}

/** The plan with its full-load hours times m. */
export function scalePlanHours(plan: PlanInput, m: number): PlanInput {
  return { ...plan, yield: { ...plan.yield, fullLoadHours: scaleSeries(plan.yield.fullLoadHours, m) } };
}

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A constant or a 1–3 point year series with values in [min, max], points inside [y0 − 2, y1 + 2]. */
export function yearSeriesArb(min: number, max: number, y0: number, y1: number): fc.Arbitrary<YearSeries> {
  const points = fc
    .uniqueArray(fc.record({ year: fc.integer({ min: y0 - 2, max: y1 + 2 }), value: num(min, max) }), { minLength: 1, maxLength: 3, selector: (p) => p.year })
    .map((ps) => [...ps].sort((a, b) => a.year - b.year));
  return fc.oneof(num(min, max), points);
}

export interface PlanArbOptions {
  /** Only these growth models (default: all). */
  readonly models?: ReadonlyArray<GrowthModel['model']>;
  /** Give every plan a cap on additions (default: sometimes). */
  readonly cap?: 'never' | 'sometimes';
  /** Minimum lifetime relative to the horizon (to keep retirements out of a property), years. */
  readonly lifetimeBeyondHorizon?: boolean;
}

/** Valid plans: every growth model, degradation mode and commissioning convention; years 2000–2060. */
export function planArb(opts: PlanArbOptions = {}): fc.Arbitrary<PlanInput> {
  const models = opts.models ?? ['cagr', 'linear', 'logistic', 'additions', 'milestones', 'trend', 'formula'];
  return fc
    .record({
      baseYear: fc.integer({ min: 2000, max: 2030 }),
      horizon: fc.integer({ min: 1, max: 30 }),
      startOffset: fc.integer({ min: 0, max: 3 }),
      baselineMW: num(1, 5000),
      operatingShare: fc.option(num(0, 1), { nil: undefined }),
      withHistory: fc.boolean(),
      // At least 3 points: a logistic trend without a saturation fits three parameters.
      historyYears: fc.integer({ min: 3, max: 6 }),
      historyGrowth: num(0.05, 0.6),
      model: fc.constantFrom(...models),
      rateFrac: fc.option(num(-0.2, 0.8), { nil: undefined }),
      multiple: num(1.05, 6),
      targetOffset: fc.integer({ min: 1, max: 30 }),
      saturationMultiple: num(1.05, 3),
      steepness: fc.option(num(0.05, 2), { nil: undefined }),
      listed: fc.array(fc.record({ offset: fc.integer({ min: 1, max: 30 }), value: num(0, 2000) }), { maxLength: 5 }),
      trendFit: fc.constantFrom('exponential' as const, 'logistic' as const),
      cap: opts.cap === 'never' ? fc.constant(undefined) : fc.option(num(1, 3000), { nil: undefined }),
      lag: fc.integer({ min: 0, max: 3 }),
      lifetime: fc.integer({ min: 1, max: 40 }),
      hours: yearSeriesArb(300, 2500, 2000, 2060),
      d1: num(0, 0.05),
      d: num(0, 0.03),
      mode: fc.constantFrom(...DEGRADATION_MODES),
      availability: num(0.5, 1),
      curtailment: yearSeriesArb(0, 0.4, 2000, 2060),
      commissioning: fc.constantFrom(...COMMISSIONING_CONVENTIONS),
      coal: yearSeriesArb(0.25, 0.45, 2000, 2060),
      co2: yearSeriesArb(0.4, 1, 2000, 2060),
    })
    .map((r): PlanInput => {
      const endYear = r.baseYear + r.horizon;
      const startYear = Math.min(r.baseYear + r.startOffset, endYear);
      const targetYear = r.baseYear + 1 + ((r.targetOffset - 1) % r.horizon);
      const targetMW = r.baselineMW * r.multiple;
      // Trend models need a history; a history sets the baseline cohorts for any model.
      const historyMW =
        r.withHistory || r.model === 'trend'
          ? Array.from({ length: r.historyYears }, (_, i) => ({
              year: r.baseYear - (r.historyYears - 1 - i),
              value: i === r.historyYears - 1 ? r.baselineMW : r.baselineMW / Math.pow(1 + r.historyGrowth, r.historyYears - 1 - i),
            }))
          : undefined;
      const listed = r.listed.map((p) => ({ year: r.baseYear + 1 + ((p.offset - 1) % r.horizon), value: p.value }));
      let growth: GrowthModel;
      let target: CapacityTarget | undefined = { year: targetYear, capacityMW: targetMW };
      switch (r.model) {
        case 'cagr':
          growth = r.rateFrac === undefined ? { model: 'cagr' } : { model: 'cagr', rateFrac: r.rateFrac };
          break;
        case 'linear':
          growth = r.rateFrac === undefined ? { model: 'linear' } : { model: 'linear', additionsMWPerYear: r.rateFrac * r.baselineMW };
          break;
        case 'logistic':
          growth = { model: 'logistic', saturationMW: targetMW * r.saturationMultiple, ...(r.steepness === undefined ? {} : { steepnessPerYear: r.steepness }) };
          break;
        case 'additions':
          growth = { model: 'additions', additionsMW: listed };
          break;
        case 'milestones': {
          const byYear = new Map(listed.map((p) => [p.year, p.value * 3]));
          growth = { model: 'milestones', pointsMW: [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year) };
          break;
        }
        case 'trend':
          growth = { model: 'trend', fit: r.trendFit, ...(r.trendFit === 'logistic' && r.steepness !== undefined ? { saturationMW: r.baselineMW * 2 * r.saturationMultiple } : {}) };
          target = undefined;
          break;
        case 'formula': {
          const rate = r.rateFrac ?? 0.1;
          const c0 = r.baselineMW;
          const y0 = r.baseYear;
          growth = { model: 'formula', expression: `${c0} MW * ${1 + rate}^(year - ${y0})`, capacityMWAt: (year) => c0 * Math.pow(1 + rate, year - y0) };
          break;
        }
      }
      return {
        startYear,
        endYear,
        capacity: {
          baseYear: r.baseYear,
          baselineMW: r.baselineMW,
          ...(historyMW === undefined && r.operatingShare !== undefined ? { baselineOperatingMW: r.operatingShare * r.baselineMW } : {}),
          ...(historyMW === undefined ? {} : { historyMW }),
          ...(target === undefined ? {} : { target }),
          growth,
          ...(r.cap === undefined ? {} : { maxAdditionsMWPerYear: r.cap }),
          constructionLagYears: r.lag,
          lifetimeYears: opts.lifetimeBeyondHorizon ? r.horizon + r.historyYears + 10 : r.lifetime,
        },
        yield: {
          fullLoadHours: r.hours,
          firstYearDegradationFrac: r.d1,
          annualDegradationFrac: r.d,
          degradationMode: r.mode,
          availabilityFrac: r.availability,
          curtailmentFrac: r.curtailment,
          commissioning: r.commissioning,
        },
        savings: { coalTonnesPerMWh: r.coal, co2TonnesPerMWh: r.co2 },
      };
    });
}
