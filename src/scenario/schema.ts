/**
 * The scenario schema: the single source of truth for the TypeScript types (Static), the validator
 * (validate.ts walks it) and the published JSON Schema (`pvplan schema`, scenarios/scenario.schema.json).
 * Quantity fields are strings with units; their dimension is recorded in the `x-dimension` keyword.
 */
import Type, { type Static, type TSchema } from 'typebox';
import type { Dimension } from './quantity.ts';

const QUANTITY_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*(万亿|万|亿)?\\s*\\S.*$';

const EXAMPLES: Readonly<Record<Dimension, string[]>> = {
  power: ['4.5 GW', '450万千瓦', '100 MW'],
  energy: ['1.135亿 kWh', '113.5 GWh'],
  duration: ['1135 h', '1135 kWh/kWp'],
  mass: ['4.58万吨', '45800 t'],
  intensity: ['403.5 g/kWh', '0.5703 t/MWh'],
  fraction: ['2 %', '0.5 %'],
};

/** A quantity written with its unit; `dimension` is checked when the scenario is resolved. */
export function Quantity(dimension: Dimension, description: string) {
  return Type.String({ description, pattern: QUANTITY_PATTERN, examples: EXAMPLES[dimension], 'x-dimension': dimension });
}

const strict = { additionalProperties: false } as const;

/**
 * A probability distribution for an uncertain quantity, its parameters written with units like the quantity
 * itself. `pvplan run` uses its central value (the median); `pvplan mc` samples it. Kinds: normal, lognormal
 * (mean and sd of the quantity itself), triangular, uniform, pert, discrete; optional truncation.
 */
export function DistributionOf(dimension: Dimension, description: string) {
  const q = (what: string) => Quantity(dimension, what);
  const truncate = Type.Optional(
    Type.Object({ min: Type.Optional(q('Lower truncation bound')), max: Type.Optional(q('Upper truncation bound')) }, { ...strict, description: 'Truncation bounds (renormalised)' }),
  );
  const three = { min: q('Minimum'), mode: q('Most likely value'), max: q('Maximum') };
  return Type.Union(
    [
      Type.Object({ normal: Type.Object({ mean: q('Mean'), sd: q('Standard deviation') }, strict), truncate }, strict),
      Type.Object({ lognormal: Type.Object({ mean: q('Mean of the quantity'), sd: q('Standard deviation of the quantity') }, strict), truncate }, strict),
      Type.Object({ triangular: Type.Object(three, strict), truncate }, strict),
      Type.Object({ uniform: Type.Object({ min: q('Minimum'), max: q('Maximum') }, strict), truncate }, strict),
      Type.Object({ pert: Type.Object({ ...three, lambda: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Shape weight (default 4)' })) }, strict), truncate }, strict),
      Type.Object(
        {
          discrete: Type.Object(
            { values: Type.Array(q('A possible value'), { minItems: 1 }), weights: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1, description: 'Relative weights, one per value' }) },
            strict,
          ),
          truncate,
        },
        strict,
      ),
    ],
    { description: `${description}, as a distribution (pvplan run uses its median)`, 'x-distribution': dimension },
  );
}

/** A quantity that may be given as a distribution for Monte Carlo runs (issue: uncertainty). */
export function UncertainQuantity(dimension: Dimension, description: string) {
  return Type.Union([Quantity(dimension, description), DistributionOf(dimension, description)], { description });
}

/** A whole number that may be given as a discrete distribution, e.g. a construction lag of 0, 1 or 2 years. */
function UncertainInteger(options: { minimum: number; maximum: number; description: string }) {
  const int = Type.Integer(options);
  return Type.Union(
    [
      int,
      Type.Object(
        { discrete: Type.Object({ values: Type.Array(int, { minItems: 1 }), weights: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 }) }, strict) },
        { ...strict, description: `${options.description}, as a discrete distribution (pvplan run uses its median)` },
      ),
    ],
    { description: options.description },
  );
}

export const YEAR_KEY_PATTERN = '^[12][0-9]{3}$';
const Year = (description: string) => Type.Integer({ minimum: 1900, maximum: 2200, description });

/** A mapping year → quantity, e.g. { 2022: '1135 h', 2030: '1100 h' }; interpolated linearly, held flat outside. */
export function YearSeriesOf(dimension: Dimension, description: string) {
  return Type.Record(Type.String({ pattern: YEAR_KEY_PATTERN }), Quantity(dimension, `${description} (value in that year)`), {
    description: `${description}, by year (linear interpolation between years, held flat outside)`,
    minProperties: 1,
    'x-series': true,
  });
}

const UncertainOrSeries = (dimension: Dimension, description: string) =>
  Type.Union([UncertainQuantity(dimension, description), YearSeriesOf(dimension, description)], { description });

const Rate = (description: string) => UncertainQuantity('fraction', description);

const GrowthCommon = {
  from: Type.Optional(Year('Year after which growth starts (default: the base year); a later year models a slipped start')),
  until: Type.Optional(Year('Last year of this growth (default: the target year)')),
  after: Type.Optional(Rate("Yearly growth after 'until' (default '0 %': hold the capacity)")),
};

const CagrGrowth = Type.Object(
  {
    model: Type.Literal('cagr', { description: 'Compound annual growth: C(t) = C0 (1 + r)^(t − from)' }),
    rate: Type.Optional(Rate('Yearly growth rate; omit to solve it so the target is met exactly in the target year')),
    ...GrowthCommon,
  },
  { additionalProperties: false },
);
const LinearGrowth = Type.Object(
  {
    model: Type.Literal('linear', { description: 'Equal yearly additions: C(t) = C0 + A (t − from)' }),
    additionsPerYear: Type.Optional(UncertainQuantity('power', 'Net additions per year; omit to solve them so the target is met exactly')),
    ...GrowthCommon,
  },
  { additionalProperties: false },
);
const LogisticGrowth = Type.Object(
  {
    model: Type.Literal('logistic', { description: 'S-curve K / (1 + e^(−k (t − tm))) through the baseline and the target' }),
    saturation: UncertainQuantity('power', 'Saturation level K (the capacity the S-curve approaches)'),
    steepness: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Steepness k per year; omit to solve it so the curve passes through the target' })),
  },
  { additionalProperties: false },
);
const AdditionsGrowth = Type.Object(
  {
    model: Type.Literal('additions', { description: 'Explicit net additions by year (years not listed add nothing)' }),
    additions: YearSeriesOf('power', 'Net additions'),
  },
  { additionalProperties: false },
);
const MilestonesGrowth = Type.Object(
  {
    model: Type.Literal('milestones', { description: 'Capacity at given years, interpolated linearly from the baseline, held after the last' }),
    points: YearSeriesOf('power', 'Built + under-construction capacity'),
  },
  { additionalProperties: false },
);
const TrendGrowth = Type.Object(
  {
    model: Type.Literal('trend', { description: "Growth fitted to capacity.history: 'exponential' (log-linear regression) or 'logistic'" }),
    fit: Type.Union([Type.Literal('exponential'), Type.Literal('logistic')], { description: 'Curve to fit' }),
    saturation: Type.Optional(Quantity('power', 'Saturation for the logistic fit (fitted when omitted)')),
  },
  { additionalProperties: false },
);
const FormulaGrowth = Type.Object(
  {
    model: Type.Literal('formula', { description: 'A mathjs expression in `year` giving a power, e.g. "1125 MW * 1.587^(year - 2022)"' }),
    expression: Type.String({ minLength: 1, description: 'Expression in `year` (functions: exp, log, sqrt, min, max, pow)' }),
  },
  { additionalProperties: false },
);

export const GrowthSpec = Type.Union([CagrGrowth, LinearGrowth, LogisticGrowth, AdditionsGrowth, MilestonesGrowth, TrendGrowth, FormulaGrowth], {
  description: 'How built + under-construction capacity grows from the baseline',
  'x-discriminator': 'model',
});

const FactorPreset = Type.Object(
  { preset: Type.String({ description: 'A factor preset id (see `pvplan factors`)' }) },
  { additionalProperties: false },
);
const Factor = (description: string) =>
  Type.Union([UncertainQuantity('intensity', description), YearSeriesOf('intensity', description), FactorPreset], { description });

export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'JSON Schema reference for editors' })),
    extends: Type.Optional(Type.String({ description: 'Parent scenario file (relative to this one); this file overrides it (deep merge)' })),
    name: Type.String({ minLength: 1, description: 'Display name' }),
    region: Type.Optional(Type.String({ description: 'Region the plan covers' })),
    description: Type.Optional(Type.String({ description: 'What the scenario assumes and why' })),
    years: Type.Object(
      {
        start: Year('First year reported'),
        end: Year('Last year simulated and reported'),
      },
      { additionalProperties: false, description: 'Reporting horizon' },
    ),
    capacity: Type.Object(
      {
        baseline: Type.Object(
          {
            capacity: Quantity('power', 'Built + under-construction (在建+在运) capacity at the end of the base year'),
            year: Year('Base year'),
            operating: Type.Optional(Quantity('power', 'Of the baseline, operating at the end of the base year (default: all of it); ignored with a history')),
          },
          { additionalProperties: false, description: 'Where the plan starts' },
        ),
        history: Type.Optional(YearSeriesOf('power', 'Past built + under-construction capacity (sets the baseline cohorts\' ages; used by trend fits)')),
        target: Type.Optional(
          Type.Object(
            {
              year: Year('Target year'),
              capacity: Type.Optional(Quantity('power', 'Built + under-construction capacity to reach (在建+在运)')),
              energy: Type.Optional(Quantity('energy', 'Energy to produce in the target year (for `pvplan solve`)')),
              coal: Type.Optional(Quantity('mass', 'Standard coal to save in the target year (for `pvplan solve`)')),
            },
            { additionalProperties: false, description: 'What the plan aims for' },
          ),
        ),
        growth: GrowthSpec,
        maxAdditionsPerYear: Type.Optional(UncertainQuantity('power', 'Cap on gross additions per year')),
        constructionLagYears: Type.Optional(UncertainInteger({ minimum: 0, maximum: 10, description: 'Years from entering construction to operating (default 0)' })),
        lifetimeYears: Type.Optional(UncertainInteger({ minimum: 1, maximum: 60, description: 'Operating years before retirement (default 25)' })),
      },
      { additionalProperties: false, description: 'Capacity path' },
    ),
    yield: Type.Object(
      {
        model: Type.Union([Type.Literal('full-load-hours'), Type.Literal('capacity-factor'), Type.Literal('specific-yield')], {
          description: 'How yearly yield of a new plant is given',
        }),
        value: Type.Union([UncertainQuantity('duration', 'Yield value'), UncertainQuantity('fraction', 'Yield value'), YearSeriesOf('duration', 'Yield value'), YearSeriesOf('fraction', 'Yield value')], {
          description: "full-load-hours: '1135 h'; capacity-factor: '13 %'; specific-yield: '1135 kWh/kWp'; or a year → value series",
        }),
        degradation: Type.Optional(
          Type.Object(
            {
              firstYear: Type.Optional(Rate('Loss in the first year of operation, e.g. light-induced (default 0 %)')),
              annual: Type.Optional(Rate('Loss per further year of operation (default 0.5 %)')),
              mode: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('compounding')], { description: "linear: 1 − d1 − d·age (default); compounding: (1 − d1)(1 − d)^age" })),
            },
            { additionalProperties: false, description: 'Degradation by cohort age' },
          ),
        ),
        availability: Type.Optional(Rate('Share of the year the plant is available (default 100 %)')),
        curtailment: Type.Optional(UncertainOrSeries('fraction', 'Share of energy curtailed (default 0 %)')),
        interannualVariability: Type.Optional(
          Quantity('fraction', 'Standard deviation of the year-to-year yield (weather) around its long-term value, independent each year; used by `pvplan mc` only'),
        ),
        commissioning: Type.Optional(
          Type.Union([Type.Literal('mid-year'), Type.Literal('full-year'), Type.Literal('year-end')], {
            description: 'Energy in a cohort\'s first operating year: mid-year (half, default), full-year, year-end (none)',
          }),
        ),
      },
      { additionalProperties: false, description: 'Yield of the PV fleet' },
    ),
    uncertainty: Type.Optional(
      Type.Object(
        {
          correlations: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  between: Type.Array(Type.String({ description: 'Dotted path of an uncertain field, e.g. capacity.growth.rate' }), { minItems: 2, maxItems: 2 }),
                  rank: Type.Number({ minimum: -1, maximum: 1, description: "Spearman rank correlation between the two fields' draws" }),
                },
                strict,
              ),
              { description: 'Rank correlations between uncertain fields (Gaussian copula)' },
            ),
          ),
        },
        { ...strict, description: 'How uncertain fields relate (used by pvplan mc and sensitivity)' },
      ),
    ),
    savings: Type.Object(
      {
        coal: Factor('Standard coal saved per unit of PV energy (g/kWh), or a preset'),
        co2: Factor('CO2 avoided per unit of PV energy (t/MWh), or a preset'),
        so2: Type.Optional(Factor('SO2 avoided per unit of PV energy, or a preset')),
        nox: Type.Optional(Factor('NOx avoided per unit of PV energy, or a preset')),
      },
      { additionalProperties: false, description: 'Coal and emission factors' },
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://pvplan.dev/scenario.schema.json',
    title: 'pvplan scenario',
    description: 'A PV capacity plan: baseline, target, growth, yield and savings factors. Quantities are strings with units (SI or 万/亿).',
  },
);

/** A scenario as written (after `extends` is merged). */
export type Scenario = Static<typeof ScenarioSchema>;
export type GrowthSpecType = Static<typeof GrowthSpec>;

/** The published JSON Schema (draft 2020-12) for editors and other tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...(JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>) };
}

export type { TSchema };
