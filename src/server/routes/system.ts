/**
 * GET /api/scenarios/:id/system — a scenario's hourly system dispatched by its section's strategy: the JSON of
 * `pvplan system FILE --format json` (src/report/system.ts), computed once per file version and kept with the
 * scenario's other renderings.
 */
import type { FastifyInstance } from 'fastify';
import { LpSolveError, type LpSolver } from '../../core/storage/optimal.ts';
import { runSystem, type SystemRun } from '../../core/storage/run.ts';
import { systemRunInput } from '../../core/storage/system-yield.ts';
import { jsonSafe } from '../../report/json.ts';
import { scenarioSystemJson } from '../../report/system.ts';
import { loadHighsSolver } from '../../scenario/lp-solver.ts';
import { formatIsoTimeWithOffset } from '../../weather/csv.ts';
import { HttpError, notFound } from '../errors.ts';
import { IdParamsSchema, SystemReportSchema } from '../schemas.ts';
import type { ScenarioStore } from '../store.ts';
import { ERROR_RESPONSES, sendRendered, serializeText } from './scenarios.ts';

/** Key of the system's JSON among a file version's renderings. */
const RENDERING_KEY = 'system-json';

export function registerSystemRoutes(app: FastifyInstance, store: ScenarioStore): void {
  app.get<{ Params: { id: string } }>('/api/scenarios/:id/system', { schema: { params: IdParamsSchema, response: { 200: SystemReportSchema, ...ERROR_RESPONSES } } }, async (request, reply) => {
    let entry = store.get(request.params.id);
    // The LP solver loads once per process. After the last await the dispatch runs synchronously, so two requests
    // never compute one file version twice; the file may change while the solver loads, so its entry is asked again.
    let solve: LpSolver | undefined;
    while (entry.resolved.system?.strategy === 'optimal' && solve === undefined && !entry.renderings.has(RENDERING_KEY)) {
      solve = await loadHighsSolver();
      entry = store.get(request.params.id);
    }
    const system = entry.resolved.system;
    if (system === undefined) throw notFound(`scenario '${entry.id}' has no 'system:' section (generators, exportLimit, storage; docs/system.md)`);
    return sendRendered(reply, entry.renderings, RENDERING_KEY, 'application/json; charset=utf-8', () => {
      const input = systemRunInput(system);
      let run: SystemRun;
      try {
        run = runSystem(input, solve);
      } catch (e) {
        if (e instanceof LpSolveError) throw new HttpError(500, 'internal-error', e.message);
        throw e;
      }
      const file = entry.file.slice(store.root.length + 1);
      return serializeText(reply, jsonSafe(scenarioSystemJson(run, input, system, file, entry.resolved.name, formatIsoTimeWithOffset)));
    });
  });
}
