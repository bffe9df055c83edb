/**
 * The chunk message: a worker gets the resolved plan and its uncertain inputs as plain data (a structured clone,
 * as postMessage makes), never the scenario text, and computes the same draws as the main thread.
 */
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDrawer, planPasses } from '../../src/core/uncertainty/monte-carlo.ts';
import { drawerForTask, plainPlan, revivePlan, runChunk, WORKER_DRAWER_CACHE_SIZE, type ChunkTask } from '../../src/mc/chunk.ts';
import { CHUNK_DRAWS, runMonteCarlo } from '../../src/mc/run.ts';
import type { ResolvedScenario } from '../../src/scenario/resolve.ts';
import { scenarioFromText, uncertainWendeng } from './scenarios.ts';

const FORMULA_YAML = `
extends: wendeng-2025.yaml
name: formula path, uncertain hours
capacity:
  growth: { model: formula, expression: "1125 MW * 1.5^(year - 2022)" }
yield:
  value: { normal: { mean: 1135 h, sd: 60 h }, truncate: { min: 955 h, max: 1315 h } }
  interannualVariability: 4 %
`;

function taskOf(resolved: ResolvedScenario, fromDraw: number, count: number): ChunkTask {
  const { plan, uncertainty, hash } = resolved;
  return { plan: plainPlan(plan), uncertainty, hash, seed: 7, fromDraw, count, columns: planPasses(count, plan.endYear - plan.startYear + 1, 1e9)[0]!, withTarget: plan.capacity.target?.capacityMW !== undefined };
}

beforeAll(() => {
  process.env.PVPLAN_MC_WORKER = join(dirname(inject('pvplanCli')), 'mc-worker.js');
});

describe('ChunkTask', () => {
  for (const [label, resolved] of [
    ['the shipped uncertain Wendeng', uncertainWendeng()],
    ['a formula growth path', scenarioFromText(FORMULA_YAML, 'formula-uncertain')],
  ] as const) {
    it(`is structured-cloneable and gives the main thread's draws (${label})`, () => {
      const task = taskOf(resolved, 100, 64);
      const copy = structuredClone(task);
      expect(copy).toEqual(task);
      const there = runChunk(drawerForTask(copy), copy).data;
      const here = runChunk(createDrawer(resolved), task).data;
      expect(Array.from(there)).toEqual(Array.from(here));
    });
  }

  it('carries a formula path as its expression and compiles it again', () => {
    const { plan } = scenarioFromText(FORMULA_YAML, 'formula-uncertain');
    const plain = plainPlan(plan);
    expect(plain.capacity.growth).toEqual({ model: 'formula', expression: '1125 MW * 1.5^(year - 2022)' });
    const revived = revivePlan(structuredClone(plain));
    if (revived.capacity.growth.model !== 'formula' || plan.capacity.growth.model !== 'formula') throw new Error('expected a formula path');
    for (const year of [2023, 2030]) expect(revived.capacity.growth.capacityMWAt(year)).toBe(plan.capacity.growth.capacityMWAt(year));
    // A plan without a formula crosses as it is.
    const other = uncertainWendeng().plan;
    expect(plainPlan(other)).toBe(other);
  });

  it("keeps a bounded number of drawers: the least recently used one is rebuilt", () => {
    const resolved = uncertainWendeng();
    const first = drawerForTask(taskOf(resolved, 0, 1));
    expect(drawerForTask(taskOf(resolved, 0, 1))).toBe(first);
    for (let i = 0; i < WORKER_DRAWER_CACHE_SIZE; i++) drawerForTask({ ...taskOf(resolved, 0, 1), hash: `other-${i}` });
    expect(drawerForTask(taskOf(resolved, 0, 1))).not.toBe(first);
  });

  it('runs a formula scenario in worker threads with the same report as in this thread', async () => {
    const resolved = scenarioFromText(FORMULA_YAML, 'formula-uncertain');
    const draws = 2 * CHUNK_DRAWS + 5;
    const [one, two] = await Promise.all([1, 2].map(async (threads) => JSON.stringify(await runMonteCarlo(resolved, { draws, seed: 3, threads }))));
    expect(two).toBe(one);
  }, 60_000);
});
