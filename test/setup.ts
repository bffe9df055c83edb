/**
 * Makes property-based tests reproducible: every fast-check property runs from a fixed seed unless FC_SEED is set
 * (FC_SEED=random explores new cases; a failure prints the seed and path to replay it).
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20261126 : Number(seed) });
