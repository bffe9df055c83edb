/** What-ifs: run a scenario sent in the body (it may `extends` a file in the folder) without saving it. */
import type { FastifyInstance } from 'fastify';
import type { UnitSystem } from '../../scenario/quantity.ts';
import { downloadName, runCsv } from '../csv.ts';
import { RunReportSchema, ScenarioBodyRef, UnitsQuerySchema, type ScenarioBody } from '../schemas.ts';
import { jsonSafe, type ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';
import { ERROR_RESPONSES, sendRendered, serializeText } from './scenarios.ts';

export function registerRunRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.post<{ Body: ScenarioBody }>(
    '/api/run',
    { attachValidation: true, schema: { body: ScenarioBodyRef, response: { 200: RunReportSchema, ...ERROR_RESPONSES } } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [body]);
      const run = store.runWhatIf(request.body);
      sendRendered(reply, run.renderings, 'json', 'application/json; charset=utf-8', () => serializeText(reply, jsonSafe(run.report)));
    },
  );

  app.post<{ Body: ScenarioBody; Querystring: { units?: UnitSystem } }>(
    '/api/run.csv',
    { attachValidation: true, schema: { body: ScenarioBodyRef, querystring: UnitsQuerySchema, response: ERROR_RESPONSES } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [body]);
      const units = request.query.units ?? 'si';
      const run = store.runWhatIf(request.body);
      reply.header('content-disposition', `attachment; filename="${downloadName('what-if', units)}.csv"`);
      sendRendered(reply, run.renderings, `csv-${units}`, 'text/csv; charset=utf-8', () => runCsv(run.report, units));
    },
  );
}
