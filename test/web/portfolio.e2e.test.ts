/**
 * The portfolio view end to end in headless Chromium (same harness as page.e2e.test.ts): the shipped Wendeng
 * portfolio's timeline (one bar per project, coloured by stage), the waterfall and P(target met), the stacked area,
 * the table's sorting and filters, a what-if that cancels the Datang base (the named total drops by its 1595 MW),
 * saved as a child that lists only that project; screenshots at 1400 px and 420 px in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './harness.ts';
import type { copyScenarios } from '../server/helpers.ts';

let server: { app: FastifyInstance; url: string };
let folder: ReturnType<typeof copyScenarios>;
let browser: Browser;
let page: Page;
let problems: string[] = [];
let session: BrowserSession;
const testid = (id: string) => page.locator(`[data-testid="${id}"]`);

/** Waits for the view to redraw after an edit (portfolio.js bumps data-seq on each draw). */
async function afterRedraw(edit: () => Promise<void>): Promise<void> {
  const before = await testid('portfolio').getAttribute('data-seq');
  await edit();
  await page.waitForFunction((b) => document.querySelector('#portfolio')?.getAttribute('data-seq') !== b && document.querySelector('#portfolio')?.getAttribute('data-seq') === String((window as unknown as { __pvplanPortfolio: { seq: number } }).__pvplanPortfolio.seq), before);
}

beforeAll(async () => {
  session = await openBrowserSession({ expected: /status of (400|409) / });
  ({ folder, server, browser, page } = session);
  problems = session.problems;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('the portfolio view', () => {
  it('shows the timeline, the waterfall with P(target met), the stacked area and the table', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-portfolio="ready"]');
    await expect.poll(() => testid('portfolio-scenario').inputValue()).toBe('wendeng-portfolio');
    const bars = page.locator('[data-testid="portfolio-timeline"] rect.pf-bar');
    expect(await bars.count()).toBe(5);
    // Coloured by stage: the approved Datang project and the signed base differ.
    expect(await page.locator('rect[data-project="datang-100mw"]').getAttribute('fill')).not.toBe(await page.locator('rect[data-project="datang-base-pv"]').getAttribute('fill'));
    await expect.poll(() => testid('portfolio-probability-0').textContent()).toContain('0 %');
    expect(await page.locator('[data-testid="portfolio-waterfall-0"] canvas').count()).toBe(1);
    expect(await page.locator('[data-testid="portfolio-area"] canvas').count()).toBe(1);
    expect(await page.locator('[data-testid="portfolio-table"] tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, 'portfolio-1400-en.png'), fullPage: true });
  });

  it('sorts by capacity and filters by stage and technology', async () => {
    const ids = () => page.locator('[data-testid="portfolio-table"] tbody th').evaluateAll((n) => n.map((x) => x.textContent));
    await testid('portfolio-sort-capacityMW').click();
    expect((await ids())[0]).toBe('datang-100mw');
    await testid('portfolio-sort-capacityMW').click();
    expect((await ids())[0]).toBe('datang-base-pv');
    await testid('portfolio-filter-stage').selectOption('prospect');
    expect(await ids()).toHaveLength(3);
    await testid('portfolio-filter-technology').selectOption('storage');
    expect(await ids()).toEqual(['multi-energy-storage']);
    expect(await page.locator('[data-testid="portfolio-timeline"] rect.pf-bar').count()).toBe(1);
    await testid('portfolio-filter-stage').selectOption('');
    await testid('portfolio-filter-technology').selectOption('');
    expect(await ids()).toHaveLength(5);
  });

  it('a what-if: cancelling the Datang base drops the named total by 1595 MW and greys its bar; saving writes only that change', async () => {
    const line = () => testid('portfolio-target-0').textContent();
    const before = await line();
    await afterRedraw(() => testid('portfolio-cancel-datang-base-pv').check());
    expect(await line()).not.toBe(before);
    // 3220 MW planned before (docs/portfolio.md), 1625 MW after.
    expect(before).toContain('3,220 MW planned');
    expect(await line()).toContain('1,625 MW planned');
    expect(await page.locator('rect[data-project="datang-base-pv"]').getAttribute('fill')).toBe('#B8B8B8');
    await afterRedraw(() => testid('portfolio-commissioning-offshore-pv').fill('2027').then(() => testid('portfolio-commissioning-offshore-pv').press('Enter')));
    expect(await testid('portfolio-changed').textContent()).toContain('2');
    await testid('portfolio-save-id').fill('wendeng-portfolio-whatif');
    await testid('portfolio-save').click();
    await expect.poll(() => testid('portfolio-save-status').textContent()).toContain('wendeng-portfolio-whatif.yaml');
    const saved = parse(readFileSync(join(folder.dir, 'wendeng-portfolio-whatif.yaml'), 'utf8')) as { extends: string; projects: Array<Record<string, unknown>> };
    expect(saved.extends).toBe('wendeng-portfolio.yaml');
    expect(saved.projects).toEqual([{ id: 'datang-base-pv', stage: 'cancelled' }, { id: 'offshore-pv', commissioning: 2027 }]);
    await page.screenshot({ path: join(ARTIFACTS, 'portfolio-1400-en-whatif.png'), fullPage: true });
  });

  it('in Chinese, and at 420 px', async () => {
    await testid('lang-zh').check();
    await expect.poll(() => page.locator('#portfolio-title').textContent()).toBe('项目组合');
    await expect.poll(() => testid('portfolio-probability-0').textContent()).toContain('达标概率');
    await page.screenshot({ path: join(ARTIFACTS, 'portfolio-1400-zh.png'), fullPage: true });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(300);
    await testid('portfolio').screenshot({ path: join(ARTIFACTS, 'portfolio-420-zh.png') });
    await testid('lang-en').check();
    await page.waitForTimeout(200);
    await testid('portfolio').screenshot({ path: join(ARTIFACTS, 'portfolio-420-en.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  it("an energy target's waterfall and line are in energy units, from the registry's display units (SI and Chinese)", async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await afterRedraw(async () => {
      await testid('portfolio-scenario').selectOption('wendeng-portfolio-energy');
    });
    // The capacity target stays in power; the energy target (second) is in energy a year: planned named total
    // 3 699 567.8375 MWh = 3,700 GWh (test/cli/energy-targets.test.ts has the hand check), target 5,107.5 GWh.
    expect(await testid('portfolio-waterfall-0').getAttribute('data-dimension')).toBe('power');
    expect(await testid('portfolio-waterfall-1').getAttribute('data-dimension')).toBe('energy');
    await expect.poll(() => testid('portfolio-target-1').textContent()).toContain('3,700 GWh planned');
    expect(await testid('portfolio-target-1').textContent()).toContain('target 5,108 GWh');
    expect(await page.locator('[data-testid="portfolio-waterfall-1"] canvas').count()).toBe(1);
    await expect.poll(() => testid('portfolio-probability-1').textContent()).toContain('0 %');
    await page.screenshot({ path: join(ARTIFACTS, 'portfolio-1400-en-energy.png'), fullPage: true });
    await testid('units-cn').check();
    await expect.poll(() => testid('portfolio-target-1').textContent()).toContain('37 亿千瓦时 planned');
    expect(await testid('portfolio-target-0').textContent()).toContain('万千瓦');
    await testid('units-si').check();
    expect(problems).toEqual([]);
  });
});
