/**
 * `pvplan finance` run as a subprocess (the built CLI): the quick form in JSON against the core, the output
 * formats, Chinese magnitudes, the presets listing, and bad input (exit 2 naming the flag; warnings on stderr).
 */
import { describe, expect, it } from 'vitest';
import { pvplan, type Run } from './run-cli.ts';
import { evaluateProject } from '../../src/core/finance/project.ts';
import { FINANCE_PRESETS } from '../../src/core/finance/presets.ts';
import { expectClose } from '../helpers/expect-close.ts';

const QUICK = ['finance', '--capacity', '100MW', '--energy', '113500MWh', '--degradation', '0.5%', '--degradation-mode', 'compound', '--capex', '3.3元/W', '--construction-years', '1', '--opex', '45元/kW', '--opex-escalation', '2%', '--tariff', '0.3949元/kWh', '--discount-rate', '6%', '--lifetime', '25'];
const TAX_DEBT = ['--income-tax', '25%', '--depreciation-years', '20', '--debt-fraction', '70%', '--debt-rate', '4.5%', '--debt-tenor', '15'];

interface FinanceJson {
  lcoeYuanPerKWh: number;
  npvYuan: number;
  irrFrac: number;
  paybackYears: number;
  discountedPaybackYears: number;
  equityIrrFrac: number;
  cashflows: Array<Record<string, number>>;
}

function expectBadInput(run: Run, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('pvplan finance', () => {
  it("gives the issue's quick form as JSON, equal to the core's result (100 MW × 3.3 元/W = 3.3亿元, 45 元/kW = 450万元/yr)", async () => {
    const run = await pvplan([...QUICK, ...TAX_DEBT, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as FinanceJson;
    const core = evaluateProject({
      firstYearEnergyMWh: 113500,
      degradationFrac: 0.005,
      capexYuan: 3.3e8,
      fixedOpexYuanPerYear: 4.5e6,
      opexEscalationFrac: 0.02,
      tariffYuanPerKWh: 0.3949,
      discountRateFrac: 0.06,
      lifetimeYears: 25,
      incomeTaxFrac: 0.25,
      depreciationYears: 20,
      debtFrac: 0.7,
      debtRateFrac: 0.045,
      debtTenorYears: 15,
    });
    for (const key of ['lcoeYuanPerKWh', 'npvYuan', 'irrFrac', 'paybackYears', 'discountedPaybackYears', 'equityIrrFrac'] as const) {
      expectClose(out[key], core[key]!, { rel: 1e-12 }, key);
    }
    expect(out.cashflows).toHaveLength(26);
    for (const key of ['year', 'capexYuan', 'opexYuan', 'revenueYuan', 'taxYuan', 'debtServiceYuan', 'netYuan', 'energyMWh']) expect(out.cashflows[1]).toHaveProperty(key);
  });

  it('reads Chinese magnitudes and totals the same as per-W figures', async () => {
    const [perW, total] = await Promise.all([
      pvplan([...QUICK, '--format', 'json']),
      pvplan(['finance', '--capacity', '10万千瓦', '--energy', '1.135亿kWh', '--degradation', '0.5%', '--capex', '3.3亿元', '--opex', '450万元', '--opex-escalation', '2%', '--tariff', '0.3949元/度', '--discount-rate', '6%', '--lifetime', '25', '--format', 'json']),
    ]);
    const a = JSON.parse(perW.stdout) as FinanceJson;
    const b = JSON.parse(total.stdout) as FinanceJson;
    expectClose(b.npvYuan, a.npvYuan, { rel: 1e-12 }, 'NPV');
    expectClose(b.irrFrac, a.irrFrac, { abs: 1e-12 }, 'IRR');
  });

  it('prints table, markdown and CSV, with the yearly table on --cashflows', async () => {
    const [table, md, csv, csvFlows, cn] = await Promise.all([
      pvplan([...QUICK, '--cashflows']),
      pvplan([...QUICK, '--format', 'markdown']),
      pvplan([...QUICK, '--format', 'csv']),
      pvplan([...QUICK, '--format', 'csv', '--cashflows']),
      pvplan([...QUICK, '--units', 'cn']),
    ]);
    for (const r of [table, md, csv, csvFlows, cn]) expect(r.status, r.stderr).toBe(0);
    expect(table.stdout).toMatch(/LCOE\s+0\.\d{4}\s+CNY\/kWh/);
    expect(table.stdout).toContain('Cash flows by year');
    expect(md.stdout).toContain('| metric | value | unit |');
    expect(csv.stdout.split('\n')[0]).toBe('metric,value,unit');
    expect(csvFlows.stdout.split('\n')[0]).toMatch(/^year,energy \(GWh\),capex \(M CNY\)/);
    expect(csvFlows.stdout.trim().split('\n')).toHaveLength(27);
    expect(cn.stdout).toContain('亿元');
  });

  it('lists the finance presets with their sources', async () => {
    const [table, json] = await Promise.all([pvplan(['finance', '--presets']), pvplan(['finance', '--presets', '--format', 'json'])]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('cn-shandong-coal-benchmark');
    expect(table.stdout).toContain('0.3949 CNY/kWh');
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(FINANCE_PRESETS.length);
  });

  it('warns on a tariff in the wrong unit and says what was probably meant', async () => {
    const run = await pvplan([...QUICK.slice(0, -6), '--tariff', '0.3949元/MWh', '--discount-rate', '6%', '--lifetime', '25']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^warning: --tariff: '0\.3949元\/MWh' is 0\.0003949 元\/kWh, implausibly low .* did you mean 0\.3949 元\/kWh\?/);
  });

  it.each([
    [['--capex', '-3.3元/W'], /--capex: expected a capital cost ≥ 0/],
    [['--discount-rate', '-100%'], /--discount-rate: expected a real discount rate above -100 %/],
    [['--lifetime', '0'], /--lifetime: expected the operating years, a whole number ≥ 1, got '0'/],
    [['--tariff', '0.3949元/kW'], /--tariff: expected a price per energy .* got a cost per power/],
    [['--discount-rate', '6'], /--discount-rate: expected a real discount rate as a percentage/],
    [['--debt-fraction', '70%'], /--debt-fraction: needs --debt-rate and --debt-tenor/],
    [['--debt-fraction', '70%', '--debt-rate', '5%', '--debt-tenor', '30'], /--debt-tenor: 30 years is longer than --lifetime 25/],
    [['--carbon-price', '60元/t'], /--carbon-price: needs --co2-factor/],
    [['--degradation', '5%', '--degradation-mode', 'linear'], /--degradation: expected a linear degradation that keeps energy ≥ 0/],
  ])('rejects %j with exit 2 naming the flag', async (change, message) => {
    const args = [...QUICK];
    for (let i = 0; i < change.length; i += 2) {
      const at = args.indexOf(change[i]!);
      if (at >= 0) args[at + 1] = change[i + 1]!;
      else args.push(change[i]!, change[i + 1]!);
    }
    expectBadInput(await pvplan(args), message);
  });

  it('says which flags are missing', async () => {
    expectBadInput(await pvplan(['finance', '--capex', '3.3元/W']), /--energy: required/);
    expectBadInput(await pvplan(['finance', '--energy', '1135h', '--capex', '3.3元/W', '--discount-rate', '6%', '--lifetime', '25']), /--energy: '1135h' is full-load hours; give --capacity/);
  });
});
