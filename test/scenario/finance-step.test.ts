/**
 * The scenario's finance section (issue 14): a scenario's LCOE equals the quick form's for the same inputs; NPV rises
 * with the tariff; capex written per W or in total (元/W, 亿元, 万元) gives the same results; a two-project portfolio
 * against values computed by hand; uncertain finance inputs as plain-data parameters.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateProject } from '../../src/core/finance/project.ts';
import { financeInputFromFlags } from '../../src/cli/commands/finance.ts';
import { applyParameter } from '../../src/core/uncertainty/parameters.ts';
import { financeReport, planFinanceOf } from '../../src/report/finance.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadPortfolio } from '../../src/scenario/projects.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { expectClose } from '../helpers/expect-close.ts';

const dir = mkdtempSync(join(tmpdir(), 'pvplan-finance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(text: string): string {
  const file = join(dir, `s${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}

const HEAD = `name: finance test
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 100 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 0 MW }
yield:
  model: full-load-hours
  value: 1135 h
  degradation: { annual: 0.5 %, mode: compounding }
savings: { coal: 300 g/kWh, co2: 0.5703 t/MWh }
`;

/** One 100 MW utility PV project of 1135 h, commissioned 2023, one year of construction, with the given finance lines. */
function oneProject(capex: string, tariff = '0.3949元/kWh'): string {
  return `${HEAD}projects:
  - { id: p, technology: pv-utility, capacity: 100 MW, stage: approved, constructionStart: 2023, commissioning: 2023, yield: { fullLoadHours: 1135 h } }
finance:
  discountRate: 6 %
  tariff: ${tariff}
  technologies:
    pv-utility: { capex: ${capex}, opex: 45元/kW, opexEscalation: 2 %, lifetime: 25 }
`;
}

const REL = { rel: 1e-12, abs: 1e-9 };

describe('scenario finance', () => {
  it("a project's LCOE, NPV and IRR equal the quick form's for the same inputs", () => {
    const r = financeReport(loadScenario(write(oneProject('3.3元/W'))));
    const { input } = financeInputFromFlags(
      {
        format: 'json', units: 'si', capacity: '100MW', energy: '113500MWh', degradation: '0.5%', degradationMode: 'compound', capex: '3.3元/W', constructionYears: '1',
        opex: '45元/kW', opexEscalation: '2%', tariff: '0.3949元/kWh', discountRate: '6%', lifetime: '25', replacement: [],
      },
      () => {},
    );
    const quick = evaluateProject(input);
    const p = r.projects[0]!;
    expectClose(p.lcoeYuanPerKWh!, quick.lcoeYuanPerKWh!, REL, 'LCOE');
    expectClose(p.npvAtYearZeroYuan!, quick.npvYuan, { rel: 1e-12, abs: 1e-3 }, 'NPV at year 0');
    expectClose(p.irrFrac!, quick.irrFrac!, REL, 'IRR');
    // Year 0 is 2023; the report discounts NPV one more year to the end of the base year 2022.
    expectClose(p.npvYuan, quick.npvYuan / 1.06, { rel: 1e-12, abs: 1e-3 }, 'NPV at 2022');
    // One project alone: its portfolio sums are itself.
    expectClose(r.portfolio.lcoeYuanPerKWh!, quick.lcoeYuanPerKWh!, REL, 'portfolio LCOE');
    expectClose(r.total.npvYuan, quick.npvYuan / 1.06, { rel: 1e-12, abs: 1e-3 }, 'total NPV');
  });

  it('NPV and IRR rise with the tariff; LCOE does not move', () => {
    const at = (tariff: string) => financeReport(loadScenario(write(oneProject('3.3元/W', tariff)))).total;
    const low = at('0.35元/kWh');
    const mid = at('0.3949元/kWh');
    const high = at('0.45元/kWh');
    expect(mid.npvYuan).toBeGreaterThan(low.npvYuan);
    expect(high.npvYuan).toBeGreaterThan(mid.npvYuan);
    expect(high.irrFrac!).toBeGreaterThan(mid.irrFrac!);
    expect(mid.irrFrac!).toBeGreaterThan(low.irrFrac!);
    expect(high.lcoeYuanPerKWh).toBe(low.lcoeYuanPerKWh);
  });

  it('capex per W or in total (元, 万元, 亿元) gives the same results', () => {
    const results = ['3.3元/W', '3300元/kW', '3.3亿元', '33000万元', '330000000元'].map((capex) => financeReport(loadScenario(write(oneProject(capex)))).total);
    for (const r of results.slice(1)) {
      expectClose(r.lcoeYuanPerKWh!, results[0]!.lcoeYuanPerKWh!, REL, 'LCOE');
      expectClose(r.npvYuan, results[0]!.npvYuan, { rel: 1e-12, abs: 1e-3 }, 'NPV');
      expectClose(r.irrFrac!, results[0]!.irrFrac!, REL, 'IRR');
    }
  });

  it('a two-project portfolio matches a hand computation', () => {
    // A: 1 MW, 1000 h, 100万元, commissioned 2023: −1e6 (2023), +6e5 (2024, 2025) at 0.6 元/kWh.
    // B: 2 MW, 1000 h, 200万元, commissioned 2024: −2e6 (2024), +1.2e6 (2025, 2026).
    // Sum: −1e6, −1.4e6, +1.8e6, +1.2e6 in 2023…2026. At 10 % to the end of 2022 (python3):
    //   NPV = −1e6/1.1 − 1.4e6/1.1² + 1.8e6/1.1³ + 1.2e6/1.1⁴ = 105867.0856 元
    //   LCOE = (1e6/1.1 + 2e6/1.1²) / ((1000/1.1² + 3000/1.1³ + 2000/1.1⁴) × 1000) = 0.5761904762 元/kWh
    //   IRR: bisection on the sum's flows = 0.1306623863
    //   capex per t coal = 3e6 / (6000 MWh × 0.3 t/MWh) = 1666.667 元/t
    const file = write(`name: two projects
years: { start: 2022, end: 2026 }
capacity:
  baseline: { capacity: 10 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 0 MW }
yield: { model: full-load-hours, value: 1000 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - { id: a, technology: pv-utility, capacity: 1 MW, stage: approved, constructionStart: 2023, commissioning: 2023, investment: 100万元, yield: { fullLoadHours: 1000 h } }
  - { id: b, technology: pv-utility, capacity: 2 MW, stage: approved, constructionStart: 2024, commissioning: 2024, investment: 200万元, yield: { fullLoadHours: 1000 h } }
pipeline: { signedInvestment: 0.06亿元 }
finance:
  discountRate: 10 %
  tariff: 0.6元/kWh
  degradation: 0 %
  lifetime: 2
`);
    const r = financeReport(loadPortfolio(file).scenario);
    expectClose(r.portfolio.npvYuan, 105867.0856, { rel: 1e-9, abs: 1e-3 }, 'NPV');
    expectClose(r.portfolio.lcoeYuanPerKWh!, 0.5761904762, { rel: 1e-9, abs: 0 }, 'LCOE');
    expectClose(r.portfolio.irrFrac!, 0.1306623863, { rel: 1e-8, abs: 0 }, 'IRR');
    expectClose(r.portfolio.capexYuanPerTonneCoalSaved!, 1666.6667, { rel: 1e-6, abs: 0 }, 'capex per t coal');
    expect(r.capexByYear).toEqual([
      { year: 2023, namedYuan: 1e6, aggregateYuan: 0, totalYuan: 1e6 },
      { year: 2024, namedYuan: 2e6, aggregateYuan: 0, totalYuan: 2e6 },
    ]);
    expectClose(r.investment.namedShareOfSignedFrac!, 0.5, REL, 'share of signed');
    // Payback from the end of 2023 (the year before the first energy): cumulative −1e6, −2.4e6, −0.6e6, +0.6e6 → 2 + 0.6/1.2.
    expectClose(r.portfolio.paybackYears!, 2.5, REL, 'payback');
  });

  it("the aggregate path's cohorts: additions × capex per W of their year, one cohort a year", () => {
    const file = write(`${HEAD.replace('additionsPerYear: 0 MW', 'additionsPerYear: 10 MW')}finance:
  discountRate: 6 %
  unnamed:
    capex: { 2023: 4元/W, 2025: 3元/W }
`);
    const f = planFinanceOf(loadScenario(file).plan);
    const cohorts = f.assets.filter((a) => a.technology === 'aggregate');
    expect(cohorts.map((a) => a.yearZero)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    // 10 MW × 4 元/W in 2023, 3.5 元/W in 2024 (linear between the years), 3 元/W from 2025 on.
    expect(cohorts.slice(0, 3).map((a) => a.input.capexYuan)).toEqual([4e7, 3.5e7, 3e7]);
    // 10 MW × 1135 h delivered in the first operating year.
    expectClose(cohorts[0]!.input.firstYearEnergyMWh, 11350, REL, 'energy');
  });

  it('discount rate, tariff and capex distributions become plain-data parameters that move the finance', () => {
    const file = write(`${HEAD}finance:
  discountRate: { triangular: { min: 4 %, mode: 6 %, max: 8 % } }
  tariff: { uniform: { min: 0.35元/kWh, max: 0.45元/kWh } }
  unnamed:
    capex: { triangular: { min: 3元/W, mode: 3.3元/W, max: 3.6元/W } }
`.replace('additionsPerYear: 0 MW', 'additionsPerYear: 10 MW'));
    const s = loadScenario(file);
    const params = s.uncertainty.parameters.filter((p) => p.field.startsWith('finance.'));
    expect(params.map((p) => p.field)).toEqual(['finance.terms.discountRateFrac', 'finance.tariffScale', 'finance.capexScale.unnamed']);
    expect(structuredClone(params)).toEqual(params);
    const base = planFinanceOf(s.plan).total;
    const capex = params[2]!;
    const dearer = planFinanceOf(applyParameter(s.plan, capex, 3.6)).total;
    expectClose(dearer.totalCapexYuan / base.totalCapexYuan, 3.6 / 3.3, REL, 'capex scale');
    const tariff = params[1]!;
    expect(planFinanceOf(applyParameter(s.plan, tariff, 0.45)).total.npvYuan).toBeGreaterThan(base.npvYuan);
  });
});

describe('bad finance input', () => {
  const expectProblem = (text: string, re: RegExp) => {
    const file = write(text);
    let err: unknown;
    try {
      loadScenario(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(re);
  };
  const finance = (lines: string) => `${HEAD}finance:\n${lines}`;

  it('a negative capex, with file, line and field', () => expectProblem(finance('  discountRate: 6 %\n  unnamed: { capex: -3元/W }\n'), /s\d+\.yaml:13:\d+: finance\.unnamed\.capex: expected a capital cost ≥ 0/));
  it('a discount rate of −100 % or below', () => expectProblem(finance('  discountRate: -100 %\n  unnamed: { capex: 3元/W }\n'), /:12:\d+: finance\.discountRate: expected a real discount rate above −100 %/));
  it('a lifetime of 0', () => expectProblem(`${oneProject('3.3元/W').replace('lifetime: 25', 'lifetime: 0')}`, /finance\.technologies\.pv-utility\.lifetime: expected at least 1, got 0/));
  it('a construction longer than the plan', () => expectProblem(finance('  discountRate: 6 %\n  unnamed: { capex: 3元/W, constructionYears: 12 }\n'), /finance\.unnamed\.constructionYears: a construction of 12 years is longer than the plan \(8 years/));
  it('no capex anywhere', () => expectProblem(finance('  discountRate: 6 %\n'), /finance: no capex for the aggregate path/));
  it('an unknown project id', () => expectProblem(`${oneProject('3.3元/W')}  projects: { q: { capex: 3元/W } }\n`, /finance\.projects\.q: no project with id 'q' \(did you mean 'p'\?\)/));
  it("'system' without system prices", () => expectProblem(finance('  discountRate: 6 %\n  tariff: system\n  unnamed: { capex: 3元/W }\n'), /finance\.tariff: 'system' takes the tariff from the system section's hourly prices/));
  it('a tariff in 元/MWh is flagged as implausible with the likely intent', () => {
    const s = loadScenario(write(finance('  discountRate: 6 %\n  tariff: 0.3949元/MWh\n  unnamed: { capex: 3.3元/W }\n')));
    const w = s.warnings.find((x) => x.code === 'tariff-implausible');
    expect(w?.path).toBe('finance.tariff');
    expect(w?.line).toBe(13);
    expect(w?.hint).toMatch(/^0\.3949元\/kWh/);
  });
  it('a capex in 元/kW written as 元/W is flagged', () => {
    const s = loadScenario(write(finance('  discountRate: 6 %\n  unnamed: { capex: 3300元/W }\n')));
    const w = s.warnings.find((x) => x.code === 'capex-implausible');
    expect(w?.path).toBe('finance.unnamed.capex');
    expect(w?.message).toMatch(/outside the plausible 0\.3–50 元\/W/);
  });
});
