/**
 * Round trips of quantity text: a random value written with a random SI or Chinese unit and magnitude parses
 * to value × (hand-written factor to the internal unit); formatting that in either display system and parsing
 * it again gives the same number (12 significant digits are shown).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { formatQuantity, parseQuantity, type Dimension, type UnitSystem } from '../../src/scenario/quantity.ts';
import { expectClose } from '../helpers/expect-close.ts';

/** Units as written, with their value in the internal unit (MW, MWh, h, t, t/MWh, fraction). */
const WRITTEN_UNITS: Readonly<Record<Dimension, ReadonlyArray<readonly [string, number]>>> = {
  power: [['W', 1e-6], ['kW', 1e-3], ['MW', 1], ['GW', 1e3], ['kWp', 1e-3], ['MWp', 1], ['瓦', 1e-6], ['千瓦', 1e-3], ['兆瓦', 1], ['吉瓦', 1e3]],
  energy: [['kWh', 1e-3], ['MWh', 1], ['GWh', 1e3], ['千瓦时', 1e-3], ['度', 1e-3], ['兆瓦时', 1], ['吉瓦时', 1e3]],
  duration: [['h', 1], ['小时', 1], ['kWh/kWp', 1], ['MWh/MWp', 1]],
  mass: [['t', 1], ['kg', 1e-3], ['吨', 1], ['千克', 1e-3], ['公斤', 1e-3]],
  intensity: [['g/kWh', 1e-3], ['kg/kWh', 1], ['t/MWh', 1], ['kg/MWh', 1e-3], ['克/千瓦时', 1e-3], ['千克/千瓦时', 1]],
  money: [['元', 1], ['CNY', 1], ['yuan', 1]],
  fraction: [['%', 1e-2]],
};
const MAGNITUDES: ReadonlyArray<readonly [string, number]> = [['', 1], ['万', 1e4], ['亿', 1e8]];
const DIMS = Object.keys(WRITTEN_UNITS) as Dimension[];
const SYSTEMS: readonly UnitSystem[] = ['si', 'cn'];

const quantityArb = fc.record({
  dim: fc.constantFrom(...DIMS),
  unitIndex: fc.nat(),
  magnitude: fc.constantFrom(...MAGNITUDES),
  value: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
  negative: fc.boolean(),
  digits: fc.integer({ min: 1, max: 12 }),
  space1: fc.constantFrom('', ' '),
  space2: fc.constantFrom('', ' '),
});

describe('quantity text round trips', () => {
  it('written SI/Chinese quantities parse to value × unit factor, and format → parse gives them back', () => {
    fc.assert(
      fc.property(quantityArb, fc.constantFrom(...SYSTEMS), (q, system) => {
        const units = WRITTEN_UNITS[q.dim];
        const [unit, factor] = units[q.unitIndex % units.length]!;
        // The magnitude (万/亿) is written right after the number; percentages take none.
        const [mag, magFactor] = q.dim === 'fraction' ? ['', 1] : q.magnitude;
        const written = Number(q.value.toPrecision(q.digits)) * (q.negative ? -1 : 1);
        const text = `${written}${q.space1}${mag}${q.space2}${unit}`;
        const parsed = parseQuantity(text, q.dim);
        expectClose(parsed, written * magFactor * factor, { rel: 1e-12 }, `parse '${text}'`);
        const shown = formatQuantity(parsed, q.dim, system);
        expectClose(parseQuantity(shown, q.dim), parsed, { rel: 1e-11 }, `format → parse '${shown}'`);
      }),
      { numRuns: 1000 },
    );
  });

  it('every display unit of every dimension parses back in both systems, across magnitudes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIMS), fc.constantFrom(...SYSTEMS), fc.double({ min: -1e15, max: 1e15, noNaN: true }), (dim, system, value) => {
        const shown = formatQuantity(value, dim, system);
        expectClose(parseQuantity(shown, dim), value, { rel: 1e-11, abs: 1e-300 }, `'${shown}'`);
      }),
      { numRuns: 1000 },
    );
  });
});
