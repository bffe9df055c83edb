/** Runs the built `pvplan` (the bundle test/global-setup.ts snapshots) as a child process, for the CLI tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI, snapshotted by test/global-setup.ts. */
export const CLI = inject('pvplanCli');

export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking other tests; `interruptAfterMs` sends SIGINT after that long. */
export function pvplan(args: readonly string[], opts: { cwd?: string; interruptAfterMs?: number; env?: Readonly<Record<string, string>> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // English unless a test asks otherwise: the output's language follows the locale (LC_ALL, LC_MESSAGES, LANG).
    const env = { ...process.env, PVPLAN_DEBUG: '', NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...opts.env };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (opts.interruptAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), opts.interruptAfterMs);
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tmpDir(prefix = 'pvplan-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
