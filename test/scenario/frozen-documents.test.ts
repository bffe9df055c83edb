/**
 * Parsed scenario documents are frozen, and validation remembers which frozen subtrees it has already found
 * valid (a what-if shares most of its parent's). Remembering must never change a verdict: a merged document
 * whose untouched parts come from a frozen, already validated parent gets exactly the problems a fresh, unfrozen
 * copy of it gets, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freezeDocument, isFrozenDocument } from '../../src/scenario/immutable.ts';
import { mergeScenario, parseScenarioText } from '../../src/scenario/load.ts';
import { validateScenarioShape, type ValidationIssue } from '../../src/scenario/validate.ts';
import { invalidScenarioArb, validScenarioArb } from './arbitraries.ts';

const render = (issues: readonly ValidationIssue[]) => issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('frozen scenario documents', () => {
  it('are frozen at every depth once parsed, so no later step can change a cached parent', () => {
    const { data } = parseScenarioText('name: x\ncapacity:\n  baseline: {capacity: 100 MW, year: 2022}\n  history: [{year: 2020, capacity: 50 MW}]\n', 'x.yaml');
    const capacity = data.capacity as { baseline: { capacity: string }; history: unknown[] };
    expect(isFrozenDocument(data)).toBe(true);
    expect(() => {
      capacity.baseline.capacity = '1 GW';
    }).toThrow(TypeError);
    expect(() => capacity.history.push({})).toThrow(TypeError);
    expect(capacity.baseline.capacity).toBe('100 MW');
  });

  it('are recognised only when frozen by freezeDocument: Object.freeze alone does not make a subtree trusted', () => {
    const shallow = Object.freeze({ years: { start: 2022, end: 2030 } });
    expect(isFrozenDocument(shallow)).toBe(false);
    expect(isFrozenDocument(freezeDocument({ a: { b: 1 } }))).toBe(true);
  });
});

describe('validation of documents sharing frozen subtrees', () => {
  it('finds the same problems, in the same order, as for an unfrozen copy (child valid or broken)', () => {
    fc.assert(
      fc.property(validScenarioArb, fc.oneof(validScenarioArb.map((d) => [d, 'valid'] as const), invalidScenarioArb), (parentDoc, [childDoc]) => {
        const parent = freezeDocument(structuredClone(parentDoc));
        // The parent is validated first, as the server does when it caches a file: its subtrees are remembered.
        expect(validateScenarioShape(parent)).toEqual([]);
        // A what-if overriding some sections; the others are the parent's frozen objects, shared by identity.
        const child = Object.fromEntries(Object.entries(structuredClone(childDoc)).filter(([k]) => k !== 'savings' && k !== 'years'));
        const merged = mergeScenario(parent, child);
        expect(render(validateScenarioShape(merged))).toEqual(render(validateScenarioShape(structuredClone(merged))));
      }),
      { numRuns: 300 },
    );
  });

  it('judges a frozen subtree found valid in one place afresh where another rule applies', () => {
    fc.assert(
      fc.property(validScenarioArb, (doc) => {
        const parent = freezeDocument(structuredClone(doc));
        expect(validateScenarioShape(parent)).toEqual([]);
        const capacity = parent.capacity as Record<string, unknown>;
        // The valid baseline mapping put where the years belong, and the valid years where the growth belongs.
        const moved = { ...parent, years: capacity.baseline, capacity: { ...capacity, growth: parent.years } };
        const fresh = structuredClone(moved);
        const issues = render(validateScenarioShape(moved));
        expect(issues.some((i) => i.startsWith('years'))).toBe(true);
        expect(issues.some((i) => i.startsWith('capacity.growth'))).toBe(true);
        expect(issues).toEqual(render(validateScenarioShape(fresh)));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps reporting the problems of a frozen invalid document however often it is checked', () => {
    fc.assert(
      fc.property(invalidScenarioArb, ([doc]) => {
        const frozen = freezeDocument(structuredClone(doc));
        const first = render(validateScenarioShape(frozen));
        const again = render(validateScenarioShape(frozen));
        expect(again).toEqual(first);
        expect(render(validateScenarioShape(structuredClone(doc)))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
