/**
 * The portfolio view of the page: a scenario's projects, paths, waterfalls and P(target met) (GET), and the same
 * for a what-if body that `extends` a scenario and changes some of its projects by id (POST, like POST /api/run).
 */
import type { FastifyInstance } from 'fastify';
import { portfolioView } from '../../report/portfolio-view.ts';
import { jsonSafe } from '../../report/json.ts';
import { IdParamsSchema, PortfolioViewSchema, ScenarioBodyRef, type ScenarioBody } from '../schemas.ts';
import type { ScenarioStore } from '../store.ts';
import { rejectInvalidBody } from './body.ts';
import { ERROR_RESPONSES, sendRendered, serializeText } from './scenarios.ts';

export function registerPortfolioRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.get<{ Params: { id: string } }>('/api/scenarios/:id/portfolio', { schema: { params: IdParamsSchema, response: { 200: PortfolioViewSchema, ...ERROR_RESPONSES } } }, (request, reply) => {
    const entry = store.get(request.params.id);
    sendRendered(reply, entry.renderings, 'portfolio', 'application/json; charset=utf-8', () => serializeText(reply, jsonSafe(portfolioView(entry.resolved))));
  });

  app.post<{ Body: ScenarioBody }>(
    '/api/portfolio',
    { attachValidation: true, schema: { body: ScenarioBodyRef, response: { 200: PortfolioViewSchema, ...ERROR_RESPONSES } } },
    (request, reply) => {
      rejectInvalidBody(request, store, (body) => [['', body]]);
      reply.type('application/json; charset=utf-8').send(store.renderWhatIf(request.body, 'portfolio', (run) => serializeText(reply, jsonSafe(portfolioView(run.resolved)))));
    },
  );
}
