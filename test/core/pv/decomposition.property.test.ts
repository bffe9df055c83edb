// Invariants of the GHI decompositions, for every model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DECOMPOSITION_MODELS,
  decomposeErbs,
  decomposeGhi,
  decomposeGhiBatch,
} from '../../../src/core/pv/decomposition.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const DEG_TO_RAD = Math.PI / 180;
// 2000-01-01 … 2040-01-01 in unix seconds.
const unixTime = num(946_684_800, 2_208_988_800);

const sample = fc.record({
  ghiWm2: num(0, 1400),
  zenithDeg: num(0, 180),
  unixTimeS: unixTime,
  pressurePa: num(60000, 105000),
});

describe.each(DECOMPOSITION_MODELS)('%s decomposition', (model) => {
  it('gives non-negative DNI and DHI with DHI ≤ GHI, and closes DHI + DNI·cos z = GHI', () => {
    fc.assert(
      fc.property(sample, (s) => {
        const r = decomposeGhi(model, s.ghiWm2, s.zenithDeg, s.unixTimeS, s.pressurePa);
        expect(r.dniWm2).toBeGreaterThanOrEqual(0);
        expect(r.dhiWm2).toBeGreaterThanOrEqual(0);
        expect(r.dhiWm2).toBeLessThanOrEqual(s.ghiWm2);
        expect(r.clearnessIndex).toBeGreaterThanOrEqual(0);
        expect(r.clearnessIndex).toBeLessThanOrEqual(1);
        const cosZenith = Math.cos(s.zenithDeg * DEG_TO_RAD);
        expectClose(r.dhiWm2 + r.dniWm2 * cosZenith, s.ghiWm2, { rel: 1e-12, abs: 1e-9 }, 'closure');
      }),
      { numRuns: 1000 },
    );
  });

  it('has no beam with the sun lower than 87° from the zenith', () => {
    fc.assert(
      fc.property(sample, (s) => {
        fc.pre(s.zenithDeg > 87);
        expect(decomposeGhi(model, s.ghiWm2, s.zenithDeg, s.unixTimeS, s.pressurePa).dniWm2).toBe(0);
      }),
    );
  });

  it('batch entries equal scalar results exactly', () => {
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 24 }), (rows) => {
        const col = (k: keyof (typeof rows)[number]) => Float64Array.from(rows.map((r) => r[k]));
        const out = { dniWm2: new Float64Array(rows.length), dhiWm2: new Float64Array(rows.length) };
        decomposeGhiBatch(model, col('ghiWm2'), col('zenithDeg'), col('unixTimeS'), out, col('pressurePa'));
        rows.forEach((s, i) => {
          const r = decomposeGhi(model, s.ghiWm2, s.zenithDeg, s.unixTimeS, s.pressurePa);
          expect(out.dniWm2[i]).toBe(r.dniWm2);
          expect(out.dhiWm2[i]).toBe(r.dhiWm2);
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe('Erbs diffuse fraction', () => {
  it('lies between 0.1645 and 1 and is continuous at the breakpoints kt = 0.22 and 0.8 to 3 decimals', () => {
    fc.assert(
      fc.property(num(1, 1400), num(0, 80), num(1300, 1420), (ghi, zenith, dniExtra) => {
        const r = decomposeErbs(ghi, zenith, dniExtra);
        const fraction = r.dhiWm2 / ghi;
        // The published quartic dips to 0.16458 near kt = 0.792, just under the 0.165 used above kt = 0.8.
        expect(fraction).toBeGreaterThanOrEqual(0.1645);
        expect(fraction).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
    // The published polynomial is fitted piecewise and meets its neighbours only approximately.
    const fractionAt = (kt: number) => decomposeErbs(kt * 1000, 0, 1000).dhiWm2 / (kt * 1000);
    expect(Math.abs(fractionAt(0.22) - fractionAt(0.2200001))).toBeLessThan(2e-3);
    expect(Math.abs(fractionAt(0.8) - fractionAt(0.8000001))).toBeLessThan(2e-3);
  });
});
