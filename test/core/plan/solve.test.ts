/**
 * solvePlan with hand-computed expectations, and a re-simulation check: energy is linear in capacity and in
 * full-load hours, so scaling the plan's capacities (or its hours) by the solved multiple must meet an energy
 * or coal target exactly (to 1e-9 relative).
 */
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/core/errors.ts';
import { simulatePlan } from '../../../src/core/plan/simulate.ts';
import { assertTargetReachable, maxReachableCapacityMW, solvePlan } from '../../../src/core/plan/solve.ts';
import type { PlanInput } from '../../../src/core/plan/types.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { makePlan, scalePlanCapacity, scalePlanHours } from './plan-fixtures.ts';

const energyIn = (plan: PlanInput, year: number) => simulatePlan(plan).years.find((r) => r.year === year)!.energyMWh;

describe('capacity target', () => {
  it('Wendeng ×4 from 2022 to 2025: 58.740105…% a year, or 1125 MW a year', () => {
    const plan = makePlan({ endYear: 2035, capacity: { baselineMW: 1125, target: { year: 2025, capacityMW: 4500 }, growth: { model: 'cagr' } } });
    const sol = solvePlan(plan);
    expect(sol.capacity).toMatchObject({ fromYear: 2022, fromMW: 1125, year: 2025, targetMW: 4500, multiple: 4, requiredLinearAdditionsMWPerYear: 1125, maxReachableMW: Number.POSITIVE_INFINITY });
    expectClose(sol.capacity!.requiredCagrFrac, 0.5874010519681994, { rel: 1e-14 }, 'cagr');
    expect(sol.energy).toBeUndefined();
  });

  it('the largest capacity reachable under a cap accounts for retirements', () => {
    // Cap 50 MW/yr from 100 MW, 2-year life: 150 (2023); 2024 the baseline retires: 50 + 50 = 100;
    // 2025 the 2023 cohort retires: 50 + 50 = 100.
    const plan = makePlan({ capacity: { target: { year: 2025, capacityMW: 400 }, growth: { model: 'cagr' }, maxAdditionsMWPerYear: 50, lifetimeYears: 2 } });
    expect(maxReachableCapacityMW(plan, 2023)).toBe(150);
    expect(maxReachableCapacityMW(plan, 2025)).toBe(100);
    // Without retirements: 100 + 3 × 50 = 250.
    expect(maxReachableCapacityMW({ ...plan, capacity: { ...plan.capacity, lifetimeYears: 25 } }, 2025)).toBe(250);
  });

  it('an unreachable target under the cap is a PlanError naming capacity.maxAdditionsPerYear', () => {
    const plan = makePlan({ capacity: { target: { year: 2025, capacityMW: 400 }, growth: { model: 'cagr' }, maxAdditionsMWPerYear: 50 } });
    expect(() => solvePlan(plan)).toThrow(PlanError);
    try {
      assertTargetReachable(plan);
      expect.unreachable('assertTargetReachable should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      expect((e as PlanError).field).toBe('capacity.maxAdditionsPerYear');
      expect((e as PlanError).message).toMatch(/unreachable under the additions cap of 50 MW\/yr: at most 250\.0 MW/);
    }
  });

  it('a cap that just suffices (100 MW/yr × 3 = +300 MW) is accepted', () => {
    const plan = makePlan({ capacity: { target: { year: 2025, capacityMW: 400 }, growth: { model: 'cagr' }, maxAdditionsMWPerYear: 100 } });
    expect(() => assertTargetReachable(plan)).not.toThrow();
    expect(solvePlan(plan).capacity!.maxReachableMW).toBe(400);
  });

  it('no target, or a target year not after the base year, is a PlanError', () => {
    expect(() => solvePlan(makePlan())).toThrow(/no target/);
    expect(() => solvePlan(makePlan({ capacity: { target: { year: 2022, capacityMW: 200 }, growth: { model: 'cagr', rateFrac: 0.1 } } }))).toThrow(PlanError);
  });
});

describe('energy and coal targets', () => {
  it('150,000 MWh in 2025 from a 100 MW, 1000 h fleet needs ×1.5: 150 MW or 1500 h', () => {
    const plan = makePlan({ capacity: { target: { year: 2025, energyMWh: 150000 } } });
    const e = solvePlan(plan).energy!;
    expect(e).toMatchObject({ year: 2025, kind: 'energy', targetEnergyMWh: 150000, plannedEnergyMWh: 100000 });
    expectClose(e.requiredMultiplier, 1.5, { rel: 1e-15 }, 'multiplier');
    expectClose(e.requiredCapacityMW, 150, { rel: 1e-15 }, 'capacity');
    expectClose(e.requiredOperatingMW, 150, { rel: 1e-15 }, 'operating');
    expectClose(e.requiredFullLoadHoursH, 1500, { rel: 1e-15 }, 'hours');
  });

  it('45,000 t of coal at 0.3 t/MWh is the same 150,000 MWh', () => {
    const e = solvePlan(makePlan({ capacity: { target: { year: 2025, coalTonnes: 45000 } } })).energy!;
    expect(e.kind).toBe('coal');
    expect(e.targetCoalTonnes).toBe(45000);
    expectClose(e.targetEnergyMWh, 150000, { rel: 1e-12 }, 'energy');
    expectClose(e.requiredMultiplier, 1.5, { rel: 1e-12 }, 'multiplier');
  });

  // A plan where nothing is trivially linear: solved CAGR, lag, mid-year, degradation, curtailment and factors by year, retirements.
  const complex = (target: { energyMWh?: number; coalTonnes?: number }) =>
    makePlan({
      endYear: 2035,
      capacity: {
        baselineMW: 1125,
        historyMW: [{ year: 2012, value: 200 }, { year: 2018, value: 600 }, { year: 2022, value: 1125 }],
        target: { year: 2030, capacityMW: 4500, ...target },
        growth: { model: 'cagr' },
        constructionLagYears: 1,
        lifetimeYears: 15,
        maxAdditionsMWPerYear: 2000,
      },
      yield: {
        fullLoadHours: [{ year: 2022, value: 1135 }, { year: 2035, value: 1080 }],
        firstYearDegradationFrac: 0.02,
        annualDegradationFrac: 0.006,
        degradationMode: 'compounding',
        availabilityFrac: 0.98,
        curtailmentFrac: [{ year: 2022, value: 0.03 }, { year: 2030, value: 0.08 }],
        commissioning: 'mid-year',
      },
      savings: { coalTonnesPerMWh: [{ year: 2020, value: 0.3055 }, { year: 2025, value: 0.3 }] },
    });

  it('re-simulating with the solved capacity multiple or hours meets an energy target to 1e-9', () => {
    const plan = complex({ energyMWh: 9e6 });
    const e = solvePlan(plan).energy!;
    expect(e.requiredMultiplier).toBeGreaterThan(1);
    expectClose(energyIn(scalePlanCapacity(plan, e.requiredMultiplier), 2030), 9e6, { rel: 1e-9 }, 'scaled capacity');
    expectClose(energyIn(scalePlanHours(plan, e.requiredMultiplier), 2030), 9e6, { rel: 1e-9 }, 'scaled hours');
    const scaled = simulatePlan(scalePlanCapacity(plan, e.requiredMultiplier)).years.find((r) => r.year === 2030)!;
    expectClose(scaled.capacityMW, e.requiredCapacityMW, { rel: 1e-9 }, 'required capacity is the scaled plan’s');
    expectClose(scaled.operatingMW, e.requiredOperatingMW, { rel: 1e-9 }, 'required operating is the scaled plan’s');
  });

  it('re-simulating with the solved multiple meets a coal target to 1e-9', () => {
    const plan = complex({ coalTonnes: 2e6 });
    const e = solvePlan(plan).energy!;
    const coal = (p: PlanInput) => simulatePlan(p).years.find((r) => r.year === 2030)!.coalTonnes;
    expectClose(coal(scalePlanCapacity(plan, e.requiredMultiplier)), 2e6, { rel: 1e-9 }, 'scaled capacity');
    expectClose(coal(scalePlanHours(plan, e.requiredMultiplier)), 2e6, { rel: 1e-9 }, 'scaled hours');
  });

  it('a target year without energy cannot be met by scaling', () => {
    const plan = makePlan({ capacity: { baselineMW: 0, target: { year: 2025, energyMWh: 1000 } } });
    expect(() => solvePlan(plan)).toThrow(/no energy/);
  });
});
