import { describe, it } from 'vitest';
import fc from 'fast-check';
import { FACTOR_PRESETS, presetTonnesPerMWhAt } from '../../../src/core/plan/factors.ts';

const presetArb = fc.constantFrom(...FACTOR_PRESETS);
const yearArb = fc.double({ min: 1990, max: 2060, noNaN: true });

describe('presetTonnesPerMWhAt invariants', () => {
  it('stays between the smallest and largest published point of the preset', () => {
    fc.assert(
      fc.property(presetArb, yearArb, (preset, year) => {
        const values = preset.values.map((p) => p.tonnesPerMWh);
        const value = presetTonnesPerMWhAt(preset, year);
        return value >= Math.min(...values) && value <= Math.max(...values);
      }),
    );
  });

  it('returns each published point exactly at its year', () => {
    fc.assert(
      fc.property(presetArb, (preset) =>
        preset.values.every((p) => presetTonnesPerMWhAt(preset, p.year) === p.tonnesPerMWh),
      ),
    );
  });

  it('is flat before the first and after the last point', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 50, noNaN: true }), (preset, yearsOutside) => {
        const first = preset.values[0]!;
        const last = preset.values[preset.values.length - 1]!;
        return (
          presetTonnesPerMWhAt(preset, first.year - yearsOutside) === first.tonnesPerMWh &&
          presetTonnesPerMWhAt(preset, last.year + yearsOutside) === last.tonnesPerMWh
        );
      }),
    );
  });

  it('is monotone between two neighbouring points', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (preset, u, v) => {
        if (preset.values.length < 2) return true;
        const a = preset.values[0]!;
        const b = preset.values[1]!;
        const [lo, hi] = u <= v ? [u, v] : [v, u];
        const yLo = presetTonnesPerMWhAt(preset, a.year + lo * (b.year - a.year));
        const yHi = presetTonnesPerMWhAt(preset, a.year + hi * (b.year - a.year));
        return b.tonnesPerMWh >= a.tonnesPerMWh ? yHi >= yLo - 1e-15 : yHi <= yLo + 1e-15;
      }),
    );
  });
});
