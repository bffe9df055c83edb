/**
 * GET /api/scenarios/:id/system: the JSON of `pvplan system FILE --format json` for the multi-energy variants (the
 * CLI run as a subprocess is the reference), the list's `system` flag, 404 for a scenario without a section, and
 * the cache: one computation per file version, a new one after an edit.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pvplan } from '../cli/run-cli.ts';
import { copyScenarios, editFile, quietApp } from './helpers.ts';

const VARIANTS = ['wendeng-multi-energy-no-storage', 'wendeng-multi-energy-storage-10pct', 'wendeng-multi-energy-storage-20pct'];

let app: FastifyInstance;
let folder: ReturnType<typeof copyScenarios>;

beforeAll(async () => {
  folder = copyScenarios();
  app = await quietApp(folder.dir);
});

afterAll(async () => {
  await app.close();
  folder.cleanup();
});

describe('GET /api/scenarios/:id/system', () => {
  it('serves what pvplan system FILE --format json prints, for each multi-energy variant', async () => {
    for (const id of VARIANTS) {
      const [res, cli] = await Promise.all([app.inject(`/api/scenarios/${id}/system`), pvplan(['system', join(folder.dir, `${id}.yaml`), '--format', 'json'])]);
      expect(res.statusCode, id).toBe(200);
      expect(cli.status, cli.stderr).toBe(0);
      const served = res.json() as Record<string, unknown>;
      const printed = JSON.parse(cli.stdout) as Record<string, unknown>;
      // The file is named inside the scenarios folder, the CLI names it as given; everything else is the same.
      expect(served.scenario).toEqual({ file: `${id}.yaml`, name: (printed.scenario as { name: string }).name });
      expect({ ...served, scenario: null, generation: { ...(served.generation as object), label: null } }).toEqual({ ...printed, scenario: null, generation: { ...(printed.generation as object), label: null } });
    }
  });

  it('the list flags the scenarios with a system section', async () => {
    const list = (await app.inject('/api/scenarios')).json() as { scenarios: Array<{ id: string; valid: boolean; system?: boolean }> };
    const withSystem = list.scenarios.filter((s) => s.system).map((s) => s.id);
    for (const id of [...VARIANTS, 'wendeng-multi-energy']) expect(withSystem).toContain(id);
    expect(list.scenarios.find((s) => s.id === 'wendeng-2025')!.system).toBe(false);
  });

  it('answers 404 for a scenario without a system section and for an unknown scenario', async () => {
    const none = await app.inject('/api/scenarios/wendeng-2025/system');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: 'not-found', message: expect.stringContaining("no 'system:' section") });
    expect((await app.inject('/api/scenarios/no-such-scenario/system')).statusCode).toBe(404);
  });

  it('computes once per file version: the same bytes again, new figures after an edit of the parent', async () => {
    const id = 'wendeng-multi-energy-storage-20pct';
    const first = await app.inject(`/api/scenarios/${id}/system`);
    const again = await app.inject(`/api/scenarios/${id}/system`);
    expect(again.body).toBe(first.body);
    // The parent's export limit is part of this child's version (its extends chain).
    editFile(folder.dir, 'wendeng-multi-energy.yaml', 'exportLimit: 550 MW', 'exportLimit: 500 MW');
    const edited = (await app.inject(`/api/scenarios/${id}/system`)).json() as { exportLimitMW: number; curtailedMWh: number };
    expect(edited.exportLimitMW).toBe(500);
    expect(edited.curtailedMWh).toBeGreaterThan((first.json() as { curtailedMWh: number }).curtailedMWh);
  });
});
