/**
 * `formula` growth: a mathjs expression in `year` giving a power, in a restricted language. Expected values
 * are the expression evaluated by hand; every refusal must be a QuantityError raised before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/run.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { compileCapacityFormula, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES } from '../../src/scenario/formula.ts';
import { QuantityError } from '../../src/scenario/quantity.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { expectClose } from '../helpers/expect-close.ts';

describe('compileCapacityFormula', () => {
  it(`refuses a formula longer than ${MAX_FORMULA_LENGTH} characters or of more than ${MAX_FORMULA_NODES} parts, quickly`, () => {
    // The reproduction: 2,000 terms (about 14 KB), which used to end in a 500.
    const huge = `1125 MW${' + 1 MW'.repeat(2000)}`;
    const t0 = performance.now();
    expect(() => compileCapacityFormula(huge)).toThrow(new QuantityError(`the expression is ${huge.length} characters long; at most ${MAX_FORMULA_LENGTH} are accepted (a growth formula fits on a line)`));
    expect(performance.now() - t0).toBeLessThan(50);
    const many = `1125 MW${'+1W'.repeat(120)}`;
    expect(many.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    expect(() => compileCapacityFormula(many)).toThrow(/the expression has \d+ parts; at most 200 are accepted/);
    const deep = `${'('.repeat(240)}1125 MW${')'.repeat(240)}`;
    expect(() => compileCapacityFormula(deep)).toThrow(QuantityError);
    expect(compileCapacityFormula(`1125 MW${'+1W'.repeat(40)}`)(2022)).toBeCloseTo(1125.00004, 9);
  });

  it("'1125 MW * 1.587^(year - 2022)': 1125, 1785.375, 2833.39… MW", () => {
    const f = compileCapacityFormula('1125 MW * 1.587^(year - 2022)');
    expect(f(2022)).toBe(1125);
    expectClose(f(2023), 1785.375, { rel: 1e-14 }, '2023'); // 1125 × 1.587
    expectClose(f(2024), 2833.390125, { rel: 1e-14 }, '2024'); // 1125 × 2.518569
  });

  it('converts any power unit to MW and allows exp, log, sqrt, min, max, pow', () => {
    expect(compileCapacityFormula('4.5 GW')(2030)).toBe(4500);
    expect(compileCapacityFormula('4500000 kW')(2030)).toBe(4500);
    expectClose(compileCapacityFormula('100 MW * exp(log(2) * (year - 2020) / 5)')(2025), 200, { rel: 1e-14 }, 'doubling in 5 years');
    expectClose(compileCapacityFormula('100 MW * sqrt(year - 2021)')(2025), 200, { rel: 1e-14 }, 'sqrt');
    expect(compileCapacityFormula('1125 MW * 4^(min(max(year - 2023, 0), 3) / 3)')(2022)).toBe(1125);
    expect(compileCapacityFormula('1125 MW * 4^(min(max(year - 2023, 0), 3) / 3)')(2026)).toBe(4500);
    expect(compileCapacityFormula('pow(2, year - 2020) * 1 MW')(2023)).toBe(8);
  });

  const refused: ReadonlyArray<readonly [string, RegExp]> = [
    ['import({}, {override: true})', /not allowed/],
    ['f(x) = x', /'f\(x\) = x' is not allowed/],
    ['x = 5 MW', /not allowed/],
    ['evaluate("1 MW")', /function 'evaluate' is not allowed/],
    ['createUnit("foo")', /function 'createUnit' is not allowed/],
    ['foo * 1 MW', /unknown name 'foo'/],
    ['pi * 1 MW', /unknown name 'pi'/],
    ['[1, 2] * 1 MW', /not allowed/],
    ['year > 2025 ? 1 MW : 2 MW', /not allowed/],
    ['1 MW; 2 MW', /not allowed/],
    ['(1 MW', /cannot parse/],
  ];
  for (const [expression, message] of refused) {
    it(`refuses ${expression} before evaluating it`, () => {
      expect(() => compileCapacityFormula(expression)).toThrow(QuantityError);
      expect(() => compileCapacityFormula(expression)).toThrow(message);
    });
  }

  it('refuses results that are not a power (bare numbers, energies) when evaluated', () => {
    expect(() => compileCapacityFormula('1125 * (year - 2000)')(2023)).toThrow(/expected the expression to give a power .* got 25875 for year 2023/);
    expect(() => compileCapacityFormula('1 MWh')(2023)).toThrow(QuantityError);
    expect(() => compileCapacityFormula('1 MWh')(2023)).toThrow(/got '1 MWh'/);
  });
});

describe('formula growth in a scenario file', () => {
  const scenario = (expression: string) => `name: formula
years: {start: 2022, end: 2026}
capacity:
  baseline: {capacity: 100 MW, year: 2022}
  growth:
    model: formula
    expression: ${JSON.stringify(expression)}
yield: {model: full-load-hours, value: 1000 h}
savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}
`;
  const problemOf = (expression: string) => {
    try {
      loadScenario('/v/formula.yaml', () => scenario(expression));
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems;
      throw e;
    }
    return [];
  };

  it('runs a valid expression as the capacity path', () => {
    const s = loadScenario('/v/formula.yaml', () => scenario('100 MW * 2^(year - 2022)'));
    expect(s.plan.capacity.growth.model).toBe('formula');
    expect(runReport(s).years.map((r) => r.capacityMW)).toEqual([100, 200, 400, 800, 1600]);
  });

  it.each([
    ['import("fs")', /not allowed/],
    ['1125 * (year - 2000)', /expected the expression to give a power/],
    ['100 MW * (2024 - year)', /expected a finite, non-negative capacity for every year, got -100 MW in 2025/],
  ])('refuses %s at capacity.growth.expression (line 7)', (expression, message) => {
    const problems = problemOf(expression);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '/v/formula.yaml', line: 7, field: 'capacity.growth.expression' });
    expect(problems[0]!.message).toMatch(message);
  });
});
