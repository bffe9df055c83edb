/** The modelling core: pure functions, internal units (MW, MWh, h, t, t/MWh, fractions). */
export * from './types.ts';
export * from './units.ts';
export * from './series.ts';
export * from './growth.ts';
export * from './cohorts.ts';
export * from './emissions.ts';
export * from './simulate.ts';
export * from './solve.ts';
export * from './errors.ts';
export * from './factors.ts';
