/**
 * GET /api/scenarios/:id/mc through `app.inject()`: the report is the CLI's (`pvplan mc --format json`, run as
 * the built binary) and the library's (runMonteCarlo), byte for byte; caching per file version, draws and seed,
 * with one computation for concurrent identical requests; invalidation when the file or a parent of its
 * `extends` chain changes; bad parameters (400), unknown ids (404); the `uncertain` flag of the list; a
 * scenario without distributions (zero spread: every statistic is the `pvplan run` value); and the server
 * answering other requests while a Monte Carlo runs.
 * Expected values come from the CLI and the library, which are other code paths than the server's, or from the
 * scenario files (a deterministic scenario's statistics equal its run result).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { MC_METRICS } from '../../src/core/uncertainty/monte-carlo.ts';
import { runMonteCarlo } from '../../src/mc/run.ts';
import type { McReport } from '../../src/report/mc.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { MAX_CONCURRENT_RUNS, McPool } from '../../src/server/mc-pool.ts';
import { MC_DEFAULT_DRAWS, MC_DEFAULT_SEED, MC_MAX_DRAWS, MC_MIN_DRAWS, type McComputed } from '../../src/server/routes/mc.ts';
import { copyScenarios, editFile, quietApp } from './helpers.ts';

const CLI = inject('pvplanCli');
const UNCERTAIN = 'wendeng-2025-uncertain';
/** Goal for the event loop while a Monte Carlo runs (the brief's "< 50 ms" for GET /api/scenarios), with room for a shared test machine. */
const LIST_LATENCY_BOUND_MS = 150;
/**
 * Share of a Monte Carlo's time the server's event loop may be busy (merging and statistics): about 0.3 on a quiet
 * machine, 0.76 seen with the cores shared by other work; the draws in this thread would take it to 1.
 */
const MAX_EVENT_LOOP_UTILIZATION = 0.9;

// Workers run the built bundle: this run's private snapshot of dist/, safe from a concurrent `npm run build`.
beforeAll(() => {
  process.env.PVPLAN_MC_WORKER = join(dirname(CLI), 'mc-worker.js');
});

let dir: string;
let cleanup: () => void;
let app: FastifyInstance;
let computed: McComputed[];

beforeEach(async () => {
  ({ dir, cleanup } = copyScenarios());
  computed = [];
  app = await quietApp(dir, { onMcComputed: (e) => computed.push(e) });
});

afterEach(async () => {
  await app.close();
  cleanup();
});

const mc = (id: string, query = '') => app.inject(`/api/scenarios/${id}/mc${query}`);

/** `pvplan mc FILE --format json --draws N --seed S` of the built CLI, on a file of the temp folder. */
function cliMc(id: string, draws: number, seed: number): string {
  const r = spawnSync(process.execPath, [CLI, 'mc', join(dir, `${id}.yaml`), '--format', 'json', '--draws', String(draws), '--seed', String(seed)], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The served JSON laid out as the CLI prints it (2-space indent, a final newline): equal text means equal keys, order and numbers. */
const asCliText = (body: string) => `${JSON.stringify(JSON.parse(body), null, 2)}\n`;

const edit = (file: string, from: string, to: string) => editFile(dir, file, from, to);

describe('GET /api/scenarios/:id/mc', () => {
  it(`serves the Monte Carlo report with ${MC_DEFAULT_DRAWS} draws and seed ${MC_DEFAULT_SEED} by default, P10 ≤ P50 ≤ P90 everywhere`, async () => {
    const res = await mc(UNCERTAIN);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.headers['x-pvplan-mc-cache']).toBe('miss');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const report = res.json() as McReport;
    expect(report.scenario.id).toBe(UNCERTAIN);
    expect(report.draws).toBe(MC_DEFAULT_DRAWS);
    expect(report.seed).toBe(MC_DEFAULT_SEED);
    // years.start … years.end of wendeng-2025.yaml, which the file extends.
    expect(report.years.map((y) => y.year)).toEqual(Array.from({ length: 14 }, (_, k) => 2022 + k));
    for (const y of report.years) {
      for (const m of MC_METRICS) {
        expect(y[m].p10, `${m} ${y.year}`).toBeLessThanOrEqual(y[m].p50);
        expect(y[m].p50, `${m} ${y.year}`).toBeLessThanOrEqual(y[m].p90);
      }
    }
    // Capacity after the base year, energy and the weather term all vary: the bands have width.
    const y2025 = report.years.find((y) => y.year === 2025)!;
    expect(y2025.capacityMW.p90).toBeGreaterThan(y2025.capacityMW.p10);
    expect(y2025.energyMWh.p90).toBeGreaterThan(y2025.energyMWh.p10);
    expect(report.target!.year).toBe(2025);
    expect(report.target!.capacityMW).toBe(4500); // 450万千瓦
    expect(report.target!.probabilityMet).toBeGreaterThan(0);
    expect(report.target!.probabilityMet).toBeLessThan(1);
    expect(computed).toHaveLength(1);
    expect(computed[0]).toMatchObject({ id: UNCERTAIN, draws: MC_DEFAULT_DRAWS, seed: MC_DEFAULT_SEED, hash: report.scenario.hash });
  });

  it('is byte for byte what `pvplan mc --format json` prints, for the defaults and for a run of several chunks', async () => {
    const defaults = await mc(UNCERTAIN);
    expect(asCliText(defaults.body)).toBe(cliMc(UNCERTAIN, MC_DEFAULT_DRAWS, MC_DEFAULT_SEED));
    // 9,000 draws: three chunks of 4,096, so the merge of chunks at their draw offsets is exercised.
    const chunks = await mc(UNCERTAIN, '?draws=9000&seed=20240601');
    expect(asCliText(chunks.body)).toBe(cliMc(UNCERTAIN, 9000, 20240601));
  }, 60_000);

  it('equals runMonteCarlo of the library, and McPool gives the same report with 1 or 2 worker threads', async () => {
    const resolved = loadScenario(join(dir, `${UNCERTAIN}.yaml`));
    const expected = JSON.stringify(await runMonteCarlo(resolved, { draws: 5000, seed: 7, threads: 1 }));
    const res = await mc(UNCERTAIN, '?draws=5000&seed=7');
    expect(JSON.stringify(res.json())).toBe(expected);
    for (const threads of [1, 2]) {
      const pool = new McPool({ threads });
      try {
        expect(JSON.stringify(await pool.run(resolved, 5000, 7)), `${threads} threads`).toBe(expected);
      } finally {
        await pool.close();
      }
    }
  }, 60_000);

  it(`queues distinct runs beyond ${MAX_CONCURRENT_RUNS} at once, and each gets its own report`, async () => {
    const resolved = loadScenario(join(dir, `${UNCERTAIN}.yaml`));
    const seeds = Array.from({ length: 2 * MAX_CONCURRENT_RUNS + 1 }, (_, i) => 100 + i);
    const pool = new McPool({ threads: 1 });
    try {
      const together = await Promise.all(seeds.map((seed) => pool.run(resolved, 500, seed)));
      for (const [i, seed] of seeds.entries()) expect(JSON.stringify(together[i]), `seed ${seed}`).toBe(JSON.stringify(await runMonteCarlo(resolved, { draws: 500, seed, threads: 1 })));
    } finally {
      await pool.close();
    }
    await expect(pool.run(resolved, 500, 1)).rejects.toThrow(/closed/);
  }, 60_000);

  it('serves a repeat from the cache and computes once for concurrent identical requests', async () => {
    const [a, b, c] = await Promise.all([mc(UNCERTAIN, '?seed=1'), mc(UNCERTAIN, '?seed=1'), mc(UNCERTAIN, '?seed=1')]);
    expect([a, b, c].map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect([a, b, c].map((r) => r.headers['x-pvplan-mc-cache'])).toEqual(['miss', 'joined', 'joined']);
    expect(b.body).toBe(a.body);
    expect(c.body).toBe(a.body);
    expect(computed).toHaveLength(1);
    const again = await mc(UNCERTAIN, '?seed=1');
    expect(again.headers['x-pvplan-mc-cache']).toBe('hit');
    expect(again.body).toBe(a.body);
    expect(computed).toHaveLength(1);
    // Another seed or draw count is another run; the first stays cached.
    const other = await mc(UNCERTAIN, '?seed=2');
    expect(other.headers['x-pvplan-mc-cache']).toBe('miss');
    expect(other.body).not.toBe(a.body);
    await mc(UNCERTAIN, '?seed=1&draws=1000');
    expect(computed.map((e) => `${e.draws}:${e.seed}`)).toEqual(['2000:1', '2000:2', '1000:1']);
    expect((await mc(UNCERTAIN, '?seed=1')).headers['x-pvplan-mc-cache']).toBe('hit');
  });

  it('recomputes after the file changes, and after a parent of its extends chain changes', async () => {
    const first = (await mc(UNCERTAIN)).json() as McReport;
    // A wider yield distribution: a new hash and a wider energy band.
    edit(`${UNCERTAIN}.yaml`, 'sd: 60 h', 'sd: 120 h');
    const wider = await mc(UNCERTAIN);
    expect(wider.headers['x-pvplan-mc-cache']).toBe('miss');
    const w = wider.json() as McReport;
    expect(w.scenario.hash).not.toBe(first.scenario.hash);
    const spread = (r: McReport) => r.years.find((y) => y.year === 2030)!.energyMWh.sd;
    expect(spread(w)).toBeGreaterThan(spread(first));
    expect(computed).toHaveLength(2);
    // The parent's availability drops from 100 % to 90 %: every energy statistic drops (the child does not set it).
    edit('wendeng-2025.yaml', 'availability: 100 %', 'availability: 90 %');
    const parentChanged = await mc(UNCERTAIN);
    expect(parentChanged.headers['x-pvplan-mc-cache']).toBe('miss');
    const p = parentChanged.json() as McReport;
    expect(p.years.find((y) => y.year === 2030)!.energyMWh.p50).toBeLessThan(w.years.find((y) => y.year === 2030)!.energyMWh.p50);
    expect(computed).toHaveLength(3);
    expect((await mc(UNCERTAIN)).headers['x-pvplan-mc-cache']).toBe('hit');
  });

  it('refuses bad parameters with 400 naming them', async () => {
    const cases: Array<[string, string]> = [
      [`?draws=${MC_MIN_DRAWS - 1}`, 'draws'],
      [`?draws=${MC_MAX_DRAWS + 1}`, 'draws'],
      ['?draws=abc', 'draws'],
      ['?draws=1.5', 'draws'],
      ['?draws=-5', 'draws'],
      ['?draws=', 'draws'],
      ['?seed=-1', 'seed'],
      ['?seed=x', 'seed'],
      [`?seed=${2 ** 53}`, 'seed'],
      ['?draw=2000', 'draw'],
    ];
    for (const [query, field] of cases) {
      const res = await mc(UNCERTAIN, query);
      expect(res.statusCode, query).toBe(400);
      const body = res.json() as { error: string; message: string; field?: string };
      expect(body.error, query).toBe('bad-request');
      expect(body.field ?? body.message, query).toContain(field);
    }
    // The bounds themselves are accepted.
    expect((await mc(UNCERTAIN, `?draws=${MC_MIN_DRAWS}&seed=0`)).statusCode).toBe(200);
    expect(computed).toHaveLength(1);
  });

  it('answers 404 for an unknown scenario and 400 for an id that could name a path', async () => {
    const missing = await mc('no-such-scenario');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toBe('not-found');
    for (const id of ['..%2fwendeng-2025', '%2e%2e', 'Wendeng']) {
      const res = await mc(id);
      expect([400, 404], id).toContain(res.statusCode);
      expect(res.body).not.toContain(dir);
    }
    expect(computed).toHaveLength(0);
  });

  it('gives a scenario without distributions its run with zero spread: every statistic is the pvplan run value', async () => {
    const res = await mc('wendeng-2025', '?draws=100');
    expect(res.statusCode).toBe(200);
    const report = res.json() as McReport;
    const run = (await app.inject('/api/scenarios/wendeng-2025/result')).json() as { years: Array<Record<string, number>>; target: { metInTargetYear: boolean } };
    expect(report.inputs.parameters).toEqual([]);
    for (const [k, y] of report.years.entries()) {
      for (const m of MC_METRICS) expect(y[m], `${m} ${y.year}`).toEqual({ mean: run.years[k]![m], sd: 0, p10: run.years[k]![m], p50: run.years[k]![m], p90: run.years[k]![m] });
    }
    expect(report.target!.probabilityMet).toBe(run.target.metInTargetYear ? 1 : 0);
  });
});

describe('GET /api/scenarios: the uncertain flag', () => {
  it('marks the scenarios that declare distributions or a weather term', async () => {
    const list = (await app.inject('/api/scenarios')).json() as { scenarios: Array<{ id: string; file: string; valid: boolean; uncertain?: boolean }> };
    const valid = list.scenarios.filter((s) => s.valid);
    expect(valid.length).toBeGreaterThan(3);
    const uncertain = valid.filter((s) => s.uncertain).map((s) => s.id);
    // Shipped files: only wendeng-2025-uncertain.yaml has distributions (its own `{ pert: … }`, `{ normal: … }`, …).
    const withDistributions = valid.filter((s) => /\{ *(normal|lognormal|triangular|uniform|pert|discrete) *:|interannualVariability/.test(readFileSync(join(dir, s.file), 'utf8'))).map((s) => s.id);
    expect(uncertain).toEqual(withDistributions);
    expect(uncertain).toContain(UNCERTAIN);
    for (const s of valid) expect(typeof s.uncertain, s.id).toBe('boolean');
  });
});

describe('the event loop while a Monte Carlo runs', () => {
  it('keeps answering GET /api/scenarios over HTTP: the draws run in a worker thread', async () => {
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    await fetch(`${base}/api/scenarios`); // warm: every scenario loaded and run once
    // The same-run baseline: how long a list request takes on this machine now, with no Monte Carlo running (a
    // loaded machine slows both alike; a Monte Carlo in this thread would hold the loop for its whole run).
    const idleMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await (await fetch(`${base}/api/scenarios`)).arrayBuffer();
      idleMs.push(performance.now() - t0);
    }
    const boundMs = Math.max(LIST_LATENCY_BOUND_MS, 4 * Math.max(...idleMs));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let done = false;
    const started = performance.now();
    const running = fetch(`${base}/api/scenarios/${UNCERTAIN}/mc?draws=${MC_MAX_DRAWS}&seed=99`).then(async (r) => {
      const body = await r.text();
      done = true;
      return { status: r.status, body };
    });
    const latenciesMs: number[] = [];
    // A client asking again and again (bounded, so a stuck run fails the test instead of looping forever).
    for (let i = 0; !done && i < 2000; i++) {
      const t0 = performance.now();
      const list = await fetch(`${base}/api/scenarios`);
      await list.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      expect(list.status).toBe(200);
    }
    const res = await running;
    const totalMs = performance.now() - started;
    delay.disable();
    expect(res.status).toBe(200);
    expect(done).toBe(true);
    // Many list requests were answered while the draws ran, each quickly, and the loop was never held long.
    expect(latenciesMs.length, `${latenciesMs.length} list requests in ${totalMs.toFixed(0)} ms`).toBeGreaterThan(5);
    expect(Math.max(...latenciesMs), `idle list requests took up to ${Math.max(...idleMs).toFixed(0)} ms`).toBeLessThan(boundMs);
    expect(delay.max / 1e6).toBeLessThan(boundMs);
  }, 60_000);

  it('leaves the event loop mostly idle during a run (the draws are not computed in this thread)', async () => {
    await app.inject('/api/scenarios');
    await mc(UNCERTAIN, '?draws=100&seed=5'); // the worker thread started
    const before = performance.eventLoopUtilization();
    const res = await mc(UNCERTAIN, `?draws=${MC_MAX_DRAWS}&seed=6`);
    const elu = performance.eventLoopUtilization(before);
    expect(res.statusCode).toBe(200);
    // In this thread, the draws would keep the loop busy nearly all the run (utilization near 1); here it only
    // merges chunks and computes statistics.
    expect(elu.utilization).toBeLessThan(MAX_EVENT_LOOP_UTILIZATION);
  }, 60_000);
});
