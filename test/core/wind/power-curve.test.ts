// Reference values of the power curve and its density correction, computed independently with python3 and numpy as
// windpowerlib does it: np.interp(v, speeds, power, left=0, right=0), and for the correction
// np.interp(v, speeds·(1.225/ρ)^np.interp(speeds, [7.5, 12.5], [1/3, 2/3]), power, left=0, right=0).
import { describe, expect, it } from 'vitest';
import {
  checkPowerCurve,
  densityCorrectedPowerKW,
  densityCorrectionExponent,
  maxPowerKW,
  powerCurveKW,
  siteWindSpeedMPerS,
} from '../../../src/core/wind/power-curve.ts';
import { findTurbine } from '../../../src/core/wind/turbines.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const SWT = findTurbine('SWT120/3600')!.powerCurve;
const TIGHT = { rel: 1e-12, abs: 1e-9 };

describe('powerCurveKW (numpy interp, 0 outside)', () => {
  it.each([
    [2.9, 0],
    [3, 0],
    [5.5, 532.5],
    [13.7, 3599.7],
    [25, 3600],
    [25.01, 0],
  ])('SWT-3.6-120 at %s m/s gives %s kW', (v, expected) => {
    expectClose(powerCurveKW(v, SWT), expected, TIGHT, `${v} m/s`);
  });

  it('gives 0 for a NaN wind speed rather than NaN power', () => {
    expect(powerCurveKW(Number.NaN, SWT)).toBe(0);
  });
});

describe('density correction (IEC 61400-12-1 as in windpowerlib)', () => {
  it('uses p = 1/3 up to 7.5 m/s, 2/3 from 12.5 m/s, linear between', () => {
    expect(densityCorrectionExponent(3)).toBe(1 / 3);
    expect(densityCorrectionExponent(7.5)).toBe(1 / 3);
    expectClose(densityCorrectionExponent(10), 0.5, TIGHT, 'midpoint');
    expect(densityCorrectionExponent(12.5)).toBe(2 / 3);
    expect(densityCorrectionExponent(20)).toBe(2 / 3);
    // By hand: 8·(1.225/1.1)^(1/3 + (0.5/5)·(1/3)) = 8·(1.225/1.1)^(11/30).
    expectClose(siteWindSpeedMPerS(8, 1.1), 8 * (1.225 / 1.1) ** (11 / 30), TIGHT, 'v_site');
  });

  it.each([
    [5.5, 1.1, 472.9956720125025],
    [9.3, 1.1, 2294.7458655995315],
    [12, 1.1, 3513.9587423458515],
    [27, 1.1, 0],
    [5.5, 1.3, 566.2789205677927],
    [9.3, 1.3, 2782.4839714439363],
  ])('SWT-3.6-120 at %s m/s and ρ = %s kg/m³ gives %s kW', (v, rho, expected) => {
    expectClose(densityCorrectedPowerKW(v, SWT, rho), expected, TIGHT, `${v} m/s, ${rho} kg/m³`);
  });
});

describe('checkPowerCurve', () => {
  it('accepts the library curves and names the first bad point otherwise', () => {
    expect(checkPowerCurve(SWT)).toBeUndefined();
    expect(checkPowerCurve({ windSpeedsMPerS: [3, 5, 5], powerKW: [0, 10, 20] })).toMatchObject({ index: 2, field: 'windSpeedMPerS' });
    expect(checkPowerCurve({ windSpeedsMPerS: [3, 5, 4], powerKW: [0, 10, 20] })?.message).toMatch(/strictly increasing/);
    expect(checkPowerCurve({ windSpeedsMPerS: [3, 5, 7], powerKW: [0, -1, 20] })).toMatchObject({ index: 1, field: 'powerKW' });
    expect(checkPowerCurve({ windSpeedsMPerS: [3], powerKW: [0] })?.message).toMatch(/at least two points/);
    expect(checkPowerCurve({ windSpeedsMPerS: [3, 4], powerKW: [0, 0] })?.message).toMatch(/some power/);
    expect(checkPowerCurve({ windSpeedsMPerS: [-1, 4], powerKW: [0, 5] })).toMatchObject({ index: 0, field: 'windSpeedMPerS' });
    expect(maxPowerKW(SWT)).toBe(3600);
  });
});
