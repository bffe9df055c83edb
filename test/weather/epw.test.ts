import { describe, expect, it } from 'vitest';
import { parseEpw } from '../../src/weather/epw.ts';
import { WeatherParseError } from '../../src/weather/types.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { AMSTERDAM_EPW, BEIJING_EPW, catchParseError, editField, editLine, weatherText, sum, truncateLines } from './weather-files.ts';

const WH_PER_KWH = 1000;
const beijingText = weatherText(BEIJING_EPW);
const amsterdamText = weatherText(AMSTERDAM_EPW);
// EPW: 8 header lines, so data row i (0-based) is on line 9 + i.
const FIRST_DATA_LINE = 9;
// 0-based EPW fields (EPW field number − 1).
const DRY_BULB = 6;
const PRESSURE = 9;
const GHI = 13;
const DNI = 14;
const WIND = 21;

describe('parseEpw on the Beijing CSWD file', () => {
  const series = parseEpw(beijingText, BEIJING_EPW);

  it('reads 8760 hourly rows timed at mid-hour', () => {
    expect(series.unixTimeS.length).toBe(8760);
    expect(series.ghiWm2.length).toBe(8760);
    expect(series.stepHours).toBe(1);
    expect(series.timeConvention).toBe('hour-ending-midpoint');
    expect(series.format).toBe('epw');
    for (let i = 1; i < series.unixTimeS.length; i++) expect(series.unixTimeS[i]! - series.unixTimeS[i - 1]!).toBe(3600);
  });

  it('takes the site from the LOCATION line (39.80 N 116.47 E, UTC+8, 31.3 m, as SOURCES.md lists)', () => {
    expect(series.site).toEqual({ name: 'Beijing', latitudeDeg: 39.8, longitudeDeg: 116.47, altitudeM: 31.3, utcOffsetHours: 8 });
  });

  it('keeps the rows\' single year 2005 and stamps the middle of each hour', () => {
    // First row 2005-01-01 hour 1 (00:00–01:00 UTC+8) → 00:30 local = 2004-12-31T16:30Z: `date -u -d 2004-12-31T16:30:00Z +%s`.
    expect(series.unixTimeS[0]).toBe(1104510600);
    // Last row 2005-12-31 hour 24 → 23:30 local = 2005-12-31T15:30Z: `date -u -d 2005-12-31T15:30:00Z +%s`.
    expect(series.unixTimeS[8759]).toBe(1136043000);
  });

  it('reads the first daylight row (line 17: 2005-01-01 hour 9) as the file writes it', () => {
    // Line 17 of the file: 2005,1,1,9,0,…,-6.5,…,101540,9999,9999,…,38,106,15,…,3.0,…
    let first = -1;
    for (let i = 0; i < 8760 && first < 0; i++) if (series.ghiWm2[i]! > 0) first = i;
    expect(first + FIRST_DATA_LINE).toBe(17);
    expect(series.ghiWm2[first]).toBe(38);
    expect(series.dniWm2[first]).toBe(106);
    expect(series.dhiWm2[first]).toBe(15);
    expect(series.tempAirC[first]).toBe(-6.5);
    expect(series.pressurePa?.[first]).toBe(101540);
    expect(series.windSpeedMPerS[first]).toBe(3);
    // 08:30 local = 00:30 UTC: `date -u -d 2005-01-01T00:30:00Z +%s`.
    expect(series.unixTimeS[first]).toBe(1104539400);
  });

  it('reproduces pvlib read_epw annual sums (SOURCES.md: GHI 1400.769, DNI 1325.216, DHI 531.845 kWh/m²)', () => {
    // The sums are given to 3 decimals, so half a unit of the last digit is the tolerance.
    expectClose(sum(series.ghiWm2) / WH_PER_KWH, 1400.769, { abs: 5e-4 }, 'GHI kWh/m²');
    expectClose(sum(series.dniWm2) / WH_PER_KWH, 1325.216, { abs: 5e-4 }, 'DNI kWh/m²');
    expectClose(sum(series.dhiWm2) / WH_PER_KWH, 531.845, { abs: 5e-4 }, 'DHI kWh/m²');
  });

  it('ignores the 9999 ETR/ETRN codes and leaves out albedo, which is 999 (missing) on every row', () => {
    expect(series.albedo).toBeUndefined();
    expect(series.pressurePa).toBeDefined();
    for (let i = 0; i < 8760; i++) {
      expect(Number.isNaN(series.dniWm2[i]!) || Number.isNaN(series.dhiWm2[i]!)).toBe(false);
    }
  });

  it('reads CRLF line endings the same as LF', () => {
    const crlf = parseEpw(beijingText.replace(/\n/g, '\r\n'), BEIJING_EPW);
    expect(crlf.unixTimeS).toEqual(series.unixTimeS);
    expect(crlf.ghiWm2).toEqual(series.ghiWm2);
  });
});

describe('parseEpw on the Amsterdam IWEC file', () => {
  const series = parseEpw(amsterdamText, AMSTERDAM_EPW);

  it('reads the header: 52.30 N 4.77 E, UTC+1, −2 m', () => {
    expect(series.site).toEqual({ name: 'AMSTERDAM', latitudeDeg: 52.3, longitudeDeg: 4.77, altitudeM: -2, utcOffsetHours: 1 });
  });

  it('re-dates months taken from 1982–1999 to 2001 so time increases', () => {
    // 2001-01-01 00:30 UTC+1 = 2000-12-31T23:30Z: `date -u -d 2000-12-31T23:30:00Z +%s` = 978305400.
    expect(series.unixTimeS[0]).toBe(978305400);
    // 2001-12-31 23:30 UTC+1 = 22:30Z: `date -u -d 2001-12-31T22:30:00Z +%s`.
    expect(series.unixTimeS[8759]).toBe(1009837800);
    for (let i = 1; i < 8760; i++) expect(series.unixTimeS[i]! - series.unixTimeS[i - 1]!).toBe(3600);
  });

  it('reads the first daylight row (line 18: 1995-01-01 hour 10, minute field 60)', () => {
    // Line 18: 1995,1,1,10,60,…,1.1,…,100100,…,21,0,21,…,11.3,…
    expect(series.ghiWm2[18 - FIRST_DATA_LINE]).toBe(21);
    expect(series.dniWm2[18 - FIRST_DATA_LINE]).toBe(0);
    expect(series.dhiWm2[18 - FIRST_DATA_LINE]).toBe(21);
    expect(series.tempAirC[18 - FIRST_DATA_LINE]).toBe(1.1);
    expect(series.windSpeedMPerS[18 - FIRST_DATA_LINE]).toBe(11.3);
    expect(series.ghiWm2[17 - FIRST_DATA_LINE]).toBe(0);
    // 09:30 UTC+1 = 08:30Z: `date -u -d 2001-01-01T08:30:00Z +%s`.
    expect(series.unixTimeS[18 - FIRST_DATA_LINE]).toBe(978337800);
  });

  it('has annual sums equal to an independent awk sum of fields 14–16', () => {
    // awk -F, 'NR>8{G+=$14;B+=$15;D+=$16} END{printf "%.3f %.3f %.3f", G/1000,B/1000,D/1000}' → 982.481 698.916 590.603
    expectClose(sum(series.ghiWm2) / WH_PER_KWH, 982.481, { abs: 5e-4 }, 'GHI kWh/m²');
    expectClose(sum(series.dniWm2) / WH_PER_KWH, 698.916, { abs: 5e-4 }, 'DNI kWh/m²');
    expectClose(sum(series.dhiWm2) / WH_PER_KWH, 590.603, { abs: 5e-4 }, 'DHI kWh/m²');
  });

  it('reads albedo 0.000 (written on every row) as missing and leaves the column out', () => {
    expect(series.albedo).toBeUndefined();
  });
});

describe('parseEpw missing-value codes', () => {
  it('reads DNI 9999 and pressure 999999 as NaN, leaving the other hours alone', () => {
    const text = editField(editField(beijingText, 20, DNI, '9999'), 21, PRESSURE, '999999');
    const series = parseEpw(text, 'b.epw');
    expect(Number.isNaN(series.dniWm2[20 - FIRST_DATA_LINE]!)).toBe(true);
    expect(Number.isNaN(series.pressurePa![21 - FIRST_DATA_LINE]!)).toBe(true);
    expect(series.dniWm2[21 - FIRST_DATA_LINE]).toBe(parseEpw(beijingText, 'b.epw').dniWm2[21 - FIRST_DATA_LINE]);
  });

  it('reads a valid albedo where a row has one', () => {
    const series = parseEpw(editField(beijingText, 30, 32, '0.25'), 'b.epw');
    expect(series.albedo?.[30 - FIRST_DATA_LINE]).toBe(0.25);
    expect(Number.isNaN(series.albedo![31 - FIRST_DATA_LINE]!)).toBe(true);
  });

  for (const [what, field, code, column] of [
    ['GHI 9999', GHI, '9999', 'global horizontal radiation (field 14)'],
    ['dry bulb 99.9', DRY_BULB, '99.9', 'dry bulb temperature (field 7)'],
    ['wind speed 999', WIND, '999', 'wind speed (field 22)'],
  ] as const) {
    it(`throws at the line of a ${what} code, since every simulated hour needs it`, () => {
      const error = catchParseError(() => parseEpw(editField(beijingText, 4000, field, code), 'b.epw'), WeatherParseError, { line: 4000, column, file: 'b.epw' });
      expect(error.message).toContain('b.epw line 4000');
      expect(error.message).toContain('missing-value code');
    });
  }
});

describe('parseEpw on broken copies', () => {
  it('truncated: reports the line after the last row and how many rows it found', () => {
    const error = catchParseError(() => parseEpw(truncateLines(beijingText, 8 + 4000), 'cut.epw'), WeatherParseError, { line: 8 + 4000 + 1 });
    expect(error.message).toContain('8760 hourly rows');
    expect(error.message).toContain('after 4000 rows');
  });

  it('truncated inside a row: the short last row is the error', () => {
    const text = truncateLines(beijingText, 5000);
    const cut = text.slice(0, text.length - 150);
    catchParseError(() => parseEpw(cut, 'cut.epw'), WeatherParseError, { line: 5000 });
  });

  it('a bad number names line, column and text', () => {
    const error = catchParseError(() => parseEpw(editField(beijingText, 20, GHI, 'abc'), 'bad.epw'), WeatherParseError, {
      line: 20,
      column: 'global horizontal radiation (field 14)',
    });
    expect(error.message).toBe("bad.epw line 20: column 'global horizontal radiation (field 14)': expected a number in Wh/m², got 'abc'");
  });

  it('an empty cell or a negative irradiance is an error, not a zero', () => {
    catchParseError(() => parseEpw(editField(beijingText, 21, GHI, ''), 'bad.epw'), WeatherParseError, { line: 21 });
    catchParseError(() => parseEpw(editField(beijingText, 22, DNI, '-5'), 'bad.epw'), WeatherParseError, { line: 22 });
  });

  it('a wrong LOCATION or DATA PERIODS header line is an error at that line', () => {
    catchParseError(() => parseEpw(editLine(beijingText, 1, (l) => l.replace('LOCATION', 'LOCATON')), 'h.epw'), WeatherParseError, { line: 1 });
    catchParseError(() => parseEpw(editField(beijingText, 1, 6, 'north'), 'h.epw'), WeatherParseError, { line: 1, column: 'LOCATION latitude' });
    catchParseError(() => parseEpw(editLine(beijingText, 8, () => 'COMMENTS 3,x'), 'h.epw'), WeatherParseError, { line: 8 });
    catchParseError(() => parseEpw('', 'empty.epw'), WeatherParseError, { line: 1 });
  });

  it('sub-hourly data (4 records per hour) is refused at the DATA PERIODS line', () => {
    catchParseError(() => parseEpw(editField(beijingText, 8, 2, '4'), 'h.epw'), WeatherParseError, { line: 8, column: 'DATA PERIODS records per hour' });
  });

  it('a repeated hour, a skipped hour or swapped rows is an error at the first row out of sequence', () => {
    const lines = beijingText.split('\n');
    const repeated = [...lines];
    repeated[100] = lines[99]!; // line 101 repeats line 100
    catchParseError(() => parseEpw(repeated.join('\n'), 'r.epw'), WeatherParseError, { line: 101 });
    const swapped = [...lines];
    swapped[200] = lines[201]!;
    swapped[201] = lines[200]!;
    const error = catchParseError(() => parseEpw(swapped.join('\n'), 's.epw'), WeatherParseError, { line: 201 });
    expect(error.message).toContain('consecutive hours');
    const skipped = [...lines.slice(0, 300), ...lines.slice(301)];
    catchParseError(() => parseEpw(skipped.join('\n'), 'k.epw'), WeatherParseError, { line: 301 });
  });

  it('an impossible date or hour is an error at its line', () => {
    catchParseError(() => parseEpw(editField(beijingText, 50, 2, '32'), 'd.epw'), WeatherParseError, { line: 50, column: 'day (field 3)' });
    catchParseError(() => parseEpw(editField(beijingText, 51, 3, '25'), 'd.epw'), WeatherParseError, { line: 51, column: 'hour (field 4)' });
    catchParseError(() => parseEpw(editField(beijingText, 52, 1, '13'), 'd.epw'), WeatherParseError, { line: 52, column: 'month (field 2)' });
  });

  it('an empty line inside the data and a row too many are errors', () => {
    catchParseError(() => parseEpw(editLine(beijingText, 70, () => ''), 'e.epw'), WeatherParseError, { line: 70 });
    const lines = beijingText.trimEnd().split('\n');
    catchParseError(() => parseEpw([...lines, lines[lines.length - 1]!].join('\n'), 'x.epw'), WeatherParseError, { line: 8 + 8760 + 1 });
  });
});
