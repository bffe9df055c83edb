/**
 * `pvplan serve` as a subprocess of the built CLI (the snapshot of dist/ test/global-setup.ts makes): it prints its URL,
 * serves the API and the page on that port, stops on SIGTERM, and refuses a missing folder or a bad port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { copyScenarios } from './helpers.ts';

const CLI = inject('pvplanCli');

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function serve(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /serving .* at (http:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exit.then(({ code }) => reject(new Error(`pvplan serve exited with ${code}: ${stderr}`)));
  });
  // Tests of a failing start await `exit` only; the URL promise's rejection is expected there.
  url.catch(() => undefined);
  return { child, url, exit };
}

describe('pvplan serve', () => {
  it('prints its URL, serves the API and the page on loopback, and stops on SIGTERM', async () => {
    const { dir, cleanup } = copyScenarios();
    try {
      const server = serve(['--scenarios', dir, '--port', '0', '--log-level', 'warn']);
      const url = await server.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const list = (await (await fetch(`${url}api/scenarios`)).json()) as { scenarios: Array<{ id: string }> };
      expect(list.scenarios.map((s) => s.id)).toContain('wendeng-2025');
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>');
      server.child.kill('SIGTERM');
      expect((await server.exit).code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('refuses a missing folder and a bad port with exit status 2 and one line', async () => {
    const missing = await serve(['--scenarios', '/nonexistent/pvplan-scenarios', '--port', '0']).exit;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: the scenarios folder \/nonexistent\/pvplan-scenarios does not exist\n$/);
    const badPort = await serve(['--port', '99999']).exit;
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });
});
