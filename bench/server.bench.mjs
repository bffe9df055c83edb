#!/usr/bin/env node
// Web server benchmark (run after `npm run build`; it drives the BUILT server in dist/):
//   1. GET /api/scenarios/wendeng-2025/result vs a bare Fastify route returning the same JSON from memory,
//      side by side in one run (goal: at least half the bare route's requests/s);
//   2. POST /api/run with a different what-if on every request, so every one is validated and simulated
//      (goal: 5,000 requests/s, p99 under 20 ms), and with one what-if repeated (served from the what-if cache);
//      then the new what-ifs again on `pvplan serve --workers N`, one process per core;
//   3. the page in headless Chromium: time to interactive on a first visit, and what-if redraw time.
// Each HTTP case: autocannon, 50 connections, 10 s, loopback; zero errors and zero non-2xx are required.
// Servers run in child processes so autocannon (this process) does not share their event loop.
//   node bench/server.bench.mjs [--duration 10] [--connections 50] [--no-page] [--json]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.PVPLAN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Goals from the issue. */
const GOALS = { resultVsBare: 0.5, runReqPerSec: 5000, runP99Ms: 20, interactiveMs: 1000, redrawMs: 100 };
/** What the issue says the bare route does on this machine kind (quiet). */
const ISSUE_BARE_REQ_PER_SEC = 40_000;

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}


/** Starts a child process and resolves with the URL it prints. */
function startChild(args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url: m[1] });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${out}`)));
  });
}

async function cannon(autocannon, opts) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  return {
    title: opts.title,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const DURATION_S = Number(argValue('--duration', '10'));
const CONNECTIONS = Number(argValue('--connections', '50'));

/** A what-if that differs on every call (growth rate and full-load hours drawn at random), so no cache can answer it. */
function distinctWhatIf() {
  const ratePercent = (20 + Math.random() * 60).toFixed(4);
  const hours = (1000 + Math.random() * 400).toFixed(2);
  return JSON.stringify({
    extends: 'wendeng-2025.yaml',
    name: 'bench what-if',
    capacity: { growth: { model: 'cagr', rate: `${ratePercent} %` }, constructionLagYears: 1 },
    yield: { value: `${hours} h` },
  });
}

async function pageTimings(baseUrl) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const interactive = [];
  const redraw = [];
  try {
    for (let i = 0; i < 5; i++) {
      // A fresh context each time: empty HTTP cache and storage, like a first visit.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(baseUrl);
      await page.waitForSelector('body[data-ready=true]');
      interactive.push(await page.evaluate(() => window.__pvplan.timings.interactiveMs));
      if (i === 4) {
        // The shipped base solves its rate from the target; giving a rate makes the what-if.
        await page.waitForSelector('body[data-charts=all]');
        const first = await page.evaluate(() => document.body.dataset.whatifSeq ?? '0');
        await page.uncheck('[data-testid=whatif-solve]');
        await page.waitForFunction((b) => (document.body.dataset.whatifSeq ?? '0') !== b, first);
        for (let k = 0; k < 15; k++) {
          const before = await page.evaluate(() => document.body.dataset.whatifSeq ?? '0');
          await page.fill('[data-testid=whatif-rate-num]', String(30 + k * 2.5));
          await page.waitForFunction((b) => (document.body.dataset.whatifSeq ?? '0') !== b, before);
        }
        redraw.push(...(await page.evaluate(() => window.__pvplan.timings.redrawMs)));
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { interactive, redraw };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.error('dist/cli.js is missing: run `npm run build` first');
    process.exit(2);
  }
  const loadBefore = loadavg();
  const { default: autocannon } = await import('autocannon');
  const tmp = mkdtempSync(join(tmpdir(), 'pvplan-bench-'));
  const scenarios = join(tmp, 'scenarios');
  cpSync(join(ROOT, 'scenarios'), scenarios, { recursive: true });
  const children = [];
  try {
    // The real CLI, as `npm start` runs it (request logging at warn: one JSON line per request would measure pino to a pipe).
    const ours = await startChild(['dist/cli.js', 'serve', '--scenarios', scenarios, '--port', '0', '--log-level', 'warn'], /serving .* at (http:\/\/\S+)/);
    children.push(ours.child);
    const resultUrl = `${ours.url}api/scenarios/wendeng-2025/result`;
    const resultText = await (await fetch(resultUrl)).text();
    const jsonFile = join(tmp, 'result.json');
    writeFileSync(jsonFile, resultText);
    const bare = await startChild([fileURLToPath(import.meta.url), '--bare-child', jsonFile], /listening at (http:\/\/\S+)/);
    children.push(bare.child);
    const bareUrl = `${bare.url}result`;
    const bareText = await (await fetch(bareUrl)).text();
    if (JSON.stringify(JSON.parse(bareText)) !== JSON.stringify(JSON.parse(resultText))) throw new Error('the bare route does not return the same JSON');

    // Warm both (JIT, caches) before measuring.
    await autocannon({ url: bareUrl, connections: 10, duration: 2 });
    await autocannon({ url: resultUrl, connections: 10, duration: 2 });
    await autocannon({ url: `${ours.url}api/run`, method: 'POST', connections: 10, duration: 2, headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (req) => ({ ...req, body: distinctWhatIf() }) }] });

    const rows = [];
    rows.push(await cannon(autocannon, { title: 'bare Fastify route, same JSON from memory', url: bareUrl }));
    rows.push(await cannon(autocannon, { title: 'GET /api/scenarios/wendeng-2025/result', url: resultUrl }));
    rows.push(
      await cannon(autocannon, {
        title: 'POST /api/run, a new what-if every request',
        url: `${ours.url}api/run`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: distinctWhatIf() }) }],
      }),
    );
    const sameBody = distinctWhatIf();
    // Asked for twice before the run, so it is kept (a what-if is kept from its second request on).
    for (let i = 0; i < 2; i++) await fetch(`${ours.url}api/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sameBody });
    rows.push(await cannon(autocannon, { title: 'POST /api/run, one what-if repeated (cache)', url: `${ours.url}api/run`, method: 'POST', headers: { 'content-type': 'application/json' }, body: sameBody }));

    // The same what-if load on `pvplan serve --workers N`, one server process per core sharing the port.
    const workers = availableParallelism();
    const multi = await startChild(['dist/cli.js', 'serve', '--scenarios', scenarios, '--port', '0', '--log-level', 'warn', '--workers', String(workers)], /serving .* at (http:\/\/\S+)/);
    children.push(multi.child);
    const whatIfLoad = (title, seconds) => ({
      title,
      url: `${multi.url}api/run`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: distinctWhatIf() }) }],
      ...(seconds === undefined ? {} : { duration: seconds, connections: 10 }),
    });
    await autocannon(whatIfLoad('warm-up', 3));
    rows.push(await cannon(autocannon, whatIfLoad(`POST /api/run, a new what-if every request, --workers ${workers}`)));
    multi.child.kill('SIGTERM');

    let page = null;
    if (!process.argv.includes('--no-page') && existsSync(CHROMIUM)) page = await pageTimings(ours.url);

    const [bareRow, resultRow, runRow] = rows;
    const workersRow = rows[rows.length - 1];
    const ratio = resultRow.reqPerSec / bareRow.reqPerSec;
    const lines = [];
    lines.push(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
    lines.push(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per case, loopback`);
    lines.push('');
    lines.push('| case | req/s | p50 (ms) | p99 (ms) | requests | errors | non-2xx |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) lines.push(`| ${r.title} | ${Math.round(r.reqPerSec).toLocaleString('en-US')} | ${r.p50Ms} | ${r.p99Ms} | ${r.total.toLocaleString('en-US')} | ${r.errors} | ${r.non2xx} |`);
    lines.push('');
    const verdict = (ok) => (ok ? 'met' : 'NOT met');
    lines.push(`- result route / bare route: ${ratio.toFixed(2)}× (goal ≥ ${GOALS.resultVsBare}×: ${verdict(ratio >= GOALS.resultVsBare)})`);
    const runVerdict = (r) => `${Math.round(r.reqPerSec)} req/s, p99 ${r.p99Ms} ms (goal ≥ ${GOALS.runReqPerSec} req/s: ${verdict(r.reqPerSec >= GOALS.runReqPerSec)}; p99 < ${GOALS.runP99Ms} ms: ${verdict(r.p99Ms < GOALS.runP99Ms)})`;
    lines.push(`- POST /api/run, new what-ifs, one process: ${runVerdict(runRow)}`);
    lines.push(`- POST /api/run, new what-ifs, --workers ${workers}: ${runVerdict(workersRow)}`);
    // The issue sets 5,000 req/s where the bare route does about 40,000 on this machine kind: 0.125× the bare route.
    // This machine's bare route ran at a different speed, so the same-run ratio is shown beside the absolute verdict.
    const runVsBare = runRow.reqPerSec / bareRow.reqPerSec;
    lines.push(`  POST /api/run / bare route: ${runVsBare.toFixed(3)}× in this run with one process, ${(workersRow.reqPerSec / bareRow.reqPerSec).toFixed(3)}× with --workers ${workers} (the goal is ${(GOALS.runReqPerSec / ISSUE_BARE_REQ_PER_SEC).toFixed(3)}× of the issue's ${ISSUE_BARE_REQ_PER_SEC.toLocaleString('en-US')} req/s bare route)`);
    const clean = rows.every((r) => r.errors === 0 && r.non2xx === 0);
    lines.push(`- errors and non-2xx: ${clean ? 'none' : 'SOME (see table)'}`);
    if (page) {
      lines.push(`- page interactive (first visit, fresh context; 5 loads): median ${median(page.interactive).toFixed(0)} ms, max ${Math.max(...page.interactive).toFixed(0)} ms (goal < ${GOALS.interactiveMs} ms: ${verdict(Math.max(...page.interactive) < GOALS.interactiveMs)})`);
      lines.push(`- what-if redraw, input to chart drawn (${page.redraw.length} edits): median ${median(page.redraw).toFixed(0)} ms, max ${Math.max(...page.redraw).toFixed(0)} ms (goal < ${GOALS.redrawMs} ms: ${verdict(median(page.redraw) < GOALS.redrawMs)})`);
    } else {
      lines.push('- page timings skipped (no Chromium, or --no-page)');
    }
    console.log(lines.join('\n'));
    if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, ratio, page }, null, 2));
    if (!clean) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Child mode: a bare Fastify route returning the JSON object from memory (Fastify's default JSON.stringify, no logging). */
async function bareChild(jsonFile) {
  const { default: Fastify } = await import('fastify');
  const data = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const app = Fastify();
  app.get('/result', () => data);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`listening at ${address}/\n`);
}

if (process.argv[2] === '--bare-child') await bareChild(process.argv[3]);
else await main();
