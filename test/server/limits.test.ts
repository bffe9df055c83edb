/**
 * The listening server's guards (issue 11): the Host check against DNS rebinding, timeouts for idle and slow
 * connections, and the connection cap; against the real server on a loopback port, with limits shortened.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { allowedHostNames, hostNameOf } from '../../src/server/host-check.ts';
import { startServer } from '../../src/server/server.ts';
import { copyScenarios } from './helpers.ts';

let app: FastifyInstance;
let port: number;
let cleanup: () => void;

beforeAll(async () => {
  const folder = copyScenarios();
  cleanup = folder.cleanup;
  const started = await startServer({
    scenariosDir: folder.dir,
    port: 0,
    quiet: true,
    allowedHosts: ['pvplan.lan'],
    limits: { idleTimeoutMs: 400, headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, maxConnections: 8 },
  });
  app = started.app;
  port = Number(new URL(started.url).port);
}, 60_000);
afterAll(async () => {
  await app.close();
  cleanup();
});

/** Sends raw HTTP text on a new connection; resolves with the whole answer when the server closes or after `waitMs`. */
function raw(text: string, waitMs = 3000): Promise<{ answer: string; closedAfterMs: number | undefined }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    socket.on('error', reject);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs: undefined });
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closedAfterMs: performance.now() - t0 });
    });
    if (text) socket.write(text);
  });
}

const get = (host: string) => raw(`GET /api/scenarios HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

describe('Host header check', () => {
  it('serves loopback names and the allowed host, with or without a port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, `pvplan.lan:${port}`, 'PVPLAN.LAN']) {
      expect((await get(host)).answer, host).toMatch(/^HTTP\/1\.1 200 /);
    }
  });

  it('refuses a foreign host name (DNS rebinding) with 421 and the documented error body, before any route', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', '']) {
      const { answer } = await raw(`GET /api/scenarios HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(answer, host).toMatch(/^HTTP\/1\.1 (421|400) /);
      if (host !== '') {
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: string; message: string };
        expect(body.error).toBe('misdirected-request');
        expect(body.message).toMatch(/--allowed-host/);
      }
    }
    // The page too, not only the API.
    expect((await raw('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n')).answer).toMatch(/^HTTP\/1\.1 421 /);
  });

  it('parses Host headers and lists the names a wildcard listener answers to', () => {
    expect(hostNameOf('[::1]:8080')).toBe('::1');
    expect(hostNameOf('Example.ORG:80')).toBe('example.org');
    expect(hostNameOf('a:b:c')).toBeUndefined();
    expect(hostNameOf(undefined)).toBeUndefined();
    const loop = allowedHostNames('127.0.0.1');
    expect([...loop].sort()).toEqual(['127.0.0.1', '::1', 'localhost']);
    const wild = allowedHostNames('0.0.0.0', ['[fd00::1]']);
    expect(wild.has('127.0.0.1')).toBe(true);
    expect(wild.has('fd00::1')).toBe(true);
    expect(wild.has('evil.example')).toBe(false);
  });
});

describe('timeouts and the connection cap', () => {
  it('closes a connection that sends nothing', async () => {
    const { closedAfterMs } = await raw('');
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(2500);
  });

  it('closes a connection whose headers never finish (slowloris)', async () => {
    const { answer, closedAfterMs } = await raw(`GET /api/scenarios HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1`);
    expect(closedAfterMs).toBeDefined();
    expect(answer === '' || /^HTTP\/1\.1 408 /.test(answer)).toBe(true);
  });

  it('refuses connections beyond the cap while others are open, and serves again once they close', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < 8; i++) {
      const s = connect(port, '127.0.0.1');
      await new Promise((r) => s.once('connect', r));
      held.push(s);
    }
    const extra = await raw(`GET /api/scenarios HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, 1500);
    expect(extra.answer).toBe('');
    expect(extra.closedAfterMs).toBeDefined();
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await get('localhost')).answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
