/**
 * Scenario files: list them, read one (resolved, with its source), its run result as JSON or CSV, and save a
 * what-if as a new file.
 */
import { noteOnRequestLine } from '../request-log.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { UnitSystem } from '../../scenario/quantity.ts';
import { downloadName, runCsv } from '../csv.ts';
import {
  ErrorSchema,
  IdParamsSchema,
  RunReportSchema,
  SaveBodySchema,
  SaveResponseSchema,
  ScenarioDetailSchema,
  ScenarioListSchema,
  UnitsQuerySchema,
  type ScenarioBody,
} from '../schemas.ts';
import { jsonSafe, renderJson } from '../../report/json.ts';
import { keyParameters } from '../scenario-list.ts';
import { keptBytes, type Rendering, type ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';

export const ERROR_RESPONSES = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 500: ErrorSchema } as const;

/**
 * Sends a rendering kept in `renderings` (one map per file version) under `key`, rendering it once with `render`:
 * text the first time, then UTF-8 bytes (keptBytes), so a repeat costs no serializing and no encoding.
 */
export function sendRendered(reply: FastifyReply, renderings: Rendering, key: string, contentType: string, render: () => string): FastifyReply {
  const kept = renderings.get(key);
  const payload = kept === undefined ? render() : keptBytes(kept);
  if (payload !== kept) renderings.set(key, payload);
  return reply.type(contentType).send(payload);
}

/** The route's schema serializer as text (fast-json-stringify always gives a string). */
export function serializeText(reply: FastifyReply, payload: unknown): string {
  const out = reply.serialize(payload);
  return typeof out === 'string' ? out : Buffer.from(out as ArrayBuffer).toString('utf8');
}

/** CSV with a download name; `inline` keeps it viewable in the browser instead. */
export function sendCsv(reply: FastifyReply, text: string, name: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${downloadName(name)}.csv"`).send(text);
}

export function registerScenarioRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.get('/api/scenarios', { schema: { response: { 200: ScenarioListSchema, ...ERROR_RESPONSES } } }, (_request, reply) => {
    reply.send({ scenarios: store.list() });
  });

  app.get<{ Params: { id: string } }>('/api/scenarios/:id', { schema: { params: IdParamsSchema, response: { 200: ScenarioDetailSchema, ...ERROR_RESPONSES } } }, (request, reply) => {
    const entry = store.get(request.params.id);
    sendRendered(reply, entry.renderings, 'detail', 'application/json; charset=utf-8', () => {
      const r = entry.resolved;
      return serializeText(
        reply,
        jsonSafe({
          id: entry.id,
          file: entry.file.slice(store.root.length + 1),
          name: r.name,
          ...(r.region === undefined ? {} : { region: r.region }),
          ...(r.description === undefined ? {} : { description: r.description }),
          ...(entry.parent === undefined ? {} : { extends: entry.parent }),
          files: entry.stamps.map((s) => s.path.slice(store.root.length + 1)),
          hash: r.hash,
          scenario: r.written,
          parameters: keyParameters(r, entry.report),
          source: entry.source,
        }),
      );
    });
  });

  app.get<{ Params: { id: string } }>('/api/scenarios/:id/result', { schema: { params: IdParamsSchema, response: { 200: RunReportSchema, ...ERROR_RESPONSES } } }, (request, reply) => {
    const entry = store.get(request.params.id);
    // The CLI's own rendering, so the answer is `pvplan run FILE --format json` byte for byte (key order included).
    sendRendered(reply, entry.renderings, 'json', 'application/json; charset=utf-8', () => renderJson(entry.report));
  });

  app.get<{ Params: { id: string }; Querystring: { units?: UnitSystem } }>(
    '/api/scenarios/:id/result.csv',
    { schema: { params: IdParamsSchema, querystring: UnitsQuerySchema, response: ERROR_RESPONSES } },
    (request, reply) => {
      const entry = store.get(request.params.id);
      const units = request.query.units ?? 'si';
      reply.header('content-disposition', `attachment; filename="${downloadName(entry.id, units)}.csv"`);
      sendRendered(reply, entry.renderings, `csv-${units}`, 'text/csv; charset=utf-8', () => runCsv(entry.report, units));
    },
  );

  app.post<{ Body: { id: string; scenario: ScenarioBody; overwrite?: boolean } }>(
    '/api/scenarios',
    { attachValidation: true, schema: { body: SaveBodySchema, response: { 200: SaveResponseSchema, 201: SaveResponseSchema, ...ERROR_RESPONSES } } },
    (request, reply) => {
      // The id's own message (reserved name, too long, bad characters) rather than Ajv's pattern.
      const sent = request.body as { id?: unknown } | undefined;
      if (typeof sent?.id === 'string') store.assertId(sent.id);
      rejectInvalidBody(request, store, (body) => [['/scenario', body.scenario]]);
      const { id, scenario, overwrite } = request.body;
      const saved = store.save(id, scenario, overwrite === true);
      noteOnRequestLine(request, { saved: saved.file, created: saved.created });
      // Header values are Latin-1: an id in Chinese is sent percent-encoded, as the page requests it.
      reply.code(saved.created ? 201 : 200).header('location', `/api/scenarios/${encodeURIComponent(saved.id)}`).send(saved);
    },
  );
}
