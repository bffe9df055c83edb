// Reference tests for cell temperature. Expected values come from test/fixtures/reference/pvlib-cases.json,
// section e_cell_temperature: pvlib-python 0.15.3-alpha (commit 6382338) `temperature.sapm_module`/`sapm_cell`
// (open rack, glass/glass: a = −3.47, b = −0.0594, ΔT = 3) and `temperature.faiman` (u0 = 25.0, u1 = 6.84).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellTemperatureC,
  cellTemperatureParams,
  FAIMAN_DEFAULTS,
  faimanModuleTempC,
  SAPM_MOUNTINGS,
  SAPM_TEMPERATURE_PARAMETERS,
  sapmCellTempC,
  sapmCellTempFromModuleC,
  sapmModuleTempC,
  TEMPERATURE_MODELS,
} from '../../../src/core/pv/temperature.ts';
import { expectClose } from '../../helpers/expect-close.ts';

interface TemperatureCase {
  inputs: { poa_global: number; temp_air: number; wind_speed: number };
  sapm_module: number;
  sapm_cell: number;
  faiman: number;
}
const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/pvlib-cases.json', import.meta.url), 'utf8'),
) as {
  e_cell_temperature: {
    sapm_parameters: { a: number; b: number; deltaT: number };
    faiman_parameters: { u0: number; u1: number };
    cases: TemperatureCase[];
  };
};
const section = reference.e_cell_temperature;

/** The reference's suggested tolerance for temperatures: 1e-6 relative (1e-6 °C absolute near 0 °C). */
const TEMPERATURE_TOL = { rel: 1e-6, abs: 1e-6 };

describe('cell temperature against pvlib (e_cell_temperature)', () => {
  it('has the eleven reference cases', () => {
    expect(section.cases.length).toBe(11);
  });

  it('uses the same open-rack glass/glass and Faiman coefficients as the reference', () => {
    const openRack = SAPM_TEMPERATURE_PARAMETERS['open-rack-glass-glass'];
    expect(openRack.a).toBe(section.sapm_parameters.a);
    expect(openRack.bSPerM).toBe(section.sapm_parameters.b);
    expect(openRack.deltaTC).toBe(section.sapm_parameters.deltaT);
    expect(FAIMAN_DEFAULTS.u0WPerM2K).toBe(section.faiman_parameters.u0);
    expect(FAIMAN_DEFAULTS.u1WsPerM3K).toBe(section.faiman_parameters.u1);
  });

  section.cases.forEach((c, index) => {
    const { poa_global: poa, temp_air: air, wind_speed: wind } = c.inputs;
    const label = `case ${index} (E=${poa}, Ta=${air}, WS=${wind})`;

    it(`${label}: SAPM module and cell`, () => {
      const p = SAPM_TEMPERATURE_PARAMETERS['open-rack-glass-glass'];
      const moduleC = sapmModuleTempC(poa, air, wind, p.a, p.bSPerM);
      expectClose(moduleC, c.sapm_module, TEMPERATURE_TOL, `${label} sapm module`);
      expectClose(sapmCellTempFromModuleC(moduleC, poa, p.deltaTC), c.sapm_cell, TEMPERATURE_TOL, `${label} sapm cell from module`);
      expectClose(sapmCellTempC(poa, air, wind), c.sapm_cell, TEMPERATURE_TOL, `${label} sapm cell`);
      expectClose(cellTemperatureC(cellTemperatureParams('sapm'), poa, air, wind), c.sapm_cell, TEMPERATURE_TOL, `${label} dispatch sapm`);
    });

    it(`${label}: Faiman`, () => {
      expectClose(faimanModuleTempC(poa, air, wind), c.faiman, TEMPERATURE_TOL, `${label} faiman`);
      expectClose(cellTemperatureC(cellTemperatureParams('faiman'), poa, air, wind), c.faiman, TEMPERATURE_TOL, `${label} dispatch faiman`);
    });
  });
});

describe('SAPM parameter sets (King et al. 2004, SAND2004-3535, Table 1)', () => {
  it('lists the four mountings with the published coefficients', () => {
    // Table 1 of SAND2004-3535 (also pvlib TEMPERATURE_MODEL_PARAMETERS['sapm']).
    const published: Record<string, [number, number, number]> = {
      'open-rack-glass-glass': [-3.47, -0.0594, 3],
      'close-mount-glass-glass': [-2.98, -0.0471, 1],
      'open-rack-glass-polymer': [-3.56, -0.075, 3],
      'insulated-back-glass-polymer': [-2.81, -0.0455, 0],
    };
    expect([...SAPM_MOUNTINGS].sort()).toEqual(Object.keys(published).sort());
    for (const mounting of SAPM_MOUNTINGS) {
      const p = SAPM_TEMPERATURE_PARAMETERS[mounting];
      expect([p.a, p.bSPerM, p.deltaTC]).toEqual(published[mounting]);
    }
  });

  it('runs warmer when close-mounted than on an open rack (same weather)', () => {
    for (const mounting of SAPM_MOUNTINGS) {
      const params = cellTemperatureParams('sapm', mounting);
      expect(params.model).toBe('sapm');
    }
    const open = cellTemperatureC(cellTemperatureParams('sapm', 'open-rack-glass-glass'), 800, 20, 2);
    const close = cellTemperatureC(cellTemperatureParams('sapm', 'close-mount-glass-glass'), 800, 20, 2);
    const insulated = cellTemperatureC(cellTemperatureParams('sapm', 'insulated-back-glass-polymer'), 800, 20, 2);
    expect(close).toBeGreaterThan(open);
    expect(insulated).toBeGreaterThan(close);
  });

  it('returns air temperature in the dark for every model', () => {
    for (const model of TEMPERATURE_MODELS) {
      expect(cellTemperatureC(cellTemperatureParams(model), 0, 12.5, 3)).toBe(12.5);
    }
  });

  it('rejects an unknown mounting with a message naming the function', () => {
    expect(() => cellTemperatureParams('sapm', 'roof' as never)).toThrow(/cellTemperatureParams/);
  });
});
