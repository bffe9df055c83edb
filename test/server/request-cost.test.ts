/**
 * What one request of at most the body limit costs the server (issue 11 §2): the worst cases we could think of,
 * each sent a few times with a different body (so no cache answers it), measured as the process's CPU time
 * around `app.inject()` (the whole request: parsing, validation, the run, serializing) and the answer's size.
 * Goal: about 20 ms of CPU, and an error answer a small multiple of a normal one; the bounds here leave room for a
 * shared, loaded test machine, and the figures are in docs/security.md (PVPLAN_PRINT_COSTS=1 prints them).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/server/app.ts';
import { MAX_ERROR_LINE_CHARS, MAX_ERROR_MESSAGE_CHARS } from '../../src/server/errors.ts';
import { copyScenarios, quietApp } from './helpers.ts';

let dir: string;
let cleanup: () => void;
let app: FastifyInstance;
beforeAll(async () => {
  ({ dir, cleanup } = copyScenarios());
  app = await quietApp(dir);
});
afterAll(async () => {
  await app.close();
  cleanup();
});

/** Median CPU bound for a request (ms): the goal is 20; the margin is for a test machine shared by several jobs. */
const CPU_BOUND_MS = 60;
/** The physical yield model's 8,760-hour chain is the one computation allowed more (documented in docs/security.md). */
const PHYSICAL_CPU_BOUND_MS = 150;
/** Largest error answer: the message budget twice over (message and problems) and one clipped line of field names. */
const ERROR_BOUND_BYTES = 2 * (MAX_ERROR_MESSAGE_CHARS + MAX_ERROR_LINE_CHARS) + 1000;

type Case = { name: string; method?: 'GET' | 'POST'; url: string; body?: (i: number) => string; status?: number; cpuBoundMs?: number; outBoundBytes?: number };
const keys = (n: number, v = '1') => Array.from({ length: n }, (_, i) => `"k${i}":${v}`).join(',');
const cases: Case[] = [
  { name: 'normal error (unknown id)', method: 'GET', url: '/api/scenarios/nope' },
  { name: 'normal what-if', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}` }) },
  { name: '5000 unknown keys top', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}",${keys(5000)}}` },
  { name: '5000 unknown keys in capacity', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}","capacity":{${keys(5000)}}}` },
  { name: '5000 unknown keys in yield.degradation', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}","yield":{"degradation":{${keys(5000)}}}}` },
  { name: '3000 unknown keys, long', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}",${Array.from({ length: 3000 }, (_, j) => `"grwth${j}":{}`).join(',')}}` },
  { name: 'one 60 kB unknown key', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}","${'g'.repeat(60000)}":1}` },
  { name: 'deep allowed nesting unknown', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}","x":${'{"a":'.repeat(31)}1${'}'.repeat(31)}}` },
  { name: 'deep allowed nesting known', url: '/api/run', body: (i) => `{"extends":"wendeng-2025.yaml","name":"w${i}","capacity":{"growth":${'{"a":'.repeat(30)}1${'}'.repeat(30)}}}` },
  { name: 'long strings in every field', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}` + 'n'.repeat(12000), region: 'r'.repeat(12000), description: 'd'.repeat(12000), capacity: { baseline: { capacity: '1'.repeat(6000) + ' MW' }, target: { capacity: '4' + '0'.repeat(6000) + ' MW' } }, yield: { value: '1135' + ' '.repeat(6000) + 'h' } }) },
  { name: 'long unit expressions', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}`, capacity: { baseline: { capacity: '1 ' + 'kW*'.repeat(5000) + 'h/h' } }, yield: { value: '1135 ' + 'h*'.repeat(5000) + 'h/h' } }) },
  { name: '5000 bad year-series keys', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}`, yield: { value: Object.fromEntries(Array.from({ length: 5000 }, (_, j) => [`x${j}`, '1 h'])) } }) },
  { name: '300-year series', outBoundBytes: 200_000, url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}`, years: { start: 1900, end: 2200 }, capacity: { baseline: { capacity: '1 MW', year: 1900 }, target: { capacity: '100 MW', year: 2200 } }, yield: { value: Object.fromEntries(Array.from({ length: 301 }, (_, j) => [String(1900 + j), `${1000 + j} h`])) } }) },
  { name: 'discrete with 15000 values', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025-uncertain.yaml', name: `w${i}`, capacity: { constructionLagYears: { discrete: { values: Array.from({ length: 15000 }, (_, j) => j % 3), weights: Array.from({ length: 15000 }, () => 1) } } } }) },
  { name: '1000 correlations', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025-uncertain.yaml', name: `w${i}`, uncertainty: { correlations: Array.from({ length: 1000 }, () => ({ between: ['capacity.growth.rate', 'yield.curtailment'], rank: 0.4 })) } }) },
  { name: '480 projects', outBoundBytes: 60_000, url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-portfolio.yaml', name: `w${i}`, projects: Array.from({ length: 480 }, (_, j) => ({ id: `p${j}`, technology: 'pv-utility', capacity: `${10 + j} MW`, stage: 'approved', constructionStart: 2023, commissioning: 2024 })) }) },
  { name: '700 correlations', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025-uncertain.yaml', name: `w${i}`, uncertainty: { correlations: Array.from({ length: 700 }, () => ({ between: ['capacity.growth.rate', 'yield.curtailment'], rank: 0.4 })) } }) },
  { name: 'physical what-if (cache miss)', cpuBoundMs: PHYSICAL_CPU_BOUND_MS, url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025-physical.yaml', name: `w${i}`, yield: { array: { tilt: 30 + i / 100 } } }) },
  { name: 'physical what-if, weather direct', cpuBoundMs: PHYSICAL_CPU_BOUND_MS, url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}`, yield: { model: 'physical', array: { mounting: 'fixed', tilt: 20 + i / 100, azimuth: 180 }, weather: { file: 'weather/CHN_Beijing.Beijing.545110_CSWD.epw' } } }) },
  { name: 'formula near the part limit (196 of 200)', url: '/api/run', body: (i) => JSON.stringify({ extends: 'wendeng-2025-linear.yaml', name: `w${i}`, capacity: { growth: { model: 'formula', expression: `1125 MW${' + 1 MW'.repeat(44)} + ${i} MW * (year - 2022)` } } }) },
  { name: 'compare 12 ids', outBoundBytes: 40_000, method: 'GET', url: '/api/compare?ids=' + Array.from({ length: 12 }, (_, i) => ['wendeng-2025', 'wendeng-2025-linear', 'wendeng-2025-physical', 'datang-100mw', 'wendeng-portfolio', 'wendeng-2025-uncertain'][i % 6]).join(',') },
  { name: 'POST compare 12 physical what-ifs', cpuBoundMs: 12 * PHYSICAL_CPU_BOUND_MS, url: '/api/compare', body: (i) => JSON.stringify({ ids: [], whatIfs: Array.from({ length: 12 }, (_, j) => ({ extends: 'wendeng-2025-physical.yaml', yield: { array: { tilt: 10 + j + i / 100 } } })) }) },
  { name: 'POST compare 12 ids', url: '/api/compare', body: () => JSON.stringify({ ids: Array.from({ length: 12 }, () => 'wendeng-portfolio') }) },
  { name: 'run.csv what-if', url: '/api/run.csv?units=cn', body: (i) => JSON.stringify({ extends: 'wendeng-2025.yaml', name: `w${i}` }) },
  { name: 'result.csv', method: 'GET', url: '/api/scenarios/wendeng-portfolio/result.csv?units=cn' },
  { name: 'list', method: 'GET', url: '/api/scenarios' },
];

describe('the cost of one request', () => {
  it('stays within the bounds for every worst case, and the body limit holds', async () => {
    const rows: string[] = [];
    for (const c of cases) {
      const send = (i: number) => app.inject({ method: c.method ?? 'POST', url: c.url, ...(c.body ? { payload: c.body(i), headers: { 'content-type': 'application/json' } } : {}) });
      await send(1000); // warm: code compiled, files cached
      const cpus: number[] = [];
      let res = await send(0);
      for (let i = 1; i <= 5; i++) {
        const cpu0 = process.cpuUsage();
        res = await send(i);
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1000);
      }
      cpus.sort((a, b) => a - b);
      const inBytes = c.body ? Buffer.byteLength(c.body(0)) : 0;
      const outBytes = res.rawPayload.length;
      rows.push(`| ${c.name} | ${inBytes.toLocaleString('en')} | ${res.statusCode} | ${outBytes.toLocaleString('en')} | ${cpus[2]!.toFixed(1)} | ${cpus[4]!.toFixed(1)} |`);
      if (inBytes > DEFAULT_BODY_LIMIT_BYTES) {
        expect(res.statusCode, c.name).toBe(413);
        continue;
      }
      expect(res.statusCode, c.name).toBeLessThan(500);
      expect(cpus[2], c.name).toBeLessThan(c.cpuBoundMs ?? CPU_BOUND_MS);
      expect(outBytes, c.name).toBeLessThan(c.outBoundBytes ?? (res.statusCode >= 400 ? ERROR_BOUND_BYTES : 20_000));
    }
    if (process.env.PVPLAN_PRINT_COSTS === '1') console.log(['| request | body, B | status | answer, B | CPU median, ms | CPU max, ms |', '|---|---:|---:|---:|---:|---:|', ...rows].join('\n'));
  }, 600_000);
});
