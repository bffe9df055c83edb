/**
 * Reference tests of the discounted-cash-flow metrics against values computed by hand from the published formulas
 * (Short, Packey & Holt 1995, NREL/TP-462-5173); the arithmetic is in each comment.
 */
import { describe, expect, it } from 'vitest';
import { capitalRecoveryFactor, internalRateOfReturn, npvAt, paybackYears, signChanges } from '../../../src/core/finance/metrics.ts';
import { lcoeFixedChargeRateYuanPerKWh, levelizedCostYuanPerKWh } from '../../../src/core/finance/lcoe.ts';
import { abatementCostYuanPerTonne, capexYuanPerTonneSaved } from '../../../src/core/finance/abatement.ts';
import { expectClose } from '../../helpers/expect-close.ts';

describe('capitalRecoveryFactor', () => {
  it('matches r(1+r)^N/((1+r)^N − 1)', () => {
    // python3: 0.06*1.06**25/(1.06**25-1) = 0.07822671821227395
    expectClose(capitalRecoveryFactor(0.06, 25), 0.07822671821227395, { rel: 1e-14 }, 'CRF 6 %, 25 y');
    // r = 0.1, N = 2: 0.1·1.21/0.21 = 0.576190476…
    expectClose(capitalRecoveryFactor(0.1, 2), 0.121 / 0.21, { rel: 1e-14 }, 'CRF 10 %, 2 y');
    expect(capitalRecoveryFactor(0, 20)).toBe(0.05);
  });

  it('rejects impossible rates and lifetimes', () => {
    expect(() => capitalRecoveryFactor(-1, 10)).toThrow(/above −100 %/);
    expect(() => capitalRecoveryFactor(0.05, 0)).toThrow(/positive/);
  });
});

describe('npvAt', () => {
  it('discounts year-end flows with (1+r)^−t', () => {
    // −100 + 60/1.1 + 60/1.21 = −100 + 54.545454… + 49.586776… = 4.132231…
    expectClose(npvAt([-100, 60, 60], 0.1), -100 + 60 / 1.1 + 60 / 1.21, { rel: 1e-14 }, 'NPV');
  });

  it('puts year 0 at the offset: construction years are negative t', () => {
    // Years −1, 0, 1 at 10 %: −50·1.1 − 50 + 120/1.1 = −55 − 50 + 109.0909… = 4.0909…
    expectClose(npvAt([-50, -50, 120], 0.1, 1), -55 - 50 + 120 / 1.1, { rel: 1e-14 }, 'NPV with offset');
  });
});

describe('internalRateOfReturn', () => {
  it('finds the single root of a conventional series', () => {
    // −100 + 60x + 60x² = 0 with x = 1/(1+r): x = (−60 + √(3600 + 24000))/120, r = 1/x − 1 = 0.1306623862918…
    const x = (-60 + Math.sqrt(3600 + 24000)) / 120;
    const irr = internalRateOfReturn([-100, 60, 60]);
    expectClose(irr.rateFrac!, 1 / x - 1, { abs: 1e-12 }, 'IRR');
    expect(irr.signChanges).toBe(1);
    expect(irr.note).toBeUndefined();
  });

  it('gives the IRR of a one-period loan exactly: −100 then +112 is 12 %', () => {
    expectClose(internalRateOfReturn([-100, 112]).rateFrac!, 0.12, { abs: 1e-13 }, 'IRR');
  });

  it('finds negative IRRs (the money is never earned back)', () => {
    // −100 + 90/(1+r) = 0 → r = −10 %
    expectClose(internalRateOfReturn([-100, 90]).rateFrac!, -0.1, { abs: 1e-13 }, 'IRR');
  });

  it('returns null with the roots when NPV is zero at several rates', () => {
    // −100 + 230x − 132x² = 0 → x = 1/1.1 or 1/1.2: roots 10 % and 20 % (−100 + 209.0909 − 109.0909 = 0).
    const irr = internalRateOfReturn([-100, 230, -132]);
    expect(irr.rateFrac).toBeNull();
    expect(irr.signChanges).toBe(2);
    expect(irr.rootsFrac).toHaveLength(2);
    expectClose(irr.rootsFrac[0]!, 0.1, { abs: 1e-12 }, 'first root');
    expectClose(irr.rootsFrac[1]!, 0.2, { abs: 1e-12 }, 'second root');
    expect(irr.note).toMatch(/several rates/);
  });

  it('returns null with a reason when the flows never change sign', () => {
    const irr = internalRateOfReturn([100, 50]);
    expect(irr.rateFrac).toBeNull();
    expect(irr.note).toMatch(/never change sign/);
  });

  it('flags a single root among several sign changes', () => {
    // −100, +150, −1: f = −100 + 150x − x²; roots x = (150 ∓ √(22500 − 400))/2 → x₁ = 0.66963 (r = 49.3 %) and
    // x₂ = 149.33 (r = −99.33 %, below the search range, which starts at −99 %).
    const x1 = (150 - Math.sqrt(22500 - 400)) / 2;
    const irr = internalRateOfReturn([-100, 150, -1]);
    expect(irr.signChanges).toBe(2);
    expectClose(irr.rateFrac!, 1 / x1 - 1, { abs: 1e-12 }, 'IRR');
    expect(irr.note).toMatch(/change sign 2 times/);
  });

  it('counts sign changes skipping zeros', () => {
    expect(signChanges([-1, 0, 0, 2, 0, 3])).toBe(1);
    expect(signChanges([-1, 2, -3, 4])).toBe(3);
    expect(signChanges([0, 0])).toBe(0);
  });
});

describe('paybackYears', () => {
  it('interpolates within the year that crosses zero', () => {
    // Cumulative −100, −70, −40, +20: crosses in year 3; 2 + 40/60 = 2.6667 years.
    expectClose(paybackYears([-100, 30, 30, 60], 0)!, 2 + 40 / 60, { rel: 1e-14 }, 'payback');
  });

  it('counts from commissioning (the end of year 0), not from the start of construction', () => {
    // Years −1, 0 build; cumulative after year 0 is −100; +50 a year → 2 years.
    expect(paybackYears([-50, -50, 50, 50, 50], 1)).toBe(2);
  });

  it('is null when the cumulative flow never reaches zero, and 0 with nothing to pay back', () => {
    expect(paybackYears([-100, 30, 30], 0)).toBeNull();
    expect(paybackYears([0, 30, 30], 0)).toBe(0);
  });
});

describe('LCOE', () => {
  it('divides discounted costs by discounted energy', () => {
    // r = 0: (100 + 10 + 10) 元 / (50 + 50) MWh = 1.2 元/MWh = 0.0012 元/kWh.
    expectClose(levelizedCostYuanPerKWh([100, 10, 10], [0, 50, 50], 0, 0), 0.0012, { rel: 1e-14 }, 'LCOE r = 0');
    // r = 10 %: (100 + 10/1.1 + 10/1.21) / (50/1.1 + 50/1.21) / 1000
    const expected = (100 + 10 / 1.1 + 10 / 1.21) / (50 / 1.1 + 50 / 1.21) / 1000;
    expectClose(levelizedCostYuanPerKWh([100, 10, 10], [0, 50, 50], 0.1, 0), expected, { rel: 1e-14 }, 'LCOE r = 10 %');
  });

  it('FCR form: (FCR·capex + fixed O&M)/energy + variable O&M (SAM lcoefcr)', () => {
    // (0.1 × 1000 + 20) 元 / (100 MWh × 1000) + 5 元/MWh / 1000 = 0.0012 + 0.005 = 0.0062 元/kWh
    expectClose(lcoeFixedChargeRateYuanPerKWh(0.1, 1000, 20, 100, 5), 0.0062, { rel: 1e-14 }, 'LCOE FCR');
  });
});

describe('abatement', () => {
  it('divides the cost gap per MWh by the tonnes avoided per MWh', () => {
    // (0.35 − 0.3949) 元/kWh = −44.9 元/MWh; ÷ 0.5703 t/MWh = −78.73 元/t CO2 (cheaper than coal: negative cost)
    expectClose(abatementCostYuanPerTonne((0.35 - 0.3949) * 1000, 0.5703), -44.9 / 0.5703, { rel: 1e-12 }, 'abatement');
    expect(abatementCostYuanPerTonne(10, 0)).toBeNaN();
  });

  it('divides the capex by the coal saved over the life', () => {
    // 3.3e8 元 / (2.7e6 MWh × 0.3 t/MWh = 810,000 t) = 407.41 元/t
    expectClose(capexYuanPerTonneSaved(3.3e8, 2.7e6, 0.3), 3.3e8 / 810000, { rel: 1e-14 }, 'capex per tonne');
  });
});
