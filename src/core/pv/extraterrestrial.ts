/**
 * Extraterrestrial normal irradiance: the solar constant scaled by the Earth–Sun distance.
 */

import { dayOfYearFromUnixTime } from '../time.ts';

/** Solar constant (W/m²) used by pvlib's `get_extra_radiation` and SAM (Gueymard 2004 rounded to 1366.1). */
export const SOLAR_CONSTANT_WM2 = 1366.1;

const DAYS_PER_YEAR_SPENCER = 365;

/**
 * Extraterrestrial normal irradiance (W/m²) on day of year `dayOfYear` (1–366, fractional allowed):
 * E = S·(1.00011 + 0.034221 cos B + 0.00128 sin B + 0.000719 cos 2B + 0.000077 sin 2B), B = 2π(doy − 1)/365,
 * J. W. Spencer, "Fourier series representation of the position of the sun", Search 2(5) (1971) 172;
 * coefficients as in pvlib's `get_extra_radiation(method='spencer')`. Day 366 therefore repeats day 1.
 * @example extraterrestrialDniWm2(1) // 1413.981805
 */
export function extraterrestrialDniWm2(dayOfYear: number, solarConstantWm2: number = SOLAR_CONSTANT_WM2): number {
  const dayAngleRad = ((2 * Math.PI) / DAYS_PER_YEAR_SPENCER) * (dayOfYear - 1);
  const inverseSquareDistance =
    1.00011 +
    0.034221 * Math.cos(dayAngleRad) +
    0.00128 * Math.sin(dayAngleRad) +
    0.000719 * Math.cos(2 * dayAngleRad) +
    7.7e-5 * Math.sin(2 * dayAngleRad);
  return solarConstantWm2 * inverseSquareDistance;
}

/**
 * Extraterrestrial normal irradiance (W/m²) at a unix time (s), Spencer (1971) on the **UTC** day of year,
 * which is what pvlib's `get_extra_radiation(DatetimeIndex)` does (it converts to UTC first), so local hours
 * before the UTC midnight (00:00–07:59 in UTC+8) take the previous day's value.
 */
export function extraterrestrialDniAtUnixTimeWm2(unixTimeS: number, solarConstantWm2: number = SOLAR_CONSTANT_WM2): number {
  return extraterrestrialDniWm2(dayOfYearFromUnixTime(unixTimeS), solarConstantWm2);
}
