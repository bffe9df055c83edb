/**
 * The page's what-if body (web/whatif.js) and the server's merge (src/scenario/load.ts) follow one set of rules,
 * MERGE_RULES as GET /api/meta serves it: merging the body the page writes onto its parent gives back the edited
 * scenario, also when an edit removes a field (it is sent as `field: null`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MERGE_RULES, mergeScenario } from '../../src/scenario/load.ts';
// @ts-expect-error: the page's plain-JavaScript module has no type declarations.
import { overrides, slugify } from '../../web/whatif.js';

const rules = JSON.parse(JSON.stringify(MERGE_RULES)) as typeof MERGE_RULES;
const PARENT = {
  name: 'p',
  capacity: { baseline: { capacity: '100 MW', year: 2022 }, target: { capacity: '400 MW', year: 2025 }, growth: { model: 'cagr', rate: '10 %' } },
  yield: { model: 'full-load-hours', value: '1000 h', curtailment: { 2022: '3 %', 2030: '5 %' } },
};

describe('what-if bodies and the merge rules', () => {
  it('a removed target is sent as target: null, and the server merge removes it', () => {
    const child = structuredClone(PARENT) as Record<string, any>;
    delete child.capacity.target;
    delete child.capacity.growth.rate;
    const body = overrides(PARENT, child, rules) as Record<string, unknown>;
    expect(body).toEqual({ capacity: { target: null, growth: { rate: null } } });
    expect(mergeScenario(PARENT, body)).toEqual(child);
  });

  it('property: merging the body onto the parent gives the edited scenario back', () => {
    const leaf = fc.constantFrom('1 %', '2 %', '500 MW', 2030, 'x');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('target', 'growth', 'baseline', 'lifetimeYears'), fc.option(fc.dictionary(fc.constantFrom('capacity', 'year', 'rate', 'model'), leaf), { nil: undefined })), (capacityEdits) => {
        const child = structuredClone(PARENT) as Record<string, any>;
        for (const [k, v] of Object.entries(capacityEdits)) {
          if (v === undefined) delete child.capacity[k];
          else child.capacity[k] = v;
        }
        const body = overrides(PARENT, child, rules);
        expect(mergeScenario(PARENT, body ?? {})).toEqual(child);
      }),
      { numRuns: 300 },
    );
  });

  it('slugify keeps Chinese names as ids the server accepts', () => {
    expect(slugify('荣成 2030 what-if')).toBe('荣成-2030-what-if');
    expect(slugify('Wendeng ×4')).toBe('wendeng-4');
    expect(slugify('../..', 'fallback')).toBe('fallback');
  });
});
