/**
 * Per-cohort formulas with hand-computed expectations: degradation (linear 1 − d1 − d·age and compounding
 * (1 − d1)(1 − d)^age, SAM convention: year 1 carries only d1), completed operating years ⌊year − t0⌋,
 * the operating fraction of a calendar year, and E = P · h · f_op · f_deg · A · (1 − c).
 */
import { describe, expect, it } from 'vitest';
import {
  COMMISSIONING_OFFSET_YEARS,
  cohortEnergyMWh,
  completedOperatingYears,
  degradationFactor,
  operatingFractionOfYear,
} from '../../../src/core/plan/cohorts.ts';
import { avoidedTonnes, energyForAvoidedTonnesMWh } from '../../../src/core/plan/emissions.ts';
import { seriesValueAt } from '../../../src/core/series.ts';
import { COMMISSIONING_CONVENTIONS, DEGRADATION_MODES } from '../../../src/core/plan/types.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const TIGHT = { rel: 1e-12, abs: 1e-12 };

describe('degradationFactor', () => {
  it('linear: 1 − d1 − d·age', () => {
    expect(degradationFactor(0, 0.02, 0.005, 'linear')).toBeCloseTo(0.98, 15);
    // 1 − 0.02 − 3 × 0.005 = 0.965
    expectClose(degradationFactor(3, 0.02, 0.005, 'linear'), 0.965, TIGHT, 'age 3');
    // 25 years at 0.5 %: 1 − 0.125 = 0.875
    expectClose(degradationFactor(25, 0, 0.005, 'linear'), 0.875, TIGHT, 'age 25');
  });

  it('compounding: (1 − d1)(1 − d)^age', () => {
    // 0.98 × 0.995³ = 0.98 × 0.985074875 = 0.9653733775
    expectClose(degradationFactor(3, 0.02, 0.005, 'compounding'), 0.9653733775, TIGHT, 'age 3');
    expectClose(degradationFactor(0, 0.02, 0.005, 'compounding'), 0.98, TIGHT, 'age 0');
  });

  it('the two modes agree at age 0, differ by d1·d at age 1, and compounding loses less afterwards', () => {
    expectClose(degradationFactor(0, 0.03, 0.01, 'linear'), degradationFactor(0, 0.03, 0.01, 'compounding'), TIGHT, 'age 0');
    expectClose(degradationFactor(1, 0.03, 0.01, 'linear'), 0.96, TIGHT, 'age 1 linear');
    // Age 1: linear 0.96, compounding 0.97 × 0.99 = 0.9603 (d1·d cross term).
    expectClose(degradationFactor(1, 0.03, 0.01, 'compounding'), 0.9603, TIGHT, 'age 1 compounding');
    expect(degradationFactor(20, 0.03, 0.01, 'compounding')).toBeGreaterThan(degradationFactor(20, 0.03, 0.01, 'linear'));
  });

  it('is clamped at 0 (linear past 100 % loss)', () => {
    for (const mode of DEGRADATION_MODES) expect(degradationFactor(300, 0.02, 0.005, mode)).toBeGreaterThanOrEqual(0);
    expect(degradationFactor(300, 0.02, 0.005, 'linear')).toBe(0);
    expect(degradationFactor(10, 1, 0, 'compounding')).toBe(0);
  });
});

describe('commissioning conventions', () => {
  it('offsets: full-year 0, mid-year 0.5, year-end 1', () => {
    const expected = { 'full-year': 0, 'mid-year': 0.5, 'year-end': 1 } as const;
    for (const c of COMMISSIONING_CONVENTIONS) expect(COMMISSIONING_OFFSET_YEARS[c]).toBe(expected[c]);
  });

  it('completedOperatingYears = max(0, ⌊year − t0⌋)', () => {
    expect(completedOperatingYears(2024, 2023.5)).toBe(0);
    expect(completedOperatingYears(2025, 2023.5)).toBe(1);
    expect(completedOperatingYears(2030, 2023)).toBe(7);
    expect(completedOperatingYears(2020, 2023.5)).toBe(0);
  });

  it('operatingFractionOfYear: overlap of [year, year + 1) with [t0, t0 + lifetime)', () => {
    expect(operatingFractionOfYear(2023, 2023.5, 25)).toBe(0.5);
    expect(operatingFractionOfYear(2024, 2023.5, 25)).toBe(1);
    expect(operatingFractionOfYear(2048, 2023.5, 25)).toBe(0.5); // retires mid-2048
    expect(operatingFractionOfYear(2049, 2023.5, 25)).toBe(0);
    expect(operatingFractionOfYear(2023, 2023, 25)).toBe(1); // full-year
    expect(operatingFractionOfYear(2047, 2023, 25)).toBe(1);
    expect(operatingFractionOfYear(2048, 2023, 25)).toBe(0);
    expect(operatingFractionOfYear(2023, 2024, 25)).toBe(0); // year-end: nothing in the first year
    expect(operatingFractionOfYear(2022, 2023.5, 25)).toBe(0); // before commissioning
  });
});

describe('cohortEnergyMWh: E = P · h · f_op · f_deg · A · (1 − c)', () => {
  it('100 MW × 1135 h = 113,500 MWh (the Datang plant, 1.135亿 kWh)', () => {
    expect(cohortEnergyMWh(100, 1135, 1, 1, 1, 0)).toBe(113500);
  });

  it('multiplies every loss: 100 × 1000 × 0.5 × 0.98 × 0.97 × 0.95 = 45,153.5 MWh', () => {
    expectClose(cohortEnergyMWh(100, 1000, 0.5, 0.98, 0.97, 0.05), 45153.5, TIGHT, 'energy');
  });
});

describe('emissions: mass = energy × factor', () => {
  it('113,500 MWh at 403.5 g/kWh (0.4035 t/MWh) saves 45,797.25 t of coal (the article’s 4.58万 t)', () => {
    expectClose(avoidedTonnes(113500, 0.4035), 45797.25, TIGHT, 'coal');
    expectClose(energyForAvoidedTonnesMWh(45797.25, 0.4035), 113500, TIGHT, 'inverse');
    expect(() => energyForAvoidedTonnesMWh(1, 0)).toThrow(/positive/);
  });
});

describe('year series', () => {
  const s = [
    { year: 2020, value: 305.5 },
    { year: 2025, value: 300 },
  ];
  it('interpolates linearly and holds flat outside', () => {
    // 305.5 + (300 − 305.5) × 2/5 = 303.3
    expectClose(seriesValueAt(s, 2022), 303.3, TIGHT, '2022');
    expect(seriesValueAt(s, 2010)).toBe(305.5);
    expect(seriesValueAt(s, 2030)).toBe(300);
    expect(seriesValueAt(7, 2030)).toBe(7);
    expect(() => seriesValueAt([], 2020)).toThrow(/empty/);
  });
});
