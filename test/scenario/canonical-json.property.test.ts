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

  // canonicalJson writes through JSON.stringify of a sorted copy when it can. JavaScript lists array-index keys
  // ('9', '10') first and in numeric order, so objects with such keys, typed arrays and odd values must still come
  // out in code-unit order: checked against a writer by parts kept here.
  it('keeps code-unit key order with array-index keys, typed arrays, functions and __proto__ keys', () => {
    expect(canonicalJson({ '10': 1, '9': 2, a: 3, '-1': 4 })).toBe('{"-1":4,"10":1,"9":2,"a":3}');
    expect(canonicalJson({ 2026: 1, 2025: 2 })).toBe('{"2025":2,"2026":1}');
    expect(canonicalJson({ s: new Float64Array([1.5, Number.NaN]), i: new Int8Array([1, 2]) })).toBe('{"i":{"0":1,"1":2},"s":[1.5,null]}');
    expect(canonicalJson(JSON.parse('{"__proto__": {"b": 1, "a": [2, null]}, "toJSON": "x"}'))).toBe('{"__proto__":{"a":[2,null],"b":1},"toJSON":"x"}');
    expect(canonicalJson({ toJSON: () => 'no', a: [() => 1, undefined, -0] })).toBe('{"a":[null,null,0]}');
    expect(canonicalJson([{ b: 1, a: 2 }])).toBe('[{"a":2,"b":1}]');
    expect(canonicalJson(new Float64Array([2, 1]))).toBe('[2,1]');
  });

  it('property: the same text as a writer by parts, for keys that are often array indices', () => {
    const byParts = (v: unknown): string => {
      if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
      if (v === null || typeof v !== 'object') return JSON.stringify(v);
      if (Array.isArray(v)) return `[${v.map(byParts).join(',')}]`;
      const record = v as Record<string, unknown>;
      return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${byParts(record[k])}`).join(',')}}`;
    };
    const indexKeyArb = fc.oneof(fc.nat({ max: 30 }).map(String), fc.constantFrom('a', 'B', '-1', '01', '1.5', '4294967295', '4294967294', ' 1'));
    const nested = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leafArb, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(indexKeyArb, tie('node'), { maxKeys: 6 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(indexKeyArb, nested, { maxKeys: 8 }), (value) => {
        expect(canonicalJson(value)).toBe(byParts(value));
      }),
      { numRuns: 500 },
    );
    // Lists on both sides of the length from which canonicalJson writes a list from its sorted copy, their items
    // objects with array-index keys (which have no such copy) or plain values.
    fc.assert(
      fc.property(fc.array(fc.oneof(leafArb, fc.dictionary(indexKeyArb, leafArb, { maxKeys: 6 })), { minLength: 10, maxLength: 40 }), (list) => {
        expect(canonicalJson({ list })).toBe(byParts({ list }));
      }),
      { numRuns: 300 },
    );
  });
});
