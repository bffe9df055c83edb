/**
 * Where the Monte Carlo worker bundle is: mc-worker.js beside the running bundle (dist/, or dist/ when this code
 * sits in dist/chunks/), else dist/mc-worker.js of the pvplan package when running from src/ (under a test
 * runner): Node 20 cannot start a worker from TypeScript, so workers always run the built bundle. The variable
 * PVPLAN_MC_WORKER, when set, names the bundle to use instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the worker bundle (scripts/build.mjs, entry point 'mc-worker'). */
export const WORKER_BUNDLE_NAME = 'mc-worker.js';

/** The folder of pvplan's own package.json, searched upwards from this module. */
function pvplanRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pvplan') return dir;
    dir = dirname(dir);
  }
  return undefined;
}

/** Environment variable naming another worker bundle (tests point it at their private snapshot of dist/). */
export const WORKER_BUNDLE_ENV = 'PVPLAN_MC_WORKER';

/** Absolute path of the worker bundle; throws a clear error when it has not been built. */
export function workerBundlePath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = pvplanRoot();
  const override = process.env[WORKER_BUNDLE_ENV];
  const candidates = [...(override ? [override] : []), join(here, WORKER_BUNDLE_NAME), join(here, '..', WORKER_BUNDLE_NAME), ...(root ? [join(root, 'dist', WORKER_BUNDLE_NAME)] : [])];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`mc: the worker bundle dist/${WORKER_BUNDLE_NAME} is missing; run \`npm run build\` (or use --threads 1)`);
  return found;
}
