/**
 * Plausibility warnings through the API: the scenario list, a file's result and a what-if's result carry them
 * (fast-json-stringify drops undeclared fields, so this also checks the response schemas declare them).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyScenarios, quietApp } from './helpers.ts';

let app: FastifyInstance;
let folder: ReturnType<typeof copyScenarios>;

beforeAll(async () => {
  folder = copyScenarios();
  writeFileSync(join(folder.dir, 'slip.yaml'), 'extends: wendeng-2025.yaml\ncapacity:\n  target: { capacity: 450 MW, year: 2025 }\n');
  app = await quietApp(folder.dir);
});
afterAll(async () => {
  await app.close();
  folder.cleanup();
});

describe('warnings in the API', () => {
  it('the scenario list gives each valid scenario its warnings (none for the shipped ones)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/scenarios' });
    const list = (res.json() as { scenarios: Array<{ id: string; warnings?: Array<{ code: string }> }> }).scenarios;
    expect(list.find((s) => s.id === 'slip')?.warnings?.map((w) => w.code)).toEqual(['target-below-baseline']);
    expect(list.find((s) => s.id === 'wendeng-2025')?.warnings).toEqual([]);
  });

  it("a file's result carries the warning with its line, value, range and hint", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/scenarios/slip/result' });
    expect(res.statusCode).toBe(200);
    const [w] = (res.json() as { warnings: Array<Record<string, unknown>> }).warnings;
    expect(w).toMatchObject({ code: 'target-below-baseline', line: 3, path: 'capacity.target.capacity', value: 450, range: { min: 1125, unit: 'MW' }, hint: '450万千瓦 = 4500 MW' });
    expect(String(w!.message)).toMatch(/below the 2022 baseline of 1125 MW/);
  });

  it("a what-if's result carries its warnings", async () => {
    const res = await app.inject({ method: 'POST', url: '/api/run', payload: { extends: 'wendeng-2025.yaml', savings: { coal: '4035 g/kWh' } } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { warnings: Array<{ code: string; hint?: string }> }).warnings).toEqual([expect.objectContaining({ code: 'coal-intensity-outside', hint: '403.5 g/kWh' })]);
  });
});
