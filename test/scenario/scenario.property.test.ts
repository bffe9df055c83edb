/**
 * Random scenario documents (arbitraries.ts, built to the shape of src/scenario/schema.ts): valid ones always
 * resolve and run to finite, non-negative results; a valid one with one rule broken always yields validation
 * issues, and loading it as a file throws a ScenarioError and nothing else.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../src/core/plan/simulate.ts';
import { runReport } from '../../src/report/run.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadScenario, resolvePlan } from '../../src/scenario/resolve.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenarioShape } from '../../src/scenario/validate.ts';
import { invalidScenarioArb, validScenarioArb, type Doc } from './arbitraries.ts';

/** Every problem a document has: structural first, then (if none) the cross-field ones. */
function issuesOf(doc: Doc): string[] {
  const shape = validateScenarioShape(doc);
  if (shape.length > 0) return shape.map((i) => `${i.path.join('.')}: ${i.message}`);
  return resolvePlan(doc as unknown as Scenario).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('random valid scenarios', () => {
  it('validate, resolve and run without NaN, Infinity or negative energy', () => {
    fc.assert(
      fc.property(validScenarioArb, (doc) => {
        expect(issuesOf(doc), JSON.stringify(doc)).toEqual([]);
        const { plan } = resolvePlan(doc as unknown as Scenario);
        for (const r of simulatePlan(plan).years) {
          for (const [k, v] of Object.entries(r)) {
            if (!Number.isFinite(v)) throw new Error(`${r.year} ${k} = ${String(v)} for ${JSON.stringify(doc)}`);
          }
          expect(r.energyMWh).toBeGreaterThanOrEqual(0);
          expect(r.coalTonnes).toBeGreaterThanOrEqual(0);
          expect(r.co2Tonnes).toBeGreaterThanOrEqual(0);
          expect(r.operatingMW).toBeLessThanOrEqual(r.capacityMW * (1 + 1e-9) + 1e-9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('load from YAML and JSON text and report with finite totals and a stable hash', () => {
    fc.assert(
      fc.property(validScenarioArb, (doc) => {
        const yaml = loadScenario('/v/random.yaml', () => stringify(doc));
        const json = loadScenario('/v/random.json', () => JSON.stringify(doc));
        expect(json.hash).toBe(yaml.hash);
        const report = runReport(yaml);
        expect(report.years.length).toBe(yaml.plan.endYear - yaml.plan.startYear + 1);
        for (const x of [report.summary.totalEnergyMWh, report.summary.totalCoalTonnes, report.summary.totalCo2Tonnes]) {
          expect(Number.isFinite(x) && x >= 0).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('random invalid scenarios', () => {
  it('always yield validation issues, never another error', () => {
    fc.assert(
      fc.property(invalidScenarioArb, ([doc, broken]) => {
        let issues: string[] = [];
        expect(() => (issues = issuesOf(doc)), broken).not.toThrow();
        expect(issues.length, `${broken}: ${JSON.stringify(doc)}`).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('loaded as files, throw a ScenarioError with a located problem and nothing else', () => {
    fc.assert(
      fc.property(invalidScenarioArb, ([doc, broken]) => {
        try {
          loadScenario('/v/broken.yaml', () => stringify(doc));
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw new Error(`${broken}: ${String(e)}`);
          expect(e.problems.length).toBeGreaterThan(0);
          for (const p of e.problems) expect(p.file).toBe('/v/broken.yaml');
          return;
        }
        throw new Error(`${broken}: loaded without an error`);
      }),
      { numRuns: 200 },
    );
  });
});
