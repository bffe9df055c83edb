/**
 * The sweep spec schema (docs/scale-out.md): base scenarios, variations (grid, sample, table), sites, finance inputs
 * and the metrics to record. The scenario validator (src/scenario/validate.ts) walks it, so a sweep spec's errors
 * read like a scenario's: file:line:col, the field, what was expected, "did you mean".
 */
import Type, { type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

/** A value of a scenario field as written: a quantity text, a number, true/false. */
const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Literal(true), Type.Literal(false)], { description: "A value as the scenario would write it, e.g. '5 %', '1135 h', 30" });
/** A distribution parameter: a quantity with its unit, or a number for a field written as a plain number (tilt). */
const Param = Type.Union([Type.String(), Type.Number()], { description: "A quantity such as '1000 h', or a number for numeric fields" });
const three = { min: Param, mode: Param, max: Param };
const truncate = Type.Optional(Type.Object({ min: Type.Optional(Param), max: Type.Optional(Param) }, strict));

/** A distribution of a scenario field, written as in a scenario (docs/uncertainty.md). */
export const SweepDistribution = Type.Union(
  [
    Type.Object({ normal: Type.Object({ mean: Param, sd: Param }, strict), truncate }, strict),
    Type.Object({ lognormal: Type.Object({ mean: Param, sd: Param }, strict), truncate }, strict),
    Type.Object({ triangular: Type.Object(three, strict), truncate }, strict),
    Type.Object({ uniform: Type.Object({ min: Param, max: Param }, strict), truncate }, strict),
    Type.Object({ pert: Type.Object({ ...three, lambda: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) }, strict), truncate }, strict),
    Type.Object({ discrete: Type.Object({ values: Type.Array(Param, { minItems: 1 }), weights: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 }) }, strict), truncate }, strict),
  ],
  { description: 'A distribution: normal, lognormal, triangular, uniform, pert or discrete' },
);

/** Most cases one sweep may define (case ids and the counter-based seeds address them with 32 bits). */
export const MAX_SWEEP_CASES = 100_000_000;

export const SweepSpecSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, description: 'Display name' })),
    description: Type.Optional(Type.String()),
    base: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
      description: 'Base scenario file(s), relative to the spec; every variation runs on each',
    }),
    grid: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.Array(FieldValue, { minItems: 1 }), {
        description: 'Field path → list of values; the cases are every combination',
        minProperties: 1,
      }),
    ),
    sample: Type.Optional(
      Type.Object(
        {
          method: Type.Union([Type.Literal('latin-hypercube'), Type.Literal('sobol')], { description: 'Latin hypercube (McKay et al. 1979) or Sobol sequence (Joe & Kuo 2008)' }),
          count: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Number of sample points' }),
          fields: Type.Record(Type.String({ minLength: 1 }), SweepDistribution, { minProperties: 1, description: 'Field path → distribution' }),
        },
        strict,
      ),
    ),
    table: Type.Optional(Type.String({ minLength: 1, description: 'CSV of explicit cases: optional id column, then one column per field path' })),
    sites: Type.Optional(Type.String({ minLength: 1, description: 'CSV of sites: id, latitude, longitude, weather, then array options (tilt, azimuth, …)' })),
    finance: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), FieldValue, { description: "Inputs of the finance quick form by its option name (capex, tariff, discountRate, lifetime, …); vary them as 'finance.NAME'" }),
    ),
    metrics: Type.Object(
      {
        run: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: "Registry metrics at a year: 'energy@2030', 'capacity@end', 'coalCum@target'" })),
        yield: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: "Physical yield results: 'annualKWhPerKWp', 'performanceRatioFrac', …" })),
        mc: Type.Optional(
          Type.Object(
            {
              draws: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Draws per case (default 1000)' })),
              target: Type.Optional(Type.Union([Type.Literal(true), Type.Literal(false)], { description: 'Record P(target met) (default true)' })),
              metrics: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: "P10/P50/P90 of metrics at a year: 'energy@2030'" })),
            },
            strict,
          ),
        ),
        finance: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: "Finance quick-form results: 'lcoeYuanPerKWh', 'npvYuan', 'irrFrac', …" })),
      },
      { ...strict, minProperties: 1, description: 'What to record for each case' },
    ),
  },
  { ...strict, title: 'pvplan sweep spec' },
);

export type SweepSpec = Static<typeof SweepSpecSchema>;
export type SweepDistributionSpec = Static<typeof SweepDistribution>;
