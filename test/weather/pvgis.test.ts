import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePvgisTmy } from '../../src/weather/pvgis.ts';
import { detectWeatherFormat } from '../../src/weather/read.ts';
import { WeatherParseError } from '../../src/weather/types.ts';

const SAMPLE = 'test/fixtures/weather/pvgis-tmy-45.000-8.000-48h.csv';
const sample = () => readFileSync(SAMPLE, 'utf8');

function parseError(text: string): WeatherParseError {
  try {
    parsePvgisTmy(text, 'bad');
  } catch (e) {
    if (e instanceof WeatherParseError) return e;
    throw e;
  }
  throw new Error('expected a WeatherParseError');
}

/** The sample's rows as the PVGIS JSON output writes them (outputs.tmy_hourly, one record a line). */
function jsonFromCsv(csv: string): string {
  const lines = csv.trim().split('\n');
  const header = lines.findIndex((l) => l.startsWith('time(UTC)'));
  const names = lines[header]!.split(',');
  const records = lines.slice(header + 1).map((l) => {
    const cells = l.split(',');
    return `    {${names.map((n, i) => `"${n}": ${i === 0 ? `"${cells[i]}"` : cells[i]}`).join(', ')}}`;
  });
  return `{"inputs": {"location": {"latitude": 45.0, "longitude": 8.0, "elevation": 250.0}},\n "outputs": {"tmy_hourly": [\n${records.join(',\n')}\n ]},\n "meta": {}}\n`;
}

describe('PVGIS TMY reader on the CSV sample (test/fixtures/weather/SOURCES.md)', () => {
  it('reads site, UTC hours and G(h), Gb(n), Gd(h), T2m, WS10m, SP', () => {
    const w = parsePvgisTmy(sample(), SAMPLE);
    expect(w.format).toBe('pvgis');
    expect(w.site).toEqual({ latitudeDeg: 45, longitudeDeg: 8, altitudeM: 250 });
    expect(w.unixTimeS.length).toBe(48);
    // 20090101:0800 (line 26): G(h) 117, Gb(n) 599.45, Gd(h) 33, T2m 2.68, WS10m 3.7, SP 99537.
    expect([w.ghiWm2[8], w.dniWm2[8], w.dhiWm2[8], w.tempAirC[8], w.windSpeedMPerS[8], w.pressurePa![8]]).toEqual([117, 599.45, 33, 2.68, 3.7, 99537]);
    expect(new Date(w.unixTimeS[8]! * 1000).toISOString()).toBe('2009-01-01T08:30:00.000Z');
    expect(detectWeatherFormat('tmy.csv', sample())).toBe('pvgis');
  });

  it('reads the same rows from the JSON output', () => {
    const csv = parsePvgisTmy(sample(), 'a.csv');
    const json = parsePvgisTmy(jsonFromCsv(sample()), 'a.json');
    expect(detectWeatherFormat('a.json', jsonFromCsv(sample()))).toBe('pvgis');
    expect(json.site).toEqual(csv.site);
    for (const key of ['unixTimeS', 'ghiWm2', 'dniWm2', 'dhiWm2', 'tempAirC', 'windSpeedMPerS', 'pressurePa'] as const) {
      // JSON.parse keeps the file's -0.0 as -0, the CSV cell reads as 0: the same value.
      expect(Array.from(json[key]!, (x) => x + 0)).toEqual(Array.from(csv[key]!, (x) => x + 0));
    }
  });

  it('names line and column of a bad value, a bad time, a skipped hour and broken JSON', () => {
    const lines = sample().split('\n');
    const bad = [...lines];
    // Row hh of 1 January sits on line 18 + hh.
    bad[25] = bad[25]!.replace(',117.0,', ',-5,');
    const e1 = parseError(bad.join('\n'));
    expect([e1.line, e1.column]).toEqual([26, 'G(h)']);
    const badTime = [...lines];
    badTime[20] = badTime[20]!.replace('20090101:0300', '2009-01-01 03');
    expect(parseError(badTime.join('\n')).line).toBe(21);
    const skipped = [...lines.slice(0, 22), ...lines.slice(23)];
    const e3 = parseError(skipped.join('\n'));
    expect(e3.line).toBe(23);
    expect(e3.message).toMatch(/2009-01-01 05:00, got '2009-01-01 06:00'/);
    const json = jsonFromCsv(sample()).split('\n');
    json[12] = json[12]!.replace('"T2m": ', '"T2m": "warm", "x": ');
    const e4 = parseError(json.join('\n'));
    expect([e4.line, e4.column]).toEqual([13, 'T2m']);
    const e5 = parseError('{"inputs": {\n  "location": [}');
    expect(e5.line).toBe(2);
  });
});
