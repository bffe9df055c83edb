/**
 * Dates as fractional calendar years. Convention (docs/portfolio.md): a period stands for its midpoint, so a
 * bare year Y is Y + ½, a month is the middle of that month and a day the middle of that day; a project counts
 * in year y when its (delayed) date t falls in or before y, i.e. t < y + 1, i.e. ⌊t⌋ ≤ y.
 */
import { isLeapYear } from '../time.ts';

/** Days before the first of each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days in `year` (365 or 366). */
function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days in a month (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Fractional year of a calendar year, month or day (the period's midpoint): Y + ½; Y + (days before the
 * month + ½·days in it) / days in Y; Y + (day of year − ½) / days in Y. Proleptic Gregorian calendar.
 * @example fractionalYear(2024) // 2024.5
 * @example fractionalYear(2023, 1, 1) // 2023 + 0.5/365
 */
export function fractionalYear(year: number, month?: number, day?: number): number {
  if (month === undefined) return year + 0.5;
  const leapDay = month > 2 && isLeapYear(year) ? 1 : 0;
  const before = DAYS_BEFORE_MONTH[month - 1]! + leapDay;
  const inYear = daysInYear(year);
  if (day === undefined) return year + (before + daysInMonth(year, month) / 2) / inYear;
  return year + (before + day - 0.5) / inYear;
}

/** The calendar year a fractional year falls in: ⌊t⌋. */
export function calendarYearOf(t: number): number {
  return Math.floor(t);
}
