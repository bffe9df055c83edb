/**
 * `pvplan serve` as a subprocess of the built CLI (the snapshot of dist/ test/global-setup.ts makes): it prints its URL,
 * serves the API and the page on that port, stops on SIGTERM, and refuses a missing folder or a bad port. With
 * `--workers N` it runs N server processes on the one port: each serves, they see each other's saves, one that
 * dies is replaced, and SIGTERM stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { copyScenarios } from './helpers.ts';

const CLI = inject('pvplanCli');

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Served {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
  readonly exit: Promise<{ code: number | null; stderr: string }>;
  /** Everything printed so far. */
  readonly out: () => { stdout: string; stderr: string };
}

function serve(args: string[]): Served {
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
  return { child, url, exit, out: () => ({ stdout, stderr }) };
}

/** Process ids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(join('/proc', name, 'stat'), 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(name));
  }
  return out;
}

/** An HTTP request on a connection of its own (no keep-alive), so consecutive calls reach the workers in turn. */
function once(url: string, method = 'GET', body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, agent: false, headers: payload === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids that logged a request (pino's info lines carry the pid of the process that served it). */
function servingPids(stdout: string): Set<number> {
  const pids = new Set<number>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { pid?: number; msg?: string };
    if (entry.msg === 'request completed' && entry.pid !== undefined) pids.add(entry.pid);
  }
  return pids;
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

  it('--workers 2: two processes serve one port, see each other\'s saves, a dead one is replaced, SIGTERM stops all', async () => {
    const { dir, cleanup } = copyScenarios();
    try {
      const server = serve(['--scenarios', dir, '--port', '0', '--workers', '2', '--log-level', 'info']);
      const url = await server.url;
      expect(server.out().stdout).toMatch(/with 2 worker processes/);
      const primary = server.child.pid!;
      const workers = await until('two workers', () => (childrenOf(primary).length === 2 ? childrenOf(primary) : undefined));
      // Each request on a connection of its own: the primary hands connections to the workers in turn.
      const whatIf = { extends: 'wendeng-2025.yaml', name: 'w', capacity: { growth: { model: 'cagr', rate: '30 %' } } };
      const runs = [];
      for (let i = 0; i < 6; i++) runs.push(await once(`${url}api/run`, 'POST', whatIf));
      expect(runs.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(runs.map((r) => r.text)).size).toBe(1);
      expect((JSON.parse(runs[0]!.text) as { years: Array<{ year: number; capacityMW: number }> }).years.find((r) => r.year === 2025)!.capacityMW).toBeCloseTo(1125 * 1.3 ** 3, 6);
      const saved = await once(`${url}api/scenarios`, 'POST', { id: 'shared-save', scenario: whatIf });
      expect(saved.status).toBe(201);
      for (let i = 0; i < 4; i++) {
        const list = JSON.parse((await once(`${url}api/scenarios`)).text) as { scenarios: Array<{ id: string }> };
        expect(list.scenarios.map((x) => x.id)).toContain('shared-save');
      }
      const pids = await until('request logs of both workers', () => (servingPids(server.out().stdout).size === 2 ? servingPids(server.out().stdout) : undefined));
      expect([...pids].sort()).toEqual([...workers].sort());

      process.kill(workers[0]!, 'SIGKILL');
      await until('the notice of the dead worker', () => (server.out().stderr.includes(`worker process ${workers[0]} stopped (signal SIGKILL); starting another`) ? true : undefined));
      const replaced = await until('a replacement worker', () => {
        const now = childrenOf(primary);
        return now.length === 2 && !now.includes(workers[0]!) ? now : undefined;
      });
      expect(replaced).toContain(workers[1]);
      for (let i = 0; i < 4; i++) expect((await once(`${url}api/scenarios/shared-save/result`)).status).toBe(200);

      server.child.kill('SIGTERM');
      expect((await server.exit).code).toBe(0);
      for (const pid of replaced) expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')).toBe(false);
    } finally {
      cleanup();
    }
  });

  it('--workers: refuses a bad count, and reports a port in use or a missing folder once, with exit status 2', async () => {
    const bad = await serve(['--workers', 'many', '--port', '0']).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("error: --workers: expected a whole number from 1 to 64, or 'auto', got 'many'\n");
    const zero = await serve(['--workers', '0', '--port', '0']).exit;
    expect(zero.code).toBe(2);

    const missing = await serve(['--scenarios', '/nonexistent/pvplan-scenarios', '--port', '0', '--workers', '2']).exit;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: the scenarios folder /nonexistent/pvplan-scenarios does not exist\n');

    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as { port: number }).port;
      const taken = await serve(['--port', String(port), '--workers', '2']).exit;
      expect(taken.code).toBe(2);
      expect(taken.stderr).toBe(`error: port ${port} on 127.0.0.1 is already in use; pick another with --port\n`);
    } finally {
      blocker.close();
    }
  });
});
