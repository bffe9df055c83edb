import { describe, expect, it } from 'vitest';
import { parseTmy3 } from '../../src/weather/tmy3.ts';
import { WeatherParseError } from '../../src/weather/types.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { GREENSBORO_TMY3, catchParseError, editField, editLine, weatherText, sum, truncateLines } from './weather-files.ts';

const WH_PER_KWH = 1000;
const text = weatherText(GREENSBORO_TMY3);
// TMY3: site line + column-name line, so data row i (0-based) is on line 3 + i.
const FIRST_DATA_LINE = 3;
// 0-based columns of the TMY3 layout (NREL/TP-581-43156, Table 1-1), checked against line 2 of the file.
const DATE = 0;
const TIME = 1;
const GHI = 4;
const DNI = 7;
const DRY_BULB = 31;
const DRY_BULB_SOURCE = 32;
const PRESSURE = 40;
const PRESSURE_SOURCE = 41;
const ALBEDO = 61;
const ALBEDO_SOURCE = 62;

describe('parseTmy3 on the Greensboro file', () => {
  const series = parseTmy3(text, GREENSBORO_TMY3);

  it('uses the column layout the test assumes', () => {
    const names = text.split('\n')[1]!.split(',');
    expect([names[GHI], names[DNI], names[DRY_BULB], names[PRESSURE], names[ALBEDO], names[ALBEDO_SOURCE]]).toEqual([
      'GHI (W/m^2)',
      'DNI (W/m^2)',
      'Dry-bulb (C)',
      'Pressure (mbar)',
      'Alb (unitless)',
      'Alb source',
    ]);
  });

  it('reads 8760 hourly rows timed at mid-hour', () => {
    expect(series.unixTimeS.length).toBe(8760);
    expect(series.stepHours).toBe(1);
    expect(series.timeConvention).toBe('hour-ending-midpoint');
    expect(series.format).toBe('tmy3');
    for (let i = 1; i < 8760; i++) expect(series.unixTimeS[i]! - series.unixTimeS[i - 1]!).toBe(3600);
  });

  it('takes the site from line 1 (USAF 723170, 36.10 N 79.95 W, UTC−5, 273 m)', () => {
    expect(series.site).toEqual({ name: 'GREENSBORO PIEDMONT TRIAD INT', latitudeDeg: 36.1, longitudeDeg: -79.95, altitudeM: 273, utcOffsetHours: -5 });
  });

  it('re-dates the source years (1980–2003) to 2001; 01:00 → 00:30 local and 12/31 24:00 → 23:30', () => {
    // 2001-01-01 00:30 UTC−5 = 05:30Z: `date -u -d 2001-01-01T05:30:00Z +%s`.
    expect(series.unixTimeS[0]).toBe(978327000);
    // 2001-12-31 23:30 UTC−5 = 2002-01-01T04:30Z: `date -u -d 2002-01-01T04:30:00Z +%s`.
    expect(series.unixTimeS[8759]).toBe(1009859400);
  });

  it('reads the first daylight row (line 10: 01/01/1988 08:00)', () => {
    // Line 10: 01/01/1988,08:00,…,GHI 9,…,DNI 1,…,DHI 9,…,Dry-bulb 10.0,…,Pressure 992,…,Wspd 5.2,…
    const i = 10 - FIRST_DATA_LINE;
    expect(series.ghiWm2[i - 1]).toBe(0);
    expect(series.ghiWm2[i]).toBe(9);
    expect(series.dniWm2[i]).toBe(1);
    expect(series.dhiWm2[i]).toBe(9);
    expect(series.tempAirC[i]).toBe(10);
    expect(series.windSpeedMPerS[i]).toBe(5.2);
    // 992 mbar = 99200 Pa.
    expect(series.pressurePa?.[i]).toBe(99200);
    // 07:30 UTC−5 = 12:30Z: `date -u -d 2001-01-01T12:30:00Z +%s`.
    expect(series.unixTimeS[i]).toBe(978352200);
  });

  it('has annual sums equal to an independent awk sum of columns 5, 8, 11', () => {
    // awk -F, 'NR>2{G+=$5;B+=$8;D+=$11} END{printf "%.3f %.3f %.3f", G/1000,B/1000,D/1000}' 723170TYA.CSV → 1566.203 1476.549 682.223
    expectClose(sum(series.ghiWm2) / WH_PER_KWH, 1566.203, { abs: 5e-4 }, 'GHI kWh/m²');
    expectClose(sum(series.dniWm2) / WH_PER_KWH, 1476.549, { abs: 5e-4 }, 'DNI kWh/m²');
    expectClose(sum(series.dhiWm2) / WH_PER_KWH, 682.223, { abs: 5e-4 }, 'DHI kWh/m²');
  });

  it('reads albedo 0.00 (every row; source flag ? or F) as missing and leaves the column out', () => {
    expect(series.albedo).toBeUndefined();
    const withAlbedo = parseTmy3(editField(editField(text, 40, ALBEDO, '0.21'), 40, ALBEDO_SOURCE, 'F'), 'a.csv');
    expect(withAlbedo.albedo?.[40 - FIRST_DATA_LINE]).toBe(0.21);
  });
});

describe('parseTmy3 missing values', () => {
  it('reads a pressure with source flag ? and a DNI of −9900 as NaN', () => {
    const series = parseTmy3(editField(editField(text, 50, PRESSURE_SOURCE, '?'), 51, DNI, '-9900'), 'm.csv');
    expect(Number.isNaN(series.pressurePa![50 - FIRST_DATA_LINE]!)).toBe(true);
    expect(Number.isNaN(series.dniWm2[51 - FIRST_DATA_LINE]!)).toBe(true);
  });

  it('throws at the line of a missing GHI or a dry bulb flagged ?', () => {
    catchParseError(() => parseTmy3(editField(text, 60, GHI, '-9900'), 'm.csv'), WeatherParseError, { line: 60, column: 'GHI (W/m^2)' });
    const error = catchParseError(() => parseTmy3(editField(text, 61, DRY_BULB_SOURCE, '?'), 'm.csv'), WeatherParseError, { line: 61, column: 'Dry-bulb (C)' });
    expect(error.message).toContain("source flag is '?'");
  });
});

describe('parseTmy3 on broken copies', () => {
  it('truncated: reports the line after the last row', () => {
    const error = catchParseError(() => parseTmy3(truncateLines(text, 2 + 1234), 'cut.csv'), WeatherParseError, { line: 2 + 1234 + 1 });
    expect(error.message).toContain('after 1234 rows');
  });

  it('a bad number names line and column', () => {
    const error = catchParseError(() => parseTmy3(editField(text, 500, DRY_BULB, '1O.5'), 'bad.csv'), WeatherParseError, { line: 500, column: 'Dry-bulb (C)' });
    expect(error.message).toBe("bad.csv line 500: column 'Dry-bulb (C)': expected a number in °C, got '1O.5'");
  });

  it('a value in the wrong unit (°F, Pa for mbar) is out of range', () => {
    catchParseError(() => parseTmy3(editField(text, 501, DRY_BULB, '95.0'), 'u.csv'), WeatherParseError, { line: 501, column: 'Dry-bulb (C)' });
    catchParseError(() => parseTmy3(editField(text, 502, PRESSURE, '99300'), 'u.csv'), WeatherParseError, { line: 502, column: 'Pressure (mbar)' });
  });

  it('a wrong header: bad site line, renamed or missing column', () => {
    catchParseError(() => parseTmy3(editField(text, 1, 4, 'N36'), 'h.csv'), WeatherParseError, { line: 1, column: 'latitude' });
    catchParseError(() => parseTmy3(editLine(text, 1, () => '723170'), 'h.csv'), WeatherParseError, { line: 1 });
    catchParseError(() => parseTmy3(editLine(text, 2, (l) => l.replace('GHI (W/m^2)', 'GHI (W/m2)')), 'h.csv'), WeatherParseError, { line: 2 });
    catchParseError(() => parseTmy3(editLine(text, 2, (l) => l.replace('Date (MM/DD/YYYY)', 'Date')), 'h.csv'), WeatherParseError, { line: 2 });
  });

  it('a malformed date or time is an error at its line', () => {
    catchParseError(() => parseTmy3(editField(text, 30, DATE, '13/01/1988'), 'd.csv'), WeatherParseError, { line: 30, column: 'Date (MM/DD/YYYY)' });
    catchParseError(() => parseTmy3(editField(text, 31, DATE, '1988-01-02'), 'd.csv'), WeatherParseError, { line: 31, column: 'Date (MM/DD/YYYY)' });
    catchParseError(() => parseTmy3(editField(text, 32, TIME, '25:00'), 'd.csv'), WeatherParseError, { line: 32, column: 'Time (HH:MM)' });
    catchParseError(() => parseTmy3(editField(text, 33, TIME, '10:30'), 'd.csv'), WeatherParseError, { line: 33, column: 'Time (HH:MM)' });
  });

  it('time going backwards is an error at the first row out of sequence', () => {
    const error = catchParseError(() => parseTmy3(editField(text, 1000, TIME, '01:00'), 't.csv'), WeatherParseError, { line: 1000 });
    expect(error.message).toContain('consecutive hours');
  });
});
