/**
 * Round trips of quantity text: a random value written with a random SI or Chinese unit and magnitude parses
 * to value × (hand-written factor to the internal unit); formatting that in either display system and parsing
 * it again gives the same number (12 significant digits are shown).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, formatQuantity, parseQuantity, tryParseQuantity, type Dimension, type UnitSystem } from '../../src/scenario/quantity.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { parseUnit } from '../../src/scenario/math.ts';

/** Units as written, with their value in the internal unit (MW, MWh, h, t, t/MWh, 元, 元/W, 元/kWh, 元/t, fraction). */
const WRITTEN_UNITS: Readonly<Record<Dimension, ReadonlyArray<readonly [string, number]>>> = {
  power: [['W', 1e-6], ['kW', 1e-3], ['MW', 1], ['GW', 1e3], ['kWp', 1e-3], ['MWp', 1], ['瓦', 1e-6], ['千瓦', 1e-3], ['兆瓦', 1], ['吉瓦', 1e3]],
  energy: [['kWh', 1e-3], ['MWh', 1], ['GWh', 1e3], ['千瓦时', 1e-3], ['度', 1e-3], ['兆瓦时', 1], ['吉瓦时', 1e3]],
  duration: [['h', 1], ['小时', 1], ['kWh/kWp', 1], ['MWh/MWp', 1]],
  mass: [['t', 1], ['kg', 1e-3], ['吨', 1], ['千克', 1e-3], ['公斤', 1e-3]],
  intensity: [['g/kWh', 1e-3], ['kg/kWh', 1], ['t/MWh', 1], ['kg/MWh', 1e-3], ['克/千瓦时', 1e-3], ['千克/千瓦时', 1]],
  // Money: internal 元, 元/W, 元/kWh, 元/t (万元/亿元 are the magnitudes drawn below).
  money: [['元', 1], ['CNY', 1], ['yuan', 1], ['RMB', 1]],
  moneyPerPower: [['元/W', 1], ['元/kW', 1e-3], ['元/MW', 1e-6], ['元/瓦', 1], ['元/千瓦', 1e-3], ['CNY/kWp', 1e-3], ['元/Wp', 1]],
  moneyPerEnergy: [['元/kWh', 1], ['元/MWh', 1e-3], ['元/度', 1], ['元/千瓦时', 1], ['CNY/MWh', 1e-3], ['元/Wh', 1e3]],
  moneyPerMass: [['元/t', 1], ['元/吨', 1], ['CNY/kg', 1e3]],
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
        // Beyond the dimension's largest magnitude a value is refused (tested below).
        fc.pre(Math.abs(written * magFactor * factor) <= DIMENSIONS[q.dim].largest);
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
      fc.property(fc.constantFrom(...DIMS), fc.constantFrom(...SYSTEMS), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -15, max: 0, noNaN: true }), (dim, system, sign, exponent) => {
        // Magnitudes from 1e-15 of the largest accepted up to the largest itself.
        const value = Math.sign(sign) * DIMENSIONS[dim].largest * 10 ** exponent;
        const shown = formatQuantity(value, dim, system);
        expectClose(parseQuantity(shown, dim), value, { rel: 1e-11, abs: 1e-300 }, `'${shown}'`);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses magnitudes beyond the largest accepted, whatever the unit they are written in', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIMS), fc.constantFrom(...SYSTEMS), fc.double({ min: 1.0001, max: 1e200, noNaN: true }), fc.boolean(), (dim, system, times, negative) => {
        const value = (negative ? -1 : 1) * DIMENSIONS[dim].largest * times;
        expect(tryParseQuantity(formatQuantity(value, dim, system), dim)).toMatch(/beyond the largest accepted magnitude/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a unit parsed once, then scaled by each number, gives what parsing each whole quantity gives', () => {
  // SI unit texts as splitQuantity hands them on (Chinese names and kWp already replaced), each with its dimension.
  const UNITS: ReadonlyArray<readonly [string, Dimension]> = [
    ['W', 'power'], ['kW', 'power'], ['MW', 'power'], ['GW', 'power'],
    ['kWh', 'energy'], ['MWh', 'energy'], ['GWh', 'energy'], ['J', 'energy'],
    ['h', 'duration'], ['kWh/kW', 'duration'], ['MWh/MW', 'duration'], ['s', 'duration'],
    ['t', 'mass'], ['kg', 'mass'], ['g', 'mass'],
    ['g/kWh', 'intensity'], ['kg/kWh', 'intensity'], ['t/MWh', 'intensity'], ['kg/MWh', 'intensity'],
    ['CNY', 'money'], ['yuan', 'money'], ['CNY/W', 'moneyPerPower'], ['CNY/kW', 'moneyPerPower'],
    ['CNY/kWh', 'moneyPerEnergy'], ['CNY/MWh', 'moneyPerEnergy'], ['CNY/t', 'moneyPerMass'], ['CNY/kg', 'moneyPerMass'],
  ];
  /** The plain way: mathjs parses the whole quantity, converts it to the internal unit, 15 digits kept. */
  function plain(text: string, dim: Dimension): number {
    return Number(parseUnit(text).toNumber(DIMENSIONS[dim].internalUnit).toPrecision(15));
  }

  it('for numbers of every size and sign, in every unit of every dimension', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: 1e-9, max: 1e-3, noNaN: true })), ([unit, dim], value) => {
        const text = `${value} ${unit}`;
        const expected = plain(text, dim);
        const got = tryParseQuantity(text, dim);
        if (typeof got === 'number') expect(got).toBe(expected);
        // Beyond the dimension's largest magnitude: refused, as the plain value would be.
        else expect(Math.abs(expected)).toBeGreaterThan(DIMENSIONS[dim].largest);
      }),
      { numRuns: 3000 },
    );
  });

  it('and a unit of another dimension, or text that is no unit on its own, is refused as before', () => {
    expect(tryParseQuantity('5 GW', 'energy')).toBe(`expected ${DIMENSIONS.energy.expected}, got a power '5 GW'`);
    expect(tryParseQuantity('5 /h', 'duration')).toBe(`expected ${DIMENSIONS.duration.expected}, got '5 /h'`);
    expect(tryParseQuantity('5 furlongs', 'duration')).toBe(`expected ${DIMENSIONS.duration.expected}, got '5 furlongs' (unknown unit 'furlongs')`);
  });
});
