// Invariants of the hub-height models: profiles grow with height and meet the data at its own height; density falls
// with height and with temperature; the two density models agree to within 0.1 % (the same pressure, 287.058 J/(kg·K)
// against 101330 / (1.225 · 288.15) = 287.06 J/(kg·K)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  airDensityKgPerM3,
  DENSITY_MODELS,
  hellmanMPerS,
  linearGradientTemperatureK,
  logarithmicProfileMPerS,
} from '../../../src/core/wind/profile.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe('wind profiles', () => {
  it('the log law increases with hub height and equals the data at the data height', () => {
    fc.assert(
      fc.property(num(0, 30), num(2, 100), num(0.0001, 1.5), num(0.1, 100), num(0.1, 100), (v, dataH, z0, dh1, dh2) => {
        fc.pre(z0 < dataH);
        const lo = dataH + Math.min(dh1, dh2);
        const hi = dataH + Math.max(dh1, dh2);
        expectClose(logarithmicProfileMPerS(v, dataH, dataH, z0), v, { rel: 1e-12, abs: 1e-12 }, 'at the data height');
        expect(logarithmicProfileMPerS(v, dataH, hi, z0)).toBeGreaterThanOrEqual(logarithmicProfileMPerS(v, dataH, lo, z0));
        if (v > 1e-3 && hi > lo * (1 + 1e-6)) expect(logarithmicProfileMPerS(v, dataH, hi, z0)).toBeGreaterThan(logarithmicProfileMPerS(v, dataH, lo, z0));
      }),
    );
  });

  it('the log law grows faster over rougher ground', () => {
    fc.assert(
      fc.property(num(0.5, 30), num(5, 20), num(0.0002, 0.5), num(1.1, 4), num(20, 200), (v, dataH, z0, k, hub) => {
        expect(logarithmicProfileMPerS(v, dataH, dataH + hub, Math.min(z0 * k, dataH / 2))).toBeGreaterThanOrEqual(logarithmicProfileMPerS(v, dataH, dataH + hub, z0));
      }),
    );
  });

  it('the power law is linear in the wind speed and increases with height for α > 0', () => {
    fc.assert(
      fc.property(num(0, 30), num(0, 30), num(2, 100), num(0.01, 0.6), num(0.1, 200), (v1, v2, dataH, alpha, dh) => {
        expectClose(hellmanMPerS(v1 + v2, dataH, dataH + dh, alpha), hellmanMPerS(v1, dataH, dataH + dh, alpha) + hellmanMPerS(v2, dataH, dataH + dh, alpha), { rel: 1e-12, abs: 1e-12 }, 'additive in v');
        expect(hellmanMPerS(v1, dataH, dataH + dh, alpha)).toBeGreaterThanOrEqual(v1);
      }),
    );
  });
});

describe.each(DENSITY_MODELS)('air density (%s)', (model) => {
  it('decreases with hub height and with temperature, and stays near the standard 1.225 kg/m³ at sea level', () => {
    fc.assert(
      fc.property(num(85_000, 105_000), num(240, 320), num(10, 200), num(1, 100), num(0.5, 30), (p, t, hub, dh, dt) => {
        const rho = airDensityKgPerM3(model, p, 0, hub, t);
        expect(airDensityKgPerM3(model, p, 0, hub + dh, t)).toBeLessThan(rho);
        expect(airDensityKgPerM3(model, p, 0, hub, t + dt)).toBeLessThan(rho);
        expect(rho).toBeGreaterThan(0.8);
        expect(rho).toBeLessThan(1.6);
      }),
    );
  });

  it('agrees with the other model to 0.1 %', () => {
    fc.assert(
      fc.property(num(85_000, 105_000), num(240, 320), num(10, 200), (p, t, hub) => {
        const other = DENSITY_MODELS.find((m) => m !== model)!;
        expectClose(airDensityKgPerM3(model, p, 0, hub, t), airDensityKgPerM3(other, p, 0, hub, t), { rel: 1e-3 }, 'barometric vs ideal gas');
      }),
    );
  });
});

describe('temperature at hub height', () => {
  it('falls 6.5 K per km and equals the data at the data height', () => {
    fc.assert(
      fc.property(num(220, 320), num(0, 10), num(0, 300), (t, th, hub) => {
        expectClose(linearGradientTemperatureK(t, th, th), t, { abs: 1e-12 }, 'same height');
        expectClose(t - linearGradientTemperatureK(t, th, hub), 0.0065 * (hub - th), { abs: 1e-9 }, 'lapse');
      }),
    );
  });
});
