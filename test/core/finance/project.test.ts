/**
 * Reference tests of evaluateProject against an independent implementation of docs/finance.md's conventions in
 * python3 (test/core/finance/reference-finance.py: `python3 test/core/finance/reference-finance.py` prints the values
 * below; its IRR is plain bisection, its sums are written term by term), plus small hand-computed cases.
 */
import { describe, expect, it } from 'vitest';
import { evaluateProject, evaluateProjects, type ProjectFinanceInput } from '../../../src/core/finance/project.ts';
import { PlanError } from '../../../src/core/errors.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const A: ProjectFinanceInput = {
  firstYearEnergyMWh: 113500,
  degradationFrac: 0.005,
  capexYuan: 3.3e8,
  lifetimeYears: 25,
  fixedOpexYuanPerYear: 4.5e6,
  opexEscalationFrac: 0.02,
  tariffYuanPerKWh: 0.3949,
  discountRateFrac: 0.06,
};
const B: ProjectFinanceInput = { ...A, incomeTaxFrac: 0.25, depreciationYears: 20, debtFrac: 0.7, debtRateFrac: 0.045, debtTenorYears: 15 };
const C: ProjectFinanceInput = {
  firstYearEnergyMWh: 50000,
  capexYuan: 2e8,
  lifetimeYears: 20,
  tariffYuanPerKWh: 0.45,
  discountRateFrac: 0.05,
  constructionYears: 3,
  degradationFrac: 0.007,
  degradationMode: 'linear',
  fixedOpexYuanPerYear: 3e6,
  opexEscalationFrac: 0.01,
  incomeTaxFrac: 0.25,
  depreciationYears: 15,
  taxHolidayYears: 3,
  debtFrac: 0.6,
  debtRateFrac: 0.05,
  debtTenorYears: 12,
  inflationFrac: 0.02,
};

/** python3 test/core/finance/reference-finance.py */
const REFERENCE = [
  { name: 'A: the quick form without tax or debt', input: A, lcoe: 0.2879828045899648, npv: 148317806.19596133, irr: 0.10586692886361737, eqirr: 0.10586692886361737, pb: 8.430486830720836, dpb: 12.275882315054048 },
  { name: 'B: with income tax and debt', input: B, lcoe: 0.2879828045899648, npv: 92624097.02232543, irr: 0.09026786253561392, eqirr: 0.1480516081136849, pb: 9.3242477406855, dpb: 14.49020073800544 },
  { name: 'C: 3-year build, linear degradation, tax holiday, inflation', input: C, lcoe: 0.4258563626407247, npv: -3721527.242838762, irr: 0.047958275579440546, eqirr: 0.06760613964668338, pb: 9.817784835065451, dpb: null },
] as const;

describe('evaluateProject against the python reference', () => {
  for (const ref of REFERENCE) {
    it(ref.name, () => {
      const r = evaluateProject(ref.input);
      expectClose(r.lcoeYuanPerKWh!, ref.lcoe, { rel: 1e-12 }, 'LCOE');
      expectClose(r.npvYuan, ref.npv, { rel: 1e-10, abs: 1e-3 }, 'NPV');
      expectClose(r.irrFrac!, ref.irr, { abs: 1e-10 }, 'IRR');
      expectClose(r.equityIrrFrac!, ref.eqirr, { abs: 1e-10 }, 'equity IRR');
      expectClose(r.paybackYears!, ref.pb, { rel: 1e-12 }, 'payback');
      if (ref.dpb === null) expect(r.discountedPaybackYears).toBeNull();
      else expectClose(r.discountedPaybackYears!, ref.dpb, { rel: 1e-12 }, 'discounted payback');
    });
  }
});

describe('evaluateProject by hand', () => {
  it('a flat one-year project: cash-flow rows, LCOE and NPV', () => {
    // 1000 MWh/yr for 2 years at 0.5 元/kWh = 500,000 元/yr; capex 800,000; opex 100,000/yr; r = 10 %.
    // NPV = −800000 + 400000/1.1 + 400000/1.21 = −800000 + 363636.36 + 330578.51 = −105785.12
    // LCOE = (800000 + 100000/1.1 + 100000/1.21) / ((1000/1.1 + 1000/1.21) × 1000) = 973553.72 / 1735537.19 = 0.560952 元/kWh
    const r = evaluateProject({ firstYearEnergyMWh: 1000, capexYuan: 800000, lifetimeYears: 2, fixedOpexYuanPerYear: 100000, tariffYuanPerKWh: 0.5, discountRateFrac: 0.1 });
    expect(r.cashflows.map((c) => c.year)).toEqual([0, 1, 2]);
    expect(r.cashflows[1]).toMatchObject({ capexYuan: 0, opexYuan: 100000, revenueYuan: 500000, taxYuan: 0, debtServiceYuan: 0, netYuan: 400000, energyMWh: 1000 });
    expectClose(r.npvYuan, -800000 + 400000 / 1.1 + 400000 / 1.21, { rel: 1e-13 }, 'NPV');
    expectClose(r.lcoeYuanPerKWh!, (800000 + 100000 / 1.1 + 100000 / 1.21) / ((1000 / 1.1 + 1000 / 1.21) * 1000), { rel: 1e-13 }, 'LCOE');
    // Cumulative: −800000, −400000, 0 → payback exactly 2 years.
    expect(r.paybackYears).toBe(2);
  });

  it('spreads capex evenly over a k-year build ending in year 0', () => {
    const r = evaluateProject({ firstYearEnergyMWh: 1000, capexYuan: 900, constructionYears: 3, lifetimeYears: 1, tariffYuanPerKWh: 1, discountRateFrac: 0 });
    expect(r.cashflows.map((c) => [c.year, c.capexYuan])).toEqual([[-2, 300], [-1, 300], [0, 300], [1, 0]]);
  });

  it('taxes revenue − opex − depreciation − interest, never below zero, and not in holiday years', () => {
    // Revenue 1,000,000; capex 1,000,000 over 10 years → depreciation 100,000; tax 25 % × (1e6 − 100000) = 225,000.
    const base = { firstYearEnergyMWh: 1000, capexYuan: 1e6, lifetimeYears: 10, tariffYuanPerKWh: 1, discountRateFrac: 0.05, incomeTaxFrac: 0.25 };
    const r = evaluateProject(base);
    expect(r.cashflows[1]!.taxYuan).toBeCloseTo(225000, 6);
    const holiday = evaluateProject({ ...base, taxHolidayYears: 3 });
    expect(holiday.cashflows.slice(1, 4).map((c) => c.taxYuan)).toEqual([0, 0, 0]);
    expect(holiday.cashflows[4]!.taxYuan).toBeCloseTo(225000, 6);
    const loss = evaluateProject({ ...base, tariffYuanPerKWh: 0.05 });
    expect(loss.cashflows.every((c) => c.taxYuan === 0)).toBe(true);
  });

  it('repays debt in equal annual payments (annuity) and gives equity the rest', () => {
    // Debt 70 % of 1e6 at 5 % over 10 years: A = 700000 × CRF(5 %, 10) = 700000 × 0.129504575 = 90653.20 元/yr
    const r = evaluateProject({ firstYearEnergyMWh: 1000, capexYuan: 1e6, lifetimeYears: 20, tariffYuanPerKWh: 0.2, discountRateFrac: 0.06, debtFrac: 0.7, debtRateFrac: 0.05, debtTenorYears: 10 });
    const payment = (700000 * 0.05 * 1.05 ** 10) / (1.05 ** 10 - 1);
    for (const c of r.cashflows.slice(1, 11)) expectClose(c.debtServiceYuan, payment, { rel: 1e-12 }, 'payment');
    expect(r.cashflows[11]!.debtServiceYuan).toBe(0);
    expectClose(r.cashflows[1]!.interestYuan, 35000, { rel: 1e-12 }, 'first interest');
    expectClose(r.cashflows[0]!.equityNetYuan, -300000, { rel: 1e-12 }, 'equity in construction');
    expectClose(r.cashflows[1]!.equityNetYuan, 200000 - payment, { rel: 1e-12 }, 'equity year 1');
  });

  it('adds replacements to capex in their year, subsidy and carbon income to revenue', () => {
    // 1000 MWh × (0.3 元/kWh × 1000 + 20 元/MWh + 0.5 t/MWh × 100 元/t) = 1000 × 370 = 370,000 元
    const r = evaluateProject({
      firstYearEnergyMWh: 1000,
      capexYuan: 1e6,
      lifetimeYears: 12,
      tariffYuanPerKWh: 0.3,
      subsidyYuanPerMWh: 20,
      carbonPriceYuanPerTonne: 100,
      co2TonnesPerMWh: 0.5,
      replacements: [{ year: 10, costYuan: 50000 }],
      discountRateFrac: 0.05,
    });
    expectClose(r.cashflows[1]!.revenueYuan, 370000, { rel: 1e-13 }, 'revenue');
    expect(r.cashflows[10]!.capexYuan).toBe(50000);
    expect(r.totalCapexYuan).toBe(1.05e6);
  });

  it('gives the abatement cost against the coal benchmark and the capex per tonne of coal saved', () => {
    const r = evaluateProject({ ...A, co2TonnesPerMWh: 0.5703, coalTonnesPerMWh: 0.3 });
    // (0.2879828 − 0.3949) × 1000 / 0.5703
    expectClose(r.abatementCostYuanPerTonneCo2!, ((0.2879828045899648 - 0.3949) * 1000) / 0.5703, { rel: 1e-10 }, 'abatement CO2');
    expectClose(r.abatementCostYuanPerTonneCoal!, ((0.2879828045899648 - 0.3949) * 1000) / 0.3, { rel: 1e-10 }, 'abatement coal');
    expectClose(r.capexYuanPerTonneCoalSaved!, 3.3e8 / (r.lifetimeEnergyMWh * 0.3), { rel: 1e-14 }, 'capex per tonne');
  });

  it('uses a tariff by year instead of the flat tariff', () => {
    const r = evaluateProject({ firstYearEnergyMWh: 1000, capexYuan: 0, lifetimeYears: 3, tariffYuanPerKWh: 9, tariffByYearYuanPerKWh: [0.1, 0.2, 0.3], discountRateFrac: 0 });
    expect(r.cashflows.slice(1).map((c) => Math.round(c.revenueYuan))).toEqual([100000, 200000, 300000]);
  });
});

describe('bad input', () => {
  const cases: ReadonlyArray<readonly [string, Partial<ProjectFinanceInput>]> = [
    ['capexYuan', { capexYuan: -1 }],
    ['discountRateFrac', { discountRateFrac: -1 }],
    ['lifetimeYears', { lifetimeYears: 0 }],
    ['constructionYears', { constructionYears: 0 }],
    ['degradationFrac', { degradationMode: 'linear', degradationFrac: 0.1 }],
    ['debtTenorYears', { debtFrac: 0.5, debtRateFrac: 0.05, debtTenorYears: 30 }],
    ['co2TonnesPerMWh', { carbonPriceYuanPerTonne: 50 }],
    ['incomeTaxFrac', { incomeTaxFrac: 1.5 }],
    ['replacements', { replacements: [{ year: 26, costYuan: 1 }] }],
  ];
  for (const [field, change] of cases) {
    it(`names ${field}`, () => {
      let error: unknown;
      try {
        evaluateProject({ ...A, ...change });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).field).toBe(field);
    });
  }
});

describe('evaluateProjects', () => {
  it('gives the same metrics as one evaluateProject per project', () => {
    const inputs = [A, B, C, { ...A, tariffYuanPerKWh: 0.01 }];
    const batch = evaluateProjects(inputs);
    expect(batch.count).toBe(4);
    inputs.forEach((input, j) => {
      const one = evaluateProject(input);
      expect(batch.lcoeYuanPerKWh[j]).toBe(one.lcoeYuanPerKWh);
      expect(batch.npvYuan[j]).toBe(one.npvYuan);
      expect(batch.irrFrac[j]).toBe(one.irrFrac ?? Number.NaN);
      expect(batch.paybackYears[j]).toBe(one.paybackYears ?? Number.NaN);
      expect(batch.discountedPaybackYears[j]).toBe(one.discountedPaybackYears ?? Number.NaN);
      expect(batch.equityIrrFrac[j]).toBe(one.equityIrrFrac ?? Number.NaN);
    });
  });
});
