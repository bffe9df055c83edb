/**
 * The finance view end to end in headless Chromium (harness of system.e2e.test.ts): Wendeng's portfolio with its
 * finance and a copy at an 8 % discount rate ticked; the cards show the LCOE, NPV and IRR of
 * `pvplan finance FILE --format json` (the built CLI, run as a subprocess) as displayed (four significant digits);
 * the cash-flow chart holds the whole plan's flows; the LCOE of both side by side; the tariff what-if at a higher
 * tariff raises the NPV. Screenshots at 1400 px and 420 px, English and Chinese, go to test/artifacts/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pvplan } from '../cli/run-cli.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { ARTIFACTS, openBrowserSession, overflowingIn, viewDrawn, type BrowserSession } from './harness.ts';
import type { copyScenarios } from '../server/helpers.ts';

const BASE = 'wendeng-portfolio-finance';
const DEARER = 'wendeng-finance-8pct';
const IDS = [BASE, DEARER];

interface Totals {
  lcoeYuanPerKWh: number;
  npvYuan: number;
  irrFrac: number | null;
  cashflows: Array<{ year: number; capexYuan: number; opexYuan: number; revenueYuan: number; netYuan: number; cumulativeNetYuan: number }>;
}
interface Option {
  series: Array<{ id: string; data: Array<number | { value: number }> }>;
  xAxis: Array<{ data?: string[] }>;
  yAxis: Array<{ name?: string; data?: string[] }>;
}

let server: { app: FastifyInstance; url: string };
let folder: ReturnType<typeof copyScenarios>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];
let session: BrowserSession;

const option = (kind: string) => page.evaluate((k) => (window as unknown as { __pvplan: { financeOption: (k: string) => unknown } }).__pvplan.financeOption(k), kind) as Promise<Option>;
const testid = (id: string) => page.locator(`[data-testid="${id}"]`);
const settle = () => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));

/** A number as the page writes it (grouped thousands, '%' or a unit after it) back to a number. */
const shownNumber = (text: string) => Number(text.replace(/,/g, '').match(/-?[0-9.]+/)![0]);
/** Yuan in each SI money magnitude the page may pick (1 M = 1e6, 1 bn = 1e9): written out here, not read from the page. */
const SI_MONEY_YUAN: Readonly<Record<string, number>> = { CNY: 1, 'M CNY': 1e6, 'bn CNY': 1e9 };
/** The amount in yuan of a money text shown in SI units, e.g. '641.98 M CNY'. */
const shownYuan = (text: string) => {
  const unit = text.trim().match(/(?:M |bn )?CNY$/)![0];
  return shownNumber(text) * SI_MONEY_YUAN[unit]!;
};

const drawn = (ids: string[]) => viewDrawn(page, 'finance', ids);
const overflowing = () => overflowingIn(page, 'finance');

beforeAll(async () => {
  session = await openBrowserSession({ prepare: (dir) => writeFileSync(join(dir, `${DEARER}.yaml`), `extends: ${BASE}.yaml\nname: Wendeng finance at 8 %\nfinance:\n  discountRate: 8 %\n`) });
  ({ folder, server, browser, page } = session);
  context = session.context;
  problems = session.problems;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('the finance view in headless Chromium', () => {
  it('is hidden until a scenario with a finance section is ticked', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    for (const box of await page.locator('[data-testid^="pick-"]').all()) await box.uncheck();
    await testid('pick-wendeng-2025').check();
    await expect.poll(() => testid('finance').isHidden()).toBe(true);
    await testid('pick-wendeng-2025').uncheck();
  });

  it('shows the LCOE, NPV and IRR of pvplan finance FILE --format json on the cards, as displayed', async () => {
    for (const id of IDS) await testid(`pick-${id}`).check();
    await drawn(IDS);
    for (const id of IDS) {
      const printed = await pvplan(['finance', join(folder.dir, `${id}.yaml`), '--format', 'json']);
      expect(printed.status, printed.stderr).toBe(0);
      const cli = (JSON.parse(printed.stdout) as { total: Totals }).total;
      const card = testid(`fin-card-${id}`);
      expect(Number(await card.getAttribute('data-lcoe'))).toBe(cli.lcoeYuanPerKWh);
      expect(Number(await card.getAttribute('data-npv'))).toBe(cli.npvYuan);
      // Four significant digits on screen: within half a unit of the fourth digit.
      const lcoe = (await testid(`fin-${id}-lcoe`).textContent())!;
      expect(lcoe).toMatch(/ CNY\/kWh$/);
      expectClose(shownNumber(lcoe), cli.lcoeYuanPerKWh, { rel: 5e-4 });
      const npv = (await testid(`fin-${id}-npv`).textContent())!;
      expect(npv).toMatch(/ (?:M |bn )?CNY$/);
      expectClose(shownYuan(npv), cli.npvYuan, { rel: 5e-4 });
      const irr = (await testid(`fin-${id}-irr`).textContent())!;
      expect(irr).toMatch(/ %$/);
      expectClose(shownNumber(irr), cli.irrFrac! * 100, { rel: 5e-4 });
    }
    // A dearer discount rate, a higher LCOE (a cost discounted harder, energy later).
    const lcoes = await Promise.all(IDS.map(async (id) => Number(await testid(`fin-card-${id}`).getAttribute('data-lcoe'))));
    expect(lcoes[1]).toBeGreaterThan(lcoes[0]!);
    const compare = await option('compare');
    expect(compare.yAxis[0]!.data).toHaveLength(2);
    (compare.series[0]!.data as Array<{ value: number }>).forEach((d, i) => expectClose(d.value, lcoes[i]!, { rel: 1e-6 }));
  });

  it('draws the whole plan cash flows by year, in the unit on the axis', async () => {
    const api = (await page.evaluate(async (i) => (await fetch(`/api/scenarios/${i}/finance`)).json(), BASE)) as { total: Totals };
    const chart = await option('cashflows');
    const rows = api.total.cashflows;
    expect(chart.xAxis[0]!.data).toEqual(rows.map((r) => String(r.year)));
    // Yearly cash flows of a whole plan run to billions of yuan: the axis says which magnitude its numbers are in.
    expect(chart.yAxis[0]!.name).toBe('bn CNY');
    const yuanPerShown = SI_MONEY_YUAN[chart.yAxis[0]!.name as string]!;
    const data = (id: string) => (chart.series.find((s) => s.id === id)!.data as number[]).map((v) => v * yuanPerShown);
    rows.forEach((r, i) => {
      expectClose(data('capex')[i]!, -r.capexYuan, { rel: 1e-5, abs: 1e-3 });
      expectClose(data('revenue')[i]!, r.revenueYuan, { rel: 1e-5, abs: 1e-3 });
      expectClose(data('cumulative')[i]!, r.cumulativeNetYuan, { rel: 1e-5, abs: 1e-3 });
      // net = revenue − opex − capex − tax; no income tax in this scenario.
      expectClose(data('net')[i]!, r.revenueYuan - r.opexYuan - r.capexYuan, { rel: 1e-5, abs: 1 });
    });
    await settle();
    await page.screenshot({ path: join(ARTIFACTS, 'finance-1400-en.png'), fullPage: true });
    await testid('finance').screenshot({ path: join(ARTIFACTS, 'finance-view-1400-en.png') });
  });

  it('re-runs at a higher tariff: the NPV rises, the LCOE stays', async () => {
    const base = (await page.evaluate(async (i) => (await fetch(`/api/scenarios/${i}/finance`)).json(), BASE)) as { total: Totals };
    await testid('fin-tariff-input').fill('0.5');
    await testid('fin-tariff-run').click();
    await expect.poll(() => testid('fin-tariff-result').getAttribute('data-npv')).not.toBeNull();
    const npv = Number(await testid('fin-tariff-result').getAttribute('data-npv'));
    expect(npv).toBeGreaterThan(base.total.npvYuan);
    expectClose(Number(await testid('fin-tariff-result').getAttribute('data-lcoe')), base.total.lcoeYuanPerKWh, { rel: 1e-12 });
    expect(await testid('fin-tariff-result').textContent()).toMatch(/^at 0\.5 CNY\/kWh: LCOE .* NPV .* IRR .*%$/);
    // A tariff that is not one: said, not sent.
    await testid('fin-tariff-input').fill('0');
    await testid('fin-tariff-run').click();
    await expect.poll(() => testid('fin-tariff-result').textContent()).toMatch(/above 0/);
    await testid('fin-tariff-input').fill('0.5');
    await testid('fin-tariff-run').click();
    await expect.poll(() => testid('fin-tariff-result').getAttribute('data-npv')).not.toBeNull();
  });

  it('follows the language and the unit switches (亿元 in Chinese units)', async () => {
    await testid('lang-zh').check();
    await expect.poll(() => page.locator('#fin-heading').textContent()).toBe('财务：规划的投资与收益');
    await testid('units-cn').check();
    await expect.poll(() => testid(`fin-${BASE}-investment`).textContent()).toMatch(/亿元/);
    await expect.poll(async () => (await option('cashflows')).yAxis[0]!.name).toBe('亿元');
    expect(await testid(`fin-${BASE}-lcoe`).textContent()).toMatch(/元\/千瓦时$/);
    await settle();
    await testid('finance').screenshot({ path: join(ARTIFACTS, 'finance-view-1400-zh.png') });
  });

  it('fits a 420 px window in Chinese and in English', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await expect.poll(overflowing).toEqual([]);
    await settle();
    await testid('finance').screenshot({ path: join(ARTIFACTS, 'finance-view-420-zh.png') });
    await testid('lang-en').check();
    await testid('units-si').check();
    await expect.poll(() => page.locator('#fin-heading').textContent()).toBe('Finance: what the plan costs and earns');
    await expect.poll(overflowing).toEqual([]);
    await settle();
    await testid('finance').screenshot({ path: join(ARTIFACTS, 'finance-view-420-en.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('raised no console errors and no content-security-policy violations', () => {
    expect(problems).toEqual([]);
  });
});
