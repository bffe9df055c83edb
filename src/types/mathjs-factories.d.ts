// mathjs exports its factory functions and number classes as values (see its docs on custom bundling),
// but its type declarations only describe the default instance. Declare the values pvplan uses.
import 'mathjs';

declare module 'mathjs' {
  /** Factory of mathjs's Unit class; takes its dependencies (arithmetic functions, config, classes). */
  export const createUnitClass: (dependencies: Record<string, unknown>) => unknown;
  export const Complex: unknown;
  export const BigNumber: unknown;
  export const Fraction: unknown;
}
