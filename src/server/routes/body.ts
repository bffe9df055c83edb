/**
 * Request bodies that hold scenarios: Fastify (Ajv) checks only the request's own fields (an id, a metric, that a
 * scenario is a mapping); a scenario's contents are checked by the scenario layer alone, whose messages name the
 * field, what was expected and the likely typo ("unknown field 'grwth' (did you mean 'growth'?)"). When both find a
 * fault, the scenario's is reported.
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
 * is in a scenario of the body, Ajv's otherwise. `scenariosOf(body)` lists the body's scenarios with their JSON
 * pointers; only the one Ajv's failure points into is run, so a bad field beside twelve what-ifs does not cost
 * twelve runs. Returns when there was no validation error.
 */
export function rejectInvalidBody(request: FastifyRequest, store: ScenarioStore, scenariosOf: (body: ScenarioBody) => ReadonlyArray<readonly [pointer: string, scenario: unknown]>): void {
  const failure = (request as FastifyRequest & { validationError?: FastifyError }).validationError;
  if (!failure) return;
  const ajv = validationHttpError(failure);
  const body = request.body;
  const at = (failure.validation?.[0] as { instancePath?: string } | undefined)?.instancePath ?? '';
  // Throws the scenario layer's own 400 when it finds the fault too.
  for (const [pointer, scenario] of isPlainObject(body) ? scenariosOf(body) : []) {
    if ((at === pointer || at.startsWith(`${pointer}/`)) && isPlainObject(scenario)) store.runWhatIf(scenario);
  }
  throw ajv;
}
