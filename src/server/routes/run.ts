/** What-ifs: run a scenario sent in the body (it may `extends` a file in the folder) without saving it. */
import type { FastifyInstance } from 'fastify';
import type { UnitSystem } from '../../scenario/quantity.ts';
import { downloadName, runCsv } from '../csv.ts';
import { RunReportSchema, ScenarioBodyRef, UnitsQuerySchema, type ScenarioBody } from '../schemas.ts';
import { jsonSafe } from '../../report/json.ts';
import type { ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';
import { ERROR_RESPONSES, serializeText } from './scenarios.ts';

export function registerRunRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.post<{ Body: ScenarioBody }>(
    '/api/run',
    { attachValidation: true, schema: { body: ScenarioBodyRef, response: { 200: RunReportSchema, ...ERROR_RESPONSES } } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [['', body]]);
      reply.type('application/json; charset=utf-8').send(store.renderWhatIf(request.body, 'json', (run) => serializeText(reply, jsonSafe(run.report))));
    },
  );

  app.post<{ Body: ScenarioBody; Querystring: { units?: UnitSystem } }>(
    '/api/run.csv',
    { attachValidation: true, schema: { body: ScenarioBodyRef, querystring: UnitsQuerySchema, response: ERROR_RESPONSES } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [['', body]]);
      const units = request.query.units ?? 'si';
      const csv = store.renderWhatIf(request.body, `csv-${units}`, (run) => runCsv(run.report, units));
      reply.header('content-disposition', `attachment; filename="${downloadName('what-if', units)}.csv"`).type('text/csv; charset=utf-8').send(csv);
    },
  );
}
