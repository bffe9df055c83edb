// The PV chain end to end on the three shipped weather files (scenarios/weather/, read by src/weather).
//
// Plausible annual yields: the final yield is Yf = PR · H_poa. A PVWatts-default system (14.08 % system losses, a
// ~96 % inverter, 1–5 % temperature and 1–2 % IAM losses) has a PR of 0.74–0.86, and a south-facing rack near the
// latitude tilt collects 1.00–1.20 × the horizontal insolation at these latitudes. So Yf / GHI must fall within
// 0.74–1.03 for the fixed racks; with each file's GHI (Greensboro 1566, Beijing 1401, Amsterdam 983 kWh/m²) that is
// 1160–1610, 1040–1440 and 730–1010 kWh/kWp, the span PVWatts and PVGIS report for such climates (e.g. PVWatts
// ~1,400 for North Carolina, PVGIS ~900–1,000 for the Netherlands).
import { describe, expect, it } from 'vitest';
import { simulateYield, type PvArray, type PvSite } from '../../../src/core/pv/pv-yield.ts';
import { parseWeatherText } from '../../../src/weather/read.ts';
import type { WeatherSeries } from '../../../src/weather/types.ts';
import { AMSTERDAM_EPW, BEIJING_EPW, GREENSBORO_TMY3, weatherPath, weatherText } from '../../weather/weather-files.ts';

const FILES = [GREENSBORO_TMY3, BEIJING_EPW, AMSTERDAM_EPW] as const;
const series = new Map<string, WeatherSeries>(FILES.map((f) => [f, parseWeatherText(weatherText(f), weatherPath(f))]));
const weatherOf = (f: string) => series.get(f)!;

function siteOf(w: WeatherSeries): PvSite {
  const s = w.site;
  return { latitudeDeg: s.latitudeDeg!, longitudeDeg: s.longitudeDeg!, altitudeM: s.altitudeM!, utcOffsetHours: s.utcOffsetHours! };
}

describe('the chain on the shipped weather files', () => {
  for (const file of FILES) {
    it(`${file}: fixed rack and tracker give plausible yields, PRs and losses`, () => {
      const w = weatherOf(file);
      const site = siteOf(w);
      const tiltDeg = Math.round(site.latitudeDeg * 0.9);
      const fixed = simulateYield({ site, array: { mounting: { type: 'fixed', tiltDeg, azimuthDeg: 180 } }, weather: w });
      const ratio = fixed.annualKWhPerKWp / fixed.ghiKWhPerM2;
      expect(ratio, `${file} Yf/GHI ${ratio}`).toBeGreaterThan(0.74);
      expect(ratio, `${file} Yf/GHI ${ratio}`).toBeLessThan(1.03);
      expect(fixed.performanceRatioFrac).toBeGreaterThan(0.74);
      expect(fixed.performanceRatioFrac).toBeLessThan(0.86);
      expect(fixed.hours).toBe(8760);
      expect(fixed.monthlyKWhPerKWp).toHaveLength(12);
      expect(fixed.monthlyKWhPerKWp.every((x) => x > 0)).toBe(true);
      // 14.08 % is the PVWatts default; the other steps are a few percent each.
      expect(fixed.losses.system.frac).toBeCloseTo(0.14075660688, 9); // 1 − Π(1 − l) of Dobos 2014 Table 2
      for (const step of ['iam', 'inverter'] as const) {
        expect(fixed.losses[step].frac).toBeGreaterThan(0.005);
        expect(fixed.losses[step].frac).toBeLessThan(0.06);
      }
      const tracker = simulateYield({ site, array: { mounting: { type: 'single-axis' } }, weather: w });
      // A backtracking N–S tracker collects more than the latitude-tilt rack at these latitudes, and not absurdly more.
      expect(tracker.poaKWhPerM2 / fixed.poaKWhPerM2).toBeGreaterThan(0.95);
      expect(tracker.poaKWhPerM2 / fixed.poaKWhPerM2).toBeLessThan(1.4);
    });
  }

  it('reproduces the GHI of the two files whose components close, on a horizontal plane', () => {
    for (const file of [GREENSBORO_TMY3, AMSTERDAM_EPW]) {
      const w = weatherOf(file);
      const r = simulateYield({ site: siteOf(w), array: { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 } }, weather: w });
      // Within 0.5 %: rounding of the hourly values in the files, and Perez's cos 85° floor at sunrise and sunset.
      expect(Math.abs(r.poaKWhPerM2 / r.ghiKWhPerM2 - 1), file).toBeLessThan(0.005);
    }
  });

  it("shows the Beijing CSWD file's components falling 7.5 % short of its GHI, and Erbs closing the gap", () => {
    const w = weatherOf(BEIJING_EPW);
    const flat: PvArray = { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 } };
    const asGiven = simulateYield({ site: siteOf(w), array: flat, weather: w });
    const shortfall = 1 - asGiven.poaKWhPerM2 / asGiven.ghiKWhPerM2;
    expect(shortfall).toBeGreaterThan(0.06);
    expect(shortfall).toBeLessThan(0.09);
    const missing = new Float64Array(w.ghiWm2.length).fill(Number.NaN);
    const decomposed = simulateYield({ site: siteOf(w), array: flat, weather: { ...w, dniWm2: missing, dhiWm2: missing } });
    expect(Math.abs(decomposed.poaKWhPerM2 / decomposed.ghiKWhPerM2 - 1)).toBeLessThan(0.01);
  });
});
