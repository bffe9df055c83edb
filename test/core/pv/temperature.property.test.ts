// Invariants of the cell-temperature models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellTemperatureC,
  cellTemperatureParams,
  SAPM_MOUNTINGS,
  SAPM_TEMPERATURE_PARAMETERS,
  sapmCellTempC,
  sapmModuleTempC,
  TEMPERATURE_MODELS,
  type CellTemperatureParams,
} from '../../../src/core/pv/temperature.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const allParams: CellTemperatureParams[] = [
  ...SAPM_MOUNTINGS.map((m) => cellTemperatureParams('sapm', m)),
  ...TEMPERATURE_MODELS.filter((m) => m !== 'sapm').map((m) => cellTemperatureParams(m)),
];

describe('cell temperature invariants', () => {
  it('is at least the air temperature and rises with irradiance, for every model and mounting', () => {
    fc.assert(
      fc.property(num(0, 1400), num(0, 1400), num(-40, 50), num(0, 20), (e1, e2, air, wind) => {
        const [lo, hi] = e1 <= e2 ? [e1, e2] : [e2, e1];
        for (const params of allParams) {
          const tLo = cellTemperatureC(params, lo, air, wind);
          expect(tLo).toBeGreaterThanOrEqual(air);
          expect(cellTemperatureC(params, hi, air, wind)).toBeGreaterThanOrEqual(tLo);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('falls (weakly) with wind speed and shifts one-for-one with air temperature', () => {
    fc.assert(
      fc.property(num(0, 1400), num(-40, 50), num(0, 20), num(0, 20), num(-20, 20), (e, air, w1, w2, shift) => {
        const [calm, windy] = w1 <= w2 ? [w1, w2] : [w2, w1];
        for (const params of allParams) {
          expect(cellTemperatureC(params, e, air, windy)).toBeLessThanOrEqual(cellTemperatureC(params, e, air, calm) + 1e-12);
          const shifted = cellTemperatureC(params, e, air + shift, calm) - cellTemperatureC(params, e, air, calm);
          expect(Math.abs(shifted - shift)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts the SAPM cell above the back of the module by E/1000·ΔT', () => {
    fc.assert(
      fc.property(num(0, 1400), num(-40, 50), num(0, 20), (e, air, wind) => {
        for (const mounting of SAPM_MOUNTINGS) {
          const p = SAPM_TEMPERATURE_PARAMETERS[mounting];
          const diff = sapmCellTempC(e, air, wind, p) - sapmModuleTempC(e, air, wind, p.a, p.bSPerM);
          expect(Math.abs(diff - (e / 1000) * p.deltaTC)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });
});
