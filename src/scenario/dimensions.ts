/**
 * The physical dimensions a scenario field can expect, as data: internal unit, how a message names it and the
 * largest magnitude accepted. Apart from quantity.ts, so that reading them (the message catalogue does) does not
 * load the unit parser.
 */
import type { Dimension } from '../core/metrics/metrics.ts';

export interface DimensionInfo {
  /** mathjs unit the internal number is expressed in. */
  readonly internalUnit: string;
  /** How an error names the dimension and gives examples. */
  readonly expected: string;
  readonly noun: string;
  /**
   * Largest magnitude accepted, in the internal unit: far beyond any plan (a power of 1e9 MW is a hundred times the
   * world's generating capacity) yet small enough that no arithmetic on it overflows. A value beyond it is a slip.
   */
  readonly largest: number;
  readonly largestText: string;
}

export const DIMENSIONS: Readonly<Record<Dimension, DimensionInfo>> = {
  power: { internalUnit: 'MW', expected: "a power such as '4.5 GW' or '450万千瓦'", noun: 'a power', largest: 1e9, largestText: '1e9 MW' },
  energy: { internalUnit: 'MWh', expected: "an energy such as '113.5 GWh' or '1.135亿 kWh'", noun: 'an energy', largest: 1e13, largestText: '1e13 MWh' },
  duration: { internalUnit: 'h', expected: "hours per year such as '1135 h' (or a specific yield such as '1135 kWh/kWp')", noun: 'a duration', largest: 1e6, largestText: '1e6 h' },
  mass: { internalUnit: 't', expected: "a mass such as '45800 t' or '4.58万吨'", noun: 'a mass', largest: 1e13, largestText: '1e13 t' },
  intensity: { internalUnit: 't/MWh', expected: "a mass per energy such as '403.5 g/kWh' or '0.5703 t/MWh'", noun: 'a mass per energy', largest: 1e3, largestText: '1000 t/MWh' },
  // Money in yuan (元); per-unit prices in the units Chinese sources quote them in: 元/W, 元/kWh, 元/t.
  // Largest: 1e15 元 is ten times China's GDP; the prices are a thousand times any market's.
  money: { internalUnit: 'CNY', expected: "an amount of money such as '1.5亿元', '33000万元' or '3.3e8 CNY'", noun: 'an amount of money', largest: 1e15, largestText: '1e15 元' },
  moneyPerPower: { internalUnit: 'CNY/W', expected: "a cost per power such as '3.3元/W' or '45元/kW'", noun: 'a cost per power', largest: 1e4, largestText: '10000 元/W' },
  moneyPerEnergy: { internalUnit: 'CNY/kWh', expected: "a price per energy such as '0.3949元/kWh' or '394.9 CNY/MWh'", noun: 'a price per energy', largest: 1e4, largestText: '10000 元/kWh' },
  moneyPerMass: { internalUnit: 'CNY/t', expected: "a price per mass such as '60元/t' or '60 CNY/t'", noun: 'a price per mass', largest: 1e8, largestText: '1e8 元/t' },
  fraction: { internalUnit: '', expected: "a percentage such as '2 %'", noun: 'a percentage', largest: 100, largestText: '10000 %' },
};
