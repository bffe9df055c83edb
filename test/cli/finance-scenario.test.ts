/**
 * `pvplan finance FILE`, `pvplan mc` and `pvplan sensitivity` with a finance section, run as a subprocess: the JSON
 * contract, the Wendeng portfolio against its signed 153.2亿元, formats and units, and bad input (exit 2, file:line).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, tmpDir } from './run-cli.ts';

const WENDENG = 'scenarios/wendeng-portfolio-finance.yaml';

describe('pvplan finance FILE', () => {
  it('JSON: every project, technology, the portfolio, the aggregate path and the whole plan, capex against the signed amount', async () => {
    const run = await pvplan(['finance', WENDENG, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(Object.keys(r)).toEqual(['pvplanVersion', 'scenario', 'referenceYear', 'discountRateFrac', 'inflationFrac', 'capexByYear', 'investment', 'projects', 'byTechnology', 'portfolio', 'aggregate', 'total', 'warnings']);
    expect(r.projects.map((p: { id: string }) => p.id)).toEqual(['datang-100mw', 'datang-base-pv', 'multi-energy-wind', 'multi-energy-storage', 'offshore-pv']);
    expect(r.investment.signedYuan).toBe(153.2e8);
    // The named projects' investments (4.13 + 65.87 + 12 + 4.8 + 22 亿元) are their capex.
    expect(r.investment.namedYuan).toBeCloseTo(108.8e8, 0);
    expect(r.investment.namedShareOfSignedFrac).toBeCloseTo(108.8 / 153.2, 10);
    for (const k of ['lcoeYuanPerKWh', 'npvYuan', 'irrFrac', 'paybackYears', 'abatementCostYuanPerTonneCoal', 'capexYuanPerTonneCoalSaved', 'cashflows']) expect(r.total).toHaveProperty(k);
    expect(r.byTechnology.storage.lcoeYuanPerKWh).toBeNull();
  });

  it('table in Chinese units with --cashflows; CSV', async () => {
    const run = await pvplan(['finance', WENDENG, '--units', 'cn', '--cashflows']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/LCOE \(元\/千瓦时\)/);
    expect(run.stdout).toMatch(/of the 153\.2亿元 signed/);
    expect(run.stdout).toMatch(/Whole plan, cash flows by year/);
    const csv = await pvplan(['finance', WENDENG, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('scope,capacity (MW),capex (M CNY),LCOE (CNY/kWh),NPV (M CNY),IRR (%),payback (years),abatement CO2 (CNY/t),abatement coal (CNY/t),capex per t coal (CNY/t)');
  });

  it('bad input: exit 2 with file and line; quick-form flags with a file; no finance section', async () => {
    const dir = tmpDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `name: bad\nyears: { start: 2022, end: 2030 }\ncapacity:\n  baseline: { capacity: 100 MW, year: 2022 }\n  growth: { model: linear, additionsPerYear: 10 MW }\nyield: { model: full-load-hours, value: 1135 h }\nsavings: { coal: 300 g/kWh, co2: 0.57 t/MWh }\nfinance:\n  discountRate: -120 %\n  unnamed: { capex: 3元/W }\n`);
    const run = await pvplan(['finance', bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:9:3: finance\.discountRate: expected a real discount rate above −100 %/);
    expect(run.stdout).toBe('');
    const flags = await pvplan(['finance', WENDENG, '--capex', '3元/W']);
    expect(flags.status).toBe(2);
    expect(flags.stderr).toMatch(/--capex: the quick form's flags do not go with a scenario file/);
    const none = await pvplan(['finance', 'scenarios/wendeng-portfolio.yaml']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no finance: section/);
  });

  it("a tariff in 元/MWh warns with the likely intent; --strict makes it an error", async () => {
    const dir = tmpDir();
    const file = join(dir, 'warn.yaml');
    writeFileSync(file, `name: warn\nyears: { start: 2022, end: 2030 }\ncapacity:\n  baseline: { capacity: 100 MW, year: 2022 }\n  growth: { model: linear, additionsPerYear: 10 MW }\nyield: { model: full-load-hours, value: 1135 h }\nsavings: { coal: 300 g/kWh, co2: 0.57 t/MWh }\nfinance:\n  discountRate: 6 %\n  tariff: 0.3949元/MWh\n  unnamed: { capex: 3元/W }\n`);
    const run = await pvplan(['finance', file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: .*warn\.yaml:10:3: finance\.tariff: tariff of 0\.0003949 元\/kWh is outside the plausible 0\.05–5 元\/kWh: did you mean 0\.3949元\/kWh/);
    expect((await pvplan(['finance', file, '--strict'])).status).toBe(2);
  });
});

describe('finance in mc and sensitivity', () => {
  const uncertain = () => {
    const file = join(tmpDir(), 'unc.yaml');
    writeFileSync(
      file,
      `name: unc\nyears: { start: 2022, end: 2028 }\ncapacity:\n  baseline: { capacity: 100 MW, year: 2022 }\n  growth: { model: linear, additionsPerYear: 10 MW }\nyield:\n  model: full-load-hours\n  value: { triangular: { min: 1050 h, mode: 1135 h, max: 1200 h } }\n  curtailment: { uniform: { min: 0 %, max: 5 % } }\nsavings: { coal: 300 g/kWh, co2: 0.57 t/MWh }\nfinance:\n  discountRate: { triangular: { min: 4 %, mode: 6 %, max: 8 % } }\n  tariff: { triangular: { min: 0.35元/kWh, mode: 0.3949元/kWh, max: 0.42元/kWh } }\n  unnamed:\n    capex: { pert: { min: 3元/W, mode: 3.3元/W, max: 4元/W } }\n`,
    );
    return file;
  };

  it('mc: P10 ≤ P50 ≤ P90 of LCOE, NPV and IRR and P(NPV > 0); same seed, same bytes', async () => {
    const file = uncertain();
    const run = await pvplan(['mc', file, '-n', '500', '--seed', '7', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const f = JSON.parse(run.stdout).finance;
    for (const k of ['lcoeYuanPerKWh', 'npvYuan', 'irrFrac']) {
      expect(f[k].p10).toBeLessThanOrEqual(f[k].p50);
      expect(f[k].p50).toBeLessThanOrEqual(f[k].p90);
    }
    expect(f.probabilityNpvPositive).toBeGreaterThan(0);
    expect(f.probabilityNpvPositive).toBeLessThanOrEqual(1);
    expect((await pvplan(['mc', file, '-n', '500', '--seed', '7', '--format', 'json'])).stdout).toBe(run.stdout);
  });

  it('sensitivity: an LCOE tornado over capex, yield, discount rate and curtailment; the tariff does not move LCOE', async () => {
    const run = await pvplan(['sensitivity', uncertain(), '-n', '64', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const t = JSON.parse(run.stdout).financeTornado;
    expect(t.metric).toBe('lcoeYuanPerKWh');
    const byInput = Object.fromEntries(t.tornado.map((b: { input: string; swing: number }) => [b.input, b.swing]));
    expect(Object.keys(byInput).sort()).toEqual(['finance.discountRate', 'finance.tariff', 'finance.unnamed.capex', 'yield.curtailment', 'yield.value']);
    expect(byInput['finance.tariff']).toBe(0);
    for (const k of ['finance.discountRate', 'finance.unnamed.capex', 'yield.curtailment', 'yield.value']) expect(byInput[k]).toBeGreaterThan(0);
  });
});
