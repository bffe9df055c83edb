/**
 * The browser tests' one harness: Debian's Chromium driven by playwright-core against the real server on a temp copy
 * of scenarios/, with console errors and CSP violations collected. Chromium is never downloaded; when it is missing
 * the tests fail and say how to install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startServer } from '../../src/server/server.ts';
import { copyScenarios } from '../server/helpers.ts';

export const CHROMIUM = process.env.PVPLAN_CHROMIUM ?? '/usr/bin/chromium';
/** Headless, no sandbox (root), and no background connections (the machine has no network but the registries). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots and timings the tests save, for a person to look at. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** Fails with the install instructions when Chromium is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. The browser tests need it: install Debian's chromium and a CJK font (sudo apt-get install chromium fonts-wqy-microhei; .ci/run does this) or set PVPLAN_CHROMIUM to a Chromium binary`);
  }
}

export interface BrowserSession {
  readonly folder: ReturnType<typeof copyScenarios>;
  readonly server: { app: FastifyInstance; url: string };
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, CSP violations and page errors seen so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Writes extra scenario files into the temp folder before the server starts. */
  readonly prepare?: (dir: string) => void;
  readonly context?: BrowserContextOptions;
  /** Console messages a test provokes on purpose (e.g. the 400 and 409 of refused saves), not counted as problems. */
  readonly expected?: RegExp;
  /** Prefix of each problem (e.g. the running test's name). */
  readonly label?: () => string;
}

/** Starts the server on a temp copy of scenarios/ and opens one page in Chromium at 1400 × 900, English. */
export async function openBrowserSession(options: SessionOptions = {}): Promise<BrowserSession> {
  requireChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  // Monte Carlo workers run this test run's private snapshot of dist/mc-worker.js (safe from a concurrent build).
  process.env.PVPLAN_MC_WORKER = join(dirname(inject('pvplanCli')), 'mc-worker.js');
  const folder = copyScenarios();
  options.prepare?.(folder.dir);
  const server = await startServer({ scenariosDir: folder.dir, port: 0, quiet: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', ...options.context });
  const page = await context.newPage();
  const problems: string[] = [];
  const label = () => (options.label ? `${options.label()}: ` : '');
  page.on('console', (m) => {
    if (options.expected?.test(m.text())) return;
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${label()}console ${m.type()}: ${m.text().slice(0, 200)}`);
  });
  page.on('pageerror', (e) => problems.push(`${label()}page error: ${e.message}`));
  return {
    folder,
    server,
    browser,
    context,
    page,
    problems,
    async close() {
      await browser.close();
      await server.app.close();
      folder.cleanup();
    },
  };
}

/**
 * Waits until a page view (`body[data-VIEW]`, a space-separated list of drawn scenario ids) has drawn every id in
 * `ids`, then two animation frames, so its charts have laid out.
 */
export async function viewDrawn(page: Page, view: string, ids: readonly string[]): Promise<void> {
  await page.waitForFunction(
    ([name, want]) => {
      const have = (document.body.dataset[name as string] ?? '').split(' ');
      return (want as string[]).every((id) => have.includes(id));
    },
    [view, ids] as const,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Elements of the section with this id that stick out of it or of the window (nothing may at 420 px). */
export function overflowingIn(page: Page, sectionId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const out: string[] = [];
    const section = document.getElementById(id)!.getBoundingClientRect();
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const node of document.querySelectorAll(`#${id} *`)) {
      const r = node.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > section.right + 0.5 || r.left < section.left - 0.5) out.push(`${node.tagName}.${node.className || ''}#${node.id || ''} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out;
  }, sectionId);
}
