// The whole chain on the repository's weather files against an independent implementation of windpowerlib's
// ModelChain conventions in python3 with numpy: test/fixtures/reference/wind-chain.py (run it to reproduce the
// numbers below; it reads the files itself and counts months from each row's month field).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { findTurbine } from '../../../src/core/wind/turbines.ts';
import { simulateWindYear, type WindChainOptions } from '../../../src/core/wind/wind-year.ts';
import { parseWeatherText } from '../../../src/weather/read.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (name: string) => {
  const path = join(ROOT, 'scenarios', 'weather', name);
  return parseWeatherText(readFileSync(path, 'utf8'), path);
};
const BEIJING = read('CHN_Beijing.Beijing.545110_CSWD.epw');
const GREENSBORO = read('723170TYA.CSV');
const AMSTERDAM = read('NLD_Amsterdam062400_IWEC.epw');

interface Case {
  readonly label: string;
  readonly weather: ReturnType<typeof read>;
  readonly turbine: string;
  readonly options: WindChainOptions;
  readonly annualKWhPerKW: number;
  readonly monthlyKWhPerKW: readonly number[];
  readonly capacityFactorFrac: number;
  readonly meanHubWindSpeedMPerS: number;
  readonly meanAirDensityKgPerM3: number;
}

const CASES: readonly Case[] = [
  {
    label: 'A. Beijing EPW, V112/3075, hub 94 m, defaults',
    weather: BEIJING,
    turbine: 'V112/3075',
    options: { hubHeightM: 94 },
    annualKWhPerKW: 740.0269368006419,
    monthlyKWhPerKW: [93.360391, 60.901031, 120.790213, 94.591684, 60.768571, 54.563094, 30.822163, 22.466479, 31.295722, 54.008512, 48.882202, 67.576875],
    capacityFactorFrac: 0.08447796082199109,
    meanHubWindSpeedMPerS: 3.4983465012532986,
    meanAirDensityKgPerM3: 1.2254964970844866,
  },
  {
    label: 'B. Greensboro TMY3, E-126/4200, hub 135 m, defaults',
    weather: GREENSBORO,
    turbine: 'E-126/4200',
    options: { hubHeightM: 135 },
    annualKWhPerKW: 1469.5918674244654,
    monthlyKWhPerKW: [121.735133, 181.433269, 182.524019, 123.021275, 90.571477, 93.133864, 82.310212, 63.166, 93.183747, 122.501888, 165.819338, 150.191646],
    capacityFactorFrac: 0.167761628701423,
    meanHubWindSpeedMPerS: 4.780709338484248,
    meanAirDensityKgPerM3: 1.1801416962695404,
  },
  {
    label: 'C. Greensboro TMY3, SWT120/3600, hub 90 m, α 0.2, ideal gas, density correction, losses 10 %, availability 97 %',
    weather: GREENSBORO,
    turbine: 'SWT120/3600',
    options: { hubHeightM: 90, windProfile: { model: 'hellman', exponent: 0.2 }, densityModel: 'ideal-gas', densityCorrection: true, lossFrac: 0.1, availabilityFrac: 0.97 },
    annualKWhPerKW: 1316.936845070901,
    monthlyKWhPerKW: [114.263245, 167.1871, 167.072588, 108.84954, 77.862053, 78.762386, 69.401915, 52.375497, 81.863837, 109.541123, 150.302848, 139.454711],
    capacityFactorFrac: 0.15033525628663252,
    meanHubWindSpeedMPerS: 4.740020186837431,
    meanAirDensityKgPerM3: 1.1858089419250484,
  },
  {
    label: 'D. Amsterdam EPW, V164/8000, hub 105 m, z0 0.0002 m (open sea), density correction',
    weather: AMSTERDAM,
    turbine: 'V164/8000',
    options: { hubHeightM: 105, windProfile: { model: 'logarithmic', roughnessLengthM: 0.0002 }, densityCorrection: true },
    annualKWhPerKW: 3347.42218360277,
    monthlyKWhPerKW: [462.346072, 321.940721, 330.657377, 364.801591, 178.626511, 165.442913, 191.417949, 215.578203, 210.618851, 367.987888, 175.995515, 362.008593],
    capacityFactorFrac: 0.38212582004597834,
    meanHubWindSpeedMPerS: 6.514367760782047,
    meanAirDensityKgPerM3: 1.2373432427306352,
  },
];

describe('simulateWindYear against the python reference', () => {
  it.each(CASES)('$label', (c) => {
    const r = simulateWindYear(c.weather, findTurbine(c.turbine)!, { ...c.options, utcOffsetHours: c.weather.site.utcOffsetHours ?? 0 });
    expectClose(r.annualKWhPerKW, c.annualKWhPerKW, { rel: 1e-9 }, 'annual kWh/kW');
    // The python months are printed to 6 decimals.
    c.monthlyKWhPerKW.forEach((m, i) => expectClose(r.monthlyKWhPerKW[i]!, m, { abs: 1e-6 }, `month ${i + 1}`));
    expectClose(r.capacityFactorFrac, c.capacityFactorFrac, { rel: 1e-9 }, 'capacity factor');
    expectClose(r.meanHubWindSpeedMPerS, c.meanHubWindSpeedMPerS, { rel: 1e-9 }, 'mean hub wind');
    expectClose(r.meanAirDensityKgPerM3, c.meanAirDensityKgPerM3, { rel: 1e-9 }, 'mean density');
  });
});
