// Reference tests for plane-of-array transposition. Expected values come from
// test/fixtures/reference/pvlib-cases.json, section d_poa_irradiance: pvlib-python 0.15.3-alpha (commit 6382338)
// `get_total_irradiance(..., model=..., model_perez='allsitescomposite1990')` with every input listed in the case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createPoaComponents,
  PEREZ_ALLSITES_COMPOSITE_1990,
  perezClearnessBin,
  poaComponents,
  TRANSPOSITION_MODELS,
  type PoaComponents,
  type PoaInputs,
  type TranspositionModel,
} from '../../../src/core/pv/transposition.ts';
import { aoiDeg } from '../../../src/core/pv/aoi.ts';
import { expectClose } from '../../helpers/expect-close.ts';

interface PoaCaseInputs {
  surface_tilt: number;
  surface_azimuth: number;
  albedo: number;
  solar_zenith: number;
  solar_azimuth: number;
  dni: number;
  dhi: number;
  ghi: number;
  dni_extra: number;
  airmass_relative: number | null;
}
type PoaKey = 'poa_global' | 'poa_direct' | 'poa_diffuse' | 'poa_sky_diffuse' | 'poa_ground_diffuse' | 'poa_isotropic' | 'poa_circumsolar' | 'poa_horizon';
interface PoaCase {
  id: string;
  inputs: PoaCaseInputs;
  aoi: number;
  outputs: Record<TranspositionModel, Partial<Record<PoaKey, number>>>;
}

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/pvlib-cases.json', import.meta.url), 'utf8'),
) as { d_poa_irradiance: { cases: PoaCase[] } };
const cases = reference.d_poa_irradiance.cases;

/** The reference's suggested tolerance for irradiance: 1e-6 relative, or 1e-6 W/m² near zero. */
const IRRADIANCE_TOL = { rel: 1e-6, abs: 1e-6 };

const FIELD_OF_KEY: Record<PoaKey, keyof PoaComponents> = {
  poa_global: 'poaGlobalWm2',
  poa_direct: 'poaDirectWm2',
  poa_diffuse: 'poaDiffuseWm2',
  poa_sky_diffuse: 'poaSkyDiffuseWm2',
  poa_ground_diffuse: 'poaGroundDiffuseWm2',
  poa_isotropic: 'poaIsotropicWm2',
  poa_circumsolar: 'poaCircumsolarWm2',
  poa_horizon: 'poaHorizonWm2',
};

function toInputs(c: PoaCaseInputs): PoaInputs {
  return {
    surfaceTiltDeg: c.surface_tilt,
    surfaceAzimuthDeg: c.surface_azimuth,
    solarZenithDeg: c.solar_zenith,
    solarAzimuthDeg: c.solar_azimuth,
    dniWm2: c.dni,
    ghiWm2: c.ghi,
    dhiWm2: c.dhi,
    dniExtraWm2: c.dni_extra,
    airmassRelative: c.airmass_relative ?? Number.NaN,
    albedo: c.albedo,
  };
}

describe('poaComponents against pvlib get_total_irradiance (d_poa_irradiance)', () => {
  it('has the five reference cases', () => {
    expect(cases.length).toBe(5);
  });

  for (const c of cases) {
    it(`${c.id}: angle of incidence`, () => {
      const i = c.inputs;
      expectClose(aoiDeg(i.surface_tilt, i.surface_azimuth, i.solar_zenith, i.solar_azimuth), c.aoi, { abs: 1e-9 }, `${c.id} aoi`);
    });

    for (const model of TRANSPOSITION_MODELS) {
      it(`${c.id}: ${model}, every component`, () => {
        const expected = c.outputs[model];
        const keys = Object.keys(expected) as PoaKey[];
        expect(keys.length).toBeGreaterThanOrEqual(6);
        const out = poaComponents(model, toInputs(c.inputs));
        for (const key of keys) {
          expectClose(out[FIELD_OF_KEY[key]], expected[key] as number, IRRADIANCE_TOL, `${c.id} ${model} ${key}`);
        }
      });
    }
  }

  it('writes into a caller-provided output object and returns it', () => {
    const out = createPoaComponents();
    const returned = poaComponents('perez', toInputs(cases[0].inputs), out);
    expect(returned).toBe(out);
    expectClose(out.poaGlobalWm2, cases[0].outputs.perez.poa_global as number, IRRADIANCE_TOL, 'reused out');
  });

  it('clears a previous model split when reusing the output object', () => {
    const out = createPoaComponents();
    poaComponents('perez', toInputs(cases[1].inputs), out);
    poaComponents('isotropic', toInputs(cases[1].inputs), out);
    expect(out.poaCircumsolarWm2).toBe(0);
    expect(out.poaHorizonWm2).toBe(0);
  });
});

describe('Perez conventions', () => {
  it('bins clearness with intervals closed below (Perez et al. 1990 Table 1)', () => {
    expect(perezClearnessBin(1)).toBe(0);
    expect(perezClearnessBin(1.0649)).toBe(0);
    expect(perezClearnessBin(1.065)).toBe(1);
    expect(perezClearnessBin(1.23)).toBe(2);
    expect(perezClearnessBin(1.5)).toBe(3);
    expect(perezClearnessBin(1.95)).toBe(4);
    expect(perezClearnessBin(2.8)).toBe(5);
    expect(perezClearnessBin(4.5)).toBe(6);
    expect(perezClearnessBin(6.2)).toBe(7);
    expect(perezClearnessBin(Number.POSITIVE_INFINITY)).toBe(7);
  });

  it('has an 8 × 6 coefficient table', () => {
    expect(PEREZ_ALLSITES_COMPOSITE_1990.length).toBe(8);
    for (const row of PEREZ_ALLSITES_COMPOSITE_1990) expect(row.length).toBe(6);
  });

  it('gives zero sky diffuse when the air mass is NaN (sun below the horizon), as pvlib', () => {
    const inputs = { ...toInputs(cases[0].inputs), airmassRelative: Number.NaN };
    const out = poaComponents('perez', inputs);
    expect(out.poaSkyDiffuseWm2).toBe(0);
    expect(out.poaIsotropicWm2).toBe(0);
    expect(out.poaCircumsolarWm2).toBe(0);
    expect(out.poaHorizonWm2).toBe(0);
  });

  it('gives zero (not NaN) sky diffuse when DHI and DNI are both 0 with a finite air mass', () => {
    const inputs = { ...toInputs(cases[0].inputs), dniWm2: 0, dhiWm2: 0, ghiWm2: 0 };
    const out = poaComponents('perez', inputs);
    expect(out.poaGlobalWm2).toBe(0);
  });

  it('lets the horizon component go negative while the sky total stays ≥ 0', () => {
    // Bin 1 (overcast, ε < 1.065) has f21 = −0.06 and f23 = −0.022, so with a small Δ, F2 < 0 on any tilted plane.
    const out = poaComponents('perez', {
      surfaceTiltDeg: 60,
      surfaceAzimuthDeg: 180,
      solarZenithDeg: 50,
      solarAzimuthDeg: 180,
      dniWm2: 0,
      dhiWm2: 100,
      ghiWm2: 100,
      dniExtraWm2: 1361,
      airmassRelative: 1.55,
      albedo: 0.2,
    });
    expect(out.poaHorizonWm2).toBeLessThan(0);
    expect(out.poaSkyDiffuseWm2).toBeGreaterThan(0);
    expectClose(out.poaSkyDiffuseWm2, out.poaIsotropicWm2 + out.poaCircumsolarWm2 + out.poaHorizonWm2, { rel: 1e-12 }, 'sum');
  });
});
