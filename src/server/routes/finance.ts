/**
 * The finance view of the page: GET /api/scenarios/:id/finance serves a scenario's finance report (the JSON of
 * `pvplan finance FILE --format json`, src/report/finance.ts), computed once per file version; POST /api/finance
 * does the same for a what-if body that `extends` a scenario and changes its `finance:` (the page's tariff what-if),
 * like POST /api/run.
 */
import type { FastifyInstance } from 'fastify';
import { financeReport } from '../../report/finance.ts';
import { jsonSafe } from '../../report/json.ts';
import type { ResolvedScenario } from '../../scenario/resolve.ts';
import { HttpError, notFound } from '../errors.ts';
import { FinanceReportSchema, IdParamsSchema, ScenarioBodyRef, type ScenarioBody } from '../schemas.ts';
import type { ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';
import { ERROR_RESPONSES, sendRendered, serializeText } from './scenarios.ts';

/** Key of the finance JSON among a file version's renderings. */
const RENDERING_KEY = 'finance-json';

const NO_FINANCE = "has no 'finance:' section (discount rate, tariff, capex and O&M by technology; docs/finance.md)";

export function registerFinanceRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.get<{ Params: { id: string } }>('/api/scenarios/:id/finance', { schema: { params: IdParamsSchema, response: { 200: FinanceReportSchema, ...ERROR_RESPONSES } } }, (request, reply) => {
    const entry = store.get(request.params.id);
    if (entry.resolved.plan.finance === undefined) throw notFound(`scenario '${entry.id}' ${NO_FINANCE}`);
    return sendRendered(reply, entry.renderings, RENDERING_KEY, 'application/json; charset=utf-8', () => serializeText(reply, jsonSafe(financeReport(entry.resolved))));
  });

  app.post<{ Body: ScenarioBody }>(
    '/api/finance',
    { attachValidation: true, schema: { body: ScenarioBodyRef, response: { 200: FinanceReportSchema, ...ERROR_RESPONSES } } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [['', body]]);
      const report = (resolved: ResolvedScenario) => {
        // A body without finance (nor a parent with it) is a request the route cannot answer: 400, not 404 (no resource).
        if (resolved.plan.finance === undefined) throw new HttpError(400, 'invalid-scenario', `the what-if ${NO_FINANCE}`, { field: 'finance' });
        return serializeText(reply, jsonSafe(financeReport(resolved)));
      };
      reply.type('application/json; charset=utf-8').send(store.renderWhatIf(request.body, 'finance', (run) => report(run.resolved)));
    },
  );
}
