/**
 * Every optional step of resolution in one module (resolve-steps.ts): loaded at once, in one piece, by a scenario
 * that has any of their sections.
 */
import * as finance from './finance-step.ts';
import * as physical from './physical-yield.ts';
import * as portfolio from './portfolio-step.ts';
import type { ResolutionSteps } from './resolve-steps.ts';
import * as system from './system-step.ts';

/** Every optional step of resolution. */
export const ALL_STEPS: ResolutionSteps = { physical, system, finance, portfolio };
