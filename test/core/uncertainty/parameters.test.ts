/**
 * Uncertain inputs as plain data: applyParameter puts a drawn value at its plan field (and only there), in the
 * plan's unit; the scenario layer gives every uncertain field a plan field and a unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralValue } from '../../../src/core/uncertainty/distributions.ts';
import { applyParameter, applyParameters, createParameterApplier, type PlanField, type UncertainParameter } from '../../../src/core/uncertainty/parameters.ts';
import { scenarioFromText, uncertainWendeng } from '../../mc/scenarios.ts';

const unit = { dimension: 'fraction', internalUnit: '' } as const;
const distribution = { kind: 'uniform', min: 0, max: 1 } as const;
const parameter = (field: PlanField, planScale?: number): UncertainParameter => ({ name: field, field, ...(planScale === undefined ? {} : { planScale }), unit, distribution });

/** Reads a dotted path of a plain object. */
function at(value: unknown, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);
}

const ALL_FIELDS_YAML = `
name: every uncertain field
years: { start: 2022, end: 2035 }
capacity:
  baseline: { capacity: 112.5万千瓦, year: 2022 }
  target: { capacity: 450万千瓦, year: 2025 }
  growth: { model: cagr, rate: { pert: { min: 35 %, mode: 50 %, max: 65 % } }, until: 2025, after: { uniform: { min: 0 %, max: 5 % } } }
  constructionLagYears: { discrete: { values: [0, 1, 2], weights: [0.2, 0.6, 0.2] } }
  lifetimeYears: { discrete: { values: [20, 25, 30], weights: [1, 2, 1] } }
  maxAdditionsPerYear: { uniform: { min: 200万千瓦, max: 300万千瓦 } }
yield:
  model: capacity-factor
  value: { normal: { mean: 13 %, sd: 1 % } }
  degradation:
    firstYear: { triangular: { min: 0.5 %, mode: 1 %, max: 2 % } }
    annual: { triangular: { min: 0.2 %, mode: 0.5 %, max: 1 % } }
  availability: { uniform: { min: 96 %, max: 99 % } }
  curtailment: { triangular: { min: 0 %, mode: 1 %, max: 5 % } }
savings:
  coal: { triangular: { min: 300 g/kWh, mode: 320 g/kWh, max: 340 g/kWh } }
  co2: { uniform: { min: 0.5 t/MWh, max: 0.6 t/MWh } }
  so2: { uniform: { min: 0.01 g/kWh, max: 0.03 g/kWh } }
  nox: { uniform: { min: 0.01 g/kWh, max: 0.03 g/kWh } }
`;

describe('applyParameter', () => {
  const { plan } = uncertainWendeng();

  it('sets the field, copies only the objects on its path and leaves the plan it was given unchanged', () => {
    const before = structuredClone(plan);
    const out = applyParameter(plan, parameter('yield.availabilityFrac'), 0.97);
    expect(out.yield.availabilityFrac).toBe(0.97);
    expect(out.yield).not.toBe(plan.yield);
    // Branches off the path stay shared: a draw copies only what it changes.
    expect(out.capacity).toBe(plan.capacity);
    expect(out.savings).toBe(plan.savings);
    expect(plan).toEqual(before);
    expect({ ...out, yield: { ...out.yield, availabilityFrac: plan.yield.availabilityFrac } }).toEqual(plan);
  });

  it('creates the objects of a path the plan lacks (an after phase) and scales into the plan unit', () => {
    expect(applyParameter(plan, parameter('capacity.growth.after.rateFrac'), 0.02).capacity.growth).toMatchObject({ model: 'cagr', after: { rateFrac: 0.02 } });
    // A capacity factor of 13 % is 0.13 × 8760 h = 1138.8 full-load hours.
    expect(applyParameter(plan, parameter('yield.fullLoadHours', 8760), 0.13).yield.fullLoadHours).toBe(0.13 * 8760);
  });

  it('is the last write that counts, whatever the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const p = parameter('capacity.lifetimeYears');
        expect(applyParameter(applyParameter(plan, p, a), p, b)).toEqual(applyParameter(plan, p, b));
        expect(applyParameter(plan, p, a).capacity.lifetimeYears).toBe(a);
      }),
    );
  });
});

describe('uncertain parameters from the scenario layer', () => {
  const resolved = scenarioFromText(ALL_FIELDS_YAML, 'all-fields');
  const byName = new Map(resolved.uncertainty.parameters.map((p) => [p.name, p]));

  it('are plain data: a structured clone is equal, so they can cross to a worker thread', () => {
    expect(structuredClone(resolved.uncertainty)).toEqual(resolved.uncertainty);
  });

  it('carry the unit of the field as written, not guessed from its name', () => {
    const dims = Object.fromEntries([...byName].map(([name, p]) => [name, `${p.unit.dimension} ${p.unit.internalUnit}`]));
    expect(dims).toEqual({
      'capacity.growth.rate': 'fraction ',
      'capacity.growth.after': 'fraction ',
      'capacity.maxAdditionsPerYear': 'power MW',
      'capacity.constructionLagYears': 'years yr',
      'capacity.lifetimeYears': 'years yr',
      'yield.value': 'fraction ',
      'yield.degradation.firstYear': 'fraction ',
      'yield.degradation.annual': 'fraction ',
      'yield.availability': 'fraction ',
      'yield.curtailment': 'fraction ',
      'savings.coal': 'intensity t/MWh',
      'savings.co2': 'intensity t/MWh',
      'savings.so2': 'intensity t/MWh',
      'savings.nox': 'intensity t/MWh',
    });
  });

  it('put each median where `pvplan run` has it: applying every P50 gives the resolved plan back', () => {
    let p = resolved.plan;
    for (const q of resolved.uncertainty.parameters) p = applyParameter(p, q, centralValue(q.distribution));
    expect(p).toEqual(resolved.plan);
    // The capacity factor's median 13 % is 0.13 × 8760 = 1138.8 h in the plan.
    expect(applyParameter(resolved.plan, byName.get('yield.value')!, 0.13).yield.fullLoadHours).toBe(resolved.plan.yield.fullLoadHours);
  });
});

describe('createParameterApplier', () => {
  const resolved = scenarioFromText(ALL_FIELDS_YAML, 'all-fields');
  const { plan, uncertainty } = resolved;
  const k = uncertainty.parameters.length;

  it('gives, call after call, the plan applyParameters gives for the same values, and leaves the plan it was given unchanged (property)', () => {
    const before = structuredClone(plan);
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: k, maxLength: k }), { minLength: 1, maxLength: 6 }), (draws) => {
        const planOf = createParameterApplier(plan, uncertainty.parameters);
        for (const values of draws) expect(planOf(values)).toEqual(applyParameters(plan, uncertainty.parameters, values));
      }),
      { numRuns: 50 },
    );
    expect(plan).toEqual(before);
  });

  it('reuses one copy: the plan of a call holds until the next call', () => {
    const p = parameter('yield.availabilityFrac');
    const planOf = createParameterApplier(plan, [p]);
    const first = planOf([0.9]);
    expect(first.yield.availabilityFrac).toBe(0.9);
    const second = planOf([0.95]);
    expect(second).toBe(first);
    expect(second.yield.availabilityFrac).toBe(0.95);
    expect(second.capacity).toBe(plan.capacity);
    expect(plan.yield.availabilityFrac).not.toBe(0.95);
  });

  it('is the plan itself without parameters', () => {
    expect(createParameterApplier(plan, [])([])).toBe(plan);
  });
});
