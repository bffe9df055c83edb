import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSafe, renderJson } from '../../src/report/json.ts';

describe('jsonSafe and renderJson: the one NaN → null rule', () => {
  it('jsonSafe turns NaN and ±Infinity into null at any depth, like JSON.stringify', () => {
    const value = { a: Number.NaN, b: [1, Number.POSITIVE_INFINITY, { c: Number.NEGATIVE_INFINITY, d: 'x' }], e: null, f: 2 };
    expect(jsonSafe(value)).toEqual({ a: null, b: [1, null, { c: null, d: 'x' }], e: null, f: 2 });
    expect(jsonSafe(value)).toEqual(JSON.parse(JSON.stringify(value)));
    const finite = { a: [1, 2, { b: 3 }], c: 'x' };
    expect(jsonSafe(finite)).toBe(finite);
  });

  it('renderJson writes what JSON.stringify writes (two-space indent, trailing newline) for any plain data', () => {
    // JSON.stringify itself writes NaN and ±Infinity as null, so it is an independent oracle for plain data.
    const data = fc.anything({ withObjectString: false, withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withDate: false, withTypedArray: false, withSparseArray: false, withBigInt: false, values: [fc.double(), fc.string(), fc.boolean(), fc.constant(null)] });
    fc.assert(fc.property(data, (value) => {
      expect(renderJson(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }));
  });
});
