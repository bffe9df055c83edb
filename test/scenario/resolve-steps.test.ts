/**
 * Resolution with the optional steps loaded on demand (loadScenarioWithSteps) gives what resolution with every step
 * (loadScenario) gives, byte for byte, for every shipped scenario and every fixture, good or bad; and a scenario
 * without physical yield, system, finance or portfolio sections loads none of those steps.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/format.ts';
import { runReport } from '../../src/report/run.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadScenarioChain } from '../../src/scenario/load.ts';
import { hasPortfolio } from '../../src/scenario/portfolio-sections.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { loadScenarioWithSteps, loadSteps, stepsNeeded } from '../../src/scenario/resolve-steps.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const SHIPPED = join(import.meta.dirname, '..', '..', 'scenarios');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const files = (dir: string) => readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')).map((f) => join(dir, f));
const ALL = [...files(SHIPPED), ...files(FIXTURES)];

/** The outcome of loading a file: the run report's JSON, or the problems of its ScenarioError. */
function outcome(load: () => ReturnType<typeof loadScenario>): string {
  try {
    return renderJson({ report: runReport(load()) });
  } catch (e) {
    if (e instanceof ScenarioError) return renderJson({ problems: e.problems });
    throw e;
  }
}

async function outcomeAsync(file: string): Promise<string> {
  try {
    return renderJson({ report: runReport(await loadScenarioWithSteps(file)) });
  } catch (e) {
    if (e instanceof ScenarioError) return renderJson({ problems: e.problems });
    throw e;
  }
}

describe('loadScenarioWithSteps', () => {
  it('covers scenarios with and without every optional section', () => {
    const needed = new Set(ALL.flatMap((f) => {
      try {
        return stepsNeeded(loadScenarioChain(f).merged);
      } catch {
        return [];
      }
    }));
    expect([...needed].sort()).toEqual(['finance', 'physical', 'portfolio', 'system']);
  });

  for (const file of ALL) {
    it(`gives the same report or the same problems as loadScenario: ${file.split('/').slice(-2).join('/')}`, async () => {
      expect(await outcomeAsync(file)).toBe(outcome(() => loadScenario(file)));
    });
  }

  it('loads no optional step for a scenario without those sections', async () => {
    const merged = loadScenarioChain(join(SHIPPED, 'wendeng-2025.yaml')).merged;
    expect(stepsNeeded(merged)).toEqual([]);
    expect(await loadSteps(merged)).toEqual({});
  });
});

describe('stepsNeeded', () => {
  const base = { name: 'x', years: {}, capacity: {}, yield: { model: 'full-load-hours' }, savings: {} };
  it('names the step of each optional section', () => {
    expect(stepsNeeded(base)).toEqual([]);
    expect(stepsNeeded({ ...base, yield: { model: 'physical' } })).toEqual(['physical']);
    // A system's PV generators run the physical chain.
    expect(stepsNeeded({ ...base, system: {} })).toEqual(['physical', 'system']);
    expect(stepsNeeded({ ...base, finance: {} })).toEqual(['finance']);
    expect(stepsNeeded({ ...base, targets: [{}] })).toEqual(['portfolio']);
    // A project may carry its own wind chain (system-step.ts).
    expect(stepsNeeded({ ...base, projects: [{}] })).toEqual(['physical', 'system', 'portfolio']);
  });

  it('asks for the portfolio step exactly when the scenario has a portfolio', () => {
    for (const file of ALL) {
      let merged: Record<string, unknown>;
      try {
        merged = loadScenarioChain(file).merged;
      } catch {
        continue;
      }
      expect(stepsNeeded(merged).includes('portfolio'), file).toBe(hasPortfolio(merged as unknown as Scenario));
    }
  });

  it('looks at any document without assuming its shape', () => {
    for (const doc of [null, 3, 'text', [], { yield: 'physical' }, { projects: 'x' }, { targets: [] }]) expect(() => stepsNeeded(doc)).not.toThrow();
    expect(stepsNeeded({ targets: [] })).toEqual([]);
  });
});
