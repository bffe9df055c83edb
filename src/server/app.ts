/**
 * buildApp(opts): the Fastify application (API + page), without listening, so tests drive it with
 * `app.inject()` and server.ts alone opens a socket. Routes are registered explicitly, one module per group.
 */
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { removeStaleTempFiles } from '../io/atomic-write.ts';
import { packageRoot } from '../package-root.ts';
import { errorBody, HttpError, makeErrorHandler, notFound } from './errors.ts';
import { hostNameOf } from './host-check.ts';
import { jsonStructureProblem } from './json-body.ts';
import { McPool } from './mc-pool.ts';
import { OneLineRequestLog } from './request-log.ts';
import { registerCompareRoutes } from './routes/compare.ts';
import { registerMcRoutes, type McComputed } from './routes/mc.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerPortfolioRoutes } from './routes/portfolio.ts';
import { registerRunRoutes } from './routes/run.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { registerSystemRoutes } from './routes/system.ts';
import { registerFinanceRoutes } from './routes/finance.ts';
import { echartsDistDir, registerWebRoutes } from './routes/web.ts';
import { MAX_SCENARIO_ID_BYTES } from '../scenario/id.ts';
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
  /**
   * Host names requests may carry in their Host header (see host-check.ts); others get 421. Default: no check
   * (tests with `inject`); startServer always sets it.
   */
  readonly allowedHosts?: ReadonlySet<string>;
  /** Limits of the listening server (see SERVER_LIMITS); tests shorten them. */
  readonly limits?: Partial<ServerLimits>;
}

/** Timeouts and the connection cap of a listening server; docs/security.md explains each. */
export interface ServerLimits {
  /** A request must arrive whole (headers and body) within this, ms. */
  readonly requestTimeoutMs: number;
  /** The headers of a request must arrive within this, ms (slowloris). */
  readonly headersTimeoutMs: number;
  /** A connection idle this long (no request in progress) is closed, ms. */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; more are refused at once by the kernel's accept. */
  readonly maxConnections: number;
}

export const SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
};

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
  const limits = { ...SERVER_LIMITS, ...opts.limits };
  const app = Fastify({
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks the header and request timeouts on this interval (30 s by default, too coarse for the limits).
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) },
    logger: opts.quiet ? false : (opts.logger ?? { level: 'info' }),
    logController: new OneLineRequestLog(),
    // A path parameter is matched before decoding: an id of MAX_SCENARIO_ID_BYTES bytes is at most 3 characters a byte (%E8).
    routerOptions: { maxParamLength: 3 * MAX_SCENARIO_ID_BYTES },
    bodyLimit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Ajv: accept the scenario schema's annotation keywords; never coerce types or drop unknown keys silently
    // (a typo in a what-if must be an error, not vanish).
    ajv: { customOptions: { keywords: [...SCENARIO_SCHEMA_KEYWORDS], removeAdditional: false, coerceTypes: false, useDefaults: false, inlineRefs: false } },
    serializerOpts: { largeArrayMechanism: 'json-stringify', largeArraySize: NATIVE_ARRAY_MIN_ITEMS },
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).headers(API_SECURITY_HEADERS).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(new HttpError(400, 'bad-request', error.message))));
    },
  });
  app.server.maxConnections = limits.maxConnections;
  // Saves write a temp file and rename it; a server killed in between leaves the temp file: clean those up.
  const leftovers = removeStaleTempFiles(store.root);
  if (leftovers.length > 0) app.log.warn({ files: leftovers }, 'removed leftover temp files of interrupted saves');
  // JSON bodies by the scenario files' rule: duplicate keys and deep nesting refused before parsing.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    const problem = jsonStructureProblem(text);
    if (problem) return done(new HttpError(400, 'bad-request', `request body: ${problem.message} (at character ${problem.offset + 1})`), undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (e) {
      done(new HttpError(400, 'bad-request', `request body: malformed JSON: ${(e as Error).message}`), undefined);
    }
  });
  app.setErrorHandler(makeErrorHandler(store.root));
  const allowedHosts = opts.allowedHosts;
  if (allowedHosts) {
    // First of all hooks, so a request under a foreign name reaches neither a route nor the page.
    app.addHook('onRequest', (request, reply, done) => {
      const name = hostNameOf(request.headers.host);
      if (name !== undefined && allowedHosts.has(name)) return done();
      const e = new HttpError(421, 'misdirected-request', `the host name '${String(request.headers.host ?? '').slice(0, 100)}' is not served here (a guard against DNS rebinding); to reach this server under that name, start it with --allowed-host ${name ?? 'NAME'}`);
      void reply.code(421).headers(API_SECURITY_HEADERS).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(e)));
    });
  }
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
    registerPortfolioRoutes(api, store);
    registerCompareRoutes(api, store);
    registerMcRoutes(api, store, mcPool, opts.onMcComputed);
    registerFinanceRoutes(api, store);
    registerSystemRoutes(api, store);
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
