/**
 * The HTTP API through `app.inject()` (no socket): every route, every error status, path traversal in all its
 * spellings, body limits, headers and logging. Each test works on its own temp copy of scenarios/.
 * Expected numbers come from the scenario files themselves (450万千瓦 = 4500 MW, 1135 h, 4.58万 t ÷ 1.135亿 kWh
 * = 403.5 g/kWh) or are worked by hand in the comment next to them, never from running the code under test.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { metricById } from '../../src/core/metrics/metrics.ts';
import { COMPARE_METRICS } from '../../src/report/compare.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { DISPLAY_UNITS } from '../../src/scenario/quantity.ts';
import { buildApp, DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/app.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { copyScenarios, quietApp, SHIPPED_SCENARIOS } from './helpers.ts';

/** Ids of the shipped scenario files (the list grows as issues add scenarios). */
const SHIPPED_IDS = readdirSync(SHIPPED_SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
/** Shipped scenarios with a physical yield (their weather file ships in scenarios/weather/). */
const PHYSICAL_IDS = SHIPPED_IDS.filter((id) => /^\s+model: physical\b/m.test(readFileSync(join(SHIPPED_SCENARIOS, `${id}.yaml`), 'utf8')));
/** Every shipped scenario is served from the folder alone. */
const SELF_CONTAINED_IDS = SHIPPED_IDS;

let dir: string;
let parent: string;
let cleanup: () => void;
let app: FastifyInstance;

beforeEach(async () => {
  ({ dir, parent, cleanup } = copyScenarios());
  app = await quietApp(dir);
});

afterEach(async () => {
  await app.close();
  cleanup();
});

/** Runs the CLI in-process and returns its stdout (it must succeed). */
async function cli(args: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

/** An error body: JSON with error and message, no stack trace and no server path outside the folder. */
function expectErrorBody(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, kind: string): { error: string; message: string; field?: string } {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: string; message: string; field?: string };
  expect(body.error).toBe(kind);
  expect(typeof body.message).toBe('string');
  expect(res.body).not.toMatch(/\n\s+at /);
  expect(res.body).not.toContain(parent);
  return body;
}

const WHAT_IF = { extends: 'wendeng-2025.yaml', name: 'Wendeng at 30 %', capacity: { growth: { model: 'cagr', rate: '30 %' } } };

describe('GET /api/meta', () => {
  it('gives the version, the display units the CLI uses, the metrics and the id pattern', async () => {
    const res = await app.inject('/api/meta');
    expect(res.statusCode).toBe(200);
    const meta = res.json();
    expect(meta.pvplanVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(meta.displayUnits).toEqual(JSON.parse(JSON.stringify(DISPLAY_UNITS)));
    expect(meta.metrics.map((m: { id: string }) => m.id)).toEqual(['capacity', 'operating', 'additions', 'retirements', 'energy', 'coal', 'co2', 'so2', 'nox', 'energyCum', 'coalCum', 'co2Cum']);
    expect(meta.metrics.filter((m: { compare: boolean }) => m.compare).map((m: { id: string }) => m.id)).toEqual(['capacity', 'operating', 'energy', 'coal', 'co2']);
    // Every row field of a run is a registry metric, in the registry's order.
    expect(meta.metrics.filter((m: { optional?: boolean }) => !m.optional).map((m: { field: string }) => m.field)).toEqual(Object.keys((await app.inject('/api/scenarios/wendeng-2025/result')).json().years[0]).slice(1));
    expect(meta.metrics.find((m: { id: string }) => m.id === 'coalCum')).toMatchObject({ field: 'cumulativeCoalTonnes', cumulativeOf: 'coal', label: { en: 'cumulative coal saved', zh: '累计节约标准煤' } });
    // The what-if input units, as the scenario parser reads them back: 1 t/MWh = 1000 g/kWh; 1 = 100 %.
    expect(meta.inputUnits.gramsPerKWh).toEqual({ dimension: 'intensity', unit: 'g/kWh', perInternal: 1000 });
    expect(meta.inputUnits.percent).toEqual({ dimension: 'fraction', unit: '%', perInternal: 100 });
    expect(meta.mergeRules).toEqual({ replaceWholeWhenKeysMatch: '^[12][0-9]{3}$', replaceWholeWhenChanged: ['model'], nullRemoves: true, mergeListsByKey: { projects: 'id' } });
    expect(new RegExp(meta.idPattern, 'u').test('wendeng-2025')).toBe(true);
  });
});

describe('GET /api/scenarios', () => {
  it('lists every shipped scenario with its name, region and target', async () => {
    const res = await app.inject('/api/scenarios');
    expect(res.statusCode).toBe(200);
    const { scenarios } = res.json() as { scenarios: Array<Record<string, unknown>> };
    expect(scenarios.map((s) => s.id)).toEqual(SHIPPED_IDS);
    expect(scenarios.filter((s) => s.valid === true).map((s) => s.id)).toEqual(SELF_CONTAINED_IDS);
    const wendeng = scenarios.find((s) => s.id === 'wendeng-2025')!;
    expect(wendeng.file).toBe('wendeng-2025.yaml');
    expect(wendeng.name).toContain('Wendeng');
    expect(wendeng.region).toContain('文登');
    // The article's target: 450万千瓦 (= 4500 MW) built + under construction in 2025.
    expect(wendeng.target).toEqual({ year: 2025, capacity: '450万千瓦' });
    expect(wendeng.targetCapacityMW).toBe(4500);
    const linear = scenarios.find((s) => s.id === 'wendeng-2025-linear')!;
    expect(linear.extends).toBe('wendeng-2025.yaml');
    expect(linear.target).toEqual({ year: 2025, capacity: '450万千瓦' });
    expect(scenarios.find((s) => s.id === 'datang-100mw')!.target).toBeUndefined();
  });

  it('lists invalid files with their error instead of hiding them or failing', async () => {
    writeFileSync(join(dir, 'broken.yaml'), readFileSync(join(dir, 'wendeng-2025.yaml'), 'utf8').replace('  growth:', '  grwoth:'));
    writeFileSync(join(dir, 'Bad Name.yaml'), 'name: x\n');
    writeFileSync(join(dir, 'garbled.yaml'), 'name: [unclosed\n');
    writeFileSync(join(dir, '.hidden.yaml'), 'name: x\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    const res = await app.inject('/api/scenarios');
    expect(res.statusCode).toBe(200);
    const { scenarios } = res.json() as { scenarios: Array<{ id: string; file: string; valid: boolean; error?: { message: string; field?: string; problems?: Array<{ field?: string; message: string; line?: number }> } }> };
    const byFile = new Map(scenarios.map((s) => [s.file, s]));
    expect(byFile.has('.hidden.yaml')).toBe(false);
    expect(byFile.has('notes.txt')).toBe(false);
    expect(byFile.has('scenario.schema.json')).toBe(false);
    const broken = byFile.get('broken.yaml')!;
    expect(broken.valid).toBe(false);
    expect(broken.error!.message).toMatch(/^broken\.yaml:\d+:\d+: /);
    const typo = broken.error!.problems!.find((p) => p.field === 'capacity.grwoth')!;
    expect(typo.message).toContain("did you mean 'growth'");
    expect(typo.line).toBeGreaterThan(1);
    expect(byFile.get('garbled.yaml')!.error!.message).toContain('malformed YAML');
    expect(byFile.get('Bad Name.yaml')!.valid).toBe(false);
    expect(scenarios.filter((s) => s.valid).map((s) => s.id)).toEqual(SELF_CONTAINED_IDS);
  });

  it('answers 500 without details when the folder itself has gone', async () => {
    rmSync(dir, { recursive: true, force: true });
    const body = expectErrorBody(await app.inject('/api/scenarios'), 500, 'internal-error');
    expect(body.message).not.toContain('ENOENT');
  });
});

describe('GET /api/scenarios/:id', () => {
  it('gives the scenario with extends applied, its chain, key parameters and its source text', async () => {
    const res = await app.inject('/api/scenarios/wendeng-2025-linear');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.id).toBe('wendeng-2025-linear');
    expect(d.file).toBe('wendeng-2025-linear.yaml');
    expect(d.extends).toBe('wendeng-2025.yaml');
    expect(d.files).toEqual(['wendeng-2025-linear.yaml', 'wendeng-2025.yaml']);
    expect(d.source).toBe(readFileSync(join(dir, 'wendeng-2025-linear.yaml'), 'utf8'));
    // From the child: the growth model; from the parent: everything else.
    expect(d.scenario.capacity.growth).toEqual({ model: 'linear' });
    expect(d.scenario.capacity.target).toEqual({ capacity: '450万千瓦', year: 2025 });
    expect(d.scenario.yield.value).toBe('1135 h');
    expect(d.scenario.extends).toBeUndefined();
    expect(d.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const p = d.parameters;
    expect(p.growthModel).toBe('linear');
    expect(p.baselineMW).toBe(1125);
    expect(p.targetCapacityMW).toBe(4500);
    expect(p.targetYear).toBe(2025);
    // Solved equal additions: (4500 − 1125) MW / 3 years = 1125 MW a year.
    expectClose(p.additionsMWPerYear, 1125, { rel: 1e-9 });
    // The rate a compound path would need instead: 4^(1/3) − 1.
    expectClose(p.rateFrac, 4 ** (1 / 3) - 1, { rel: 1e-9 });
    expect(p.fullLoadHours).toBe(1135);
    expect(p.annualDegradationFrac).toBe(0.005);
    expect(p.constructionLagYears).toBe(1);
    // article-datang-2022: 4.58万 t ÷ 1.135亿 kWh = 45800 t / 113500 MWh.
    expectClose(p.coalTonnesPerMWh, 45800 / 113500, { rel: 1e-3 });
    expect(p.co2TonnesPerMWh).toBe(0.5703);
  });

  it('answers 404 for an unknown scenario and 400 for an id that is not one', async () => {
    expect(expectErrorBody(await app.inject('/api/scenarios/no-such-plan'), 404, 'not-found').message).toContain("'no-such-plan'");
    const bad = expectErrorBody(await app.inject('/api/scenarios/Wendeng'), 400, 'bad-request');
    expect(bad.field).toBe('id');
  });

  it('answers 400 with file, line and field for an invalid file', async () => {
    writeFileSync(join(dir, 'bad-unit.yaml'), readFileSync(join(dir, 'wendeng-2025.yaml'), 'utf8').replace('value: 1135 h', 'value: 1135 kWh'));
    const body = expectErrorBody(await app.inject('/api/scenarios/bad-unit'), 400, 'invalid-scenario');
    expect(body.field).toBe('yield.value');
    expect(body.message).toMatch(/^bad-unit\.yaml:\d+:\d+: yield\.value: /);
  });
});

describe('GET /api/scenarios/:id/result', () => {
  it('is exactly the JSON of `pvplan run --format json`, for every shipped scenario', async () => {
    for (const id of SELF_CONTAINED_IDS) {
      const res = await app.inject(`/api/scenarios/${id}/result`);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
      const fromCli = JSON.parse(await cli(['run', join(dir, `${id}.yaml`), '--format', 'json']));
      expect(res.json()).toEqual(fromCli);
    }
  });

  it('shows the article: 1125 MW in 2022, 4500 MW in 2025, target met in 2025', async () => {
    const r = (await app.inject('/api/scenarios/wendeng-2025/result')).json();
    const cap = (y: number) => r.years.find((row: { year: number }) => row.year === y).capacityMW;
    expect(cap(2022)).toBe(1125);
    expectClose(cap(2025), 4500, { rel: 1e-9 });
    expect(r.target.metYear).toBe(2025);
  });

  it('serves a result again from the cache and reloads it when a file of its extends chain changes', async () => {
    const before = (await app.inject('/api/scenarios/wendeng-2025-linear/result')).json();
    const again = (await app.inject('/api/scenarios/wendeng-2025-linear/result')).json();
    expect(again).toEqual(before);
    // The parent's target moves to 500万千瓦 (5000 MW): the solved linear path now ends there.
    const parentFile = join(dir, 'wendeng-2025.yaml');
    writeFileSync(parentFile, readFileSync(parentFile, 'utf8').replace('capacity: 450万千瓦', 'capacity: 500万千瓦'));
    const after = (await app.inject('/api/scenarios/wendeng-2025-linear/result')).json();
    expect(after.target.capacityMW).toBe(5000);
    expectClose(after.years.find((y: { year: number }) => y.year === 2025).capacityMW, 5000, { rel: 1e-9 });
    expect(after.scenario.hash).not.toBe(before.scenario.hash);
  });
});

describe('CSV downloads', () => {
  it('GET /api/scenarios/:id/result.csv is the CLI\'s `run --format csv`, in SI and Chinese units', async () => {
    for (const units of ['si', 'cn']) {
      const res = await app.inject(`/api/scenarios/wendeng-2025/result.csv?units=${units}`);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="wendeng-2025-/);
      expect(res.body).toBe(await cli(['run', join(dir, 'wendeng-2025.yaml'), '--format', 'csv', '--units', units]));
    }
    expect((await app.inject('/api/scenarios/wendeng-2025/result.csv?units=cn')).body.split('\n')[0]).toContain('capacity (万千瓦)');
  });

  it('GET /api/compare.csv is the CLI\'s `compare --format csv`', async () => {
    const res = await app.inject('/api/compare.csv?ids=wendeng-2025,wendeng-2025-delayed&metric=energy&units=cn');
    expect(res.statusCode).toBe(200);
    const files = ['wendeng-2025', 'wendeng-2025-delayed'].map((id) => join(dir, `${id}.yaml`));
    expect(res.body).toBe(await cli(['compare', ...files, '--metric', 'energy', '--format', 'csv', '--units', 'cn']));
  });

  it('POST /api/run.csv and POST /api/compare.csv render what-ifs too', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/run.csv?units=si', payload: WHAT_IF });
    expect(run.statusCode).toBe(200);
    expect(run.body.split('\n')[0]).toBe('year,capacity (MW),operating (MW),additions (MW),retirements (MW),energy (GWh),coal saved (t),CO2 avoided (t),cum. energy (GWh),cum. coal (t),cum. CO2 (t)');
    const cmp = await app.inject({ method: 'POST', url: '/api/compare.csv', payload: { ids: ['wendeng-2025'], whatIfs: [WHAT_IF], metric: 'capacity' } });
    expect(cmp.statusCode).toBe(200);
    expect(cmp.body.split('\n')[0]).toBe('year,wendeng-2025 (MW),what-if (MW),Δ what-if (MW)');
    // 2025: 4500 MW vs 1125 × 1.3³ = 2471.625 MW, a difference of −2028.375 MW.
    const row2025 = cmp.body.split('\n').find((l) => l.startsWith('2025,'))!.split(',').map(Number);
    expectClose(row2025[1]!, 4500, { rel: 1e-9 });
    expectClose(row2025[2]!, 2471.625, { rel: 1e-9 });
    expectClose(row2025[3]!, -2028.375, { rel: 1e-9 });
  });
});

describe('GET /api/compare', () => {
  it('gives the paths side by side, each scenario\'s summary and the inputs that differ', async () => {
    const res = await app.inject('/api/compare?ids=wendeng-2025,wendeng-2025-delayed&metric=capacity');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.metric).toBe('capacity');
    expect(c.dimension).toBe('power');
    expect(c.scenarios.map((s: { id: string }) => s.id)).toEqual(['wendeng-2025', 'wendeng-2025-delayed']);
    const row = c.rows.find((r: { year: number }) => r.year === 2025);
    // The delayed path: 1125 MW × 4^(2/3) in 2025 (its file's formula), against the target's 4500 MW.
    expectClose(row.values[0], 4500, { rel: 1e-9 });
    expectClose(row.values[1], 1125 * 4 ** (2 / 3), { rel: 1e-9 });
    expectClose(row.deltas[1], 1125 * 4 ** (2 / 3) - 4500, { rel: 1e-9 });
    expect(c.summary.map((s: { targetMetYear: number }) => s.targetMetYear)).toEqual([2025, 2026]);
    expect(c.differences.map((d: { path: string }) => d.path)).toContain('capacity.growth.model');
  });

  it('compares every metric, each in its dimension and equal to the runs\' own rows', async () => {
    const runs = await Promise.all(['wendeng-2025', 'wendeng-2025-scurve'].map(async (id) => (await app.inject(`/api/scenarios/${id}/result`)).json()));
    for (const metric of COMPARE_METRICS) {
      const c = (await app.inject(`/api/compare?ids=wendeng-2025,wendeng-2025-scurve&metric=${metric}`)).json();
      expect(c.dimension, metric).toBe(metricById(metric).dimension);
      const { field } = metricById(metric);
      for (const row of c.rows) {
        runs.forEach((run, i) => expect(row.values[i], `${metric} ${row.year}`).toBe(run.years.find((y: { year: number }) => y.year === row.year)[field]));
      }
    }
  });

  it('checks its query: unknown metric, bad id, unknown id, too many, none', async () => {
    expectErrorBody(await app.inject('/api/compare?ids=wendeng-2025&metric=sunshine'), 400, 'bad-request');
    expectErrorBody(await app.inject('/api/compare?ids=wendeng-2025,..%2Fsecret'), 400, 'bad-request');
    expectErrorBody(await app.inject('/api/compare?ids=wendeng-2025,nope'), 404, 'not-found');
    expectErrorBody(await app.inject(`/api/compare?ids=${Array(13).fill('wendeng-2025').join(',')}`), 400, 'bad-request');
    expectErrorBody(await app.inject('/api/compare?ids=,'), 400, 'bad-request');
    expectErrorBody(await app.inject('/api/compare'), 400, 'bad-request');
  });

  it('POST /api/compare adds what-ifs to saved scenarios', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/compare', payload: { ids: ['wendeng-2025'], whatIfs: [WHAT_IF, { ...WHAT_IF, name: 'b' }], metric: 'energy' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().scenarios.map((s: { id: string }) => s.id)).toEqual(['wendeng-2025', 'what-if', 'what-if-2']);
    const bad = await app.inject({ method: 'POST', url: '/api/compare', payload: { ids: ['wendeng-2025'], whatIfs: [{ ...WHAT_IF, yield: { value: '1135 kWh' } }] } });
    expect(expectErrorBody(bad, 400, 'invalid-scenario').field).toBe('yield.value');
  });
});

describe('POST /api/run', () => {
  it('runs a what-if that extends a file: 30 % a year from 1125 MW gives 1125 × 1.3³ = 2471.625 MW in 2025', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.scenario.id).toBe('what-if');
    expect(r.scenario.name).toBe('Wendeng at 30 %');
    expectClose(r.years.find((y: { year: number }) => y.year === 2025).capacityMW, 2471.625, { rel: 1e-9 });
    expect(r.target.metInTargetYear).toBe(false);
    expectClose(r.target.shortfallMW, 4500 - 2471.625, { rel: 1e-9 });
    expect(r.summary.growth.parameters.rateFrac).toBe(0.3);
  });

  it('solves each growth model the what-if panel offers so the path meets 450万千瓦 (4500 MW) in 2025', async () => {
    // Each model omits its parameter, so it is solved from the target (the S-curve saturates at 600万千瓦 = 6000 MW).
    const growths: Record<string, Record<string, string>> = { cagr: { model: 'cagr' }, linear: { model: 'linear' }, logistic: { model: 'logistic', saturation: '600万千瓦' } };
    for (const [model, growth] of Object.entries(growths)) {
      const res = await app.inject({ method: 'POST', url: '/api/run', payload: { extends: 'wendeng-2025.yaml', name: model, capacity: { growth } } });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.summary.growth.model).toBe(model);
      expect(r.years[0].capacityMW).toBe(1125);
      expectClose(r.years.find((y: { year: number }) => y.year === 2025).capacityMW, 4500, { rel: 1e-9 });
      expect(r.target.metYear, model).toBe(2025);
    }
  });

  it('gives the same result as saving the what-if and running the file', async () => {
    const run = (await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF })).json();
    writeFileSync(join(dir, 'same.json'), JSON.stringify(WHAT_IF));
    const fromFile = (await app.inject('/api/scenarios/same/result')).json();
    expect(run.scenario.hash).toBe(fromFile.scenario.hash);
    expect(run.years).toEqual(fromFile.years);
  });

  it('runs a self-contained scenario (no extends)', async () => {
    const d = (await app.inject('/api/scenarios/datang-100mw')).json();
    const res = await app.inject({ method: 'POST', url: '/api/run', payload: d.scenario });
    expect(res.statusCode).toBe(200);
    // The article's plant: 100 MW × 1135 h = 113500 MWh (1.135亿 kWh) in its first full year, 2024.
    expectClose(res.json().years.find((y: { year: number }) => y.year === 2024).energyMWh, 113500, { rel: 5e-3 });
  });

  it('names the field of an invalid what-if, with the scenario layer\'s message', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...WHAT_IF, capacity: { grwth: { model: 'linear' } } }, 'capacity.grwth', /did you mean 'growth'/],
      [{ ...WHAT_IF, yield: { value: '1135 kWh' } }, 'yield.value', /expected hours per year/],
      [{ ...WHAT_IF, years: { start: '2022' } }, 'years.start', /whole number/],
      [{ ...WHAT_IF, capacity: { growth: { model: 'cagr', rate: '150 %' }, constructionLagYears: 99 } }, 'capacity.constructionLagYears', /at most 10/],
      [{ ...WHAT_IF, capacity: { growth: { model: 'exponential' } } }, 'capacity.growth.model', /expected one of/],
      [{ name: 'no years' }, 'years', /missing required field/],
    ];
    for (const [payload, field, message] of cases) {
      const body = expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', payload }), 400, 'invalid-scenario');
      expect(body.field, JSON.stringify(payload)).toBe(field);
      expect(body.message).toMatch(message);
    }
  });

  it('resolves extends inside the scenarios folder only', async () => {
    writeFileSync(join(parent, 'outside.yaml'), readFileSync(join(dir, 'wendeng-2025.yaml')));
    symlinkSync(join(parent, 'outside.yaml'), join(dir, 'linked-out.yaml'));
    for (const ext of ['../outside.yaml', join(parent, 'outside.yaml'), '/etc/passwd', 'linked-out.yaml', '..%2Foutside.yaml', 'missing.yaml']) {
      const body = expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', payload: { ...WHAT_IF, extends: ext } }), 400, 'invalid-scenario');
      expect(body.field, ext).toBe('extends');
    }
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inner.yaml'), `extends: ../wendeng-2025.yaml\nname: inner\n`);
    const inner = await app.inject({ method: 'POST', url: '/api/run', payload: { ...WHAT_IF, extends: 'sub/inner.yaml' } });
    expect(inner.statusCode).toBe(200);
  });

  it('reports an extends cycle', async () => {
    writeFileSync(join(dir, 'ping.yaml'), 'extends: pong.yaml\nname: ping\n');
    writeFileSync(join(dir, 'pong.yaml'), 'extends: ping.yaml\nname: pong\n');
    const body = expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', payload: { ...WHAT_IF, extends: 'ping.yaml' } }), 400, 'invalid-scenario');
    expect(body.message).toContain('cycle');
    expect(expectErrorBody(await app.inject('/api/scenarios/ping'), 400, 'invalid-scenario').message).toContain('cycle');
  });

  it('refuses malformed JSON, a non-object, an empty body, plain text and another media type', async () => {
    const json = { 'content-type': 'application/json' };
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: json, payload: '{"name": ' }), 400, 'bad-request');
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: json, payload: '[1, 2]' }), 400, 'bad-request');
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: json, payload: '' }), 400, 'bad-request');
    // `__proto__` is an unknown key like any other (issue 11): named, never dropped or applied to the prototype.
    const proto = expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: json, payload: '{"extends": "wendeng-2025.yaml", "__proto__": {"x": 1}}' }), 400, 'invalid-scenario');
    expect(proto.field).toBe('__proto__');
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: { 'content-type': 'text/plain' }, payload: 'name: x' }), 400, 'bad-request');
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: { 'content-type': 'application/xml' }, payload: '<name/>' }), 415, 'unsupported-media-type');
  });

  it('refuses a body over the limit with 413', async () => {
    const payload = JSON.stringify({ ...WHAT_IF, description: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES) });
    expectErrorBody(await app.inject({ method: 'POST', url: '/api/run', headers: { 'content-type': 'application/json' }, payload }), 413, 'body-too-large');
    const small = await quietApp(dir, { bodyLimitBytes: 200 });
    expectErrorBody(await small.inject({ method: 'POST', url: '/api/run', payload: { ...WHAT_IF, description: 'y'.repeat(300) } }), 413, 'body-too-large');
    await small.close();
  });

  it('answers a repeated what-if from its cache, and again afresh when the file it extends changes', async () => {
    const first = (await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF })).json();
    expect((await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF })).json()).toEqual(first);
    const parentFile = join(dir, 'wendeng-2025.yaml');
    writeFileSync(parentFile, readFileSync(parentFile, 'utf8').replace('value: 1135 h', 'value: 1200 h'));
    const after = (await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF })).json();
    // Same capacity path, 1200/1135 of the energy in 2022 (only the baseline operates; no degradation in its first year is counted differently).
    expect(after.years[0].capacityMW).toBe(first.years[0].capacityMW);
    expectClose(after.years[0].energyMWh / first.years[0].energyMWh, 1200 / 1135, { rel: 1e-9 });
  });
});

describe('POST /api/scenarios', () => {
  const save = (payload: unknown) => app.inject({ method: 'POST', url: '/api/scenarios', payload: payload as Record<string, unknown> });

  it('saves a what-if as ID.yaml: it validates, is listed, runs, and `pvplan run` runs it', async () => {
    const res = await save({ id: 'wendeng-30pct', scenario: WHAT_IF });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/scenarios/wendeng-30pct');
    const saved = res.json();
    expect(saved).toMatchObject({ id: 'wendeng-30pct', file: 'wendeng-30pct.yaml', created: true });
    const file = join(dir, 'wendeng-30pct.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\/scenario\.schema\.json\n/);
    expect(text).toContain('extends: wendeng-2025.yaml');
    const resolved = loadScenario(file);
    expect(resolved.hash).toBe(saved.hash);
    expect(resolved.plan.capacity.growth).toMatchObject({ model: 'cagr', rateFrac: 0.3 });
    const list = (await app.inject('/api/scenarios')).json().scenarios as Array<{ id: string; valid: boolean }>;
    expect(list.find((s) => s.id === 'wendeng-30pct')?.valid).toBe(true);
    expect((await app.inject('/api/scenarios/wendeng-30pct/result')).statusCode).toBe(200);
    const out = JSON.parse(await cli(['run', file, '--format', 'json']));
    expect(out.scenario.hash).toBe(saved.hash);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an existing id with 409 unless asked to overwrite, and then replaces the file in its format', async () => {
    const before = readFileSync(join(dir, 'wendeng-2025-linear.yaml'), 'utf8');
    const conflict = expectErrorBody(await save({ id: 'wendeng-2025-linear', scenario: WHAT_IF }), 409, 'conflict');
    expect(conflict.field).toBe('id');
    expect(readFileSync(join(dir, 'wendeng-2025-linear.yaml'), 'utf8')).toBe(before);
    writeFileSync(join(dir, 'as-json.json'), JSON.stringify(WHAT_IF));
    expectErrorBody(await save({ id: 'as-json', scenario: WHAT_IF }), 409, 'conflict');
    const over = await save({ id: 'as-json', scenario: { ...WHAT_IF, name: 'replaced' }, overwrite: true });
    expect(over.statusCode).toBe(200);
    expect(over.json().created).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'as-json.json'), 'utf8')).name).toBe('replaced');
  });

  it('writes nothing for an invalid scenario, an unsafe id or a name that links out of the folder', async () => {
    const listing = () => readdirSync(dir).sort();
    const before = listing();
    expect(expectErrorBody(await save({ id: 'bad', scenario: { ...WHAT_IF, yield: { value: '1135 kWh' } } }), 400, 'invalid-scenario').field).toBe('yield.value');
    for (const id of ['../evil', '..', '/etc/evil', 'Evil', '.hidden', 'a..b', 'x'.repeat(201), '荣'.repeat(67), 'a/b', '', 'con', 'nul.txt', 'x.yaml', 'scenario.schema', 'x.', 'a\u202eb', 'e\u0301t']) {
      expectErrorBody(await save({ id, scenario: WHAT_IF }), 400, 'bad-request');
    }
    expectErrorBody(await save({ scenario: WHAT_IF }), 400, 'bad-request');
    expectErrorBody(await save({ id: 'fine', scenario: WHAT_IF, extra: 1 }), 400, 'bad-request');
    expect(listing()).toEqual(before);
    writeFileSync(join(parent, 'target.yaml'), 'untouched');
    symlinkSync(join(parent, 'target.yaml'), join(dir, 'link-out.yaml'));
    expectErrorBody(await save({ id: 'link-out', scenario: WHAT_IF, overwrite: true }), 409, 'conflict');
    expect(readFileSync(join(parent, 'target.yaml'), 'utf8')).toBe('untouched');
  });
});

describe('path traversal', () => {
  it('never reads outside the folder, however the id is spelled', async () => {
    writeFileSync(join(parent, 'secret.yaml'), readFileSync(join(dir, 'wendeng-2025.yaml')));
    for (const url of [
      '/api/scenarios/..%2Fsecret',
      '/api/scenarios/..%2fsecret/result',
      '/api/scenarios/%2e%2e%2fsecret',
      '/api/scenarios/%2E%2E',
      '/api/scenarios/..',
      '/api/scenarios/%2Fetc%2Fpasswd',
      '/api/scenarios/%2Ftmp%2Fsecret/result.csv',
      '/api/scenarios/a..b',
    ]) {
      const res = await app.inject(url);
      expect([400, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('Wendeng');
      expect(res.body).not.toContain(parent);
    }
    expect((await app.inject('/api/scenarios/../secret')).statusCode).toBe(404);
  });

  it('refuses a symbolic link that points out of the folder, and lists it as refused', async () => {
    writeFileSync(join(parent, 'secret.yaml'), readFileSync(join(dir, 'wendeng-2025.yaml')));
    symlinkSync(join(parent, 'secret.yaml'), join(dir, 'escape.yaml'));
    symlinkSync(join(dir, 'wendeng-2025.yaml'), join(dir, 'alias.yaml'));
    expectErrorBody(await app.inject('/api/scenarios/escape'), 404, 'not-found');
    expectErrorBody(await app.inject('/api/scenarios/escape/result'), 404, 'not-found');
    expect((await app.inject('/api/scenarios/alias/result')).statusCode).toBe(200);
    const list = (await app.inject('/api/scenarios')).json().scenarios as Array<{ id: string; valid: boolean; error?: { message: string } }>;
    const escape = list.find((s) => s.id === 'escape')!;
    expect(escape.valid).toBe(false);
    expect(escape.error!.message).toContain('outside the scenarios folder');
  });

  it('reads weather files only inside the scenarios folder and the data folders it was given', async () => {
    // The shipped physical scenario keeps its weather file inside the folder (scenarios/weather/), so it is served as is.
    expect(PHYSICAL_IDS.length).toBeGreaterThan(0);
    const physical = PHYSICAL_IDS[0]!;
    const served = await app.inject(`/api/scenarios/${physical}/result`);
    expect(served.statusCode, served.body).toBe(200);
    expect(served.json()).toEqual(JSON.parse(await cli(['run', join(SHIPPED_SCENARIOS, `${physical}.yaml`), '--format', 'json'])));
    // Anything outside the folder is refused, whatever the spelling, and nothing of it leaks.
    writeFileSync(join(parent, 'secret.csv'), 'root:x:0:0:root:/root:/bin/bash\n');
    for (const file of ['/etc/passwd', '../../secret.csv', join(parent, 'secret.csv')]) {
      const res = await app.inject({ method: 'POST', url: '/api/run', payload: { extends: `${physical}.yaml`, yield: { weather: { file } } } });
      const body = expectErrorBody(res, 400, 'invalid-scenario');
      expect(body.message, file).toContain('refused');
      expect(res.body).not.toContain('root:');
    }
    // A weather file in a separate data folder is read only when the server was given that folder.
    const data = join(parent, 'data');
    mkdirSync(data);
    copyFileSync(join(dir, 'weather', 'CHN_Beijing.Beijing.545110_CSWD.epw'), join(data, 'beijing.epw'));
    writeFileSync(join(dir, 'phys-data.yaml'), `extends: ${physical}.yaml\nname: physical, weather in a data folder\nyield:\n  weather:\n    file: ../../data/beijing.epw\n`);
    expect(expectErrorBody(await app.inject('/api/scenarios/phys-data/result'), 400, 'invalid-scenario').message).toContain('refused: outside the scenarios folder');
    const withData = await quietApp(dir, { dataDirs: [data] });
    try {
      const res = await withData.inject('/api/scenarios/phys-data/result');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().years).toEqual(served.json().years);
      const outside = await withData.inject({ method: 'POST', url: '/api/run', payload: { extends: `${physical}.yaml`, yield: { weather: { file: '/etc/passwd' } } } });
      expect(expectErrorBody(outside, 400, 'invalid-scenario').message).toContain('refused: outside the scenarios and data folders');
    } finally {
      await withData.close();
    }
  });

  it('serves the page\'s own files only', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/vendor/..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const res = await app.inject(url);
      expect([400, 403, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('"devDependencies"');
      expect(res.body, url).not.toContain('root:');
    }
  });
});

describe('the page and its headers', () => {
  it('serves index.html, the modules and ECharts from the installed package', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script src="/vendor/echarts.common.min.js"');
    for (const asset of ['/app.js', '/style.css', '/vendor/echarts.common.min.js', '/vendor/echarts.min.js']) {
      expect((await app.inject(asset)).statusCode, asset).toBe(200);
    }
    expect((await app.inject('/vendor/echarts.min.js')).body).toContain('echarts');
  });

  it('gives the page a content-security-policy that allows only its own assets', async () => {
    const csp = String((await app.inject('/')).headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:/);
    expect((await app.inject('/')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives API responses (and errors) security headers too', async () => {
    for (const url of ['/api/scenarios', '/api/nope', '/api/scenarios/nope']) {
      const res = await app.inject(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(String(res.headers['content-security-policy']), url).toContain("default-src 'none'");
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    expectErrorBody(await app.inject('/api/nope'), 404, 'not-found');
    expectErrorBody(await app.inject({ method: 'DELETE', url: '/api/scenarios/wendeng-2025' }), 404, 'not-found');
    expectErrorBody(await app.inject('/no-such-page.html'), 404, 'not-found');
  });
});

describe('logging', () => {
  it('logs each request with pino at info level, and nothing when quiet', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logged = await buildApp({ scenariosDir: dir, logger: { level: 'info', stream } });
    await logged.inject('/api/scenarios/wendeng-2025/result');
    await logged.inject('/api/scenarios/nope');
    await logged.close();
    const entries = lines.map((l) => JSON.parse(l) as { level: number; msg: string; method?: string; url?: string; statusCode?: number; responseTimeMs?: number; error?: string; reason?: string });
    const PINO_INFO = 30;
    // One line per request at info: method, URL, status and time together ("incoming request" only at debug).
    expect(entries.filter((e) => e.level === PINO_INFO).map((e) => [e.msg, e.method, e.url, e.statusCode])).toEqual([
      ['request completed', 'GET', '/api/scenarios/wendeng-2025/result', 200],
      ['request completed', 'GET', '/api/scenarios/nope', 404],
    ]);
    expect(entries.every((e) => e.msg !== 'incoming request')).toBe(true);
    expect(entries.find((e) => e.statusCode === 404)).toMatchObject({ error: 'not-found', reason: "no scenario 'nope' in the scenarios folder" });
    expect(entries.every((e) => e.level !== PINO_INFO || typeof e.responseTimeMs === 'number')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
