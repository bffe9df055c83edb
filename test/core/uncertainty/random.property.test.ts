import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COUNTER, createStream, fillUniforms, uniformAt } from '../../../src/core/uncertainty/random.ts';

const seed = fc.maxSafeNat();
const counter = fc.integer({ min: 0, max: MAX_COUNTER - 64 });

describe('random properties', () => {
  it('uniformAt is deterministic and strictly inside (0, 1)', () => {
    fc.assert(
      fc.property(seed, counter, counter, (s, stream, index) => {
        const u = uniformAt(s, stream, index);
        expect(u).toBeGreaterThan(0);
        expect(u).toBeLessThan(1);
        expect(uniformAt(s, stream, index)).toBe(u);
      }),
    );
  });

  it('draw i of a stream is the same whether reached by uniformAt, a stream or a filled chunk', () => {
    fc.assert(
      fc.property(seed, counter, counter, fc.integer({ min: 0, max: 63 }), (s, stream, start, offset) => {
        const expected = uniformAt(s, stream, start + offset);
        const sequential = createStream(s, stream, start);
        for (let i = 0; i < offset; i++) sequential.next();
        expect(sequential.next()).toBe(expected);
        expect(fillUniforms(s, stream, start, new Float64Array(offset + 1))[offset]).toBe(expected);
      }),
    );
  });

  it('every value of a filled chunk (of odd or even length, across the 2^31 counter boundary) is uniformAt of its index', () => {
    const start = fc.oneof(counter, fc.integer({ min: 2 ** 31 - 40, max: 2 ** 31 + 40 }), fc.integer({ min: MAX_COUNTER - 40, max: MAX_COUNTER - 39 }));
    fc.assert(
      fc.property(seed, counter, start, fc.integer({ min: 0, max: 39 }), (s, stream, from, length) => {
        const chunk = fillUniforms(s, stream, from, new Float64Array(length));
        for (let i = 0; i < length; i++) expect(chunk[i]).toBe(uniformAt(s, stream, from + i));
      }),
    );
  });

  it('neighbouring seeds, streams and indices give different values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 53 - 2 }), counter, counter, (s, stream, index) => {
        const u = uniformAt(s, stream, index);
        expect(uniformAt(s + 1, stream, index)).not.toBe(u);
        expect(uniformAt(s, stream + 1, index)).not.toBe(u);
        expect(uniformAt(s, stream, index + 1)).not.toBe(u);
        // Swapping stream and index must not alias (they are distinct counter words).
        if (stream !== index) expect(uniformAt(s, index, stream)).not.toBe(u);
      }),
    );
  });
});
