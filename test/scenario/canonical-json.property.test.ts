/**
 * The canonical JSON behind every scenario's content hash: keys sorted in UTF-16 code unit order at every depth
 * (an insertion sort for short key lists, Array#sort for long ones), functions and undefined dropped from
 * objects, non-finite numbers written as null. Checked against an independent construction: JSON.stringify of
 * a copy rebuilt with sorted keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, planHash } from '../../src/scenario/resolve.ts';
import { makePlan } from '../core/plan/plan-fixtures.ts';

/** A copy with every object's keys in sorted order, as JSON.stringify would then write them. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedCopy((value as Record<string, unknown>)[k]);
  return out;
}

/** Objects with up to 60 keys (both sides of the insertion-sort bound), keys of any characters, nested two deep. */
const keyArb = fc.string({ unit: 'binary', maxLength: 6 });
const leafArb = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
const valueArb = fc.oneof(leafArb, fc.array(leafArb, { maxLength: 4 }), fc.dictionary(keyArb, leafArb, { maxKeys: 8 }));
const objectArb = fc.oneof(fc.dictionary(keyArb, valueArb, { maxKeys: 12 }), fc.dictionary(keyArb, valueArb, { minKeys: 33, maxKeys: 60 }));

/** Shuffles an object's keys (at the top level) by a permutation drawn from `order`. */
function reordered(value: Record<string, unknown>, order: number[]): Record<string, unknown> {
  const keys = Object.keys(value);
  const ranked = keys.map((k, i) => [k, order[i % order.length] ?? 0] as const).sort((a, b) => a[1] - b[1]);
  return Object.fromEntries(ranked.map(([k]) => [k, value[k]]));
}

describe('canonicalJson', () => {
  it('equals JSON.stringify of the same value with sorted keys, for short and long key lists', () => {
    fc.assert(
      fc.property(objectArb, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the keys were written in', () => {
    fc.assert(
      fc.property(objectArb, fc.array(fc.integer(), { minLength: 1, maxLength: 60 }), (value, order) => {
        expect(canonicalJson(reordered(value, order))).toBe(canonicalJson(value));
      }),
      { numRuns: 200 },
    );
  });

  it('writes non-finite numbers as null and leaves out functions and undefined fields', () => {
    expect(canonicalJson({ b: Number.NaN, a: [Number.POSITIVE_INFINITY, 1], c: undefined, d: () => 1, e: -0 })).toBe('{"a":[null,1],"b":null,"e":0}');
  });

  it('gives a plan the same hash whatever the order of its fields', () => {
    const plan = makePlan();
    const shuffled = { ...plan, capacity: reordered(plan.capacity as unknown as Record<string, unknown>, [5, 3, 1, 4, 2, 0]) } as typeof plan;
    expect(planHash('x', shuffled)).toBe(planHash('x', plan));
    expect(planHash('x', plan)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planHash('y', plan)).not.toBe(planHash('x', plan));
  });
});
