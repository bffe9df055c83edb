/** The modelling core: pure functions, internal units (MW, MWh, h, t, t/MWh, fractions). */
export * from './plan/types.ts';
export * from './units.ts';
export * from './series.ts';
export * from './plan/growth.ts';
export * from './plan/cohorts.ts';
export * from './plan/emissions.ts';
export * from './plan/simulate.ts';
export * from './plan/solve.ts';
export * from './errors.ts';
export * from './plan/factors.ts';
// PV physics and the yield chain (issue 4): solarPosition(...), simulateYield(...) and the models they wire.
export * from './time.ts';
export * from './pv/solar-position.ts';
export * from './pv/atmosphere.ts';
export * from './pv/extraterrestrial.ts';
export * from './pv/clearsky.ts';
export * from './pv/decomposition.ts';
export * from './pv/aoi.ts';
export * from './pv/transposition.ts';
export * from './pv/tracking.ts';
export * from './pv/temperature.ts';
export * from './pv/pvwatts.ts';
export * from './pv/pv-yield.ts';
export * from './pv/fuentes.ts';
export * from './pv/pvwatts-v5.ts';
