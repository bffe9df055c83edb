/**
 * The page's number formatting (web/units.js): the magnitude a value is read in is the registry's rule
 * (magnitudeFor in src/core/metrics/metrics.ts) applied to the table GET /api/meta serves, and numbers read at a
 * glance have at most four significant digits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_MAGNITUDES, DISPLAY_UNITS, magnitudeFor } from '../../src/core/metrics/metrics.ts';

interface Magnitude {
  unit: string;
  divisor: number;
}
const web = (await import('../../web/units.js' as string)) as {
  magnitudeFor: (value: number, units: unknown, system: string, dimension: string) => Magnitude;
  glance: (value: number, units: unknown, system: string, dimension: string, lang: string) => string;
  formatNumber: (x: number, lang: string) => string;
};
const meta = { displayUnits: DISPLAY_UNITS, magnitudes: DISPLAY_MAGNITUDES };

describe('magnitudes on the page', () => {
  it('are the ones the core picks, for any value, system and dimension', () => {
    const dimensions = Object.keys(DISPLAY_UNITS.si) as Array<keyof typeof DISPLAY_UNITS.si>;
    fc.assert(
      fc.property(fc.constantFrom('si', 'cn') as fc.Arbitrary<'si' | 'cn'>, fc.constantFrom(...dimensions), fc.oneof(fc.double({ noNaN: true }), fc.constant(0)), (system, d, v) => {
        expect(web.magnitudeFor(v, meta, system, d)).toEqual(magnitudeFor(v, system, d));
      }),
    );
  });

  it('read large numbers at a glance: 4.5 GW, 22.42 Mt, 2,242 万吨, 555.6 亿千瓦时', () => {
    // By hand: 4500 MW / 1000; 22,419,489.7 t / 1e6 → 22.42; / 1e4 → 2,241.9 → 2,242 (four digits); 55,562,551.9 MWh / 1e5 → 555.6.
    expect(web.glance(4500, meta, 'si', 'power', 'en')).toBe('4.5 GW');
    expect(web.glance(22_419_489.7, meta, 'si', 'mass', 'en')).toBe('22.42 Mt');
    expect(web.glance(22_419_489.7, meta, 'cn', 'mass', 'zh')).toBe('2,242 万吨');
    expect(web.glance(55_562_551.9, meta, 'cn', 'energy', 'zh')).toBe('555.6 亿千瓦时');
    expect(web.glance(851.25, meta, 'si', 'mass', 'en')).toBe('851.3 t');
    expect(web.glance(0, meta, 'si', 'energy', 'en')).toBe('0 GWh');
  });

  it('never show more than four significant digits', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e15, noNaN: true }), (x) => {
        const digits = web.formatNumber(x, 'en').replace(/[,.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digits.length).toBeLessThanOrEqual(4);
      }),
    );
  });
});
