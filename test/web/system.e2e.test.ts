/**
 * The energy-system view end to end in headless Chromium (harness of page.e2e.test.ts): the three Wendeng
 * multi-energy variants ticked; the duration curve, the month × hour heatmap (curtailment and state of charge), the
 * week and the curtailment side by side drawn from GET /api/scenarios/:id/system, and the side by side equal to
 * `pvplan system FILE --format json` of each variant (the built CLI, run as a subprocess). Screenshots at 1400 px
 * and 420 px, English and Chinese, go to test/artifacts/.
 */

import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pvplan } from '../cli/run-cli.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { ARTIFACTS, openBrowserSession, overflowingIn, viewDrawn, type BrowserSession } from './harness.ts';
import type { copyScenarios } from '../server/helpers.ts';

const VARIANTS = ['wendeng-multi-energy-no-storage', 'wendeng-multi-energy-storage-10pct', 'wendeng-multi-energy-storage-20pct'];
/** SI display units: power in MW, energy in GWh (GET /api/meta → displayUnits.si). */
const GWH_PER_MWH = 1e-3;

interface Series {
  id: string;
  data: Array<number | [number, number] | { value: number; cell: number; month: number; hour: number }>;
}
interface Option {
  series: Series[];
  xAxis: Array<{ data?: string[] }>;
  yAxis: Array<{ name?: string; data?: string[] }>;
}
interface SystemJson {
  exportLimitMW: number;
  curtailedMWh: number;
  curtailmentFrac: number;
  storage: { energyMWh: number };
  monthly: { curtailedMWh: number[] };
  durationCurve: { generationMWByExceedancePercent: number[]; exportLimitMW: number };
  heatmaps: { curtailedMWh: number[][]; meanSocFrac: number[][] };
  week: { generators: Array<{ generationMW: number[] }>; chargeMW: number[]; dischargeMW: number[]; exportMW: number[]; curtailedMW: number[] };
}

let server: { app: FastifyInstance; url: string };
let folder: ReturnType<typeof copyScenarios>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];
let session: BrowserSession;

const option = (kind: string) => page.evaluate((k) => (window as unknown as { __pvplan: { systemOption: (k: string) => unknown } }).__pvplan.systemOption(k), kind) as Promise<Option>;
const testid = (id: string) => page.locator(`[data-testid="${id}"]`);
const series = (opt: Option, id: string) => {
  const s = opt.series.find((x) => x.id === id);
  expect(s, id).toBeDefined();
  return s!.data;
};
const apiSystem = (id: string) => page.evaluate(async (i) => (await fetch(`/api/scenarios/${i}/system`)).json(), id) as Promise<SystemJson>;

/** Waits until the view has drawn the systems of `ids` (body[data-system] lists them, the shown one first). */
const drawn = (ids: string[]) => viewDrawn(page, 'system', ids);
const overflowing = () => overflowingIn(page, 'system');

beforeAll(async () => {
  session = await openBrowserSession();
  ({ folder, server, browser, page } = session);
  context = session.context;
  problems = session.problems;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('the energy-system view in headless Chromium', () => {
  it('is hidden until a scenario with a system is ticked', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    for (const box of await page.locator('[data-testid^="pick-"]').all()) await box.uncheck();
    await testid('pick-wendeng-2025').check();
    await expect.poll(() => testid('system').isHidden()).toBe(true);
    await testid('pick-wendeng-2025').uncheck();
  });

  it('draws the duration curve, the heatmap and the week of the first ticked variant from the API', async () => {
    for (const id of VARIANTS) await testid(`pick-${id}`).check();
    await drawn(VARIANTS);
    const shown = VARIANTS[0]!;
    expect(await page.evaluate(() => document.body.dataset.system!.split(' ')[0])).toBe(shown);
    const api = await apiSystem(shown);

    // Duration curve: its first point is the largest hourly generation, which no hour of the week exceeds.
    const duration = await option('duration');
    const curve = series(duration, 'generation') as Array<[number, number]>;
    const peakMW = api.durationCurve.generationMWByExceedancePercent[0]!;
    expect(curve[0]).toEqual([0, peakMW]);
    const weekTotal = api.week.exportMW.map((_, t) => api.week.generators.reduce((s, g) => s + g.generationMW[t]!, 0));
    expect(Math.max(...weekTotal)).toBeLessThanOrEqual(peakMW * (1 + 1e-12));
    expect(curve).toHaveLength(101);
    expect(curve.at(-1)![0]).toBe(100);
    for (let i = 1; i < curve.length; i++) expect(curve[i]![1]).toBeLessThanOrEqual(curve[i - 1]![1]);
    // The two fills split the curve at the export limit.
    const within = series(duration, 'within') as Array<[number, number]>;
    const above = series(duration, 'above') as Array<[number, number]>;
    curve.forEach(([, g], i) => {
      expectClose(within[i]![1] + above[i]![1], g, { rel: 1e-12, abs: 1e-9 });
      expect(within[i]![1]).toBeLessThanOrEqual(api.exportLimitMW);
    });
    expect(above[0]![1]).toBeGreaterThan(0);

    // Heatmap of curtailment: cell (month m, hour h) is the API's MWh in GWh.
    const heat = await option('heatmap');
    expect(heat.series).toHaveLength(24);
    expect(heat.yAxis[0]!.data).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    for (let h = 0; h < 24; h++) {
      const cells = series(heat, `hour-${h}`) as Array<{ cell: number; month: number; hour: number }>;
      cells.forEach((c, m) => expectClose(c.cell, api.heatmaps.curtailedMWh[m]![h]! * GWH_PER_MWH, { rel: 1e-12, abs: 1e-15 }));
    }
    const total = heat.series.reduce((s, x) => s + (x.data as Array<{ cell: number }>).reduce((a, c) => a + c.cell, 0), 0);
    expectClose(total, api.curtailedMWh * GWH_PER_MWH, { rel: 1e-9 });

    // Week: the export line is the upper stack (generators + discharge) less the lower one (charge + curtailed).
    const week = await option('week');
    const exportLine = series(week, 'export') as number[];
    expect(exportLine).toEqual(api.week.exportMW);
    const gens = week.series.filter((s) => s.id.startsWith('gen-')).map((s) => s.data as number[]);
    expect(gens).toHaveLength(api.week.generators.length);
    const discharge = series(week, 'discharge') as number[];
    const charge = series(week, 'charge') as number[];
    const curtailed = series(week, 'curtailed') as number[];
    exportLine.forEach((x, t) => {
      const supply = gens.reduce((s, g) => s + g[t]!, 0) + discharge[t]!;
      expectClose(supply + charge[t]! + curtailed[t]!, x, { abs: 1e-6 });
      expect(charge[t]!).toBeLessThanOrEqual(0);
      expect(curtailed[t]!).toBeLessThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(api.exportLimitMW + 1e-9);
    });
    expect(Math.min(...curtailed)).toBeLessThan(0);
  });

  it('switches the heatmap to the state of charge, and says when there is no storage', async () => {
    await testid('sys-heat-soc').check();
    await expect.poll(async () => (series(await option('heatmap'), 'hour-0') as Array<{ cell: number }>)[0]!.cell).toBe(0);
    await expect.poll(() => testid('sys-heat-note').isVisible()).toBe(true);
    await testid('sys-shown').selectOption(VARIANTS[2]!);
    await expect.poll(() => testid('sys-heat-note').isVisible()).toBe(false);
    const api = await apiSystem(VARIANTS[2]!);
    const heat = await option('heatmap');
    for (let h = 0; h < 24; h++) {
      (series(heat, `hour-${h}`) as Array<{ cell: number }>).forEach((c, m) => expectClose(c.cell, api.heatmaps.meanSocFrac[m]![h]! * 100, { rel: 1e-12, abs: 1e-12 }));
    }
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await testid('system').screenshot({ path: join(ARTIFACTS, 'system-soc-1400-en.png') });
    await testid('sys-heat-curtailment').check();
    await testid('sys-shown').selectOption(VARIANTS[0]!);
  });

  it('shows the curtailment of every variant side by side, equal to pvplan system FILE --format json', async () => {
    const printed = await Promise.all(VARIANTS.map((id) => pvplan(['system', join(folder.dir, `${id}.yaml`), '--format', 'json'])));
    const compare = await option('compare');
    for (const [i, id] of VARIANTS.entries()) {
      expect(printed[i]!.status, printed[i]!.stderr).toBe(0);
      const cli = JSON.parse(printed[i]!.stdout) as SystemJson;
      const bars = series(compare, `curtailed:${id}`) as number[];
      bars.forEach((v, m) => expectClose(v, cli.monthly.curtailedMWh[m]! * GWH_PER_MWH, { rel: 1e-12, abs: 1e-15 }));
      const card = testid(`sys-option-${id}`);
      expect(Number(await card.getAttribute('data-curtailment-frac'))).toBe(cli.curtailmentFrac);
      expect(Number(await card.getAttribute('data-curtailed-mwh'))).toBe(cli.curtailedMWh);
      // Shown as a percentage to about three significant figures (the page's number rule).
      const shown = (await testid(`sys-option-${id}-curtailment`).textContent())!;
      expect(shown).toMatch(/^[0-9.]+ %$/);
      expectClose(Number(shown.slice(0, -2)), cli.curtailmentFrac * 100, { abs: 0.005 });
    }
    // More storage, less curtailment (greedy; docs/system.md's table: 2.43 %, 1.20 %, 0.56 %).
    const fracs = await Promise.all(VARIANTS.map(async (id) => Number(await testid(`sys-option-${id}`).getAttribute('data-curtailment-frac'))));
    expect(fracs[0]).toBeGreaterThan(fracs[1]!);
    expect(fracs[1]).toBeGreaterThan(fracs[2]!);
    await page.screenshot({ path: join(ARTIFACTS, 'system-1400-en.png'), fullPage: true });
    await testid('system').screenshot({ path: join(ARTIFACTS, 'system-view-1400-en.png') });
  });

  it('follows the language and the unit switches', async () => {
    await testid('lang-zh').check();
    await expect.poll(() => page.locator('#sys-heading').textContent()).toBe('多能互补系统：弃电与储能');
    await expect.poll(async () => (await option('heatmap')).yAxis[0]!.data![0]).toBe('1月');
    await testid('units-cn').check();
    await expect.poll(async () => (await option('duration')).yAxis[0]!.name).toBe('万千瓦');
    const api = await apiSystem(VARIANTS[0]!);
    expect((series(await option('duration'), 'generation') as Array<[number, number]>)[0]![1]).toBeCloseTo(api.durationCurve.generationMWByExceedancePercent[0]! / 10, 9);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await testid('system').screenshot({ path: join(ARTIFACTS, 'system-view-1400-zh.png') });
  });

  it('fits a 420 px window in Chinese and in English', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await expect.poll(overflowing).toEqual([]);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    await testid('system').screenshot({ path: join(ARTIFACTS, 'system-view-420-zh.png') });
    await testid('lang-en').check();
    await testid('units-si').check();
    await expect.poll(() => page.locator('#sys-heading').textContent()).toBe('Energy system: curtailment and storage');
    await expect.poll(overflowing).toEqual([]);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    await testid('system').screenshot({ path: join(ARTIFACTS, 'system-view-420-en.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('raised no console errors and no content-security-policy violations', () => {
    expect(problems).toEqual([]);
  });
});
