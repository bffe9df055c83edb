/** `pvplan serve`: the web page and JSON API on a scenarios folder (loopback by default). */
import { Option, type Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../server/defaults.ts';
import { CliError, type CliIo } from '../io.ts';
import { withExample } from '../options.ts';

/** Pino levels the server accepts; 'info' logs one line per request. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

interface ServeOptions {
  readonly scenarios: string;
  readonly port: string;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly dataDir?: string[];
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
    .option('--data-dir <dirs...>', 'further folders scenarios may read weather files from (read only; default: the scenarios folder only)')
    .addOption(new Option('--log-level <level>', 'request log level').choices([...LOG_LEVELS]).default('info'));
  withExample(
    cmd,
    'pvplan serve',
    'pvplan serve --scenarios my-scenarios --port 9000',
    'pvplan serve --data-dir ../shared/weather   # weather files for physical-yield scenarios',
    'pvplan serve --host 0.0.0.0   # show it on the meeting-room network',
  );
  cmd.action(async (opts: ServeOptions) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new CliError(`--port: expected a whole number from 0 to ${MAX_PORT}, got '${opts.port}'`);
    // Fastify loads only when serving, so the other commands start fast.
    const [{ startServer }, { ScenariosFolderError }] = await Promise.all([import('../../server/server.ts'), import('../../server/store.ts')]);
    let started: Awaited<ReturnType<typeof startServer>>;
    try {
      started = await startServer({ scenariosDir: opts.scenarios, dataDirs: opts.dataDir ?? [], host: opts.host, port, logger: { level: opts.logLevel } });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new CliError(`port ${port} on ${opts.host} is already in use; pick another with --port`);
      if (err.code === 'EACCES') throw new CliError(`not allowed to listen on ${opts.host}:${port}; pick a port above 1023`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new CliError(`cannot listen on ${opts.host}: no such local address`);
      if (e instanceof ScenariosFolderError) throw new CliError(e.message);
      throw e;
    }
    io.stdout(`pvplan: serving ${opts.scenarios} at ${started.url}  (Ctrl-C to stop)\n`);
    const stop = () => {
      void started.app.close();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
