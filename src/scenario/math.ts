/**
 * The one mathjs instance pvplan uses: units for quantities, and a small, safe expression language for
 * `formula` growth models. Built from factories so the bundle carries only what we use (start-up cost).
 */
import {
  addDependencies,
  compileDependencies,
  create,
  divideDependencies,
  expDependencies,
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
} from 'mathjs';

export const math = create({
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

/** Functions a formula may call; anything else (import, evaluate, createUnit, function definitions…) is refused. */
export const FORMULA_FUNCTIONS: readonly string[] = ['exp', 'log', 'sqrt', 'min', 'max', 'pow'];
