/**
 * pvplan's two uses of mathjs.
 * - Units for quantities: mathjs's Unit class (its unit table, parser and conversions) built from its factory
 *   with plain-number arithmetic (mathjs "custom bundling": factories take their dependencies as arguments,
 *   https://mathjs.org/docs/custom_bundling.html). This skips creating mathjs's typed functions, which cost
 *   ~80 ms at every CLI start, and pvplan never needs BigNumber, Fraction or Complex units.
 * - A small, safe expression language for `formula` growth models, created lazily on first use.
 */
import {
  addDependencies,
  BigNumber,
  compileDependencies,
  Complex,
  create,
  createUnitClass,
  divideDependencies,
  expDependencies,
  Fraction,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unitDependencies,
  type MathJsInstance,
  type Unit,
} from 'mathjs';

interface UnitClass {
  /** A unit of `value` in the units of `valueless` (a parsed unit without a value), as mathjs's Unit constructor makes it. */
  new (value: number, valueless: Unit): Unit;
  parse(text: string): Unit;
  isValuelessUnit(name: string): boolean;
  /** Adds a unit: without a definition it is a new base dimension (mathjs Unit.createUnitSingle). */
  createUnitSingle(name: string, definition?: string): Unit;
}

const NUMBER_CONFIG = { number: 'number', numberFallback: 'number', precision: 64, predictable: false, relTol: 1e-12, absTol: 1e-15, epsilon: 1e-12, matrix: 'Matrix', randomSeed: null, legacySubset: false };

type UnitFactory = (deps: Record<string, unknown>) => UnitClass;

/** mathjs's Unit class over plain numbers. */
export const NumberUnit: UnitClass = (createUnitClass as unknown as UnitFactory)({
  config: NUMBER_CONFIG,
  addScalar: (a: number, b: number) => a + b,
  subtractScalar: (a: number, b: number) => a - b,
  multiplyScalar: (a: number, b: number) => a * b,
  divideScalar: (a: number, b: number) => a / b,
  pow: (a: number, b: number) => Math.pow(a, b),
  abs: Math.abs,
  fix: Math.trunc,
  round: (x: number, digits?: number) => {
    const f = Math.pow(10, digits ?? 0);
    return Math.round(x * f) / f;
  },
  equal: (a: number, b: number) => a === b,
  isNumeric: (x: unknown) => typeof x === 'number',
  format: (x: number) => String(x),
  number: (x: number) => x,
  Complex,
  BigNumber,
  Fraction,
});

/**
 * Money: the yuan (元, ISO 4217 CNY) as a base dimension of its own, so that 元/W, 元/kWh and 元/t convert like any
 * other unit. No exchange rates: other currencies are not units here. 万元/亿元 are magnitudes (quantity.ts).
 */
NumberUnit.createUnitSingle('CNY');
NumberUnit.createUnitSingle('yuan', '1 CNY');
NumberUnit.createUnitSingle('RMB', '1 CNY');

/** Parses a unit expression such as '4.5 GW' or '403.5 g/kWh' (throws on unknown units). */
export function parseUnit(text: string): Unit {
  return NumberUnit.parse(text);
}

/**
 * `value` in the units of `valueless` (parseUnit of a unit without a number, such as 'GW' or 'g/kWh'): the unit
 * parseUnit(`${value} ${units}`) gives, without parsing the text again.
 */
export function unitOfValue(value: number, valueless: Unit): Unit {
  return new NumberUnit(value, valueless);
}

/** Functions a formula may call; anything else (import, evaluate, createUnit, function definitions…) is refused. */
export const FORMULA_FUNCTIONS: readonly string[] = ['exp', 'log', 'sqrt', 'min', 'max', 'pow'];

let formulaInstance: MathJsInstance | undefined;

/** The mathjs instance for formulas: only arithmetic, units and FORMULA_FUNCTIONS exist in it. */
export function formulaMath(): MathJsInstance {
  formulaInstance ??= create({
    unitDependencies,
    parseDependencies,
    compileDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    expDependencies,
    logDependencies,
    sqrtDependencies,
    minDependencies,
    maxDependencies,
  });
  return formulaInstance;
}
