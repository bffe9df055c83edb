/** The portfolio of named projects (issue 12): model, paths, waterfall, investment and Monte Carlo. */
export * from './types.ts';
export * from './technologies.ts';
export * from './stages.ts';
export * from './dates.ts';
export * from './paths.ts';
export * from './waterfall.ts';
export * from './investment.ts';
export * from './monte-carlo.ts';
export * from './run-paths.ts';
export * from './energy-targets.ts';
