/** Scenario helpers for the Monte Carlo tests: shipped files, and in-memory variants that extend them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, type ResolvedScenario } from '../../src/scenario/resolve.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCENARIOS = join(ROOT, 'scenarios');
export const UNCERTAIN_FILE = join(SCENARIOS, 'wendeng-2025-uncertain.yaml');

/** The shipped uncertain Wendeng scenario, resolved. */
export function uncertainWendeng(): ResolvedScenario {
  return loadScenario(UNCERTAIN_FILE);
}

/** Resolves YAML text as if it were a file in scenarios/ (so `extends: wendeng-2025.yaml` works). */
export function scenarioFromText(yaml: string, id = 'in-memory'): ResolvedScenario {
  const file = join(SCENARIOS, `${id}.yaml`);
  return loadScenario(file, (p) => (p === file ? yaml : readFileSync(p, 'utf8')));
}

/**
 * Wendeng with every kind of distribution on the fields that accept one, each with zero spread, a rank
 * correlation and no weather term: every draw is the deterministic run.
 */
export const ZERO_SPREAD_YAML = `
name: zero spread
years: { start: 2022, end: 2035 }
capacity:
  baseline: { capacity: 112.5万千瓦, year: 2022 }
  target: { capacity: 450万千瓦, year: 2025 }
  growth: { model: cagr, rate: { triangular: { min: 50 %, mode: 50 %, max: 50 % } } }
  constructionLagYears: { discrete: { values: [1], weights: [1] } }
  lifetimeYears: { discrete: { values: [25], weights: [3] } }
yield:
  model: full-load-hours
  value: { normal: { mean: 1135 h, sd: 0 h } }
  degradation:
    firstYear: { pert: { min: 1 %, mode: 1 %, max: 1 % } }
    annual: { uniform: { min: 0.6 %, max: 0.6 % } }
  availability: { lognormal: { mean: 98 %, sd: 0 % } }
  curtailment: { normal: { mean: 2 %, sd: 0 % }, truncate: { min: 0 %, max: 10 % } }
  interannualVariability: 0 %
savings:
  coal: { triangular: { min: 403.5 g/kWh, mode: 403.5 g/kWh, max: 403.5 g/kWh } }
  co2: { uniform: { min: 0.5703 t/MWh, max: 0.5703 t/MWh } }
uncertainty:
  correlations:
    - between: [capacity.growth.rate, yield.curtailment]
      rank: 0.6
`;

/** The shipped uncertain Wendeng with two of its inputs (the construction lag and the hours) given zero spread. */
export const SOME_ZERO_SPREAD_YAML = `
extends: wendeng-2025-uncertain.yaml
name: some inputs without spread
capacity:
  constructionLagYears: { discrete: { values: [1], weights: [1] } }
yield:
  value: { normal: { mean: 1135 h, sd: 0 h }, truncate: { min: 955 h, max: 1315 h } }
`;

/** Inputs SOME_ZERO_SPREAD_YAML takes the spread out of. */
export const SOME_ZERO_SPREAD_INPUTS = ['capacity.constructionLagYears', 'yield.value'] as const;
