// Reference values: test/fixtures/reference/pvlib-cases.json, section c_clearsky_weihai (pvlib commit 6382338):
// pvlib.clearsky.ineichen(apparent_zenith, airmass_absolute, linke_turbidity=3, altitude=50,
// dni_extra=get_extra_radiation(times), perez_enhancement=False) and pvlib.clearsky.haurwitz(apparent_zenith),
// at Weihai (37.18° N, 122.05° E, 50 m) with spa_python(pressure=alt2pres(50), temperature=12, delta_t=67).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { absoluteAirmass, pressureFromAltitudePa, relativeAirmass } from '../../../src/core/pv/atmosphere.ts';
import { clearskyIneichen, linkeTurbidityForMonth } from '../../../src/core/pv/clearsky.ts';
import { extraterrestrialDniAtUnixTimeWm2 } from '../../../src/core/pv/extraterrestrial.ts';
import { solarPosition } from '../../../src/core/pv/solar-position.ts';
import { expectClose } from '../../helpers/expect-close.ts';

interface ClearskyCase {
  time_utc: string;
  inputs: {
    apparent_zenith: number;
    zenith: number;
    airmass_relative: number | null;
    airmass_absolute: number | null;
    dni_extra: number;
  };
  ineichen: { ghi: number; dni: number; dhi: number };
  haurwitz: { ghi: number };
}
interface ClearskySection {
  site: { latitude: number; longitude: number; altitude_m: number };
  pressure_pa: number;
  linke_turbidity: number;
  altitude_m: number;
  cases: ClearskyCase[];
}
const section = (
  JSON.parse(readFileSync(new URL('../../fixtures/reference/pvlib-cases.json', import.meta.url), 'utf8')) as {
    c_clearsky_weihai: ClearskySection;
  }
).c_clearsky_weihai;
const nanIfNull = (x: number | null): number => (x === null ? Number.NaN : x);

// Reference README: irradiance to 1e-6 relative, 1e-6 W/m² near zero.
const IRRADIANCE_TOL = { rel: 1e-6, abs: 1e-6 };

describe('Ineichen–Perez against pvlib (Weihai, TL = 3)', () => {
  it('has the 30 documented cases', () => {
    expect(section.cases).toHaveLength(30);
  });

  for (const c of section.cases) {
    it(`${c.time_utc}, apparent zenith ${c.inputs.apparent_zenith.toFixed(3)}°`, () => {
      // From the reference inputs: isolates the clear-sky formulas.
      const fromInputs = clearskyIneichen(
        c.inputs.apparent_zenith,
        nanIfNull(c.inputs.airmass_absolute),
        section.linke_turbidity,
        section.altitude_m,
        c.inputs.dni_extra,
      );
      expectClose(fromInputs.ghiWm2, c.ineichen.ghi, IRRADIANCE_TOL, 'Ineichen GHI');
      expectClose(fromInputs.dniWm2, c.ineichen.dni, IRRADIANCE_TOL, 'Ineichen DNI');
      expectClose(fromInputs.dhiWm2, c.ineichen.dhi, IRRADIANCE_TOL, 'Ineichen DHI');

      // From the timestamp alone, through our SPA, air mass and extraterrestrial irradiance: the whole chain.
      const unixTimeS = Date.parse(c.time_utc) / 1000;
      const pressurePa = pressureFromAltitudePa(section.site.altitude_m);
      const position = solarPosition({
        unixTimeS,
        latitudeDeg: section.site.latitude,
        longitudeDeg: section.site.longitude,
        altitudeM: section.site.altitude_m,
        pressurePa,
        temperatureC: 12,
        deltaTS: 67,
      });
      const dniExtraWm2 = extraterrestrialDniAtUnixTimeWm2(unixTimeS);
      expectClose(dniExtraWm2, c.inputs.dni_extra, IRRADIANCE_TOL, 'dni_extra (UTC day of year)');
      const airmass = absoluteAirmass(relativeAirmass(position.apparentZenithDeg), pressurePa);
      const chained = clearskyIneichen(
        position.apparentZenithDeg,
        airmass,
        section.linke_turbidity,
        section.altitude_m,
        dniExtraWm2,
      );
      expectClose(chained.ghiWm2, c.ineichen.ghi, IRRADIANCE_TOL, 'chained Ineichen GHI');
      expectClose(chained.dniWm2, c.ineichen.dni, IRRADIANCE_TOL, 'chained Ineichen DNI');
      expectClose(chained.dhiWm2, c.ineichen.dhi, IRRADIANCE_TOL, 'chained Ineichen DHI');
    });
  }
});

describe('Ineichen–Perez edge conventions (pvlib)', () => {
  it('returns zeros for a NaN air mass (sun below the horizon) and for a zenith past 90° with a finite air mass', () => {
    expect(clearskyIneichen(100, Number.NaN, 3, 0, 1367)).toEqual({ ghiWm2: 0, dniWm2: 0, dhiWm2: 0 });
    expect(clearskyIneichen(95, 30, 3, 0, 1367)).toEqual({ ghiWm2: 0, dniWm2: 0, dhiWm2: 0 });
    // cos 90° is 6e-17 in floating point, as in numpy: GHI and DHI vanish at the horizon while the beam model
    // still gives its (small, finite) normal-incidence DNI.
    const horizon = clearskyIneichen(90, 37.9, 3, 0, 1367);
    expectClose(horizon.ghiWm2, 0, { abs: 1e-12 }, 'GHI at the horizon');
    expectClose(horizon.dhiWm2, 0, { abs: 1e-12 }, 'DHI at the horizon');
    expect(horizon.dniWm2).toBeGreaterThan(0);
    expect(horizon.dniWm2).toBeLessThan(5);
  });

  it('propagates a NaN zenith instead of inventing a value', () => {
    const r = clearskyIneichen(Number.NaN, 1.5, 3, 0, 1367);
    expect(r.ghiWm2).toBeNaN();
  });
});

describe('Linke turbidity helper', () => {
  const monthly = [2.1, 2.3, 2.8, 3.2, 3.6, 3.9, 4.1, 3.9, 3.3, 2.8, 2.4, 2.2];

  it('returns a constant for every month and the month’s entry from 12 values', () => {
    for (let month = 1; month <= 12; month++) {
      expect(linkeTurbidityForMonth(3, month)).toBe(3);
      expect(linkeTurbidityForMonth(monthly, month)).toBe(monthly[month - 1]);
    }
  });

  it('rejects a wrong month or a list that is not 12 values long', () => {
    expect(() => linkeTurbidityForMonth(monthly, 0)).toThrow(/month/);
    expect(() => linkeTurbidityForMonth(monthly, 13)).toThrow(/month/);
    expect(() => linkeTurbidityForMonth(monthly, 1.5)).toThrow(/month/);
    expect(() => linkeTurbidityForMonth(monthly.slice(0, 11), 1)).toThrow(/12 monthly values/);
  });
});
