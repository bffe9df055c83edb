/**
 * A run simulates its plan once: resolving a solved path under an additions cap simulates it (to check that the
 * path fits the cap), and the run report reuses that simulation. simulatePlan is wrapped to count its calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as simulate from '../../src/core/plan/simulate.ts';
import { runReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { planPath, planResult, REMEMBERED_PLANS } from '../../src/scenario/simulation.ts';

vi.mock('../../src/core/plan/simulate.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/plan/simulate.ts')>();
  return { ...original, simulatePlan: vi.fn((...args: Parameters<typeof original.simulatePlan>) => original.simulatePlan(...args)) };
});

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

/** Resolves YAML text as a file in scenarios/ (so `extends` finds the shipped files). */
function resolveText(yaml: string, id: string) {
  const file = join(SCENARIOS, `${id}.yaml`);
  return loadScenario(file, (p) => (p === file ? yaml : readFileSync(p, 'utf8')));
}

/** Simulations of a plan along its own growth path (solve.ts also simulates a greedy path to find the most a cap can reach). */
const calls = () => vi.mocked(simulate.simulatePlan).mock.calls.filter(([plan, path]) => path === undefined || path === planPath(plan)).length;

describe('resolve, then report', () => {
  beforeEach(() => {
    vi.mocked(simulate.simulatePlan).mockClear();
  });

  it('simulates a solved, capped plan once: the cap rule and the report share the simulation', () => {
    // The solved rate of ×4 in three years needs at most 1125 × 1.587² × 0.587 ≈ 1663 MW in a year: a 2000 MW cap fits.
    const resolved = resolveText('extends: wendeng-2025.yaml\nname: capped\ncapacity:\n  maxAdditionsPerYear: 2000 MW\n', 'capped-solved');
    expect(calls()).toBe(1);
    const report = runReport(resolved);
    expect(calls()).toBe(1);
    expect(report.target?.metInTargetYear).toBe(true);
  });

  it('simulates a plan without such a rule once, in the report', () => {
    const resolved = loadScenario(join(SCENARIOS, 'wendeng-2025.yaml'));
    expect(calls()).toBe(0);
    runReport(resolved);
    runReport(resolved);
    expect(calls()).toBe(1);
  });

  it('keeps the simulations of the last REMEMBERED_PLANS plans: resolving them all, then reporting them, simulates each once', () => {
    const capped = Array.from({ length: REMEMBERED_PLANS }, (_, i) => resolveText(`extends: wendeng-2025.yaml\nname: capped ${i}\ncapacity:\n  maxAdditionsPerYear: ${2000 + i} MW\n`, `capped-${i}`));
    expect(calls()).toBe(REMEMBERED_PLANS);
    for (const r of capped) runReport(r);
    expect(calls()).toBe(REMEMBERED_PLANS);
  });

  it('simulates a plan again, to the same result, once more than REMEMBERED_PLANS others were asked about after it', () => {
    const first = loadScenario(join(SCENARIOS, 'wendeng-2025.yaml'));
    const before = planResult(first.plan);
    for (let i = 0; i < REMEMBERED_PLANS; i++) planResult(loadScenario(join(SCENARIOS, 'wendeng-2025.yaml')).plan);
    const callsOf = () => vi.mocked(simulate.simulatePlan).mock.calls.filter(([plan]) => plan === first.plan).length;
    expect(callsOf()).toBe(1);
    const again = planResult(first.plan);
    expect(callsOf()).toBe(2);
    expect(again).not.toBe(before);
    expect(again).toEqual(before);
  });
});
