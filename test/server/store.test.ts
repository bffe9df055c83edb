/**
 * The server's scenario store without HTTP: caching keyed on the files of an extends chain, the what-if cache,
 * the key parameters the page starts from, and the small helpers (JSON-safe numbers, path redaction, schemas).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import Type from 'typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../src/scenario/schema.ts';
import { HttpError, redactPaths } from '../../src/server/errors.ts';
import { customKeywordsOf, deriveSchema, RunReportSchema, SCENARIO_ID_REGEX } from '../../src/server/schemas.ts';
import { jsonSafe } from '../../src/report/json.ts';
import { ScenariosFolderError } from '../../src/server/scenario-folder.ts';
import { keyParameters } from '../../src/server/scenario-list.ts';
import { ScenarioStore, WHAT_IF_CACHE_SIZE, WHAT_IF_SEEN_SIZE, type WhatIfRun } from '../../src/server/store.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { copyScenarios, editFile } from './helpers.ts';

let dir: string;
let cleanup: () => void;
let store: ScenarioStore;

beforeEach(() => {
  ({ dir, cleanup } = copyScenarios());
  store = new ScenarioStore(dir);
});
afterEach(() => cleanup());

const edit = (file: string, from: string, to: string) => editFile(dir, file, from, to);

describe('ScenarioStore cache', () => {
  it('serves an unchanged scenario from the cache (the same entry object)', () => {
    const first = store.get('wendeng-2025-linear');
    expect(store.get('wendeng-2025-linear')).toBe(first);
  });

  it('reloads when the file itself changes', () => {
    const first = store.get('wendeng-2025-linear');
    edit('wendeng-2025-linear.yaml', 'model: linear', 'model: cagr');
    const second = store.get('wendeng-2025-linear');
    expect(second).not.toBe(first);
    expect(second.report.summary.growth.model).toBe('cagr');
  });

  it('reloads a child when a parent of its extends chain changes', () => {
    const first = store.get('wendeng-2025-scurve');
    edit('wendeng-2025.yaml', 'constructionLagYears: 1', 'constructionLagYears: 2');
    const second = store.get('wendeng-2025-scurve');
    expect(second).not.toBe(first);
    expect(second.resolved.plan.capacity.constructionLagYears).toBe(2);
  });

  it('forgets a deleted file (404) and a file that became invalid (400)', () => {
    store.get('wendeng-2025-delayed');
    rmSync(join(dir, 'wendeng-2025-delayed.yaml'));
    expect(() => store.get('wendeng-2025-delayed')).toThrow(expect.objectContaining({ statusCode: 404 }) as unknown as Error);
    store.get('wendeng-2025-linear');
    edit('wendeng-2025-linear.yaml', 'model: linear', 'model: linaer');
    expect(() => store.get('wendeng-2025-linear')).toThrow(HttpError);
  });

  it('keeps a what-if rendering once the body is asked for again, until the file it extends changes', () => {
    const body = { extends: 'wendeng-2025.yaml', name: 'w', capacity: { growth: { model: 'cagr', rate: '20 %' } } };
    let renders = 0;
    const render = (run: WhatIfRun) => {
      renders++;
      return JSON.stringify(run.resolved.plan.yield.fullLoadHours);
    };
    expect(store.renderWhatIf(body, 'hours', render)).toBe('1135');
    // Asked a second time: rendered again (one-off what-ifs are never kept), and now kept.
    expect(store.renderWhatIf(structuredClone(body), 'hours', render)).toBe('1135');
    expect(renders).toBe(2);
    // From the third time on: the same text as UTF-8 bytes, without running or rendering again.
    const repeat = store.renderWhatIf(body, 'hours', render);
    expect(Buffer.isBuffer(repeat) && repeat.toString('utf8')).toBe('1135');
    expect(store.renderWhatIf(body, 'hours', render)).toBe(repeat);
    expect(renders).toBe(2);
    // Another kind of rendering of the same body is its own entry.
    expect(store.renderWhatIf(body, 'name', (run) => run.resolved.name)).toBe('w');
    edit('wendeng-2025.yaml', 'value: 1135 h', 'value: 1100 h');
    expect(store.renderWhatIf(body, 'hours', render)).toBe('1100');
    expect(renders).toBe(3);
  });

  it(`keeps the ${WHAT_IF_CACHE_SIZE} most recently repeated what-ifs, and remembers the last ${WHAT_IF_SEEN_SIZE} asked for once`, () => {
    const body = (i: number) => ({ extends: 'wendeng-2025.yaml', name: `w${i}` });
    let renders = 0;
    const render = (run: WhatIfRun) => {
      renders++;
      return run.resolved.name;
    };
    const ask = (i: number) => store.renderWhatIf(body(i), 'name', render);
    // Each asked twice: kept.
    for (let i = 0; i < WHAT_IF_CACHE_SIZE; i++) ask(i), ask(i);
    expect(renders).toBe(2 * WHAT_IF_CACHE_SIZE);
    ask(0);
    expect(renders).toBe(2 * WHAT_IF_CACHE_SIZE);
    // body(0) was used last, so these push out body(1) … and finally body(0) itself.
    for (let i = WHAT_IF_CACHE_SIZE; i < 2 * WHAT_IF_CACHE_SIZE; i++) ask(i), ask(i);
    renders = 0;
    ask(0);
    expect(renders).toBe(1);
    // A body asked for once, then after more than WHAT_IF_SEEN_SIZE others: a stranger again, so not kept.
    ask(100_000);
    for (let i = 0; i < WHAT_IF_SEEN_SIZE; i++) ask(200_000 + i);
    renders = 0;
    ask(100_000);
    ask(100_000);
    expect(renders).toBe(2);
  });

  it('runs a what-if afresh every time it is asked for the run itself', () => {
    const body = { extends: 'wendeng-2025.yaml', name: 'w' };
    const a = store.runWhatIf(body);
    const b = store.runWhatIf(body);
    expect(b).not.toBe(a);
    expect(b.report).toEqual(a.report);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => new ScenarioStore(join(dir, 'nope'))).toThrow(ScenariosFolderError);
  });
});

describe('key parameters for the what-if panel', () => {
  it('gives the solved compound rate of the article: 4^(1/3) − 1 ≈ 58.74 % a year', () => {
    const entry = store.get('wendeng-2025');
    const p = keyParameters(entry.resolved, entry.report);
    expect(p.growthModel).toBe('cagr');
    expectClose(p.rateFrac!, 4 ** (1 / 3) - 1, { rel: 1e-9 });
    // The equal additions that would reach the same target: (4500 − 1125) / 3 MW a year.
    expectClose(p.additionsMWPerYear!, 1125, { rel: 1e-9 });
    expect(p.startYear).toBe(2022);
    expect(p.endYear).toBe(2035);
  });
});

describe('helpers', () => {
  it('redactPaths names files inside the folder by their name and hides every other absolute path', () => {
    const root = '/srv/pvplan/scenarios';
    expect(redactPaths(`cannot read '${root}/a.yaml'`, root)).toBe("cannot read 'a.yaml'");
    expect(redactPaths("parent '../x.yaml' (/srv/pvplan/x.yaml): no such file", root)).toBe("parent '../x.yaml' ([outside the scenarios folder]): no such file");
    expect(redactPaths("expected a mass per energy such as '403.5 g/kWh' or '0.5703 t/MWh'", root)).toBe("expected a mass per energy such as '403.5 g/kWh' or '0.5703 t/MWh'");
  });

  it('derives the response schema of a written scenario from ScenarioSchema: same fields, no $id, unions as descriptions', () => {
    const written = deriveSchema(ScenarioSchema);
    expect(JSON.stringify(written)).not.toContain('"$id"');
    expect(JSON.stringify(written)).not.toContain('"anyOf"');
    expect(Object.keys(written.properties as object)).toEqual(Object.keys((ScenarioSchema as unknown as { properties: object }).properties));
    const serializing = deriveSchema(Type.Object({ u: Type.Union([Type.String(), Type.Number()], { description: 'either' }) }));
    expect((serializing.properties as Record<string, unknown>).u).toEqual({ description: 'either' });
  });

  it('collects every x- keyword of the scenario schema for Ajv', () => {
    const keywords = customKeywordsOf(ScenarioSchema);
    for (const k of ['x-dimension', 'x-series', 'x-discriminator']) expect(keywords).toContain(k);
    expect(keywords.every((k) => k.startsWith('x-'))).toBe(true);
  });

  it('accepts scenario ids and rejects anything that could name a path', () => {
    for (const id of ['wendeng-2025', 'a', '0', 'plan_b.v2', 'x'.repeat(64), '荣成2030', '文登-what-if', 'console', 'nul-plan']) expect(SCENARIO_ID_REGEX.test(id), id).toBe(true);
    for (const id of ['', '..', 'a..b', '../a', 'a/b', '/a', '.a', '-a', 'A', 'a b', 'a\\b', 'a%2fb', 'con', 'CON', 'lpt1.txt', 'x.yaml', 'x.json', 'scenario.schema', 'x.', 'a\u202eb', 'a\u0000b', '\u0301a']) expect(SCENARIO_ID_REGEX.test(id), id).toBe(false);
  });

  it('passes extra top-level fields of a run report through the response schema (the hook for uncertainty bands)', async () => {
    const report = jsonSafe(store.get('wendeng-2025').report);
    const app = Fastify();
    app.get('/r', { schema: { response: { 200: RunReportSchema } } }, () => ({ ...report, uncertainty: { bands: { capacityMW: [{ year: 2025, p10: 1, p90: 2 }] } } }));
    const body = (await app.inject('/r')).json();
    await app.close();
    expect(body.uncertainty).toEqual({ bands: { capacityMW: [{ year: 2025, p10: 1, p90: 2 }] } });
    expect(body.years).toEqual(report.years);
  });
});
