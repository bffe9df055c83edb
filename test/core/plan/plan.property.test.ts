/**
 * Invariants of the planning core over random valid plans (every growth model, degradation mode and
 * commissioning convention; plan-fixtures.ts): linearity in capacity and hours, monotonicity in losses and
 * lag, savings = energy × factor, cumulative columns as running sums, solved paths on target, stock bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesValueAt } from '../../../src/core/series.ts';
import { simulatePlan } from '../../../src/core/plan/simulate.ts';
import { DEGRADATION_MODES, type GrowthModel, type PlanInput, type YearResult } from '../../../src/core/plan/types.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { planArb, scalePlanCapacity, scalePlanHours } from './plan-fixtures.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const energies = (plan: PlanInput) => simulatePlan(plan).years.map((r) => r.energyMWh);
const withYield = (plan: PlanInput, y: Partial<PlanInput['yield']>): PlanInput => ({ ...plan, yield: { ...plan.yield, ...y } });

/** a ≤ b up to rounding. */
function expectNotAbove(a: number, b: number, label: string): void {
  if (!(a <= b * (1 + 1e-12) + 1e-9)) throw new Error(`${label}: ${a} > ${b}`);
}

describe('linearity (solve relies on it)', () => {
  it('energy scales linearly with capacity (baseline, history, path, target and cap scaled together)', () => {
    fc.assert(
      fc.property(planArb(), num(0.1, 10), (plan, m) => {
        const base = energies(plan);
        const scaled = energies(scalePlanCapacity(plan, m));
        base.forEach((e, i) => expectClose(scaled[i]!, m * e, { rel: 1e-9, abs: 1e-6 }, `year ${i}`));
      }),
      { numRuns: 200 },
    );
  });

  it('energy scales linearly with full-load hours', () => {
    fc.assert(
      fc.property(planArb(), num(0.1, 3), (plan, m) => {
        const base = energies(plan);
        const scaled = energies(scalePlanHours(plan, m));
        base.forEach((e, i) => expectClose(scaled[i]!, m * e, { rel: 1e-12, abs: 1e-6 }, `year ${i}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('monotonicity', () => {
  it('energy never rises with more first-year or annual degradation, in either mode', () => {
    fc.assert(
      fc.property(planArb(), num(0, 0.2), num(0, 0.05), (plan0, extraD1, extraD) => {
        for (const degradationMode of DEGRADATION_MODES) {
          const plan = withYield(plan0, { degradationMode });
          const base = energies(plan);
          const worseFirst = energies(withYield(plan, { firstYearDegradationFrac: plan.yield.firstYearDegradationFrac + extraD1 }));
          const worseAnnual = energies(withYield(plan, { annualDegradationFrac: plan.yield.annualDegradationFrac + extraD }));
          base.forEach((e, i) => {
            expectNotAbove(worseFirst[i]!, e, `${degradationMode} first-year, year ${i}`);
            expectNotAbove(worseAnnual[i]!, e, `${degradationMode} annual, year ${i}`);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('energy never rises with more curtailment', () => {
    fc.assert(
      fc.property(planArb(), num(0, 0.5), (plan, extra) => {
        const c = plan.yield.curtailmentFrac;
        const more = typeof c === 'number' ? Math.min(1, c + extra) : c.map((p) => ({ year: p.year, value: Math.min(1, p.value + extra) }));
        const base = energies(plan);
        const worse = energies(withYield(plan, { curtailmentFrac: more }));
        base.forEach((e, i) => expectNotAbove(worse[i]!, e, `year ${i}`));
      }),
      { numRuns: 200 },
    );
  });

  // A longer lag delays every cohort's output by whole years. Without degradation each year's output can only
  // fall. With degradation a delayed cohort is younger, so it may out-produce in a given year — and history
  // cohorts, commissioned before the base year, are younger with more lag and may out-produce over the whole
  // horizon. Without a history every delayed cohort starts in the horizon, and its cumulative output to any
  // year cannot exceed the undelayed one's when yield is constant. Lifetimes beyond the horizon keep
  // retirement-driven replacements (which shift with the lag) out of both comparisons.
  it('energy never rises with more construction lag (no degradation: every year)', () => {
    fc.assert(
      fc.property(planArb({ lifetimeBeyondHorizon: true, models: ['cagr', 'linear', 'logistic', 'additions', 'milestones', 'formula'] }), fc.integer({ min: 1, max: 3 }), (plan1, extraLag) => {
        const { historyMW: _history, ...capacity } = plan1.capacity;
        const plan0: PlanInput = { ...plan1, capacity };
        const plan = withYield(plan0, { firstYearDegradationFrac: 0, annualDegradationFrac: 0 });
        const base = energies(plan);
        const lagged = energies({ ...plan, capacity: { ...plan.capacity, constructionLagYears: plan.capacity.constructionLagYears + extraLag } });
        base.forEach((e, i) => expectNotAbove(lagged[i]!, e, `year ${i}`));
      }),
      { numRuns: 200 },
    );
  });

  it('cumulative energy never rises with more construction lag (with degradation, constant yield)', () => {
    fc.assert(
      fc.property(planArb({ lifetimeBeyondHorizon: true, models: ['cagr', 'linear', 'logistic', 'additions', 'milestones', 'formula'] }), fc.integer({ min: 1, max: 3 }), (plan1, extraLag) => {
        const { historyMW: _history, ...capacity } = plan1.capacity;
        const plan0: PlanInput = { ...plan1, capacity };
        const plan = withYield(plan0, {
          fullLoadHours: seriesValueAt(plan0.yield.fullLoadHours, plan0.endYear),
          curtailmentFrac: seriesValueAt(plan0.yield.curtailmentFrac, plan0.endYear),
        });
        const cumulative = (p: PlanInput) => {
          let sum = 0;
          return energies(p).map((e) => (sum += e));
        };
        const base = cumulative(plan);
        const lagged = cumulative({ ...plan, capacity: { ...plan.capacity, constructionLagYears: plan.capacity.constructionLagYears + extraLag } });
        base.forEach((e, i) => expectNotAbove(lagged[i]!, e, `year ${i}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bookkeeping', () => {
  it('coal, CO2 (and SO2/NOx) equal energy times their factor every year', () => {
    fc.assert(
      fc.property(planArb(), num(0, 0.05), (plan0, so2) => {
        const plan: PlanInput = { ...plan0, savings: { ...plan0.savings, so2TonnesPerMWh: so2, noxTonnesPerMWh: so2 / 2 } };
        for (const r of simulatePlan(plan).years) {
          expectClose(r.coalTonnes, r.energyMWh * seriesValueAt(plan.savings.coalTonnesPerMWh, r.year), { rel: 1e-15, abs: 0 }, 'coal');
          expectClose(r.co2Tonnes, r.energyMWh * seriesValueAt(plan.savings.co2TonnesPerMWh, r.year), { rel: 1e-15, abs: 0 }, 'co2');
          expectClose(r.so2Tonnes!, r.energyMWh * so2, { rel: 1e-15, abs: 0 }, 'so2');
          expectClose(r.noxTonnes!, r.energyMWh * (so2 / 2), { rel: 1e-15, abs: 0 }, 'nox');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('cumulative columns are running sums of the reported years (from years.start)', () => {
    fc.assert(
      fc.property(planArb(), (plan) => {
        let e = 0;
        let c = 0;
        let co2 = 0;
        for (const r of simulatePlan(plan).years) {
          if (r.year >= plan.startYear) {
            e += r.energyMWh;
            c += r.coalTonnes;
            co2 += r.co2Tonnes;
          }
          expectClose(r.cumulativeEnergyMWh, e, { rel: 1e-12, abs: 1e-9 }, 'energy');
          expectClose(r.cumulativeCoalTonnes, c, { rel: 1e-12, abs: 1e-9 }, 'coal');
          expectClose(r.cumulativeCo2Tonnes, co2, { rel: 1e-12, abs: 1e-9 }, 'co2');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('capacity ≥ operating ≥ 0, additions and retirements ≥ 0, everything finite, one row per year', () => {
    fc.assert(
      fc.property(planArb(), (plan) => {
        const years = simulatePlan(plan).years;
        expect(years.map((r) => r.year)).toEqual(Array.from({ length: plan.endYear - plan.capacity.baseYear + 1 }, (_, i) => plan.capacity.baseYear + i));
        for (const r of years) {
          for (const [k, v] of Object.entries(r)) if (!Number.isFinite(v)) throw new Error(`${r.year} ${k} = ${String(v)}`);
          expect(r.operatingMW).toBeGreaterThanOrEqual(0);
          expectNotAbove(r.operatingMW, r.capacityMW, `operating ≤ capacity in ${r.year}`);
          expect(r.additionsMW).toBeGreaterThanOrEqual(0);
          expect(r.retirementsMW).toBeGreaterThanOrEqual(0);
          expect(r.energyMWh).toBeGreaterThanOrEqual(0);
          if (plan.capacity.maxAdditionsMWPerYear !== undefined) expectNotAbove(r.additionsMW, plan.capacity.maxAdditionsMWPerYear, 'cap');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('solved growth models', () => {
  const solved = (g: GrowthModel): GrowthModel => {
    if (g.model === 'cagr') return { model: 'cagr', ...(g.fromYear === undefined ? {} : { fromYear: g.fromYear }) };
    if (g.model === 'linear') return { model: 'linear' };
    if (g.model === 'logistic') return { model: 'logistic', saturationMW: g.saturationMW };
    return g;
  };
  it('cagr, linear and logistic meet their capacity target in the target year to 1e-9 relative', () => {
    fc.assert(
      fc.property(planArb({ models: ['cagr', 'linear', 'logistic'], cap: 'never' }), (plan0) => {
        const plan: PlanInput = { ...plan0, capacity: { ...plan0.capacity, growth: solved(plan0.capacity.growth) } };
        const t = plan.capacity.target!;
        const row = simulatePlan(plan).years.find((r: YearResult) => r.year === t.year)!;
        expectClose(row.capacityMW, t.capacityMW!, { rel: 1e-9 }, `${plan.capacity.growth.model} in ${t.year}`);
        expect(simulatePlan(plan).target!.metInTargetYear).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
