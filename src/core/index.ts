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
// PV physics and the yield chain (issue 4): solarPosition(...), simulateYield(...) and the models they wire.
export * from './time.ts';
export * from './solar-position.ts';
export * from './atmosphere.ts';
export * from './extraterrestrial.ts';
export * from './clearsky.ts';
export * from './decomposition.ts';
export * from './aoi.ts';
export * from './transposition.ts';
export * from './tracking.ts';
export * from './temperature.ts';
export * from './pvwatts.ts';
export * from './pv-yield.ts';
