/**
 * simulatePlan with hand-computed expectations. Conventions (src/core/cohorts.ts, the brief): a cohort
 * entering construction in year y is commissioned at t0 = y + lag + offset (full-year 0, mid-year 0.5, year-end 1),
 * produces over [t0, t0 + lifetime), ages ⌊year − t0⌋; capacity (built + under construction) is the end-of-year
 * stock; gross additions = max(0, path − (previous stock − retirements)), capped by maxAdditionsMWPerYear.
 * The base plan (plan-fixtures.ts) is 100 MW at 1000 h with no losses, 0.3 t coal and 0.5 t CO2 per MWh.
 */
import { describe, expect, it } from 'vitest';
import { createPlanWorkspace, simulatePlan, simulatePlanInto, type PlanResult } from '../../../src/core/plan/simulate.ts';
import { growthPath } from '../../../src/core/plan/growth.ts';
import { COMMISSIONING_CONVENTIONS, type CommissioningConvention, type PlanInput, type YearResult } from '../../../src/core/plan/types.ts';
import { seriesValueAt } from '../../../src/core/series.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { makePlan } from './plan-fixtures.ts';

const TIGHT = { rel: 1e-12, abs: 1e-9 };

function row(result: PlanResult, year: number): YearResult {
  const r = result.years.find((x) => x.year === year);
  if (!r) throw new Error(`no row for ${year}`);
  return r;
}

const column = (result: PlanResult, key: keyof YearResult) => result.years.map((r) => r[key]);

/** One 100 MW cohort entering construction in 2023 on a zero baseline. */
const oneCohort = (o: { commissioning?: CommissioningConvention; lag?: number; lifetime?: number; d1?: number; d?: number; mode?: 'linear' | 'compounding'; endYear?: number } = {}) =>
  makePlan({
    endYear: o.endYear ?? 2030,
    capacity: {
      baselineMW: 0,
      growth: { model: 'additions', additionsMW: [{ year: 2023, value: 100 }] },
      constructionLagYears: o.lag ?? 0,
      lifetimeYears: o.lifetime ?? 25,
    },
    yield: { commissioning: o.commissioning ?? 'full-year', firstYearDegradationFrac: o.d1 ?? 0, annualDegradationFrac: o.d ?? 0, degradationMode: o.mode ?? 'linear' },
  });

describe('a constant fleet', () => {
  it('100 MW × 1000 h = 100,000 MWh a year, 30,000 t coal, 50,000 t CO2, running sums', () => {
    const result = simulatePlan(makePlan());
    expect(result.years.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    result.years.forEach((r, i) => {
      expect(r.capacityMW).toBe(100);
      expect(r.operatingMW).toBe(100);
      expect(r.additionsMW).toBe(0);
      expect(r.retirementsMW).toBe(0);
      expect(r.energyMWh).toBe(100000);
      expectClose(r.coalTonnes, 30000, TIGHT, 'coal');
      expectClose(r.co2Tonnes, 50000, TIGHT, 'co2');
      expectClose(r.cumulativeEnergyMWh, 100000 * (i + 1), TIGHT, 'cum energy');
      expectClose(r.cumulativeCoalTonnes, 30000 * (i + 1), TIGHT, 'cum coal');
      expectClose(r.cumulativeCo2Tonnes, 50000 * (i + 1), TIGHT, 'cum co2');
      expect(r.so2Tonnes).toBeUndefined();
    });
    expect(result.warnings).toEqual([]);
    expect(result.target).toBeNull();
  });

  it('availability, curtailment by year and factors by year multiply in', () => {
    const result = simulatePlan(
      makePlan({
        yield: { availabilityFrac: 0.98, curtailmentFrac: [{ year: 2022, value: 0.02 }, { year: 2026, value: 0.1 }] },
        savings: { coalTonnesPerMWh: [{ year: 2022, value: 0.3 }, { year: 2024, value: 0.28 }], so2TonnesPerMWh: 0.03, noxTonnesPerMWh: 0.015 },
      }),
    );
    // 2024: curtailment 0.02 + 0.08 × 2/4 = 0.06; energy 100 × 1000 × 0.98 × 0.94 = 92,120 MWh; coal factor 0.28.
    const r = row(result, 2024);
    expectClose(r.energyMWh, 92120, TIGHT, 'energy 2024');
    expectClose(r.coalTonnes, 92120 * 0.28, TIGHT, 'coal 2024');
    expectClose(r.so2Tonnes!, 92120 * 0.03, TIGHT, 'so2 2024');
    expectClose(r.noxTonnes!, 92120 * 0.015, TIGHT, 'nox 2024');
    // 2023: coal factor 0.29, curtailment 0.04: 100 × 1000 × 0.98 × 0.96 = 94,080 MWh.
    expectClose(row(result, 2023).coalTonnes, 94080 * 0.29, TIGHT, 'coal 2023');
  });

  it('cumulative columns start at years.start when the base year is earlier', () => {
    const result = simulatePlan(makePlan({ startYear: 2024 }));
    expect(row(result, 2023).cumulativeEnergyMWh).toBe(0);
    expect(row(result, 2024).cumulativeEnergyMWh).toBe(100000);
    expect(row(result, 2030).cumulativeEnergyMWh).toBe(700000);
  });
});

describe('commissioning conventions (one 100 MW cohort built in 2023, no lag)', () => {
  const expected: Record<CommissioningConvention, number[]> = {
    // energy in 2022, 2023, 2024 (MWh)
    'full-year': [0, 100000, 100000],
    'mid-year': [0, 50000, 100000],
    'year-end': [0, 0, 100000],
  };
  for (const c of COMMISSIONING_CONVENTIONS) {
    it(`${c}: first-year energy ${expected[c][1]} MWh, operating at the end of 2023`, () => {
      const result = simulatePlan(oneCohort({ commissioning: c }));
      expect(column(result, 'energyMWh').slice(0, 3)).toEqual(expected[c]);
      expect(row(result, 2023).capacityMW).toBe(100);
      expect(row(result, 2023).additionsMW).toBe(100);
      expect(row(result, 2023).operatingMW).toBe(100);
    });
  }
});

describe('degradation by cohort age', () => {
  it('linear, mid-year: 49,000 / 98,000 / 97,000 / 96,000 MWh (d1 = 2 %, d = 1 %)', () => {
    // Age ⌊year − 2023.5⌋: 0 in 2023 (half year) and 2024, 1 in 2025, 2 in 2026.
    const result = simulatePlan(oneCohort({ commissioning: 'mid-year', d1: 0.02, d: 0.01 }));
    const e = column(result, 'energyMWh') as number[];
    [0, 49000, 98000, 97000, 96000].forEach((x, i) => expectClose(e[i]!, x, TIGHT, `${2022 + i}`));
  });

  it('compounding, mid-year: 98,000 × 0.99 = 97,020 and × 0.99² = 96,049.8 MWh', () => {
    const result = simulatePlan(oneCohort({ commissioning: 'mid-year', d1: 0.02, d: 0.01, mode: 'compounding' }));
    expectClose(row(result, 2025).energyMWh, 97020, TIGHT, '2025');
    expectClose(row(result, 2026).energyMWh, 96049.8, TIGHT, '2026');
  });
});

describe('retirements after the lifetime', () => {
  it('a 5-year-old baseline cohort retires in 2027 and the held path replaces it with a new one', () => {
    const result = simulatePlan(makePlan({ endYear: 2033, capacity: { lifetimeYears: 5 }, yield: { annualDegradationFrac: 0.01 } }));
    // Baseline commissioned 2022.0 (operating at the end of the base year): ages 0..4 in 2022..2026.
    expectClose(row(result, 2026).energyMWh, 96000, TIGHT, '2026 at age 4');
    expect(row(result, 2027).retirementsMW).toBe(100);
    expect(row(result, 2027).additionsMW).toBe(100);
    expect(row(result, 2027).capacityMW).toBe(100);
    expect(row(result, 2027).operatingMW).toBe(100);
    expectClose(row(result, 2027).energyMWh, 100000, TIGHT, '2027 new cohort at age 0');
    expectClose(row(result, 2028).energyMWh, 99000, TIGHT, '2028 at age 1');
    expect(row(result, 2032).retirementsMW).toBe(100);
    expect(column(result, 'retirementsMW').reduce((a, b) => (a as number) + (b as number), 0)).toBe(200);
  });

  it('mid-year: a cohort commissioned mid-2023 with a 3-year life produces half of 2026, its successor the other half', () => {
    const result = simulatePlan(oneCohort({ commissioning: 'mid-year', lifetime: 3 }));
    expect(column(result, 'energyMWh').slice(0, 5)).toEqual([0, 50000, 100000, 100000, 100000]);
    expect(row(result, 2026).retirementsMW).toBe(100);
    expect(row(result, 2026).additionsMW).toBe(100);
    expect(row(result, 2026).operatingMW).toBe(100);
    expect(row(result, 2029).retirementsMW).toBe(100);
  });

  it('a declining path only retires: no negative additions, the stock follows retirements', () => {
    const plan = makePlan({ capacity: { lifetimeYears: 3, growth: { model: 'milestones', pointsMW: [{ year: 2024, value: 0 }] } } });
    const result = simulatePlan(plan);
    expect(column(result, 'additionsMW')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(result, 'capacityMW').slice(0, 5)).toEqual([100, 100, 100, 0, 0]);
    expect(row(result, 2025).retirementsMW).toBe(100);
    expect(row(result, 2025).energyMWh).toBe(0);
  });
});

describe('the additions cap', () => {
  it('caps additions at 100 MW/yr, catches up later, and warns for each capped year', () => {
    const plan = makePlan({ endYear: 2026, capacity: { growth: { model: 'milestones', pointsMW: [{ year: 2023, value: 400 }] }, maxAdditionsMWPerYear: 100 } });
    const result = simulatePlan(plan);
    expect(column(result, 'capacityMW')).toEqual([100, 200, 300, 400, 400]);
    expect(column(result, 'additionsMW')).toEqual([0, 100, 100, 100, 0]);
    expect(column(result, 'energyMWh')).toEqual([100000, 200000, 300000, 400000, 400000]);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/^2023: additions capped at 100 MW \(the path asked for 300\.0 MW\)/);
    expect(result.warnings[1]).toMatch(/^2024: .*200\.0 MW/);
  });

  it('reports the shortfall and the first year met when the cap delays a given path', () => {
    // 1125 → 4500 at the solved rate, capped at 500 MW/yr: 1625, 2125, 2625 in 2025 (short 1875),
    // then the held 4500 is reached in 2029 (3125, 3625, 4125, 4500).
    const plan = makePlan({ endYear: 2030, capacity: { baselineMW: 1125, target: { year: 2025, capacityMW: 4500 }, growth: { model: 'cagr', rateFrac: Math.cbrt(4) - 1 }, maxAdditionsMWPerYear: 500 } });
    const result = simulatePlan(plan);
    // The given rate is ∛4 − 1 rounded to a double, so the held path is 4500 up to rounding.
    const expected = [1125, 1625, 2125, 2625, 3125, 3625, 4125, 4500, 4500];
    result.years.forEach((r, i) => expectClose(r.capacityMW, expected[i]!, TIGHT, `${r.year}`));
    expect(result.target).toMatchObject({ year: 2025, capacityMW: 4500, capacityInTargetYearMW: 2625, metInTargetYear: false, metYear: 2029, shortfallMW: 1875 });
  });
});

describe('construction lag: operating capacity lags built + under construction', () => {
  const plan = (lag: number, commissioning: CommissioningConvention) =>
    makePlan({ capacity: { growth: { model: 'additions', additionsMW: [{ year: 2023, value: 100 }] }, constructionLagYears: lag }, yield: { commissioning } });

  it('lag 1, mid-year: built in 2023, operating from mid-2024', () => {
    const result = simulatePlan(plan(1, 'mid-year'));
    expect(row(result, 2023).capacityMW).toBe(200);
    expect(row(result, 2023).operatingMW).toBe(100);
    expect(row(result, 2024).operatingMW).toBe(200);
    expect(column(result, 'energyMWh').slice(0, 4)).toEqual([100000, 100000, 150000, 200000]);
  });

  it('lag 2, full-year: first energy in 2025', () => {
    const result = simulatePlan(plan(2, 'full-year'));
    expect(column(result, 'energyMWh').slice(0, 4)).toEqual([100000, 100000, 100000, 200000]);
    expect(row(result, 2023).operatingMW).toBe(100);
    expect(row(result, 2023).capacityMW).toBe(200);
  });

  it('a baseline partly under construction: 60 of 100 MW operating, the rest from mid-2023 (lag 1)', () => {
    const result = simulatePlan(makePlan({ capacity: { baselineOperatingMW: 60, constructionLagYears: 1 }, yield: { commissioning: 'mid-year' } }));
    expect(row(result, 2022).capacityMW).toBe(100);
    expect(row(result, 2022).operatingMW).toBe(60);
    expect(row(result, 2022).energyMWh).toBe(60000);
    expect(row(result, 2023).energyMWh).toBe(80000);
    expect(row(result, 2023).operatingMW).toBe(100);
  });
});

describe('history → baseline cohorts and their ages', () => {
  const historyMW = [
    { year: 2018, value: 40 },
    { year: 2020, value: 70 },
    { year: 2022, value: 100 },
  ];

  it('increments 40 (2018), 30 (2020), 30 (2022) age separately: 97,800 then 96,800 MWh at 1 %/yr', () => {
    const result = simulatePlan(makePlan({ capacity: { historyMW }, yield: { annualDegradationFrac: 0.01 } }));
    // 2022: 40 × 0.96 + 30 × 0.98 + 30 × 1 = 97.8 MW-equivalent; 2023: 40 × 0.95 + 30 × 0.97 + 30 × 0.99 = 96.8.
    expectClose(row(result, 2022).energyMWh, 97800, TIGHT, '2022');
    expectClose(row(result, 2023).energyMWh, 96800, TIGHT, '2023');
    expect(row(result, 2022).operatingMW).toBe(100);
  });

  it('lag 1, mid-year: the 2022 increment is still under construction at the end of the base year', () => {
    const result = simulatePlan(makePlan({ capacity: { historyMW, constructionLagYears: 1 }, yield: { annualDegradationFrac: 0.01, commissioning: 'mid-year' } }));
    // Cohorts commissioned 2019.5 (age 2 in 2022), 2021.5 (age 0), 2023.5 (not yet): 40 × 0.98 + 30 = 69.2.
    expectClose(row(result, 2022).energyMWh, 69200, TIGHT, '2022');
    expect(row(result, 2022).operatingMW).toBe(70);
    expect(row(result, 2022).capacityMW).toBe(100);
  });

  it('the oldest history cohort retires first (5-year life): 40 MW in 2023, replaced', () => {
    const result = simulatePlan(makePlan({ capacity: { historyMW, lifetimeYears: 5 }, yield: { annualDegradationFrac: 0.01 } }));
    expect(row(result, 2023).retirementsMW).toBe(40);
    expect(row(result, 2023).additionsMW).toBe(40);
    // 30 × 0.97 + 30 × 0.99 + 40 (new) = 98.8
    expectClose(row(result, 2023).energyMWh, 98800, TIGHT, '2023');
    expect(row(result, 2025).retirementsMW).toBe(30);
  });
});

describe('the Wendeng path by hand', () => {
  it('2022 1125 MW, 2025 exactly 4500 MW; 2024 energy = old fleet at age 2 + half a year of the 2023 additions', () => {
    const plan = makePlan({
      endYear: 2035,
      capacity: { baselineMW: 1125, target: { year: 2025, capacityMW: 4500 }, growth: { model: 'cagr' }, constructionLagYears: 1 },
      yield: { fullLoadHours: 1135, annualDegradationFrac: 0.005, commissioning: 'mid-year' },
    });
    const result = simulatePlan(plan);
    const r = Math.cbrt(4);
    expect(row(result, 2022).capacityMW).toBe(1125);
    expect(row(result, 2025).capacityMW).toBe(4500);
    expectClose(row(result, 2023).additionsMW, 1125 * (r - 1), TIGHT, '2023 additions');
    // 2022 fleet: age 2 in 2024 (0.99); 2023 additions commissioned mid-2024 (0.5 year, age 0).
    expectClose(row(result, 2024).energyMWh, 1125 * 1135 * 0.99 + 1125 * (r - 1) * 1135 * 0.5, TIGHT, '2024 energy');
    expect(row(result, 2024).operatingMW).toBeCloseTo(1125 * r, 9);
    expect(result.target).toMatchObject({ metYear: 2025, metInTargetYear: true, shortfallMW: 0, capacityInTargetYearMW: 4500 });
  });
});

describe('the plan workspace (one buffer cut into views)', () => {
  it('gives every column its own memory: writing one never shows in another', () => {
    const plan = makePlan({ capacity: { historyMW: [{ year: 2018, value: 40 }, { year: 2020, value: 80 }] } });
    const ws = createPlanWorkspace(plan);
    const columns = Object.entries(ws).filter((e): e is [string, Float64Array] => e[1] instanceof Float64Array);
    expect(columns.length).toBe(17);
    columns.forEach(([, col], k) => col.fill(k + 1));
    columns.forEach(([name, col], k) => expect(col.every((v) => v === k + 1), name).toBe(true));
    expect(ws.cohortCapacityMW.length).toBeGreaterThanOrEqual(ws.years + 3);
  });

  it('runs a plan to the same numbers when reused for a second plan of the same years', () => {
    const a = makePlan({ capacity: { constructionLagYears: 1, growth: { model: 'cagr', rateFrac: 0.3 } } });
    const b = makePlan({ yield: { annualDegradationFrac: 0.01 } });
    const ws = createPlanWorkspace(a);
    simulatePlanInto(a, growthPath(a), undefined, ws);
    simulatePlanInto(b, growthPath(b), undefined, ws);
    expect(Array.from(ws.energyMWh)).toEqual(simulatePlan(b).years.map((r) => r.energyMWh));
  });

  it('tabulates each year series again when a plan brings another one, another base year or another length', () => {
    const series = (from: number, to: number) => [{ year: 2022, value: from }, { year: 2026, value: to }];
    const plans = [
      makePlan({ yield: { fullLoadHours: series(1100, 1200), curtailmentFrac: 0.02 }, savings: { coalTonnesPerMWh: series(0.4, 0.3), co2TonnesPerMWh: 0.57, so2TonnesPerMWh: series(0.001, 0.0005) } }),
      makePlan({ yield: { fullLoadHours: 1150, curtailmentFrac: series(0, 0.05), annualDegradationFrac: 0.01 }, savings: { coalTonnesPerMWh: 0.35, co2TonnesPerMWh: series(0.6, 0.5), noxTonnesPerMWh: 0.0004 } }),
      makePlan({ yield: { fullLoadHours: series(1000, 1300) }, savings: { coalTonnesPerMWh: series(0.41, 0.29) } }),
    ];
    // The same series objects counted from another base year, and a plan of other length in between.
    const first = plans[0]!;
    const shifted = { ...first, capacity: { ...first.capacity, baseYear: first.capacity.baseYear - 1 }, endYear: first.endYear - 1, startYear: first.startYear - 1 };
    const longer = makePlan({ endYear: 2040, savings: { coalTonnesPerMWh: series(0.5, 0.2) } });
    const ws = createPlanWorkspace(first);
    for (const plan of [...plans, first, shifted, first, longer, plans[2]!, first]) {
      const expected = byFormula(plan);
      const own = plan === longer ? createPlanWorkspace(longer) : ws;
      simulatePlanInto(plan, growthPath(plan), undefined, own);
      expect(Array.from(own.energyMWh)).toEqual(expected.map((r) => r.energyMWh));
      expect(Array.from(own.coalTonnes)).toEqual(expected.map((r) => r.coalTonnes));
      expect(Array.from(own.co2Tonnes)).toEqual(expected.map((r) => r.co2Tonnes));
      if (plan.savings.so2TonnesPerMWh !== undefined) expect(Array.from(own.so2Tonnes)).toEqual(expected.map((r) => r.so2Tonnes));
      if (plan.savings.noxTonnesPerMWh !== undefined) expect(Array.from(own.noxTonnes)).toEqual(expected.map((r) => r.noxTonnes));
    }
  });
});

/**
 * Yearly energy and savings of a plan of one baseline cohort (makePlan's: additions growth with none listed, full-year
 * commissioning, no lag, linear degradation) from E = P·h·f_op·f_rem·A·(1 − c) and m = E·f, with every year series
 * looked up by seriesValueAt in its own year, in the kernel's order of multiplication: the reference its tables must
 * reproduce bit for bit.
 */
function byFormula(plan: PlanInput): Array<{ energyMWh: number; coalTonnes: number; co2Tonnes: number; so2Tonnes?: number; noxTonnes?: number }> {
  const y = plan.yield;
  const s = plan.savings;
  const rows = [];
  for (let year = plan.capacity.baseYear; year <= plan.endYear; year++) {
    const remainingFrac = 1 - y.firstYearDegradationFrac - y.annualDegradationFrac * (year - plan.capacity.baseYear);
    const energyMWh = plan.capacity.baselineMW * seriesValueAt(y.fullLoadHours, year) * 1 * remainingFrac * y.availabilityFrac * (1 - seriesValueAt(y.curtailmentFrac, year));
    rows.push({
      energyMWh,
      coalTonnes: energyMWh * seriesValueAt(s.coalTonnesPerMWh, year),
      co2Tonnes: energyMWh * seriesValueAt(s.co2TonnesPerMWh, year),
      ...(s.so2TonnesPerMWh === undefined ? {} : { so2Tonnes: energyMWh * seriesValueAt(s.so2TonnesPerMWh, year) }),
      ...(s.noxTonnesPerMWh === undefined ? {} : { noxTonnes: energyMWh * seriesValueAt(s.noxTonnesPerMWh, year) }),
    });
  }
  return rows;
}

describe('simulatePlan keeps its workspace between calls', () => {
  it('gives every plan the result it gets in a fresh workspace, whatever ran before it in the kept one', () => {
    const plans = [
      makePlan({ capacity: { constructionLagYears: 1, growth: { model: 'cagr', rateFrac: 0.3 }, maxAdditionsMWPerYear: 15 } }),
      makePlan({ yield: { annualDegradationFrac: 0.01 }, savings: { coalTonnesPerMWh: 0.35, co2TonnesPerMWh: 0.6, so2TonnesPerMWh: 0.001, noxTonnesPerMWh: 0.0004 } }),
      makePlan({ capacity: { historyMW: [{ year: 2018, value: 40 }, { year: 2020, value: 80 }], lifetimeYears: 5 } }),
      makePlan({ capacity: { growth: { model: 'cagr', rateFrac: 0.05 } } }),
    ];
    // A plan of other years runs before each, so its own run starts in a workspace built for it.
    const other = makePlan({ endYear: 2041 });
    const alone = plans.map((plan) => {
      simulatePlan(other);
      return simulatePlan(plan);
    });
    expect(alone[0]!.warnings.length).toBeGreaterThan(0);
    // Back to back, in both orders, each in the workspace the plan before it left behind.
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0, 0, 2]]) {
      for (const i of order) expect(simulatePlan(plans[i]!)).toEqual(alone[i]);
    }
  });
});
