/**
 * Vitest global setup: rebuilds dist/ with `npm run build` when dist/cli.js is missing or older than any file
 * under src/ (or the build script, or package.json), then snapshots dist/ into test/artifacts/cli-dist-<pid>/,
 * whose cli.js test/cli runs (`inject('pvplanCli')`). The snapshot is the same bundle; it only protects the CLI
 * tests from a concurrent `npm run build` (which empties dist/ first) or test run in a shared working tree.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the built pvplan CLI (a private snapshot of dist/cli.js). */
    pvplanCli: string;
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_SNAPSHOT_DIR = join(ROOT, 'test', 'artifacts', `cli-dist-${process.pid}`);

function newestMtimeMs(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

function isStale(cli: string): boolean {
  if (!existsSync(cli)) return true;
  const built = statSync(cli).mtimeMs;
  return [join(ROOT, 'src'), join(ROOT, 'scripts', 'build.mjs'), join(ROOT, 'package.json')].some((p) => existsSync(p) && newestMtimeMs(p) > built);
}

function snapshotWorks(): boolean {
  try {
    execFileSync(process.execPath, [join(CLI_SNAPSHOT_DIR, 'cli.js'), '--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export default function setup(project: TestProject): () => void {
  const cli = join(ROOT, 'dist', 'cli.js');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0 || isStale(cli)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    rmSync(CLI_SNAPSHOT_DIR, { recursive: true, force: true });
    try {
      cpSync(join(ROOT, 'dist'), CLI_SNAPSHOT_DIR, { recursive: true });
    } catch {
      continue; // dist/ was being rebuilt by someone else: build and copy again
    }
    if (snapshotWorks()) {
      project.provide('pvplanCli', join(CLI_SNAPSHOT_DIR, 'cli.js'));
      return () => rmSync(CLI_SNAPSHOT_DIR, { recursive: true, force: true });
    }
  }
  throw new Error('global-setup: could not build a working dist/cli.js (run `npm run build` to see why)');
}
