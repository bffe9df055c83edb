// Reference tests for PVWatts DC, losses and inverter. Expected values come from
// test/fixtures/reference/pvlib-cases.json, section f_pvwatts: pvlib-python 0.15.3-alpha (commit 6382338)
// `pvsystem.pvwatts_dc`, `inverter.pvwatts` and `pvsystem.pvwatts_losses()`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  combinedLossFrac,
  PVWATTS_DEFAULT_LOSSES_FRAC,
  PVWATTS_ETA_INV_NOM,
  PVWATTS_ETA_INV_REF,
  PVWATTS_LOSS_CATEGORIES,
  pvwattsClippedDcW,
  pvwattsDcW,
  pvwattsInverter,
  pvwattsInverterAcW,
  systemLossFrac,
} from '../../../src/core/pv/pvwatts.ts';
import { expectClose } from '../../helpers/expect-close.ts';

interface PvwattsSection {
  pvwatts_dc: {
    pdc0_w: number;
    gamma_pdc_per_c: number;
    temp_ref_c: number;
    cases: Array<{ inputs: { effective_irradiance: number; temp_cell: number }; pdc: number }>;
  };
  inverter_pvwatts: {
    pdc0_w: number;
    pac0_w: number;
    eta_inv_nom: number;
    eta_inv_ref: number;
    cases: Array<{ pdc: number; pac: number }>;
  };
  pvwatts_losses_default: { total_loss_percent: number };
}
const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/pvlib-cases.json', import.meta.url), 'utf8'),
) as { f_pvwatts: PvwattsSection };
const section = reference.f_pvwatts;

/** The reference's suggested tolerance for power: 1e-6 relative, or 1e-6 W near zero. */
const POWER_TOL = { rel: 1e-6, abs: 1e-6 };
const PERCENT_PER_FRAC = 100;

describe('pvwattsDcW against pvlib pvwatts_dc', () => {
  const dc = section.pvwatts_dc;
  it('has the eight reference cases', () => {
    expect(dc.cases.length).toBe(8);
  });
  for (const c of dc.cases) {
    const { effective_irradiance: e, temp_cell: t } = c.inputs;
    it(`E=${e} W/m², Tc=${t} °C`, () => {
      expectClose(pvwattsDcW(e, t, dc.pdc0_w, dc.gamma_pdc_per_c, dc.temp_ref_c), c.pdc, POWER_TOL, `pdc(${e}, ${t})`);
      expectClose(pvwattsDcW(e, t, dc.pdc0_w, dc.gamma_pdc_per_c), c.pdc, POWER_TOL, `pdc(${e}, ${t}) default Tref`);
    });
  }
});

describe('pvwattsInverterAcW against pvlib inverter.pvwatts', () => {
  const inv = section.inverter_pvwatts;
  const inverter = pvwattsInverter(inv.pac0_w, inv.eta_inv_nom, inv.eta_inv_ref);

  it('derives the DC rating as AC rating / η_nom, and uses the PVWatts efficiencies by default', () => {
    expectClose(inverter.dcRatingW, inv.pdc0_w, { rel: 1e-12 }, 'pdc0');
    expect(PVWATTS_ETA_INV_NOM).toBe(inv.eta_inv_nom);
    expect(PVWATTS_ETA_INV_REF).toBe(inv.eta_inv_ref);
    expect(pvwattsInverter(inv.pac0_w)).toEqual(inverter);
  });

  it('has the fifteen reference cases', () => {
    expect(inv.cases.length).toBe(15);
  });
  for (const c of inv.cases) {
    it(`Pdc=${c.pdc} W`, () => {
      expectClose(pvwattsInverterAcW(c.pdc, inverter), c.pac, POWER_TOL, `pac(${c.pdc})`);
    });
  }

  it('clips exactly at the DC rating for the PVWatts η_ref (η(ζ = 1) = η_nom, Dobos 2014 eq. 9)', () => {
    expectClose(inverter.clippingThresholdDcW, inverter.dcRatingW, { rel: 1e-12 }, 'threshold');
    expect(pvwattsClippedDcW(1000, inverter)).toBe(0);
    expectClose(pvwattsClippedDcW(1500, inverter), 1500 - 1000 / 0.96, { rel: 1e-12 }, 'clipped at 1500 W');
  });

  it('puts the clipping threshold where the curve reaches the AC rating for another η_ref', () => {
    const other = pvwattsInverter(1000, 0.96, 0.95);
    const just = other.clippingThresholdDcW;
    // Below the threshold AC is below the rating; at it, AC equals the rating.
    expect(pvwattsInverterAcW(just * (1 - 1e-6), other)).toBeLessThan(1000);
    expectClose(pvwattsInverterAcW(just, other), 1000, { rel: 1e-9 }, 'AC at threshold');
    const zeta = just / other.dcRatingW;
    const efficiency = (0.96 / 0.95) * (-0.0162 * zeta - 0.0059 / zeta + 0.9858);
    expectClose(efficiency * just, 1000, { rel: 1e-12 }, 'curve at threshold');
  });

  it('rejects impossible ratings', () => {
    expect(() => pvwattsInverter(0)).toThrow(/pvwattsInverter/);
    expect(() => pvwattsInverter(1000, 1.2)).toThrow(/pvwattsInverter/);
  });
});

describe('PVWatts losses against pvlib pvwatts_losses()', () => {
  it('combines the default categories to the reference total', () => {
    expectClose(
      combinedLossFrac(PVWATTS_DEFAULT_LOSSES_FRAC) * PERCENT_PER_FRAC,
      section.pvwatts_losses_default.total_loss_percent,
      { rel: 1e-12 },
      'default total',
    );
  });

  it('uses the ten PVWatts categories with the published defaults (Dobos 2014, Table 2)', () => {
    expect(PVWATTS_LOSS_CATEGORIES.length).toBe(10);
    const percent = PVWATTS_LOSS_CATEGORIES.map((k) => PVWATTS_DEFAULT_LOSSES_FRAC[k] * PERCENT_PER_FRAC);
    const published = [2, 3, 0, 2, 2, 0.5, 1.5, 1, 0, 3];
    percent.forEach((p, i) => expectClose(p, published[i], { abs: 1e-12 }, PVWATTS_LOSS_CATEGORIES[i]));
  });

  it('resolves a total or partial categories', () => {
    expect(systemLossFrac({ kind: 'total', totalFrac: 0.14 })).toBe(0.14);
    expectClose(systemLossFrac({ kind: 'categories', categories: { soilingFrac: 0.02, shadingFrac: 0.03 } }), 1 - 0.98 * 0.97, { rel: 1e-12 }, 'partial');
    expectClose(systemLossFrac({ kind: 'categories', categories: PVWATTS_DEFAULT_LOSSES_FRAC }), 0.14075660688264469, { rel: 1e-12 }, 'defaults');
    expect(() => systemLossFrac({ kind: 'total', totalFrac: 1.2 })).toThrow(/systemLossFrac/);
    expect(() => combinedLossFrac({ ...PVWATTS_DEFAULT_LOSSES_FRAC, soilingFrac: -0.1 })).toThrow(/soilingFrac/);
  });
});
