/** Starts the pvplan web server: builds the app and listens (loopback by default). */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.ts';
import { allowedHostNames } from './host-check.ts';

import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';

export { DEFAULT_HOST, DEFAULT_PORT };

export interface ServerOptions extends Omit<AppOptions, 'allowedHosts'> {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Host names beyond the listen address and loopback that requests may use (`--allowed-host`). */
  readonly allowedHosts?: readonly string[];
}

/** Builds the app and listens; resolves with the app and its URL (e.g. 'http://127.0.0.1:8080/'). */
export async function startServer(opts: ServerOptions): Promise<{ app: FastifyInstance; url: string }> {
  const host = opts.host ?? DEFAULT_HOST;
  const app = await buildApp({ warmCache: true, ...opts, allowedHosts: allowedHostNames(host, opts.allowedHosts) });
  try {
    await app.listen({ host, port: opts.port ?? DEFAULT_PORT });
  } catch (e) {
    await app.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : opts.port ?? DEFAULT_PORT;
  // A wildcard address is not somewhere to browse to; show the loopback one.
  const shownHost = host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? DEFAULT_HOST : host;
  return { app, url: `http://${shownHost}:${port}/` };
}
