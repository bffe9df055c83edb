/**
 * Comparisons: a metric by year for several scenarios side by side (saved ids, plus unsaved what-ifs when
 * POSTed), the inputs that differ and a summary per scenario, as JSON or as the CLI's compare CSV.
 */
import type { FastifyInstance } from 'fastify';
import { metricById } from '../../core/metrics/metrics.ts';
import { compareSummary, comparePaths, parameterDiff, type CompareMetric } from '../../report/compare.ts';
import type { RunReport } from '../../report/run.ts';
import type { UnitSystem } from '../../scenario/quantity.ts';
import type { ResolvedScenario } from '../../scenario/resolve.ts';
import { compareCsv } from '../csv.ts';
import { badRequest } from '../errors.ts';
import { CompareBodySchema, CompareQuerySchema, CompareResponseSchema, MAX_COMPARE_SCENARIOS, type ScenarioBody } from '../schemas.ts';
import { jsonSafe } from '../../report/json.ts';
import { WHAT_IF_ID, type ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';
import { ERROR_RESPONSES, sendCsv } from './scenarios.ts';

interface CompareInput {
  readonly ids: readonly string[];
  readonly whatIfs?: readonly ScenarioBody[];
  readonly metric?: CompareMetric;
  readonly units?: UnitSystem;
}

/** Splits `a,b,c` into ids; each is checked by the store. */
export function parseIdList(ids: string): string[] {
  return ids.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Runs every scenario of a comparison. Saved ones come from the cache; each what-if is run in its own turn of the
 * event loop, so twelve what-ifs of the physical yield model (each up to a few tens of ms) never hold the server
 * for their sum: other requests are answered in between.
 */
async function runAll(store: ScenarioStore, input: CompareInput): Promise<{ resolved: ResolvedScenario[]; reports: RunReport[] }> {
  const total = input.ids.length + (input.whatIfs?.length ?? 0);
  if (total === 0) throw badRequest('expected at least one scenario id to compare', 'ids');
  if (total > MAX_COMPARE_SCENARIOS) throw badRequest(`expected at most ${MAX_COMPARE_SCENARIOS} scenarios to compare, got ${total}`, 'ids');
  const resolved: ResolvedScenario[] = [];
  const reports: RunReport[] = [];
  for (const id of input.ids) {
    const entry = store.get(id);
    resolved.push(entry.resolved);
    reports.push(entry.report);
  }
  for (const [i, body] of (input.whatIfs ?? []).entries()) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const run = store.runWhatIf(body, i === 0 ? WHAT_IF_ID : `${WHAT_IF_ID}-${i + 1}`);
    resolved.push(run.resolved);
    reports.push(run.report);
  }
  return { resolved, reports };
}

async function comparison(store: ScenarioStore, input: CompareInput) {
  const metric = input.metric ?? 'capacity';
  const { resolved, reports } = await runAll(store, input);
  return jsonSafe({
    metric,
    dimension: metricById(metric).dimension,
    scenarios: reports.map((r) => ({ id: r.scenario.id, name: r.scenario.name, hash: r.scenario.hash })),
    rows: comparePaths(reports, metric),
    summary: compareSummary(reports, metric),
    differences: parameterDiff(resolved).map((d) => ({ path: d.path, values: d.values.map((v) => v ?? null) })),
  });
}

async function csvOf(store: ScenarioStore, input: CompareInput): Promise<{ text: string; name: string }> {
  const metric = input.metric ?? 'capacity';
  const units = input.units ?? 'si';
  const { reports } = await runAll(store, input);
  return { text: compareCsv(reports, metric, units), name: `compare-${metric}-${units}` };
}

export function registerCompareRoutes(app: FastifyInstance, store: ScenarioStore): void {
  type Query = { ids: string; metric?: CompareMetric; units?: UnitSystem };
  app.get<{ Querystring: Query }>('/api/compare', { schema: { querystring: CompareQuerySchema, response: { 200: CompareResponseSchema, ...ERROR_RESPONSES } } }, async (request) => comparison(store, { ...request.query, ids: parseIdList(request.query.ids) }));

  app.get<{ Querystring: Query }>('/api/compare.csv', { schema: { querystring: CompareQuerySchema, response: ERROR_RESPONSES } }, async (request, reply) => {
    const { text, name } = await csvOf(store, { ...request.query, ids: parseIdList(request.query.ids) });
    return sendCsv(reply, text, name);
  });

  const whatIfsOf = (body: ScenarioBody) => (Array.isArray(body.whatIfs) ? (body.whatIfs as unknown[]).map((w, i) => [`/whatIfs/${i}`, w] as const) : []);

  app.post<{ Body: CompareInput }>('/api/compare', { attachValidation: true, schema: { body: CompareBodySchema, response: { 200: CompareResponseSchema, ...ERROR_RESPONSES } } }, async (request) => {
    rejectInvalidBody(request, store, whatIfsOf);
    return comparison(store, request.body);
  });

  app.post<{ Body: CompareInput }>('/api/compare.csv', { attachValidation: true, schema: { body: CompareBodySchema, response: ERROR_RESPONSES } }, async (request, reply) => {
    rejectInvalidBody(request, store, whatIfsOf);
    const { text, name } = await csvOf(store, request.body);
    return sendCsv(reply, text, name);
  });
}
