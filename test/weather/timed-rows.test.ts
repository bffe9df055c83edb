// The plain weather CSV and the wind CSV read their rows with one loop (readTimedRows in src/weather/csv.ts): both
// readers must give the same faults at the same line and column, in the words the user sees
// (`file line L: column 'C': expected …, got '…'`).
import { describe, expect, it } from 'vitest';
import { parseWeatherCsv } from '../../src/weather/csv.ts';
import { parseWindCsv } from '../../src/weather/wind-csv.ts';

const HEADER = 'time,ghi,temp_air,wind_speed';
const row = (time: string, wind = '3') => `${time},500,20,${wind}`;
const text = (...rows: string[]) => [HEADER, ...rows].join('\n');
const T0 = '2022-06-21T12:00:00+08:00';
const T1 = '2022-06-21T13:00:00+08:00';
const T2 = '2022-06-21T14:00:00+08:00';

/** The message each reader throws for `input`. */
function messages(input: string): string[] {
  return [parseWeatherCsv, parseWindCsv].map((parse) => {
    try {
      parse(input, 'w.csv');
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  });
}

describe('the timed-row faults, alike in the weather and the wind CSV', () => {
  const cases: Array<[string, string, string]> = [
    ['a row with a cell too many', text(row(T0), `${row(T1)},9`, row(T2)), "w.csv line 3: expected 4 comma-separated cells as in the header, got '5 cell(s)'"],
    ['a time without offset', text(row(T0), row('2022-06-21T13:00:00'), row(T2)), "w.csv line 3: column 'time': expected an ISO 8601 time with a UTC offset, e.g. 2022-06-21T12:00:00+08:00, got '2022-06-21T13:00:00'"],
    ['a time that goes back', text(row(T1), row(T0), row(T2)), "w.csv line 3: column 'time': expected a time later than the previous row, got '2022-06-21T12:00:00+08:00'"],
    // 1 h, then 2 h (12:00 → 13:00 → 15:00).
    ['a step that changes', text(row(T0), row(T1), row('2022-06-21T15:00:00+08:00')), "w.csv line 4: column 'time': expected the constant time step of the first two rows (1 h) after the previous row, got '2022-06-21T15:00:00+08:00 (2 h later)'"],
    ['one data row', text(row(T0)), "w.csv line 3: expected at least two data rows (the time step is inferred from them), got 'end of file'"],
    ['a column twice', `time,wind_speed,temp_air,wind_speed\n${T0},3,20,3\n${T1},3,20,3`, "w.csv line 1: expected each column once, got ''wind_speed' twice'"],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => {
      expect(messages(input)).toEqual([message, message]);
    });
  }

  it('the same cell checked by each reader against its own range (wind up to 40 m/s in the weather CSV, 80 m/s in the wind CSV)', () => {
    const [weather, wind] = messages(text(row(T0), row(T1, '50'), row(T2)));
    expect(weather).toMatch(/^w\.csv line 3: column 'wind_speed': /);
    expect(wind).toBe('no error');
  });

  it('a shared UTC offset is kept; mixed offsets give none', () => {
    expect(parseWindCsv(text(row(T0), row(T1), row(T2)), 'w.csv').utcOffsetHours).toBe(8);
    // 13:00+08:00 = 06:00+01:00: the same instant, another clock.
    const mixed = text(row(T0), row('2022-06-21T06:00:00+01:00'), row(T2));
    expect(parseWindCsv(mixed, 'w.csv').utcOffsetHours).toBeUndefined();
    expect(parseWeatherCsv(mixed, 'w.csv').site).toEqual({});
  });
});
