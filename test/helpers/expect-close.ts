/** Tolerances for {@link expectClose}: the larger of the two allowed differences applies. */
export interface CloseTolerance {
  /** Relative tolerance, as a fraction of |expected|. */
  readonly rel?: number;
  /** Absolute tolerance, in the unit of the compared quantity. */
  readonly abs?: number;
}

/**
 * Relative-and-absolute closeness assertion for reference tests.
 *
 * Passes when |actual − expected| ≤ max(abs, rel·|expected|). A NaN expected value matches only a
 * NaN actual value (reference files write NaN as null, e.g. airmass below the horizon); a NaN actual
 * value never matches a number. Infinite expected values must match exactly.
 * @example expectClose(50.111622, 50.11162202403696, { abs: 1e-4 }, 'SPA apparent zenith')
 */
export function expectClose(actual: number, expected: number, tol: CloseTolerance, label = 'value'): void {
  const rel = tol.rel ?? 0;
  const abs = tol.abs ?? 0;
  if (rel < 0 || abs < 0 || Number.isNaN(rel) || Number.isNaN(abs)) {
    throw new Error(`expectClose(${label}): tolerances must be non-negative numbers, got rel=${rel}, abs=${abs}`);
  }
  if (Number.isNaN(expected)) {
    if (!Number.isNaN(actual)) {
      throw new Error(`expectClose(${label}): expected NaN, got ${actual}`);
    }
    return;
  }
  if (!Number.isFinite(expected)) {
    if (actual !== expected) {
      throw new Error(`expectClose(${label}): expected ${expected}, got ${actual}`);
    }
    return;
  }
  const diff = Math.abs(actual - expected);
  const allowed = Math.max(abs, rel * Math.abs(expected));
  // `!(diff <= allowed)` also rejects a NaN actual value.
  if (!(diff <= allowed)) {
    throw new Error(
      `expectClose(${label}): actual ${actual}, expected ${expected}, difference ${diff} > allowed ${allowed} (rel ${rel}, abs ${abs})`,
    );
  }
}
