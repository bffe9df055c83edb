import { describe, expect, it } from 'vitest';
import { solarPosition } from '../../src/core/pv/solar-position.ts';
import { parseEpw } from '../../src/weather/epw.ts';
import { REFERENCE_LEAP_YEAR, REFERENCE_YEAR, timestampYear } from '../../src/weather/hour-ending.ts';
import { parseTmy3 } from '../../src/weather/tmy3.ts';
import { type WeatherSeries, WeatherParseError } from '../../src/weather/types.ts';
import { AMSTERDAM_EPW, BEIJING_EPW, GREENSBORO_TMY3, catchParseError, weatherText } from './weather-files.ts';

const beijingText = weatherText(BEIJING_EPW);
const MS_PER_S = 1000;
const SECONDS_PER_HOUR = 3600;

/** Local clock (year, month, day, hour, minute) of a series timestamp, via the JS Date API, independent of the parser's arithmetic. */
function localClock(unixTimeS: number, utcOffsetHours: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date((unixTimeS + utcOffsetHours * SECONDS_PER_HOUR) * MS_PER_S);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** The Beijing file with 24 rows for 29 February (copies of 28 February) and every row's year set to `year`. */
function leapBeijing(year: string): string {
  const lines = beijingText.trimEnd().split('\n');
  const header = lines.slice(0, 8);
  const rows = lines.slice(8).map((row) => `${year}${row.slice(row.indexOf(','))}`);
  const feb28 = rows.filter((row) => row.split(',').slice(1, 3).join('/') === '2/28');
  const leapDay = feb28.map((row) => row.split(',').map((cell, i) => (i === 2 ? '29' : cell)).join(','));
  const insertAt = rows.findIndex((row) => row.split(',').slice(1, 3).join('/') === '3/1');
  return [...header, ...rows.slice(0, insertAt), ...leapDay, ...rows.slice(insertAt)].join('\n');
}

describe('timestamp year of hour-ending typical years', () => {
  it('keeps a single year the rows share (Beijing 2005), else uses 2001 (Amsterdam 1982–1999, Greensboro 1980–2003)', () => {
    const cases: [WeatherSeries, number][] = [
      [parseEpw(beijingText, BEIJING_EPW), 2005],
      [parseEpw(weatherText(AMSTERDAM_EPW), AMSTERDAM_EPW), REFERENCE_YEAR],
      [parseTmy3(weatherText(GREENSBORO_TMY3), GREENSBORO_TMY3), REFERENCE_YEAR],
    ];
    for (const [series, year] of cases) {
      const first = localClock(series.unixTimeS[0]!, series.site.utcOffsetHours!);
      const last = localClock(series.unixTimeS[series.unixTimeS.length - 1]!, series.site.utcOffsetHours!);
      expect(first).toEqual({ year, month: 1, day: 1, hour: 0, minute: 30 });
      expect(last).toEqual({ year, month: 12, day: 31, hour: 23, minute: 30 });
    }
    expect(REFERENCE_YEAR).toBe(2001);
  });

  it('every row keeps its month, day and hour on the local clock (hour ending h → h − 1 : 30)', () => {
    const text = weatherText(AMSTERDAM_EPW);
    const series = parseEpw(text, AMSTERDAM_EPW);
    const rows = text.trimEnd().split('\n').slice(8);
    rows.forEach((row, i) => {
      const [, month, day, hour] = row.split(',').map(Number);
      expect(localClock(series.unixTimeS[i]!, 1)).toEqual({ year: 2001, month, day, hour: hour! - 1, minute: 30 });
    });
  });

  it('a forced referenceYear re-dates every row', () => {
    const series = parseEpw(beijingText, BEIJING_EPW, { referenceYear: 2019 });
    expect(localClock(series.unixTimeS[0]!, 8)).toEqual({ year: 2019, month: 1, day: 1, hour: 0, minute: 30 });
    expect(series.unixTimeS.length).toBe(8760);
  });

  it('a file with 29 February has 8784 rows in a leap year: its own if all rows share one, else 2004', () => {
    const leap2012 = parseEpw(leapBeijing('2012'), 'leap.epw');
    expect(leap2012.unixTimeS.length).toBe(8784);
    expect(localClock(leap2012.unixTimeS[59 * 24]!, 8)).toEqual({ year: 2012, month: 2, day: 29, hour: 0, minute: 30 });
    // Rows stamped 2005 (not a leap year) but holding 29 February: the reference leap year.
    const leap2005 = parseEpw(leapBeijing('2005'), 'leap.epw');
    expect(localClock(leap2005.unixTimeS[0]!, 8).year).toBe(REFERENCE_LEAP_YEAR);
    expect(localClock(leap2005.unixTimeS[8783]!, 8)).toEqual({ year: REFERENCE_LEAP_YEAR, month: 12, day: 31, hour: 23, minute: 30 });
  });

  it('forcing a non-leap year on a file with 29 February is an error at the first leap-day row', () => {
    // Rows: 8 header lines, then 31 + 28 days × 24 h before 29 February.
    catchParseError(() => parseEpw(leapBeijing('2012'), 'leap.epw', { referenceYear: 2001 }), WeatherParseError, { line: 8 + 59 * 24 + 1 });
  });

  it('a leap year whose file lacks 29 February (8760 rows stamped 2012) is re-dated to 2001, not left with a gap', () => {
    const text = beijingText
      .trimEnd()
      .split('\n')
      .map((line, i) => (i < 8 ? line : `2012${line.slice(line.indexOf(','))}`))
      .join('\n');
    const series = parseEpw(text, 'y.epw');
    expect(localClock(series.unixTimeS[0]!, 8).year).toBe(REFERENCE_YEAR);
  });

  it('timestampYear on an empty row set falls back to the reference year', () => {
    const empty = new Int32Array(0);
    expect(timestampYear({ years: empty, months: empty, days: empty, hoursEnding: empty, count: 0, firstDataLine: 9 }, 'e.epw')).toBe(REFERENCE_YEAR);
  });
});

describe('error bound of re-dating typical-year rows', () => {
  // Module comment of src/weather/hour-ending.ts: the leap-year cycle shifts the calendar against the seasons by
  // under 0.75 day, and the declination changes by at most ~0.4°/day, so the zenith moves by ≲ 0.3°.
  // Here: the zenith at each row's re-dated time against the zenith at the same local clock time in the row's
  // source year, over every hour with the sun up in either.
  const cases = [
    { file: GREENSBORO_TMY3, series: parseTmy3(weatherText(GREENSBORO_TMY3), GREENSBORO_TMY3), firstLine: 2, yearOf: (l: string) => Number(l.slice(6, 10)) },
    { file: AMSTERDAM_EPW, series: parseEpw(weatherText(AMSTERDAM_EPW), AMSTERDAM_EPW), firstLine: 8, yearOf: (l: string) => Number(l.split(',')[0]) },
  ];
  for (const { file, series, firstLine, yearOf } of cases) {
    it(`${file}: re-dating moves the solar zenith by less than 0.3°`, () => {
      const lines = weatherText(file).split('\n');
      const { latitudeDeg, longitudeDeg, altitudeM, utcOffsetHours } = series.site;
      let maxDiffDeg = 0;
      for (let i = 0; i < series.unixTimeS.length; i++) {
        const t = series.unixTimeS[i]!;
        const c = localClock(t, utcOffsetHours!);
        const sourceYear = yearOf(lines[firstLine + i]!);
        const tSource = Date.UTC(sourceYear, c.month - 1, c.day, c.hour, c.minute) / MS_PER_S - utcOffsetHours! * SECONDS_PER_HOUR;
        const site = { latitudeDeg: latitudeDeg!, longitudeDeg: longitudeDeg!, altitudeM: altitudeM! };
        const a = solarPosition({ unixTimeS: t, ...site }).zenithDeg;
        const b = solarPosition({ unixTimeS: tSource, ...site }).zenithDeg;
        if (a < 90 || b < 90) maxDiffDeg = Math.max(maxDiffDeg, Math.abs(a - b));
      }
      expect(maxDiffDeg).toBeGreaterThan(0);
      expect(maxDiffDeg).toBeLessThan(0.3);
    });
  }
});
