import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectWeatherFormat, parseWeatherText } from '../../src/weather/read.ts';
import { parseSamCsv } from '../../src/weather/sam-csv.ts';
import { WeatherParseError } from '../../src/weather/types.ts';

const SAMPLE = 'test/fixtures/weather/nsrdb-tucson-psmv3-tmy-48h.csv';
const sample = () => readFileSync(SAMPLE, 'utf8');

function parseError(text: string): WeatherParseError {
  try {
    parseSamCsv(text, 'bad.csv');
  } catch (e) {
    if (e instanceof WeatherParseError) return e;
    throw e;
  }
  throw new Error('expected a WeatherParseError');
}

/** A SAM CSV as SAM writes its own files: Tdry, Wspd, Pres, Albedo, no minute column. */
function samText(rows: readonly { ghi: number; dni: number; dhi: number; temp: number; wind: number; pres: number }[], startHour = 0): string {
  const out = ['Source,Location ID,City,State,Country,Latitude,Longitude,Time Zone,Elevation', 'test,1,Somewhere,-,-,36.6,114.5,8,60', 'Year,Month,Day,Hour,GHI,DNI,DHI,Tdry,Wspd,Pres,Albedo'];
  rows.forEach((r, i) => {
    const h = startHour + i;
    out.push(`2019,6,${1 + Math.floor(h / 24)},${h % 24},${r.ghi},${r.dni},${r.dhi},${r.temp},${r.wind},${r.pres},0.25`);
  });
  return `${out.join('\n')}\n`;
}

describe('SAM CSV reader on the NSRDB sample (test/fixtures/weather/SOURCES.md)', () => {
  it('takes site and time zone from the header and the columns by their NSRDB names', () => {
    const w = parseSamCsv(sample(), SAMPLE);
    expect(w.format).toBe('sam-csv');
    expect(w.site).toEqual({ name: '67345', latitudeDeg: 32.13, longitudeDeg: -110.94, altitudeM: 773, utcOffsetHours: -7 });
    expect(w.unixTimeS.length).toBe(48);
    // Row 9 (line 12): 2008-01-01 08:30 local, DNI 87, DHI 73, GHI 89, 3 °C, 930 mbar, wind 8.8, albedo 0.198.
    expect([w.ghiWm2[8], w.dniWm2[8], w.dhiWm2[8], w.tempAirC[8], w.windSpeedMPerS[8], w.pressurePa![8], w.albedo![8]]).toEqual([89, 87, 73, 3, 8.8, 93_000, 0.198]);
    // Hour 0 covers 00:00–01:00 local standard time (UTC−7): its sun is at 07:30 UTC.
    expect(new Date(w.unixTimeS[0]! * 1000).toISOString()).toBe('2008-01-01T07:30:00.000Z');
    expect(w.unixTimeS[47]! - w.unixTimeS[0]!).toBe(47 * 3600);
  });

  it('is detected from its content', () => {
    expect(detectWeatherFormat('tucson.csv', sample())).toBe('sam-csv');
    expect(parseWeatherText(sample(), 'x.csv').format).toBe('sam-csv');
  });
});

describe('SAM CSV reader: round trip and errors', () => {
  const row = fc.record({
    ghi: fc.integer({ min: 0, max: 1200 }),
    dni: fc.integer({ min: 0, max: 1100 }),
    dhi: fc.integer({ min: 0, max: 600 }),
    temp: fc.integer({ min: -300, max: 450 }).map((x) => x / 10),
    wind: fc.integer({ min: 0, max: 250 }).map((x) => x / 10),
    pres: fc.integer({ min: 700, max: 1050 }),
  });

  it('reads back every value of a generated file, hours one apart from the header time zone', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 60 }), (rows) => {
        const w = parseSamCsv(samText(rows), 'gen.csv');
        rows.forEach((r, i) => {
          expect([w.ghiWm2[i], w.dniWm2[i], w.dhiWm2[i], w.tempAirC[i], w.windSpeedMPerS[i], w.pressurePa![i]]).toEqual([r.ghi, r.dni, r.dhi, r.temp, r.wind, r.pres * 100]);
          expect(w.unixTimeS[i]).toBe(Date.UTC(2019, 5, 1, i, 30) / 1000 - 8 * 3600);
        });
        expect(w.site.utcOffsetHours).toBe(8);
      }),
      { numRuns: 50 },
    );
  });

  it('names the line and column of a bad value, a skipped hour and a bad header', () => {
    const good = samText([{ ghi: 1, dni: 1, dhi: 1, temp: 20, wind: 2, pres: 1000 }, { ghi: 2, dni: 2, dhi: 2, temp: 21, wind: 2, pres: 1000 }, { ghi: 3, dni: 3, dhi: 3, temp: 22, wind: 2, pres: 1000 }]);
    const lines = good.split('\n');
    const badValue = parseError([...lines.slice(0, 4), lines[4]!.replace(',2,2,2,21,', ',2,2,2,hot,'), ...lines.slice(5)].join('\n'));
    expect([badValue.line, badValue.column]).toEqual([5, 'Tdry']);
    expect(badValue.message).toMatch(/bad\.csv line 5: column 'Tdry': expected a number in °C, got 'hot'/);
    const skipped = parseError([...lines.slice(0, 4), ...lines.slice(5)].join('\n'));
    expect(skipped.line).toBe(5);
    expect(skipped.message).toMatch(/the hour starting 2019-06-01 01:00, got '2019-06-01 02:00'/);
    const noTz = parseError(good.replace('Time Zone', 'Zone'));
    expect(noTz.line).toBe(1);
    const noGhi = parseError(good.replace(',GHI,', ',G,'));
    expect(noGhi.line).toBe(3);
  });
});
