/**
 * Quantities as planners write them — "4.5 GW", "450万千瓦", "1.135亿 kWh", "403.5 g/kWh", "2 %" — to numbers
 * in pvplan's internal units, and back. Chinese magnitudes (万 = 10^4, 亿 = 10^8) and unit names are handled
 * here and in the CLI's formatter only; the core never sees text.
 */
import { DISPLAY_UNITS, type Dimension, type UnitSystem } from '../core/metrics/metrics.ts';
import { LRUCache } from 'lru-cache';
import { WAN, YI } from '../core/units.ts';
import type { Unit } from 'mathjs';
import { DIMENSIONS, type DimensionInfo } from './dimensions.ts';
import { parseUnit, unitOfValue } from './math.ts';

/** Physical dimensions a scenario field can expect, each with its internal unit (defined with the metric registry). */
export type { Dimension } from '../core/metrics/metrics.ts';

export { DIMENSIONS } from './dimensions.ts';

const REFERENCE_UNITS: Readonly<Record<Exclude<Dimension, 'fraction'>, string>> = {
  power: '1 W',
  energy: '1 J',
  duration: '1 s',
  mass: '1 kg',
  intensity: '1 kg/J',
  money: '1 CNY',
  moneyPerPower: '1 CNY/W',
  moneyPerEnergy: '1 CNY/J',
  moneyPerMass: '1 CNY/kg',
};

/** Chinese unit names → mathjs units, longest first so 千瓦时 wins over 千瓦. */
const CHINESE_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['千瓦时', 'kWh'],
  ['兆瓦时', 'MWh'],
  ['吉瓦时', 'GWh'],
  ['千瓦', 'kW'],
  ['兆瓦', 'MW'],
  ['吉瓦', 'GW'],
  ['瓦', 'W'],
  ['度', 'kWh'],
  ['公斤', 'kg'],
  ['千克', 'kg'],
  ['吨', 't'],
  ['克', 'g'],
  ['小时', 'h'],
  ['元', 'CNY'],
];

/** A failed parse: `expected` says what the field wanted, `got` what it received. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

/** A money magnitude of the SI display (`M CNY`, `bn CNY`) at the start of a quantity's unit. */
const SI_MONEY_MAGNITUDE = /^(M|bn)\s+(?=(?:CNY|yuan|RMB)\b)/;

const NUMBER_AND_REST = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(万亿|万|亿)?\s*(.*?)\s*$/u;

/**
 * A quantity as written, split into its number (as written) and the rest (magnitude and unit, as written), for
 * rewriting one of them: the plausibility checks try "450万千瓦" for "450 MW".
 * @example writtenParts('450 MW') // { number: '450', unit: 'MW' }
 */
export function writtenParts(text: string): { number: string; unit: string } | undefined {
  const m = NUMBER_AND_REST.exec(text);
  return m ? { number: m[1]!, unit: `${m[2] ?? ''}${m[3] ?? ''}`.trim() } : undefined;
}

/** Splits "1.135亿 kWh" into its magnitude-scaled number and an SI unit string for mathjs. */
function splitQuantity(text: string): { value: number; unit: string } | null {
  const m = NUMBER_AND_REST.exec(text);
  if (!m) return null;
  let value = Number(m[1]);
  if (m[2] === '万') value *= WAN;
  else if (m[2] === '亿') value *= YI;
  else if (m[2] === '万亿') value *= WAN * YI;
  let unit = m[3]!;
  // 'M CNY' and 'bn CNY' (millions and billions of yuan) are how SI tables show money; they parse back.
  const money = SI_MONEY_MAGNITUDE.exec(unit);
  if (money) {
    value *= money[1] === 'M' ? 1e6 : 1e9;
    unit = unit.slice(money[1]!.length).trimStart();
  }
  if (/[^\x00-\x7f]/.test(unit)) for (const [zh, si] of CHINESE_UNITS) unit = unit.split(zh).join(si);
  // kWp/MWp (peak DC nameplate) are kW/MW for arithmetic.
  unit = unit.replace(/([kMG]?W)p\b/g, '$1').replace(/\s+/g, ' ');
  return { value, unit };
}

let referenceBases: ReadonlyArray<readonly [Exclude<Dimension, 'fraction'>, Unit]> | undefined;

/** The dimension of a mathjs unit among those pvplan knows, or undefined. */
function dimensionOf(unit: Unit): Exclude<Dimension, 'fraction'> | undefined {
  referenceBases ??= (Object.keys(REFERENCE_UNITS) as Array<Exclude<Dimension, 'fraction'>>).map((d) => [d, parseUnit(REFERENCE_UNITS[d])] as const);
  return referenceBases.find(([, base]) => unit.equalBase(base))?.[0];
}

/**
 * Parses a quantity of the expected dimension into its internal unit (MW, MWh, h, t, t/MWh, fraction 0–1).
 * Throws QuantityError with a message naming what was expected and what was given.
 * @example parseQuantity('450万千瓦', 'power') // 4500
 */
export function parseQuantity(input: unknown, expected: Dimension): number {
  const result = tryParseQuantity(input, expected);
  if (typeof result === 'string') throw new QuantityError(result);
  return result;
}

/**
 * Texts remembered by the parse cache. Scenario files repeat the same few quantities, which stay in it because they
 * are read again and again; the texts of each new what-if are read twice (validation, then resolution) and never
 * again, and a small bound lets them go while they are still young garbage, which the collector frees at no cost,
 * instead of keeping them until it has copied them to the old generation. A scenario with more distinct quantity
 * texts than this (a portfolio of hundreds of differently sized projects) parses some of them twice.
 */
const PARSED_QUANTITY_TEXTS = 256;

/**
 * Parsed texts, by text, then by dimension; bounded, so a stream of distinct what-ifs cannot grow it without limit.
 * One cache for every dimension, because building a cache costs time at every cold start.
 */
const PARSED = new LRUCache<string, Partial<Record<Dimension, number | string>>>({ max: PARSED_QUANTITY_TEXTS });

/** Like parseQuantity, but returns the error message instead of throwing (validation tries several dimensions). */
export function tryParseQuantity(input: unknown, expected: Dimension): number | string {
  if (typeof input !== 'string') {
    const info = DIMENSIONS[expected];
    if (typeof input === 'number') return `expected ${info.expected}, got the bare number ${input} (write the unit)`;
    return `expected ${info.expected}, got ${describe(input)}`;
  }
  let byDimension = PARSED.get(input);
  let result = byDimension?.[expected];
  if (result === undefined) {
    result = parseText(input, expected);
    if (byDimension === undefined) PARSED.set(input, (byDimension = {}));
    byDimension[expected] = result;
  }
  return result;
}

function parseText(input: string, expected: Dimension): number | string {
  const info = DIMENSIONS[expected];
  const parts = splitQuantity(input);
  if (!parts || !Number.isFinite(parts.value)) return `expected ${info.expected}, got '${input}'`;
  if (expected === 'fraction') return parts.unit !== '%' ? `expected ${info.expected}, got '${input}'` : withinRange(parts.value / 100, input, info);
  if (parts.unit === '' || parts.unit === '%') return `expected ${info.expected}, got '${input}' (${parts.unit === '%' ? 'a percentage' : 'no unit'})`;
  const known = unitOfText(parts.unit);
  let unit: Unit;
  if (known) unit = unitOfValue(parts.value, known.unit);
  else {
    try {
      unit = parseUnit(`${parts.value} ${parts.unit}`);
    } catch {
      return `expected ${info.expected}, got '${input}' (unknown unit '${parts.unit}')`;
    }
  }
  const actual = known ? known.dimension : dimensionOf(unit);
  if (actual !== expected) return `expected ${info.expected}, got ${actual ? `${DIMENSIONS[actual].noun} '${input}'` : `'${input}'`}`;
  // Round off binary noise from the unit conversion (0.5703 t/MWh must stay 0.5703).
  return withinRange(Number(unit.to(internalUnit(expected)).toNumber().toPrecision(15)), input, info);
}

/** A unit as written after its number ('GW', 'g/kWh'), parsed without a value, with its dimension. */
interface UnitOfText {
  readonly unit: Unit;
  readonly dimension: Exclude<Dimension, 'fraction'> | undefined;
}

/** Unit texts already parsed; false for a text that is not a unit without its number (which is parsed with it). */
const UNITS_OF_TEXT = new LRUCache<string, UnitOfText | false>({ max: 256 });

/**
 * The unit of a text that starts with a letter and parses on its own to a unit without a value: the number before
 * it then only scales it, so `unitOfValue(value, unit)` is what parsing the whole quantity would give. Anything else
 * (an operator or a number first, an unknown unit) is undefined, and the whole quantity is parsed as written.
 */
function unitOfText(text: string): UnitOfText | undefined {
  let known = UNITS_OF_TEXT.get(text);
  if (known === undefined) {
    known = false;
    if (/^[A-Za-z]/.test(text)) {
      try {
        const unit = parseUnit(text);
        if (unit.value === null) known = { unit, dimension: dimensionOf(unit) };
      } catch {
        // Not a unit by itself: the whole quantity is parsed, and refused, as written.
      }
    }
    UNITS_OF_TEXT.set(text, known);
  }
  return known || undefined;
}

const INTERNAL_UNITS = new Map<Dimension, Unit>();

/** The internal unit of a dimension, parsed once. */
function internalUnit(dimension: Dimension): Unit {
  let unit = INTERNAL_UNITS.get(dimension);
  if (unit === undefined) INTERNAL_UNITS.set(dimension, (unit = parseUnit(DIMENSIONS[dimension].internalUnit)));
  return unit;
}

/** `value`, or the message refusing it when its magnitude is beyond the dimension's largest (or not finite). */
function withinRange(value: number, input: string, info: DimensionInfo): number | string {
  if (Number.isFinite(value) && Math.abs(value) <= info.largest) return value;
  return `expected ${info.expected}, got '${input}', beyond the largest accepted magnitude (${info.largestText}): check the exponent and the unit`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export { DISPLAY_UNITS, type UnitSystem } from '../core/metrics/metrics.ts';

/** Formats an internal value for display, e.g. formatQuantity(4500, 'power', 'cn') → '450万千瓦'. Parses back with parseQuantity. */
export function formatQuantity(value: number, dimension: Dimension, system: UnitSystem, maxDigits = 12): string {
  if (dimension === 'fraction') return `${roundTo(value * 100, maxDigits)} %`;
  const d = DISPLAY_UNITS[system][dimension];
  const shown = roundTo(value / d.divisor, maxDigits);
  return system === 'cn' ? `${shown}${d.unit}` : `${shown} ${d.unit}`;
}

function roundTo(x: number, significantDigits: number): string {
  return String(Number(x.toPrecision(significantDigits)));
}
