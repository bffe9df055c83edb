/**
 * Errors at the HTTP edge: every failure becomes one JSON body `{ error, message, field?, problems? }` with a
 * status (400 invalid input, 404 unknown scenario, 409 existing id, 413 body over the limit, 415 wrong media
 * type, 421 a foreign Host, 503 busy, 500 a bug). Messages never carry a stack or a server path outside the scenarios folder.
 */
import { noteOnRequestLine } from './request-log.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import { PlanError } from '../core/errors.ts';
import { McAbortError } from '../mc/run.ts';
import type { ErrorBody } from './schemas.ts';

export type ErrorKind = 'bad-request' | 'invalid-scenario' | 'not-found' | 'conflict' | 'body-too-large' | 'unsupported-media-type' | 'misdirected-request' | 'service-unavailable' | 'internal-error';

/** An error the API reports as is: its status, kind, message and optional field. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly kind: ErrorKind;
  readonly field?: string;
  readonly problems?: readonly ScenarioProblem[];
  /** Seconds the client should wait before trying again (the `Retry-After` header of a 503). */
  readonly retryAfterSeconds?: number;
  constructor(statusCode: number, kind: ErrorKind, message: string, extra: { field?: string; problems?: readonly ScenarioProblem[]; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.kind = kind;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.problems !== undefined) this.problems = extra.problems;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const notFound = (message: string) => new HttpError(404, 'not-found', message);
export const badRequest = (message: string, field?: string) => new HttpError(400, 'bad-request', message, field === undefined ? {} : { field });

/**
 * Replaces absolute paths in a message: the scenarios folder's own prefix is dropped (files are named as inside
 * the folder), any other absolute path is hidden so an error never tells a client how the server's disk is laid out.
 */
export function redactPaths(text: string, root: string): string {
  const inside = text.split(`${root}/`).join('');
  return inside.replace(/(^|[\s('"`])\/[^\s)'"`,;]*/g, '$1[outside the scenarios folder]');
}

/** Which document of a chain is the request body: its internal file name, and the label errors show instead. */
export interface BodySource {
  readonly file: string;
  readonly label: string;
}

/** A problem as the API shows it: file names redacted; a request body named by its label, without line or column (they would point into text the client never wrote). */
function apiProblem(p: ScenarioProblem, root: string, body: BodySource | undefined): ScenarioProblem {
  const isBody = body !== undefined && p.file === body.file;
  const file = isBody ? body.label : redactPaths(p.file, root);
  const withPos = !isBody && p.line !== undefined;
  return {
    file,
    ...(withPos ? { line: p.line } : {}),
    ...(withPos && p.column !== undefined ? { column: p.column } : {}),
    ...(p.field === undefined ? {} : { field: p.field }),
    message: redactPaths(p.message, root),
  };
}

function problemLine(p: ScenarioProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}: ` : '';
  return `${where}${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/**
 * Longest text of one problem or field in an answer: messages quote what the client sent (a key, a value), and a
 * 60 kB key must not come back five times over.
 */
export const MAX_ERROR_LINE_CHARS = 300;
/** Longest message of an answer: problems are listed until it is reached, then counted (so an error stays a few kB). */
export const MAX_ERROR_MESSAGE_CHARS = 2000;

/** `text` cut to `max` characters with an ellipsis, never inside a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

const NOT_SHOWN = /^and (\d+) more problems? not shown$/;

/** The problems an answer shows: each clipped, listed while the message stays within MAX_ERROR_MESSAGE_CHARS, the rest counted. */
function shownProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const clipped = problems.map((p) => ({ ...p, ...(p.field === undefined ? {} : { field: clipText(p.field, MAX_ERROR_LINE_CHARS) }), message: clipText(p.message, MAX_ERROR_LINE_CHARS) }));
  const shown: ScenarioProblem[] = [];
  let chars = 0;
  for (const p of clipped) {
    chars += problemLine(p).length + 1;
    if (chars > MAX_ERROR_MESSAGE_CHARS && shown.length > 0) break;
    shown.push(p);
  }
  if (shown.length === clipped.length) return shown;
  let more = clipped.length - shown.length;
  const last = clipped[clipped.length - 1]!;
  const counted = NOT_SHOWN.exec(last.message);
  if (counted) more += Number(counted[1]) - 1;
  shown.push({ file: last.file, message: `and ${more} more problem${more === 1 ? '' : 's'} not shown` });
  return shown;
}

/** A ScenarioError (bad text, unknown key, wrong unit, cycle…) as a 400 HttpError naming its first field. */
export function scenarioHttpError(e: ScenarioError, root: string, body?: BodySource): HttpError {
  const problems = shownProblems(e.problems.map((p) => apiProblem(p, root, body)));
  const first = problems[0];
  return new HttpError(400, 'invalid-scenario', problems.map(problemLine).join('\n'), {
    ...(first?.field === undefined ? {} : { field: first.field }),
    problems,
  });
}

/** The JSON body of an HttpError. */
export function errorBody(e: HttpError): ErrorBody {
  return {
    error: e.kind,
    message: clipText(e.message, MAX_ERROR_MESSAGE_CHARS + MAX_ERROR_LINE_CHARS),
    ...(e.field === undefined ? {} : { field: clipText(e.field, MAX_ERROR_LINE_CHARS) }),
    ...(e.problems === undefined ? {} : { problems: e.problems.map((p) => ({ ...p })) }),
  };
}

/** Dotted field of an Ajv error: instancePath '/capacity/growth/rate' → 'capacity.growth.rate' (plus the missing or unknown key). */
function ajvField(v: { instancePath?: string; params?: Record<string, unknown> }): string | undefined {
  const parts = (v.instancePath ?? '').split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = v.params?.missingProperty ?? v.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  return parts.length ? parts.join('.') : undefined;
}

/** Maps a Fastify validation failure (Ajv) to a 400 naming the field. */
export function validationHttpError(error: FastifyError): HttpError {
  const v = error.validation?.[0] as { instancePath?: string; params?: Record<string, unknown>; message?: string } | undefined;
  const field = v ? ajvField(v) : undefined;
  const where = error.validationContext ?? 'request';
  const message = `${where}${field ? ` ${field}` : ''}: ${v?.message ?? error.message}`;
  return badRequest(message, field);
}

/** Turns any error into an HttpError: known kinds keep their status, anything else is a 500 without details. */
export function toHttpError(error: unknown, root: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ScenarioError) return scenarioHttpError(error, root);
  // Only a run nobody waits for any more is aborted (its client disconnected), so this answer is rarely seen.
  if (error instanceof McAbortError) return new HttpError(503, 'service-unavailable', 'the Monte Carlo run was cancelled: its client disconnected');
  if (error instanceof PlanError) return new HttpError(400, 'invalid-scenario', error.message, error.field === undefined ? {} : { field: error.field });
  const fe = error as Partial<FastifyError>;
  if (fe.validation) return validationHttpError(fe as FastifyError);
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) return new HttpError(413, 'body-too-large', `request body is larger than the limit (${fe.message ?? ''})`.replace(/ \(\)$/, ''));
  if (status === 415) return new HttpError(415, 'unsupported-media-type', `${fe.message ?? 'unsupported media type'}; send the body as application/json`);
  if (status === 404) return notFound(fe.message ?? 'not found');
  if (status >= 400 && status < 500) return new HttpError(status, 'bad-request', fe.message ?? 'bad request');
  return new HttpError(500, 'internal-error', 'internal error: this is a bug in pvplan; the server log has the details');
}

/** Fastify error handler: logs bugs with their stack (server side only) and replies with the JSON error body. */
export function makeErrorHandler(root: string) {
  return function handleError(this: unknown, error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const http = toHttpError(error, root);
    if (http.kind === 'internal-error') request.log.error({ err: error }, 'request failed');
    // The reason joins the request's one log line (request-log.ts) rather than making a second one.
    else noteOnRequestLine(request, { error: http.kind, ...(http.field === undefined ? {} : { field: http.field }), reason: http.message.split('\n')[0]! });
    if (http.retryAfterSeconds !== undefined) reply.header('retry-after', String(http.retryAfterSeconds));
    void reply.code(http.statusCode).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(http)));
  };
}
