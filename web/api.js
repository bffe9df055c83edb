// The page talks to the server only through these calls (JSON API under /api).

/** An API error: HTTP status plus the server's `{ error, message, field? }` body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.kind = body?.error ?? 'error';
    this.field = body?.field;
  }
}

async function request(method, url, body, signal) {
  // No custom headers on GETs, so the <link rel="preload"> responses of index.html are reused.
  const init = { method, headers: {}, signal };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) throw new ApiError(res.status, type.includes('json') ? await res.json() : { message: await res.text() });
  return type.includes('json') ? res.json() : res.blob();
}

export const api = {
  meta: () => request('GET', '/api/meta'),
  list: () => request('GET', '/api/scenarios'),
  scenario: (id) => request('GET', `/api/scenarios/${encodeURIComponent(id)}`),
  result: (id) => request('GET', `/api/scenarios/${encodeURIComponent(id)}/result`),
  /** Monte Carlo report with the server's default draws and seed (the same as `pvplan mc FILE --format json`). */
  mc: (id) => request('GET', `/api/scenarios/${encodeURIComponent(id)}/mc`),
  /** A scenario's hourly system dispatched (the same as `pvplan system FILE --format json`). */
  system: (id) => request('GET', `/api/scenarios/${encodeURIComponent(id)}/system`),
  /** A scenario's finance (the same as `pvplan finance FILE --format json`). */
  finance: (id) => request('GET', `/api/scenarios/${encodeURIComponent(id)}/finance`),
  /** The finance of a what-if body that `extends` a scenario file (the tariff what-if). */
  financeWhatIf: (body) => request('POST', '/api/finance', body),
  compare: (ids, whatIfs, metric) => request('POST', '/api/compare', { ids, whatIfs, metric }),
  compareCsv: (ids, whatIfs, metric, units) => request('POST', '/api/compare.csv', { ids, whatIfs, metric, units }),
  run: (body, signal) => request('POST', '/api/run', body, signal),
  save: (id, scenario, overwrite) => request('POST', '/api/scenarios', { id, scenario, overwrite }),
};
