// The tolerance helper itself: a reference test is only as good as its comparison.
import { describe, expect, it } from 'vitest';
import { expectClose } from './expect-close.ts';

describe('expectClose', () => {
  it('accepts differences up to the larger of the absolute and relative tolerances', () => {
    expect(() => expectClose(1000.001, 1000, { rel: 1e-6 })).not.toThrow();
    expect(() => expectClose(0.0000009, 0, { rel: 1e-6, abs: 1e-6 })).not.toThrow();
    expect(() => expectClose(100.5, 100, { rel: 1e-3, abs: 1 })).not.toThrow();
  });

  it('rejects larger differences with a message naming the label, values and difference', () => {
    expect(() => expectClose(1000.01, 1000, { rel: 1e-6 }, 'GHI')).toThrow(
      /GHI.*actual 1000\.01.*expected 1000.*difference/,
    );
    expect(() => expectClose(1e-5, 0, { rel: 1e-6, abs: 1e-6 })).toThrow(/difference/);
  });

  it('matches NaN only with NaN, and never accepts NaN for a number', () => {
    expect(() => expectClose(Number.NaN, Number.NaN, { abs: 0 })).not.toThrow();
    expect(() => expectClose(1, Number.NaN, { abs: 1e9 })).toThrow(/expected NaN/);
    expect(() => expectClose(Number.NaN, 1, { abs: 1e9 })).toThrow(/actual NaN/);
  });

  it('refuses negative tolerances', () => {
    expect(() => expectClose(1, 1, { abs: -1 })).toThrow(/non-negative/);
  });
});
