/**
 * GET /api/scenarios/:id/mc — the Monte Carlo report of a saved scenario, the JSON of `pvplan mc FILE --format
 * json --draws N --seed S`: what the page draws its P10–P90 bands and its probability of meeting the target
 * from. The draws run in worker threads (McPool), so the server keeps answering while one runs; reports are kept
 * per file version, draws and seed, and identical requests in flight share one computation.
 *
 * A scenario without distributions is not an error: its report is the deterministic run with zero spread
 * (every draw is `pvplan run`), which is true and cheap to cache; `uncertain` in GET /api/scenarios tells the
 * page which scenarios have a spread worth asking for.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';
import type { McPool } from '../mc-pool.ts';
import { ErrorSchema, IdParamsSchema, McQuerySchema, McReportSchema } from '../schemas.ts';
import { jsonSafe } from '../../report/json.ts';
import type { McCacheOutcome, ScenarioStore } from '../store.ts';
import { ERROR_RESPONSES, sendRendered, serializeText } from './scenarios.ts';

/**
 * Draws when the request gives none: with 2,000 draws the sampled P10 is the true quantile at 10 % ± 1.3
 * percentage points (two binomial standard errors, 2·√(0.1 × 0.9 / 2000)), enough for a band on a chart, for a
 * few tens of ms of a worker's time.
 */
export const MC_DEFAULT_DRAWS = 2000;
/** Fewest draws the server runs: below this the P10/P90 of a chart band are mostly noise. */
export const MC_MIN_DRAWS = 100;
/** Most draws the server runs for one request (about a second of a worker's time); `pvplan mc` takes more. */
export const MC_MAX_DRAWS = 20_000;
/** Seed when the request gives none: the CLI's default, so the page and `pvplan mc FILE` agree. */
export const MC_DEFAULT_SEED = 42;

/** What the server reports after each Monte Carlo it computed (not after cache hits): for logs and tests. */
export interface McComputed {
  readonly id: string;
  readonly hash: string;
  readonly draws: number;
  readonly seed: number;
  readonly computeMs: number;
}

/** A whole-number query parameter within [min, max], or its default when absent; a 400 naming it otherwise. */
function wholeNumberParam(text: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  if (!Number.isSafeInteger(x) || x < min || x > max) throw badRequest(`${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, got ${text}`, name);
  return x;
}

/** Registers GET /api/scenarios/:id/mc on the API scope; `onComputed` hears of every computation (not of cache hits). */
export function registerMcRoutes(app: FastifyInstance, store: ScenarioStore, pool: McPool, onComputed?: (e: McComputed) => void): void {
  app.get<{ Params: { id: string }; Querystring: { draws?: string; seed?: string } }>(
    '/api/scenarios/:id/mc',
    { schema: { params: IdParamsSchema, querystring: McQuerySchema, response: { 200: McReportSchema, ...ERROR_RESPONSES, 503: ErrorSchema } } },
    async (request, reply) => {
      const draws = wholeNumberParam(request.query.draws, 'draws', MC_DEFAULT_DRAWS, MC_MIN_DRAWS, MC_MAX_DRAWS);
      const seed = wholeNumberParam(request.query.seed, 'seed', MC_DEFAULT_SEED, 0, Number.MAX_SAFE_INTEGER);
      // A client that disconnects before its answer no longer wants the run (the response closes unfinished).
      const left = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableEnded) left.abort();
      });
      const client = request.ip;
      const { run, outcome, entry } = store.monteCarlo(request.params.id, draws, seed, (resolved, signal) => pool.run(resolved, draws, seed, { client, signal }), left.signal);
      const mc = await run;
      if (outcome === 'miss') {
        const computed: McComputed = { id: entry.id, hash: entry.resolved.hash, draws, seed, computeMs: mc.computeMs };
        request.log.info(computed, 'monte carlo computed');
        onComputed?.(computed);
      }
      reply.header('x-pvplan-mc-cache', outcome satisfies McCacheOutcome);
      return sendRendered(reply, mc.renderings, 'json', 'application/json; charset=utf-8', () => serializeText(reply, jsonSafe(mc.report)));
    },
  );
}
