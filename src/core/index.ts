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
export * from './metrics/metrics.ts';
export * from './plan/factors.ts';
// PV physics and the yield chain (issue 4): solarPosition(...), simulateYield(...) and the models they wire.
export * from './time.ts';
export * from './pv/solar-position.ts';
export * from './pv/michalsky.ts';
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
// Project finance (issue 14): evaluateProject(...) for one project with its cash-flow table, evaluateProjects(...) for many.
export * from './finance/metrics.ts';
export * from './finance/lcoe.ts';
export * from './finance/abatement.ts';
export * from './finance/presets.ts';
export * from './finance/project.ts';
export * from './finance/plan-finance.ts';
export * from './finance/monte-carlo-finance.ts';
// Wind (issue 13): simulateWindYear(...), the profile, density and power-curve models, and the turbine library.
export * from './wind/profile.ts';
export * from './wind/power-curve.ts';
export * from './wind/turbines.ts';
export * from './wind/wind-year.ts';
// Storage, the export limit and curtailment (issue 13): dispatchGreedy(...), dispatchOptimal(..., solver), summaries.
export * from './storage/system.ts';
export * from './storage/greedy.ts';
export * from './storage/optimal.ts';
export * from './storage/results.ts';
export * from './storage/run.ts';
export * from './storage/system-yield.ts';
// The portfolio of named projects (issue 12).
export * from './portfolio/index.ts';
// Uncertain inputs as plain data and the one function that applies a drawn value to a plan.
export * from './uncertainty/parameters.ts';
export * from './pv/fuentes.ts';
export * from './pv/pvwatts-v5.ts';
export { annualExtraterrestrialHorizontalKWhPerM2, dailyExtraterrestrialHorizontalKWhPerM2, pvYieldCeilingKWhPerKWp } from './pv/yield-ceiling.ts';
// Designs for sweeps (issue 15): the Sobol sequence (Joe & Kuo 2008) and Latin hypercubes on the counter-based generator.
export * from './uncertainty/sobol.ts';
export * from './uncertainty/latin-hypercube.ts';
