/**
 * buildApp(opts): the Fastify application (API + page), without listening, so tests drive it with
 * `app.inject()` and server.ts alone opens a socket. Routes are registered explicitly, one module per group.
 */
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { packageRoot } from '../package-root.ts';
import { errorBody, HttpError, makeErrorHandler, notFound } from './errors.ts';
import { McPool } from './mc-pool.ts';
import { registerCompareRoutes } from './routes/compare.ts';
import { registerMcRoutes, type McComputed } from './routes/mc.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerRunRoutes } from './routes/run.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { echartsDistDir, registerWebRoutes } from './routes/web.ts';
import { SCENARIO_SCHEMA_KEYWORDS, ScenarioBodySchema } from './schemas.ts';
import { ScenarioStore } from './store.ts';

/** Largest request body accepted (a scenario is a few kB; anything this big is a mistake or an attack). */
export const DEFAULT_BODY_LIMIT_BYTES = 65_536;

/**
 * Arrays of at least this many items are written by the native JSON.stringify instead of the schema's generated
 * code (fast-json-stringify's `largeArrayMechanism`): a run's years are most of a report, and building their text
 * piece by piece in JavaScript took a sixth of a what-if's time. The items are already exactly what the schemas
 * declare (test/server/response-conformance.test.ts walks every route's responses against them).
 */
export const NATIVE_ARRAY_MIN_ITEMS = 8;

export interface AppOptions {
  /** The scenarios folder: every scenario served or written, and every `extends`, is inside it. */
  readonly scenariosDir: string;
  /**
   * Further folders scenarios may read data from (weather files of the physical yield model), read only. Default
   * none: a weather file must then be inside the scenarios folder.
   */
  readonly dataDirs?: readonly string[];
  /** Pino logger options; default `{ level: 'info' }` (one line per request). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Turns logging off (tests). */
  readonly quiet?: boolean;
  readonly bodyLimitBytes?: number;
  /** Folder of the page (default: web/ of the pvplan package). */
  readonly webRoot?: string;
  /** Folder holding the ECharts builds (default: the installed echarts package). */
  readonly echartsDir?: string;
  /** Load and run every scenario of the folder when the app starts, so the first page view is served from the cache. */
  readonly warmCache?: boolean;
  /** Worker threads of the Monte Carlo route (default: the cores less one, at least 1). */
  readonly mcThreads?: number;
  /** Called after each Monte Carlo the server computed (cache hits are not computations). */
  readonly onMcComputed?: (e: McComputed) => void;
}

/**
 * Content-Security-Policy: scripts, styles, fonts and data only from this server. Images may be data:/blob: URLs
 * because chart exports are made in the page. No HSTS or upgrade-insecure-requests: the server speaks plain
 * HTTP, mostly on loopback or a meeting-room LAN.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers of API responses (JSON and CSV are data, never rendered as a page): nothing may load from
 * them, frame them or sniff them into another type (OWASP REST Security Cheat Sheet, "Security headers").
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const store = new ScenarioStore(opts.scenariosDir, opts.dataDirs);
  const mcPool = new McPool(opts.mcThreads === undefined ? {} : { threads: opts.mcThreads });
  const app = Fastify({
    logger: opts.quiet ? false : (opts.logger ?? { level: 'info' }),
    bodyLimit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Ajv: accept the scenario schema's annotation keywords; never coerce types or drop unknown keys silently
    // (a typo in a what-if must be an error, not vanish).
    ajv: { customOptions: { keywords: [...SCENARIO_SCHEMA_KEYWORDS], removeAdditional: false, coerceTypes: false, useDefaults: false, inlineRefs: false } },
    serializerOpts: { largeArrayMechanism: 'json-stringify', largeArraySize: NATIVE_ARRAY_MIN_ITEMS },
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).headers(API_SECURITY_HEADERS).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(new HttpError(400, 'bad-request', error.message))));
    },
  });
  app.setErrorHandler(makeErrorHandler(store.root));
  app.setNotFoundHandler((request, reply) => {
    const e = notFound(`no such resource: ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`);
    void reply.code(404).headers(API_SECURITY_HEADERS).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(e)));
  });
  // Registered once and referenced by $ref, so Ajv compiles the (large) scenario schema once, not per route.
  app.addSchema(ScenarioBodySchema);
  // The API and the page in their own scopes, each with its own security headers. API responses get a fixed
  // set computed once; @fastify/helmet, which rebuilds its middleware on every request (a third of a cached
  // result's time), covers the page, where its content-security-policy matters.
  await app.register(async (api) => {
    api.addHook('onRequest', (_request, reply, done) => {
      reply.headers(API_SECURITY_HEADERS);
      done();
    });
    registerMetaRoutes(api);
    registerScenarioRoutes(api, store);
    registerRunRoutes(api, store);
    registerCompareRoutes(api, store);
    registerMcRoutes(api, store, mcPool, opts.onMcComputed);
  });
  app.addHook('onClose', () => mcPool.close());
  if (opts.warmCache) {
    app.addHook('onReady', async () => {
      try {
        // A scenario with distributions will ask for a Monte Carlo: have its worker thread ready.
        if (store.list().some((s) => s.uncertain)) await mcPool.start();
      } catch (e) {
        app.log.warn({ err: e }, 'could not warm the scenario cache');
      }
    });
  }
  await app.register(async (page) => {
    await page.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES }, hsts: false });
    await registerWebRoutes(page, opts.webRoot ?? join(packageRoot(), 'web'), opts.echartsDir ?? echartsDistDir());
  });
  return app;
}
