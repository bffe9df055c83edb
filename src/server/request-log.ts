/**
 * One log line per request. Fastify's default logs two at `info` ("incoming request" with the request, then
 * "request completed" with the status): a busy page doubles the log and splits each request's facts across two
 * lines. This controller logs the arrival at `debug` only and, at the end, one `info` line with the method, URL,
 * status and time (`--log-level debug` still shows both).
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** What a handler adds to its request's one line: why it failed with a 4xx status, which file a save wrote. */
const REQUEST_NOTES = new WeakMap<FastifyRequest, Readonly<Record<string, string | boolean>>>();

/** Adds `fields` to the log line of `request` (instead of a line of their own). */
export function noteOnRequestLine(request: FastifyRequest, fields: Readonly<Record<string, string | boolean>>): void {
  REQUEST_NOTES.set(request, { ...REQUEST_NOTES.get(request), ...fields });
}

/** Response time in ms, rounded to 0.01 ms (the clock's noise is larger). */
function elapsedMs(reply: FastifyReply): number {
  return Math.round(reply.elapsedTime * 100) / 100;
}

export class OneLineRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: elapsedMs(reply), ...REQUEST_NOTES.get(request) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
