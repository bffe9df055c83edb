/**
 * The unit check every weather reader's series passes through: GHI in kW/m² or in daily kWh/m² is an error that
 * says so (before this check both read as a dark year and gave 0.0 kWh/kWp with exit status 0).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { irradianceUnitProblem, MIN_ANNUAL_GHI_KWH_PER_M2, MIN_PEAK_GHI_WM2 } from '../../src/weather/irradiance-units.ts';
import { parseWeatherText } from '../../src/weather/read.ts';
import { WeatherParseError } from '../../src/weather/types.ts';
import { BEIJING_EPW, GREENSBORO_TMY3, weatherText } from './weather-files.ts';

/** An hourly CSV year (2022, UTC+8) whose GHI is a clear-day arch of `peak` W/m² from 06:00 to 18:00, scaled by `scale`. */
function csvYear(scale: number, peak = 900): string {
  const rows = ['time,ghi,temp_air,wind_speed'];
  const start = Date.UTC(2022, 0, 1) - 8 * 3600_000;
  for (let h = 0; h < 8760; h++) {
    const hour = h % 24;
    const ghi = hour > 6 && hour < 18 ? peak * Math.sin((Math.PI * (hour - 6)) / 12) : 0;
    const t = new Date(start + h * 3600_000 + 8 * 3600_000).toISOString().slice(0, 19);
    rows.push(`${t}+08:00,${(ghi * scale).toFixed(4)},15,2`);
  }
  return rows.join('\n');
}

function parseError(run: () => unknown): WeatherParseError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(WeatherParseError);
    return e as WeatherParseError;
  }
  throw new Error('expected a WeatherParseError');
}

describe('irradiance units', () => {
  it('a CSV year in W/m² reads; the same year in kW/m² is an error naming the unit', () => {
    expect(parseWeatherText(csvYear(1), 'w.csv').ghiWm2.length).toBe(8760);
    const e = parseError(() => parseWeatherText(csvYear(0.001), 'kw.csv'));
    expect(e.column).toBe('ghi');
    expect(e.message).toMatch(/kW\/m², multiply them by 1000/);
  });

  it('daily kWh/m² in an hourly column (yearly sum under 100 kWh/m²) is an error naming the unit', () => {
    // 5 kWh/m² a day written in every daylight hour: the year sums to 11 h × 5 × 365 / 1000 ≈ 20 kWh/m².
    const e = parseError(() => parseWeatherText(csvYear(5 / 900, 900), 'daily.csv'));
    expect(e.message).toMatch(/daily kWh\/m² or MJ\/m²/);
  });

  it('the EPW and TMY3 readers pass through the same check (GHI divided by 1000)', () => {
    const epw = weatherText(BEIJING_EPW)
      .split('\n')
      .map((line, i) => {
        if (i < 8 || line.trim() === '') return line;
        const f = line.split(',');
        f[13] = String(Number(f[13]) / 1000);
        return f.join(',');
      })
      .join('\n');
    expect(parseError(() => parseWeatherText(epw, BEIJING_EPW)).message).toMatch(/kW\/m²/);
    const tmy = weatherText(GREENSBORO_TMY3)
      .split('\n')
      .map((line, i) => {
        if (i < 2 || line.trim() === '') return line;
        const f = line.split(',');
        f[4] = String(Number(f[4]) / 1000);
        return f.join(',');
      })
      .join('\n');
    expect(parseError(() => parseWeatherText(tmy, GREENSBORO_TMY3)).message).toMatch(/kW\/m²/);
  });

  it('a missing CSV column is named', () => {
    const e = parseError(() => parseWeatherText('time,temp_air,wind_speed\n2022-01-01T00:00:00+08:00,1,1', 'w.csv'));
    expect(e.message).toMatch(/a column named 'ghi'/);
  });

  it('property: W/m² arches with a peak of 50–1,300 W/m² pass; the same in kW/m² fail', () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 1300, noNaN: true }), (peak) => {
        const wm2 = { ghiWm2: arch(peak), stepHours: 1, site: {} };
        const kwm2 = { ghiWm2: arch(peak / 1000), stepHours: 1, site: {} };
        expect(irradianceUnitProblem(wm2 as never)).toBeUndefined();
        expect(irradianceUnitProblem(kwm2 as never)).toBeDefined();
      }),
      { numRuns: 30 },
    );
    // The weakest arch (50 W/m² peak) sums to 50 × 365 × 7.6 h / 1000 ≈ 139 kWh/m², above the 100 kWh/m² floor.
    expect(MIN_PEAK_GHI_WM2).toBeLessThan(50);
    expect(MIN_ANNUAL_GHI_KWH_PER_M2).toBeLessThan(139);
  });

  it('a series shorter than four weeks is not judged (a night of data is not a unit slip)', () => {
    expect(irradianceUnitProblem({ ghiWm2: new Float64Array(48), stepHours: 1, site: {} } as never)).toBeUndefined();
  });
});

/** 8760 hours of a daylight arch of `peak` (12 h a day, sine-shaped). */
function arch(peak: number): Float64Array {
  const out = new Float64Array(8760);
  for (let h = 0; h < 8760; h++) {
    const hour = h % 24;
    out[h] = hour > 6 && hour < 18 ? peak * Math.sin((Math.PI * (hour - 6)) / 12) : 0;
  }
  return out;
}
