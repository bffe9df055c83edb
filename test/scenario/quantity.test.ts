/**
 * Quantities as planners write them (the examples), to internal units (MW, MWh, h, t, t/MWh, 0–1)
 * and back. Expected values are unit arithmetic: 万 = 10^4, 亿 = 10^8, 1 万千瓦 = 10 MW, 1 亿 kWh = 10^5 MWh,
 * 1 g/kWh = 10^-3 t/MWh.
 */
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity, QuantityError, type Dimension } from '../../src/scenario/quantity.ts';
import { expectClose } from '../helpers/expect-close.ts';

const cases: ReadonlyArray<readonly [string, Dimension, number]> = [
  ['4.5 GW', 'power', 4500],
  ['4500 MW', 'power', 4500],
  ['450万千瓦', 'power', 4500],
  ['112.5万千瓦', 'power', 1125],
  ['100 MWp', 'power', 100],
  ['2000 kW', 'power', 2],
  ['2 兆瓦', 'power', 2],
  ['1.135亿 kWh', 'energy', 113500],
  ['11350万 kWh', 'energy', 113500],
  ['113.5 GWh', 'energy', 113500],
  ['1.135亿千瓦时', 'energy', 113500],
  ['1.135亿度', 'energy', 113500],
  ['1 万亿 kWh', 'energy', 1e9],
  ['1135 h', 'duration', 1135],
  ['1135 kWh/kWp', 'duration', 1135],
  ['1135 小时', 'duration', 1135],
  ['45800 t', 'mass', 45800],
  ['4.58万吨', 'mass', 45800],
  ['4.58万 t', 'mass', 45800],
  ['403.5 g/kWh', 'intensity', 0.4035],
  ['0.5703 t/MWh', 'intensity', 0.5703],
  ['0.997 kg/kWh', 'intensity', 0.997],
  ['403.5 克/千瓦时', 'intensity', 0.4035],
  // Money (issue 14): 1 亿 = 1e8, 1 万 = 1e4; 1 元/kW = 1e-3 元/W; 1 元/MWh = 1e-3 元/kWh.
  ['1.5亿元', 'money', 1.5e8],
  ['15000万元', 'money', 1.5e8],
  ['153.2亿元', 'money', 153.2e8],
  // SI tables show money in millions ('M CNY') and the page in billions ('bn CNY'): 1 M = 1e6, 1 bn = 1e9.
  ['10880 M CNY', 'money', 1.088e10],
  ['15.32 bn CNY', 'money', 1.532e10],
  ['3.3 M CNY/MW', 'moneyPerPower', 3.3],
  ['3.3元/W', 'moneyPerPower', 3.3],
  ['3300 元/kW', 'moneyPerPower', 3.3],
  ['45元/kW', 'moneyPerPower', 0.045],
  ['0.3949元/kWh', 'moneyPerEnergy', 0.3949],
  ['394.9 CNY/MWh', 'moneyPerEnergy', 0.3949],
  ['0.3949元/度', 'moneyPerEnergy', 0.3949],
  ['1.2元/Wh', 'moneyPerEnergy', 1200],
  ['60元/t', 'moneyPerMass', 60],
  ['2 %', 'fraction', 0.02],
  ['0.5%', 'fraction', 0.005],
  ['-100 %', 'fraction', -1],
];

describe('parseQuantity', () => {
  for (const [text, dim, expected] of cases) {
    it(`'${text}' is ${expected} in the internal ${dim} unit`, () => {
      expectClose(parseQuantity(text, dim), expected, { rel: 1e-14 }, text);
    });
  }

  it('keeps published factors exact (no binary noise from the conversion)', () => {
    expect(parseQuantity('0.5703 t/MWh', 'intensity')).toBe(0.5703);
    expect(parseQuantity('403.5 g/kWh', 'intensity')).toBe(0.4035);
    expect(parseQuantity('450万千瓦', 'power')).toBe(4500);
  });

  it('names the expected and the given dimension (the issue’s example message)', () => {
    expect(() => parseQuantity('1135 kWh', 'power')).toThrow(new QuantityError("expected a power such as '4.5 GW' or '450万千瓦', got an energy '1135 kWh'"));
    expect(() => parseQuantity('4.5 GW', 'energy')).toThrow(/expected an energy .* got a power '4.5 GW'/);
    expect(() => parseQuantity('2 %', 'power')).toThrow(/got '2 %' \(a percentage\)/);
    expect(() => parseQuantity('2 MW', 'fraction')).toThrow(/expected a percentage such as '2 %'/);
  });

  it('refuses bare numbers, unknown units, text and other types with a QuantityError', () => {
    expect(() => parseQuantity(4500, 'power')).toThrow(/bare number 4500 \(write the unit\)/);
    expect(() => parseQuantity('4500', 'power')).toThrow(/no unit/);
    expect(() => parseQuantity('4500 furlongs', 'power')).toThrow(/unknown unit 'furlongs'/);
    expect(() => parseQuantity('lots', 'power')).toThrow(QuantityError);
    expect(() => parseQuantity(null, 'power')).toThrow(/got null/);
    expect(() => parseQuantity({ a: 1 }, 'mass')).toThrow(/got an object/);
    expect(() => parseQuantity(['1 t'], 'mass')).toThrow(/got a list/);
    expect(() => parseQuantity('5 m', 'power')).toThrow(/expected a power .* got '5 m'/);
  });
});

describe('formatQuantity', () => {
  const shown: ReadonlyArray<readonly [number, Dimension, 'si' | 'cn', string]> = [
    [4500, 'power', 'cn', '450万千瓦'],
    [4500, 'power', 'si', '4500 MW'],
    [113500, 'energy', 'cn', '1.135亿千瓦时'],
    [113500, 'energy', 'si', '113.5 GWh'],
    [45800, 'mass', 'cn', '4.58万吨'],
    [45800, 'mass', 'si', '45800 t'],
    [0.4035, 'intensity', 'si', '403.5 g/kWh'],
    [0.4035, 'intensity', 'cn', '403.5克/千瓦时'],
    [1135, 'duration', 'cn', '1135小时'],
    [0.02, 'fraction', 'si', '2 %'],
  ];
  for (const [value, dim, system, text] of shown) {
    it(`${value} (${dim}, ${system}) is shown as '${text}' and parses back`, () => {
      expect(formatQuantity(value, dim, system)).toBe(text);
      expectClose(parseQuantity(text, dim), value, { rel: 1e-14 }, text);
    });
  }
});
