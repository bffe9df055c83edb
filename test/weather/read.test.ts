import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WEATHER_FILE_FORMATS, detectWeatherFormat, parseWeatherText, readWeatherFile } from '../../src/weather/read.ts';
import { WeatherParseError } from '../../src/weather/types.ts';
import { AMSTERDAM_EPW, BEIJING_EPW, GREENSBORO_TMY3, editField, editLine, weatherPath, weatherText, truncateLines } from './weather-files.ts';

const tempDir = mkdtempSync(join(tmpdir(), 'pvplan-weather-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** Writes `text` to a file in the temp dir and returns its path. */
function brokenCopy(name: string, text: string): string {
  const path = join(tempDir, name);
  writeFileSync(path, text);
  return path;
}

async function expectReadError(path: string, line: number, column?: string): Promise<WeatherParseError> {
  const error: unknown = await readWeatherFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeatherParseError);
  const parseError = error as WeatherParseError;
  expect(parseError.file).toBe(path);
  expect(parseError.line).toBe(line);
  if (column !== undefined) expect(parseError.column).toBe(column);
  expect(parseError.message.startsWith(`${path} line ${line}: `)).toBe(true);
  return parseError;
}

describe('readWeatherFile on the shipped files', () => {
  it('detects each format and reads 8760 rows', async () => {
    const expected = { [BEIJING_EPW]: 'epw', [AMSTERDAM_EPW]: 'epw', [GREENSBORO_TMY3]: 'tmy3' } as const;
    for (const [name, format] of Object.entries(expected)) {
      const series = await readWeatherFile(weatherPath(name));
      expect(series.format).toBe(format);
      expect(series.label).toBe(weatherPath(name));
      expect(series.unixTimeS.length).toBe(8760);
    }
  });

  it('reads a plain CSV written next to them', async () => {
    const path = brokenCopy('ok.csv', 'time,ghi,temp_air,wind_speed\n2022-06-21T12:00:00+08:00,900,25,1\n2022-06-21T13:00:00+08:00,800,25,1\n');
    const series = await readWeatherFile(path);
    expect(series.format).toBe('csv');
    expect(Array.from(series.ghiWm2)).toEqual([900, 800]);
  });
});

describe('detectWeatherFormat', () => {
  it('uses the extension for .epw and the header otherwise', () => {
    expect(detectWeatherFormat('x.EPW', 'anything')).toBe('epw');
    expect(detectWeatherFormat('x.txt', weatherText(BEIJING_EPW))).toBe('epw');
    expect(detectWeatherFormat('x.csv', weatherText(GREENSBORO_TMY3))).toBe('tmy3');
    expect(detectWeatherFormat('x.csv', '1,"A",NC,-5,36,-79,273\nDate,Time,GHI (W/m^2)\n')).toBe('tmy3');
    expect(detectWeatherFormat('x.csv', 'time,ghi,temp_air,wind_speed\n')).toBe('csv');
    expect(detectWeatherFormat('x.csv', '\uFEFFLOCATION,a,b')).toBe('epw');
  });

  it('a forced format is used for every member of the union', () => {
    const texts = {
      epw: weatherText(BEIJING_EPW),
      tmy3: weatherText(GREENSBORO_TMY3),
      csv: 'time,ghi,temp_air,wind_speed\n2022-06-21T12:00:00Z,1,1,1\n2022-06-21T13:00:00Z,1,1,1',
      'sam-csv': readFileSync('test/fixtures/weather/nsrdb-tucson-psmv3-tmy-48h.csv', 'utf8'),
      pvgis: readFileSync('test/fixtures/weather/pvgis-tmy-45.000-8.000-48h.csv', 'utf8'),
    } as const;
    for (const format of WEATHER_FILE_FORMATS) {
      expect(parseWeatherText(texts[format], 'forced.dat', { format }).format).toBe(format);
    }
  });
});

describe('readWeatherFile on broken copies in a temp dir', () => {
  const beijing = weatherText(BEIJING_EPW);
  const greensboro = weatherText(GREENSBORO_TMY3);

  it('truncated EPW and TMY3', async () => {
    await expectReadError(brokenCopy('cut.epw', truncateLines(beijing, 8 + 100)), 8 + 100 + 1);
    await expectReadError(brokenCopy('cut.CSV', truncateLines(greensboro, 2 + 8000)), 2 + 8000 + 1);
  });

  it('a bad number', async () => {
    await expectReadError(brokenCopy('bad.epw', editField(beijing, 300, 21, '2;5')), 300, 'wind speed (field 22)');
    await expectReadError(brokenCopy('bad.CSV', editField(greensboro, 300, 46, 'x')), 300, 'Wspd (m/s)');
  });

  it('a wrong header', async () => {
    await expectReadError(brokenCopy('head.epw', editLine(beijing, 3, () => 'GROUND TEMPERATURES,0')), 3);
    await expectReadError(brokenCopy('head.CSV', editLine(greensboro, 2, (l) => l.replace('Date (MM/DD/YYYY)', 'Date'))), 2);
    // Without any TMY3 column name it no longer looks like TMY3 and is reported as a plain CSV with a bad header.
    await expectReadError(brokenCopy('head2.CSV', editLine(greensboro, 2, () => 'a,b,c')), 1);
  });

  it('a non-increasing time', async () => {
    await expectReadError(brokenCopy('back.epw', editField(beijing, 2000, 3, '1')), 2000);
    const csv = 'time,ghi,temp_air,wind_speed\n2022-06-21T12:00:00+08:00,1,1,1\n2022-06-21T13:00:00+08:00,1,1,1\n2022-06-21T12:30:00+08:00,1,1,1\n';
    await expectReadError(brokenCopy('back.csv', csv), 4, 'time');
  });

  it('a CSV without UTC offset', async () => {
    const csv = 'time,ghi,temp_air,wind_speed\n2022-06-21T12:00:00+08:00,1,1,1\n2022-06-21T13:00:00,1,1,1\n';
    const error = await expectReadError(brokenCopy('naive.csv', csv), 3, 'time');
    expect(error.got).toBe('2022-06-21T13:00:00');
  });

  it('a missing file is a file error, not a parse error', async () => {
    await expect(readWeatherFile(join(tempDir, 'nope.epw'))).rejects.toMatchObject({ name: 'InputFileError', code: 'ENOENT', message: 'no such file' });
  });

  it('only regular files are read: /dev/urandom as a weather file is refused at once', async () => {
    await expect(readWeatherFile('/dev/urandom')).rejects.toMatchObject({ code: 'ENOTREG', message: expect.stringMatching(/character device, not a regular file/) });
  });
});
