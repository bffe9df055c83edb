/** `pvplan serve`: the web page and JSON API on a scenarios folder (loopback by default). */
import { Option, type Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../server/defaults.ts';
import { CliError, CliExit, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';

/** Pino levels the server accepts; 'info' logs one line per request. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

interface ServeOptions {
  readonly scenarios: string;
  readonly port: string;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly dataDir?: string[];
  readonly allowedHost?: string[];
  readonly workers: string;
}

/** Highest TCP port number. */
const MAX_PORT = 65_535;

export function registerServe(program: Command, io: CliIo): void {
  const cmd = program
    .command('serve')
    .description('serve the comparison page and the JSON API for a scenarios folder (no database, no network needed)')
    .option('-s, --scenarios <dir>', 'scenarios folder', 'scenarios')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on (0.0.0.0 to let other machines in)', DEFAULT_HOST)
    .option('--allowed-host <names...>', 'host names (beyond the listen address and localhost) the page may be reached under, e.g. a LAN name; others are refused (a guard against DNS rebinding)')
    .option('--data-dir <dirs...>', 'further folders scenarios may read weather files from (read only; default: the scenarios folder only)')
    .option('-w, --workers <n>', "server processes sharing the port, so many users' what-ifs use every core: a number, or 'auto' for one per core", '1')
    .addOption(new Option('--log-level <level>', 'request log level').choices([...LOG_LEVELS]).default('info'));
  withExample(
    cmd,
    'pvplan serve',
    'pvplan serve --scenarios my-scenarios --port 9000',
    'pvplan serve --data-dir ~/weather   # also let scenarios read weather files from this folder',
    'pvplan serve --host 0.0.0.0   # show it on the meeting-room network',
    'pvplan serve --host 0.0.0.0 --workers auto   # a shared server: one process per core',
  );
  cmd.action(async (opts: ServeOptions) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new CliError(`--port: expected a whole number from 0 to ${MAX_PORT}, got '${opts.port}'`);
    // Fastify loads only when serving, so the other commands start fast.
    const cluster = await import('../../server/cluster.ts');
    const workers = cluster.parseWorkerCount(opts.workers);
    if (workers === undefined) throw new CliError(`--workers: expected a whole number from 1 to ${cluster.MAX_WORKERS}, or 'auto', got '${opts.workers}'`);
    if (workers > 1 && !cluster.isServeWorker()) {
      // The primary: the workers (this same command, re-run by node:cluster) do the serving and the talking.
      const status = await cluster.runPrimary({
        workers,
        onListening: (url) => io.stdout(`pvplan: serving ${opts.scenarios} at ${url} with ${workers} worker processes  (Ctrl-C to stop)\n`),
        onNotice: (line) => io.stderr(`${line}\n`),
      });
      if (status !== 0) throw new CliExit(status);
      return;
    }
    const [{ startServer }, { ScenariosFolderError }] = await Promise.all([import('../../server/server.ts'), import('../../server/scenario-folder.ts')]);
    let started: Awaited<ReturnType<typeof startServer>>;
    try {
      started = await startServer({
        scenariosDir: opts.scenarios,
        dataDirs: opts.dataDir ?? [],
        allowedHosts: opts.allowedHost ?? [],
        host: opts.host,
        port,
        logger: { level: opts.logLevel },
        ...(workers > 1 ? { mcThreads: cluster.mcThreadsPerWorker(workers) } : {}),
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new CliError(`port ${port} on ${opts.host} is already in use; pick another with --port`);
      if (err.code === 'EACCES') throw new CliError(`not allowed to listen on ${opts.host}:${port}; pick a port above 1023`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new CliError(`cannot listen on ${opts.host}: no such local address`);
      if (e instanceof ScenariosFolderError) throw new CliError(e.message);
      throw e;
    }
    if (cluster.isServeWorker()) cluster.reportListening(started.url);
    else io.stdout(`pvplan: serving ${opts.scenarios} at ${started.url}  (Ctrl-C to stop)\n`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void started.app.close().finally(() => cluster.leavePrimary());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
