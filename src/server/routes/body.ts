/**
 * Scenario bodies: Fastify checks them against the schema derived from ScenarioSchema; when that fails, the
 * scenario layer is asked too, because its messages name the field, what was expected and the likely typo
 * ("unknown field 'grwth' (did you mean 'growth'?)") where Ajv's only say which keyword failed.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { validationHttpError } from '../errors.ts';
import type { ScenarioBody } from '../schemas.ts';
import type { ScenarioStore } from '../store.ts';

function isPlainObject(value: unknown): value is ScenarioBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws the best 400 for a request whose schema validation failed: the scenario layer's message when the fault
 * is in a scenario of the body (`scenariosOf(body)`), Ajv's otherwise. Returns when there was no validation error.
 */
export function rejectInvalidBody(request: FastifyRequest, store: ScenarioStore, scenariosOf: (body: ScenarioBody) => readonly unknown[]): void {
  const failure = (request as FastifyRequest & { validationError?: FastifyError }).validationError;
  if (!failure) return;
  const ajv = validationHttpError(failure);
  const body = request.body;
  // Throws the scenario layer's own 400 when it finds the fault too.
  for (const scenario of isPlainObject(body) ? scenariosOf(body) : []) if (isPlainObject(scenario)) store.runWhatIf(scenario);
  throw ajv;
}
