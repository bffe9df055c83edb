/**
 * Gregorian month lengths for the weather readers and the synthetic year.
 */

import { isLeapYear } from '../core/time.ts';

const FEBRUARY = 2;
const DAYS_IN_MONTH_COMMON_YEAR = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Days in `month` (1–12) of `year`, or of some leap year when `year` is undefined (the bound a row's day must
 * respect before the file's year is known).
 * @example daysInMonth(2, 2024) // 29
 */
export function daysInMonth(month: number, year?: number): number {
  const leap = year === undefined || isLeapYear(year);
  return DAYS_IN_MONTH_COMMON_YEAR[month - 1]! + (month === FEBRUARY && leap ? 1 : 0);
}
