import { describe, expect, it } from 'vitest';
import { formatIsoTimeWithOffset, formatWeatherCsv, parseIsoTimeWithOffset, parseWeatherCsv } from '../../src/weather/csv.ts';
import { parseEpw } from '../../src/weather/epw.ts';
import { parseTmy3 } from '../../src/weather/tmy3.ts';
import { type WeatherSeries, WeatherParseError } from '../../src/weather/types.ts';
import { BEIJING_EPW, GREENSBORO_TMY3, catchParseError, weatherText } from './weather-files.ts';

// 2022-06-21T12:00:00+08:00 = 2022-06-21T04:00:00Z: `date -u -d 2022-06-21T04:00:00Z +%s`.
const NOON_BEIJING_S = 1655784000;

const small = [
  'time,ghi,dni,dhi,temp_air,wind_speed',
  '2022-06-21T12:00:00+08:00,900,700,200,25,1.5',
  '2022-06-21T13:00:00+08:00,850,650,210,26,2',
  '2022-06-21T14:00:00+08:00,700,,190,26.5,2.5',
].join('\n');

describe('parseWeatherCsv', () => {
  it('reads each row at its own timestamp, with the step from the spacing', () => {
    const series = parseWeatherCsv(small, 'w.csv');
    expect(series.format).toBe('csv');
    expect(series.timeConvention).toBe('instant');
    expect(series.stepHours).toBe(1);
    expect(Array.from(series.unixTimeS)).toEqual([NOON_BEIJING_S, NOON_BEIJING_S + 3600, NOON_BEIJING_S + 7200]);
    expect(Array.from(series.ghiWm2)).toEqual([900, 850, 700]);
    expect(Array.from(series.dhiWm2)).toEqual([200, 210, 190]);
    expect(Array.from(series.tempAirC)).toEqual([25, 26, 26.5]);
    expect(Array.from(series.windSpeedMPerS)).toEqual([1.5, 2, 2.5]);
    expect(series.site).toEqual({ utcOffsetHours: 8 });
    expect(series.pressurePa).toBeUndefined();
    expect(series.albedo).toBeUndefined();
  });

  it('reads an empty DNI cell as NaN', () => {
    const series = parseWeatherCsv(small, 'w.csv');
    expect(series.dniWm2[1]).toBe(650);
    expect(Number.isNaN(series.dniWm2[2]!)).toBe(true);
  });

  it('accepts columns in any order, dni/dhi absent (NaN), Z and 15-minute steps', () => {
    const text = ['wind_speed,temp_air,time,ghi', '1,20,2022-06-21T04:00:00Z,100', '1,20,2022-06-21T04:15:00Z,110', '1,21,2022-06-21T04:30Z,120'].join('\n');
    const series = parseWeatherCsv(text, 'q.csv');
    expect(series.stepHours).toBe(0.25);
    // 04:15Z: `date -u -d 2022-06-21T04:15:00Z +%s`.
    expect(series.unixTimeS[1]).toBe(1655784900);
    expect(Array.from(series.ghiWm2)).toEqual([100, 110, 120]);
    expect(series.dniWm2.every(Number.isNaN)).toBe(true);
    expect(series.dhiWm2.every(Number.isNaN)).toBe(true);
    expect(series.site).toEqual({ utcOffsetHours: 0 });
  });

  it('accepts rows written in different offsets (e.g. across a DST change) and then reports no single offset', () => {
    const text = ['time,ghi,temp_air,wind_speed', '2022-06-21T12:00:00+08:00,1,1,1', '2022-06-21T05:00:00Z,1,1,1', '2022-06-21T07:00:00+01:00,1,1,1'].join('\n');
    const series = parseWeatherCsv(text, 'z.csv');
    expect(Array.from(series.unixTimeS)).toEqual([NOON_BEIJING_S, NOON_BEIJING_S + 3600, NOON_BEIJING_S + 7200]);
    expect(series.site).toEqual({});
  });

  it('reads optional pressure (Pa) and albedo columns', () => {
    const text = ['time,ghi,temp_air,wind_speed,pressure,albedo', '2022-06-21T12:00:00+08:00,1,1,1,101325,0.2', '2022-06-21T13:00:00+08:00,1,1,1,,'].join('\n');
    const series = parseWeatherCsv(text, 'p.csv');
    expect(series.pressurePa?.[0]).toBe(101325);
    expect(series.albedo?.[0]).toBe(0.2);
    expect(Number.isNaN(series.pressurePa![1]!)).toBe(true);
    expect(Number.isNaN(series.albedo![1]!)).toBe(true);
  });
});

describe('parseWeatherCsv errors', () => {
  const lines = small.split('\n');
  const withLine = (n: number, line: string): string => lines.map((l, i) => (i === n - 1 ? line : l)).join('\n');

  it('a bad number: "file line N: column \'ghi\': expected a number in W/m², got \'abc\'"', () => {
    const error = catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T13:00:00+08:00,abc,650,210,26,2'), 'weather.csv'), WeatherParseError, {
      line: 3,
      column: 'ghi',
      file: 'weather.csv',
    });
    expect(error.message).toBe("weather.csv line 3: column 'ghi': expected a number in W/m², got 'abc'");
    expect(error.expected).toBe('a number in W/m²');
    expect(error.got).toBe('abc');
  });

  it('a time without a UTC offset is an error, not a guess', () => {
    const error = catchParseError(() => parseWeatherCsv(withLine(2, '2022-06-21T12:00:00,900,700,200,25,1.5'), 'w.csv'), WeatherParseError, { line: 2, column: 'time' });
    expect(error.message).toContain('UTC offset');
  });

  it('malformed or impossible times are errors', () => {
    for (const bad of ['2022-02-30T12:00:00+08:00', '2022-06-21T24:00:00+08:00', '2022-06-21T12:00:00+15:00', '21/06/2022 12:00+08:00', '2022-06-21T12:00:00+0800']) {
      catchParseError(() => parseWeatherCsv(withLine(2, `${bad},900,700,200,25,1.5`), 'w.csv'), WeatherParseError, { line: 2, column: 'time' });
    }
  });

  it('a time that does not increase, or a step that changes, is an error at that line', () => {
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T12:00:00+08:00,850,650,210,26,2'), 'w.csv'), WeatherParseError, { line: 3, column: 'time' });
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T11:00:00+08:00,850,650,210,26,2'), 'w.csv'), WeatherParseError, { line: 3, column: 'time' });
    const error = catchParseError(() => parseWeatherCsv(withLine(4, '2022-06-21T15:00:00+08:00,700,,190,26.5,2.5'), 'w.csv'), WeatherParseError, { line: 4, column: 'time' });
    expect(error.message).toContain('constant time step');
  });

  it('a wrong header: unknown, duplicate or missing required column', () => {
    catchParseError(() => parseWeatherCsv(withLine(1, 'time,gh1,dni,dhi,temp_air,wind_speed'), 'w.csv'), WeatherParseError, { line: 1 });
    catchParseError(() => parseWeatherCsv(withLine(1, 'time,ghi,ghi,dhi,temp_air,wind_speed'), 'w.csv'), WeatherParseError, { line: 1 });
    catchParseError(() => parseWeatherCsv(small.replace('temp_air', 'dhi2'), 'w.csv'), WeatherParseError, { line: 1 });
    const noWind = ['time,ghi,temp_air', '2022-06-21T12:00:00+08:00,1,1', '2022-06-21T13:00:00+08:00,1,1'].join('\n');
    catchParseError(() => parseWeatherCsv(noWind, 'w.csv'), WeatherParseError, { line: 1 });
  });

  it('a row with too few cells, an empty required cell, or a value out of range is an error', () => {
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T13:00:00+08:00,850,650,210,26'), 'w.csv'), WeatherParseError, { line: 3 });
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T13:00:00+08:00,,650,210,26,2'), 'w.csv'), WeatherParseError, { line: 3, column: 'ghi' });
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T13:00:00+08:00,850,650,210,26,-1'), 'w.csv'), WeatherParseError, { line: 3, column: 'wind_speed' });
    catchParseError(() => parseWeatherCsv(withLine(3, '2022-06-21T13:00:00+08:00,850,650,210,80,1'), 'w.csv'), WeatherParseError, { line: 3, column: 'temp_air' });
  });

  it('fewer than two data rows cannot define a step', () => {
    catchParseError(() => parseWeatherCsv(lines.slice(0, 2).join('\n'), 'w.csv'), WeatherParseError, { line: 3 });
    catchParseError(() => parseWeatherCsv('', 'w.csv'), WeatherParseError, { line: 1 });
  });
});

describe('ISO time helpers', () => {
  it('parse fractional offsets and seconds', () => {
    // 2022-06-21T12:00:00+05:45 = 06:15Z = 1655784000 + 2h15m.
    expect(parseIsoTimeWithOffset('2022-06-21T12:00:00+05:45')).toEqual({ unixTimeS: NOON_BEIJING_S + 8100, utcOffsetHours: 5.75 });
    expect(parseIsoTimeWithOffset('2022-06-21 04:00:00.5Z')?.unixTimeS).toBe(NOON_BEIJING_S + 0.5);
    expect(parseIsoTimeWithOffset('2022-06-21T04:00:00')).toBeUndefined();
  });

  it('format on the requested clock', () => {
    expect(formatIsoTimeWithOffset(NOON_BEIJING_S, 8)).toBe('2022-06-21T12:00:00+08:00');
    expect(formatIsoTimeWithOffset(NOON_BEIJING_S, -5)).toBe('2022-06-20T23:00:00-05:00');
    expect(formatIsoTimeWithOffset(NOON_BEIJING_S + 0.25, 0)).toBe('2022-06-21T04:00:00.250+00:00');
  });
});

function expectSameSeries(actual: WeatherSeries, expected: WeatherSeries): void {
  expect(actual.unixTimeS).toEqual(expected.unixTimeS);
  expect(actual.ghiWm2).toEqual(expected.ghiWm2);
  expect(actual.dniWm2).toEqual(expected.dniWm2);
  expect(actual.dhiWm2).toEqual(expected.dhiWm2);
  expect(actual.tempAirC).toEqual(expected.tempAirC);
  expect(actual.windSpeedMPerS).toEqual(expected.windSpeedMPerS);
  expect(actual.pressurePa).toEqual(expected.pressurePa);
  expect(actual.albedo).toEqual(expected.albedo);
  expect(actual.stepHours).toBe(expected.stepHours);
}

describe('CSV round trip of the shipped files', () => {
  for (const [name, series] of [
    [BEIJING_EPW, parseEpw(weatherText(BEIJING_EPW), BEIJING_EPW)],
    [GREENSBORO_TMY3, parseTmy3(weatherText(GREENSBORO_TMY3), GREENSBORO_TMY3)],
  ] as const) {
    it(`${name} → CSV → series keeps every value and the mid-hour solar-position instants`, () => {
      const text = formatWeatherCsv(series);
      const back = parseWeatherCsv(text, 'round-trip.csv');
      expectSameSeries(back, series);
      expect(back.timeConvention).toBe('instant');
      expect(back.site.utcOffsetHours).toBe(series.site.utcOffsetHours);
      // The times written are the mid-hour instants on the file's own clock.
      expect(text.split('\n')[1]!.slice(0, 25)).toBe(name === BEIJING_EPW ? '2005-01-01T00:30:00+08:00' : '2001-01-01T00:30:00-05:00');
    });
  }
});
