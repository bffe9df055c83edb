// Reference values of the hub-height formulas, computed independently with python3 from windpowerlib's documented
// equations (wind_speed.logarithmic_profile, wind_speed.hellman, temperature.linear_gradient, density.barometric,
// density.ideal_gas), e.g. python3 -c "import math; print(7*math.log(94/0.1)/math.log(10/0.1))".
import { describe, expect, it } from 'vitest';
import {
  airDensityKgPerM3,
  barometricDensityKgPerM3,
  hellmanMPerS,
  hubPressurePa,
  idealGasDensityKgPerM3,
  linearGradientTemperatureK,
  logarithmicProfileMPerS,
} from '../../../src/core/wind/profile.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const TIGHT = { rel: 1e-12 };

describe('hub-height wind speed', () => {
  it('log law: v·ln(h_hub/z0)/ln(h_data/z0)', () => {
    expectClose(logarithmicProfileMPerS(7, 10, 94, 0.1), 10.405947487598946, TIGHT, '7 m/s at 10 m → 94 m, z0 0.1');
    expectClose(logarithmicProfileMPerS(6, 10, 120, 0.03), 8.566547238308216, TIGHT, '6 m/s, z0 0.03');
    // By hand: ln(1000)/ln(100) = 3/2 exactly.
    expectClose(logarithmicProfileMPerS(4, 10, 100, 0.1), 6, TIGHT, 'ln 1000 / ln 100 = 1.5');
  });

  it('power law: v·(h_hub/h_data)^α', () => {
    expectClose(hellmanMPerS(6, 10, 120, 0.143), 8.560007960753097, TIGHT, 'α 0.143');
    expectClose(hellmanMPerS(5, 10, 80, 1 / 3), 10, TIGHT, '8^(1/3) = 2');
  });
});

describe('temperature and density at hub height', () => {
  it('linear gradient: T − 0.0065·(h_hub − h_T)', () => {
    expectClose(linearGradientTemperatureK(283.15, 2, 135), 282.2855, TIGHT, '10 °C at 2 m → 135 m');
  });

  it('barometric: (p/100 − (h_hub − h_p)/8)·1.225·288.15·100 / (101330·T_hub)', () => {
    expectClose(barometricDensityKgPerM3(98_500, 0, 135, 282.2855), 1.1947018453497233, TIGHT, 'barometric');
    // By hand: at p = 101330 Pa, no height difference and T = 288.15 K every factor cancels to 1.225.
    expectClose(barometricDensityKgPerM3(101_330, 0, 0, 288.15), 1.225, TIGHT, 'the reference state');
  });

  it('ideal gas: p_hub/(287.058·T_hub) with p_hub = (p/100 − (h_hub − h_p)/8)·100', () => {
    expectClose(hubPressurePa(101_325, 0, 80), 100_325, TIGHT, '80 m × 1/8 hPa/m = 10 hPa');
    expectClose(idealGasDensityKgPerM3(98_500, 0, 135, 282.2855), 1.194739465464713, TIGHT, 'ideal gas');
  });

  it('airDensityKgPerM3 dispatches to the chosen model', () => {
    expect(airDensityKgPerM3('barometric', 98_500, 0, 135, 282.2855)).toBe(barometricDensityKgPerM3(98_500, 0, 135, 282.2855));
    expect(airDensityKgPerM3('ideal-gas', 98_500, 0, 135, 282.2855)).toBe(idealGasDensityKgPerM3(98_500, 0, 135, 282.2855));
  });
});
