/**
 * The unit check every weather reader's series passes through (read.ts): irradiance must be in W/m². A column in
 * kW/m² (peaks near 1), or daily kWh/m² or MJ/m² written where hourly W/m² belong, reads as a year of near
 * darkness and gives a yield of 0.0 kWh/kWp without a word; here it is an error that says which unit it looks like.
 */
import { WeatherParseError, type WeatherSeries } from './types.ts';

/** Least yearly GHI of any inhabited place, with a wide margin: the darkest sites (Arctic coasts) receive 600–700 kWh/m². */
export const MIN_ANNUAL_GHI_KWH_PER_M2 = 100;
/** Least peak GHI of a month of daylight: a clear noon anywhere outside polar night exceeds 100 W/m²; under 2 W/m² the values are kW/m². */
export const MIN_PEAK_GHI_WM2 = 2;
/** Shortest series whose peak is judged (four weeks: only polar night is darker that long). */
const MIN_DAYS_FOR_PEAK = 28;
/** Shortest series whose yearly sum is judged (most of a year, so the season does not decide it). */
const MIN_DAYS_FOR_SUM = 300;
const POLAR_CIRCLE_DEG = 66.5;
const WH_PER_KWH = 1000;
const HOURS_PER_DAY = 24;
const DAYS_PER_YEAR = 365.25;

/**
 * What is wrong with a series' irradiance units, or undefined: its peak GHI under 2 W/m² (kW/m²), or its yearly GHI
 * under 100 kWh/m² (daily kWh/m² or MJ/m² in an hourly column). Series shorter than four weeks, and polar sites, are
 * not judged by their peak; shorter than 300 days, not by their sum.
 */
export function irradianceUnitProblem(series: WeatherSeries): { expected: string; got: string } | undefined {
  const ghi = series.ghiWm2;
  const n = ghi.length;
  const days = (n * series.stepHours) / HOURS_PER_DAY;
  if (n === 0 || days < MIN_DAYS_FOR_PEAK) return undefined;
  let peak = 0;
  let sumWh = 0;
  for (let i = 0; i < n; i++) {
    const g = ghi[i]!;
    if (g > peak) peak = g;
    sumWh += g * series.stepHours;
  }
  const polar = series.site.latitudeDeg !== undefined && Math.abs(series.site.latitudeDeg) > POLAR_CIRCLE_DEG;
  if (!polar && peak < MIN_PEAK_GHI_WM2) {
    return {
      expected: `GHI in W/m² (a clear noon gives 500–1,100 W/m²; this reader does not convert units)`,
      got: `a peak of ${Number(peak.toPrecision(4))}: the values look like kW/m², multiply them by 1000`,
    };
  }
  const annualKWhPerM2 = (sumWh / WH_PER_KWH) * (DAYS_PER_YEAR / days);
  if (days >= MIN_DAYS_FOR_SUM && annualKWhPerM2 < MIN_ANNUAL_GHI_KWH_PER_M2) {
    return {
      expected: `GHI in W/m², which sums to 600–2,900 kWh/m² a year anywhere on Earth`,
      got: `${Number(annualKWhPerM2.toPrecision(4))} kWh/m² a year (peak ${Number(peak.toPrecision(4))}): the values look like daily kWh/m² or MJ/m², or kW/m², not hourly W/m²`,
    };
  }
  return undefined;
}

/**
 * Throws a {@link WeatherParseError} naming the GHI column when its values are not in W/m² (irradianceUnitProblem);
 * returns the series otherwise. The problem is the whole column, so it is placed at the file's first line.
 */
export function checkIrradianceUnits(series: WeatherSeries): WeatherSeries {
  const problem = irradianceUnitProblem(series);
  if (problem) throw new WeatherParseError({ file: series.label, line: 1, column: 'ghi', ...problem });
  return series;
}
