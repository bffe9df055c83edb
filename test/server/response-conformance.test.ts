/**
 * Every 200 response holds exactly what its route's response schema declares: the types it names, every required
 * field, and no field it does not declare. The serializer writes long arrays (a run's years, a comparison's
 * rows, the scenario list) with the native JSON.stringify, which does not shape them by the schema the way the
 * generated code does; this walks real responses of every route against the schemas to show nothing slips
 * through that way (a stray field, a number where text belongs).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { NATIVE_ARRAY_MIN_ITEMS } from '../../src/server/app.ts';
import {
  CompareResponseSchema,
  FinanceReportSchema,
  MetaSchema,
  RunReportSchema,
  SaveResponseSchema,
  ScenarioDetailSchema,
  ScenarioListSchema,
  SystemReportSchema,
} from '../../src/server/schemas.ts';
import { copyScenarios, quietApp } from './helpers.ts';

type Node = {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean | Node;
  patternProperties?: Record<string, Node>;
  items?: Node;
  anyOf?: Node[];
  const?: unknown;
};

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Where `value` departs from `schema` (JSON Schema as the server's schemas use it); empty when it conforms. */
function departures(value: unknown, schema: Node, path = '$'): string[] {
  if (schema.anyOf) {
    const each = schema.anyOf.map((b) => departures(value, b, path));
    return each.some((d) => d.length === 0) ? [] : each.sort((a, b) => a.length - b.length)[0]!;
  }
  if (schema.const !== undefined) return value === schema.const ? [] : [`${path}: expected ${JSON.stringify(schema.const)}`];
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  const t = jsonType(value);
  if (types && !types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: expected ${types.join(' or ')}, got ${t}`];
  const out: string[] = [];
  if (t === 'object' && (schema.properties || schema.patternProperties || schema.additionalProperties !== undefined)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) out.push(`${path}.${key}: missing`);
    for (const [key, v] of Object.entries(record)) {
      const declared = schema.properties?.[key] ?? Object.entries(schema.patternProperties ?? {}).find(([p]) => new RegExp(p, 'u').test(key))?.[1];
      if (declared) out.push(...departures(v, declared, `${path}.${key}`));
      else if (typeof schema.additionalProperties === 'object') out.push(...departures(v, schema.additionalProperties, `${path}.${key}`));
      else if (schema.additionalProperties !== true) out.push(`${path}.${key}: not declared by the schema`);
    }
  }
  if (t === 'array' && schema.items) (value as unknown[]).forEach((item, i) => out.push(...departures(item, schema.items!, `${path}[${i}]`)));
  return out;
}

let app: FastifyInstance;
let cleanup: () => void;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = copyScenarios());
  // Enough files that the scenario list, too, is long enough for the native path.
  for (let i = 0; i < NATIVE_ARRAY_MIN_ITEMS; i++) copyFileSync(join(dir, 'wendeng-2025.yaml'), join(dir, `copy-${i}.yaml`));
  app = await quietApp(dir);
});

afterEach(async () => {
  await app.close();
  cleanup();
});

const WHAT_IF = { extends: 'wendeng-2025.yaml', name: '文登 what-if', capacity: { growth: { model: 'cagr', rate: '30 %' } } };

describe('responses against their schemas', () => {
  it('the checker itself finds a stray field, a wrong type and a missing field', () => {
    const schema = RunReportSchema as unknown as Node;
    const good = { scenario: { id: 'a', name: 'b', hash: 'c' }, pvplanVersion: '1', target: null, years: [], summary: {} };
    const found = departures({ ...good, years: [{ year: 2022, stray: 1 }] }, schema);
    expect(found).toContain('$.years[0].stray: not declared by the schema');
    expect(found).toContain('$.years[0].capacityMW: missing');
    expect(departures({ ...good, scenario: { id: 1, name: 'b', hash: 'c' } }, schema)).toContain('$.scenario.id: expected string, got integer');
  });

  it('GET /api/meta, /api/scenarios, each scenario, its result, and every comparison metric conform', async () => {
    const check = async (url: string, schema: unknown) => {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(departures(res.json(), schema as Node), url).toEqual([]);
      return res.json();
    };
    await check('/api/meta', MetaSchema);
    const list = (await check('/api/scenarios', ScenarioListSchema)) as { scenarios: Array<{ id: string; valid: boolean }> };
    // Long enough for the native path: the list and the years of a run are written by JSON.stringify.
    expect(list.scenarios.length).toBeGreaterThanOrEqual(NATIVE_ARRAY_MIN_ITEMS);
    const ids = list.scenarios.filter((s) => s.valid).map((s) => s.id);
    for (const id of ids) {
      await check(`/api/scenarios/${id}`, ScenarioDetailSchema);
      const run = (await check(`/api/scenarios/${id}/result`, RunReportSchema)) as { years: unknown[] };
      expect(run.years.length).toBeGreaterThanOrEqual(NATIVE_ARRAY_MIN_ITEMS);
    }
    const withSystem = list.scenarios.filter((s) => (s as { system?: boolean }).system).map((s) => s.id);
    expect(withSystem.length).toBeGreaterThan(0);
    for (const id of withSystem) await check(`/api/scenarios/${id}/system`, SystemReportSchema);
    const withFinance = list.scenarios.filter((s) => (s as { finance?: boolean }).finance).map((s) => s.id);
    expect(withFinance).toContain('wendeng-portfolio-finance');
    for (const id of withFinance) await check(`/api/scenarios/${id}/finance`, FinanceReportSchema);
    const noFinance = ids.find((id) => !withFinance.includes(id))!;
    expect((await app.inject(`/api/scenarios/${noFinance}/finance`)).statusCode).toBe(404);
    const meta = (await app.inject('/api/meta')).json() as { metrics: Array<{ id: string; compare: boolean }> };
    for (const { id: metric } of meta.metrics.filter((m) => m.compare)) await check(`/api/compare?ids=${ids.slice(0, 4).join(',')}&metric=${metric}`, CompareResponseSchema);
  });

  it('POST /api/finance conforms, and a higher tariff raises the NPV', async () => {
    const at = async (tariff: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/finance', payload: { extends: 'wendeng-portfolio-finance.yaml', finance: { tariff } } });
      expect(res.statusCode, res.body).toBe(200);
      expect(departures(res.json(), FinanceReportSchema as unknown as Node)).toEqual([]);
      return res.json() as { total: { npvYuan: number; lcoeYuanPerKWh: number } };
    };
    const low = await at('0.3949元/kWh');
    const high = await at('0.5元/kWh');
    expect(high.total.npvYuan).toBeGreaterThan(low.total.npvYuan);
    // LCOE is a cost: the tariff does not change it.
    expect(high.total.lcoeYuanPerKWh).toBe(low.total.lcoeYuanPerKWh);
    const none = await app.inject({ method: 'POST', url: '/api/finance', payload: { extends: 'wendeng-2025.yaml' } });
    expect(none.statusCode).toBe(400);
  });

  it('POST /api/run, POST /api/compare and POST /api/scenarios conform', async () => {
    const run = await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF });
    expect(run.statusCode).toBe(200);
    expect(departures(run.json(), RunReportSchema as unknown as Node)).toEqual([]);
    // Asked again (served as kept bytes) and a third time: the same body.
    for (let i = 0; i < 2; i++) expect((await app.inject({ method: 'POST', url: '/api/run', payload: WHAT_IF })).body).toBe(run.body);
    const compare = await app.inject({ method: 'POST', url: '/api/compare', payload: { ids: ['wendeng-2025', 'datang-100mw'], whatIfs: [WHAT_IF] } });
    expect(compare.statusCode).toBe(200);
    expect(departures(compare.json(), CompareResponseSchema as unknown as Node)).toEqual([]);
    const saved = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { id: 'conform', scenario: WHAT_IF } });
    expect(saved.statusCode).toBe(201);
    expect(departures(saved.json(), SaveResponseSchema as unknown as Node)).toEqual([]);
  });
});
