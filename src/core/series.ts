/** A value that may change by year: a constant, or points (year → value) interpolated linearly and held flat outside. */
export type YearSeries = number | ReadonlyArray<{ readonly year: number; readonly value: number }>;

/**
 * Value of a year series in `year`: linear interpolation between the bracketing points,
 * the first/last value outside them (no extrapolation: planners' series are anchors, not trends).
 * @example seriesValueAt([{ year: 2020, value: 305.5 }, { year: 2025, value: 300 }], 2022) // 303.3
 */
export function seriesValueAt(series: YearSeries, year: number): number {
  if (typeof series === 'number') return series;
  const n = series.length;
  if (n === 0) throw new Error('seriesValueAt: empty series');
  const first = series[0]!;
  if (year <= first.year) return first.value;
  const last = series[n - 1]!;
  if (year >= last.year) return last.value;
  for (let i = 1; i < n; i++) {
    const b = series[i]!;
    if (year <= b.year) {
      const a = series[i - 1]!;
      return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
    }
  }
  return last.value;
}
