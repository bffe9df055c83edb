/**
 * Request and response schemas of the HTTP API. Scenario bodies are derived from ScenarioSchema (the one source
 * of truth shared with the CLI and the published JSON Schema); the report schemas describe the JSON contract of
 * `pvplan run --format json` (src/report/run.ts) so Fastify serializes it with fast-json-stringify. Compile-time
 * checks at the bottom fail when RunReport and its schema drift apart.
 */
import Type, { type Static, type TObject, type TOptional, type TSchema } from 'typebox';
import { allMetrics, type Metric } from '../core/metrics/metrics.ts';
import type { YearResult } from '../core/plan/types.ts';
import { MC_METRICS, type McMetric } from '../core/uncertainty/monte-carlo.ts';
import { STAGES, TECHNOLOGIES, type Stage, type Technology } from '../core/portfolio/types.ts';
import type { PortfolioView } from '../report/portfolio-view.ts';
import { COMPARE_METRICS, type CompareSummary } from '../report/compare.ts';
import type { McReport } from '../report/mc.ts';
import type { RunReport } from '../report/run.ts';
import type { ScenarioSystemReport } from '../report/system.ts';
import type { FinanceReport } from '../report/finance.ts';
import { WARNING_CODES, type WarningCode } from '../scenario/plausibility-messages.ts';
import { SCENARIO_ID_PATTERN } from '../scenario/id.ts';
import { ScenarioSchema } from '../scenario/schema.ts';

/** A scenario id is its file name without the extension, by the one rule of src/scenario/id.ts. */
export { SCENARIO_ID_PATTERN, SCENARIO_ID_REGEX } from '../scenario/id.ts';

/** Most scenarios one comparison may show: more lines than this are unreadable on a chart anyway. */
export const MAX_COMPARE_SCENARIOS = 12;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `x-…` annotation keyword used anywhere in a schema (x-dimension, x-series, x-discriminator, …). */
export function customKeywordsOf(schema: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        walk(value);
      }
    }
  };
  walk(JSON.parse(JSON.stringify(schema)));
  return [...found].sort();
}

/**
 * Custom annotation keywords of ScenarioSchema, collected from the schema itself so a keyword added there is
 * accepted by Fastify's Ajv (strict mode) without a second list to keep in step.
 */
export const SCENARIO_SCHEMA_KEYWORDS: readonly string[] = customKeywordsOf(ScenarioSchema);

/**
 * A JSON copy of a schema for responses: `$id` removed (Ajv refuses one $id compiled twice) and every union (`anyOf`)
 * kept only as its description. fast-json-stringify would otherwise validate each value against each branch to choose
 * how to write it, a second of schema compiling on the first response; values reaching a response were validated on
 * load, so they are written as they are.
 */
export function deriveSchema(schema: TSchema): JsonObject {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    if (Array.isArray(node.anyOf)) return node.description === undefined ? {} : { description: node.description };
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$id') continue;
      out[key] = walk(value);
    }
    return out;
  };
  return walk(JSON.parse(JSON.stringify(schema))) as JsonObject;
}

/** The scenario as written after `extends`, as served by GET /api/scenarios/:id. */
export const WrittenScenarioSchema = deriveSchema(ScenarioSchema);

/** Id under which the what-if body schema is registered once (app.addSchema) and referenced by every route that takes one. */
export const SCENARIO_BODY_SCHEMA_ID = 'pvplanScenarioBody';

/**
 * A what-if as sent to POST /api/run and POST /api/scenarios: a mapping, a scenario as written that may `extends` a
 * file (scenario.schema.json with every field optional). Its contents are checked in one place, the scenario layer
 * (validateScenarioShape after the merge, then the cross-field rules), as for a file: its messages name the field,
 * what was expected and the likely typo.
 */
export const ScenarioBodySchema = { $id: SCENARIO_BODY_SCHEMA_ID, type: 'object', description: 'A scenario as written (scenarios/scenario.schema.json), every field optional when it extends a file' };

/** A scenario body typed loosely: the schema above checks it is a mapping, resolveChain checks its contents. */
export type ScenarioBody = Record<string, unknown>;
export const ScenarioBodyRef = Type.Unsafe<ScenarioBody>({ $ref: `${SCENARIO_BODY_SCHEMA_ID}#` });

/** A number that JSON writes as null when it is NaN or infinite (e.g. a target year outside the reported years), as the CLI does. */
const Num = Type.Unsafe<number>({ type: ['number', 'null'] });
const NumOrNull = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const Year = Type.Integer();
const YearOrNull = Type.Unsafe<number | null>({ type: ['integer', 'null'] });
const TextOrNull = Type.Unsafe<string | null>({ type: ['string', 'null'] });

export const ErrorSchema = Type.Object(
  {
    error: Type.String({ description: "Kind of error: 'bad-request', 'invalid-scenario', 'not-found', 'conflict', 'body-too-large', 'unsupported-media-type', 'misdirected-request', 'service-unavailable', 'internal-error'" }),
    message: Type.String({ description: 'What went wrong and what was expected' }),
    field: Type.Optional(Type.String({ description: "Dotted path of the offending field, e.g. 'capacity.growth.rate'" })),
    problems: Type.Optional(
      Type.Array(
        Type.Object({
          file: Type.String(),
          line: Type.Optional(Type.Integer()),
          column: Type.Optional(Type.Integer()),
          field: Type.Optional(Type.String()),
          message: Type.String(),
        }),
        { description: 'Every problem found, each with its file (and line, for files in the folder)' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorSchema>;

/** A year row of a run: the year and every metric of the registry (optional ones only when the scenario gives them), in registry order. */
export const YearRowSchema = Type.Object({
  year: Year,
  ...Object.fromEntries(allMetrics().map((m) => [m.field, m.optional ? Type.Optional(Num) : Num])),
}) as unknown as TObject<{ year: typeof Year } & { [K in keyof Omit<YearResult, 'year'>]-?: undefined extends YearResult[K] ? TOptional<typeof Num> : typeof Num }>;

// A type array rather than anyOf, so fast-json-stringify writes it without validating (see deriveSchema).
const TargetReportSchema = Type.Object({
  year: Year,
  capacityMW: Type.Optional(Num),
  capacityInTargetYearMW: Type.Optional(Num),
  metYear: Type.Optional(YearOrNull),
  metInTargetYear: Type.Optional(Type.Boolean()),
  shortfallMW: Type.Optional(Num),
  energyInTargetYearMWh: Num,
  coalInTargetYearTonnes: Num,
  energyMWh: Type.Optional(Num),
  energyMet: Type.Optional(Type.Boolean()),
  coalTonnes: Type.Optional(Num),
  coalMet: Type.Optional(Type.Boolean()),
});

const CoalConventionSchema = Type.Object({
  preset: Type.String(),
  label: Type.String(),
  labelZh: Type.String(),
  tonnesPerMWh: Num,
  coalTonnes: Num,
  cumulativeCoalTonnes: Num,
});

/** A plausibility warning (src/scenario/plausibility.ts, docs/plausibility.md): valid but implausible input, with where, what and the likely intent. */
export const WarningSchema = Type.Object({
  code: Type.Unsafe<WarningCode>({ type: 'string', enum: [...WARNING_CODES], description: "Stable code of the check, e.g. 'target-below-baseline', 'coal-intensity-outside' (a translation keys on it)" }),
  file: Type.String(),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
  path: Type.String({ description: "Dotted path of the field, e.g. 'capacity.target.capacity'" }),
  message: Type.String({ description: 'English text of the warning, with the likely intent' }),
  value: Num,
  range: Type.Object({ min: Type.Optional(Num), max: Type.Optional(Num), unit: Type.String() }, { description: 'The plausible range, in the unit of value; an open end is left out' }),
  hint: Type.Optional(Type.String({ description: "What was probably meant, e.g. '450万千瓦 = 4500 MW'" })),
  params: Type.Record(Type.String(), Type.Unsafe<string | number>({ type: ['string', 'number'] }), { description: 'The parameters the message is made from (values formatted with their units)' }),
});

/**
 * The run report (`pvplan run --format json`). Extra top-level fields pass through unchanged: that is where the
 * uncertainty issue's P10–P90 bands will arrive without breaking this contract.
 */
/** The five portfolio metrics of a path in one year (the registry's `portfolio` metrics), internal units. */
const PathMetricsSchema = Type.Object({ capacityMW: Num, operatingMW: Num, energyMWh: Num, coalTonnes: Num, co2Tonnes: Num });
const TechnologySchema = Type.Unsafe<Technology>({ type: 'string', enum: [...TECHNOLOGIES] });
/** The fields naming a portfolio target in run and mc reports (TargetIdentity in src/core/portfolio/types.ts). */
const TARGET_IDENTITY_FIELDS = {
  kind: Type.Union([Type.Literal('capacity'), Type.Literal('energy')]),
  name: Type.String(),
  technologies: Type.Array(TechnologySchema),
  counts: Type.Union([Type.Literal('built-plus-under-construction'), Type.Literal('operating')]),
  year: Year,
};
const PathSetSchema = Type.Object({
  total: PathMetricsSchema,
  named: PathMetricsSchema,
  unnamed: PathMetricsSchema,
  byTechnology: Type.Object(Object.fromEntries(TECHNOLOGIES.map((t) => [t, Type.Optional(PathMetricsSchema)])) as Record<Technology, TOptional<typeof PathMetricsSchema>>, { description: 'Named projects of each technology present' }),
});
/** `portfolio` of a run report: planned and risk-weighted (`expected`) paths of a scenario with projects (docs/portfolio.md). */
export const RunPortfolioSchema = Type.Object({
  technologies: Type.Array(TechnologySchema),
  years: Type.Array(Type.Object({ year: Year, planned: PathSetSchema, expected: PathSetSchema })),
  targets: Type.Array(
    Type.Object({
      ...TARGET_IDENTITY_FIELDS,
      capacityMW: Type.Optional(Num),
      plannedMW: Type.Optional(Num),
      expectedMW: Type.Optional(Num),
      energyMWh: Type.Optional(Num),
      plannedMWh: Type.Optional(Num),
      expectedMWh: Type.Optional(Num),
      plannedMet: Type.Boolean(),
      expectedMet: Type.Boolean(),
    }),
    { description: 'Each target in its year: planned and risk-weighted value and whether it is met (capacity targets in MW, energy targets in MWh)' },
  ),
});

export const RunReportSchema = Type.Object(
  {
    scenario: Type.Object({ id: Type.String(), name: Type.String(), hash: Type.String(), region: Type.Optional(Type.String()) }),
    pvplanVersion: Type.String(),
    target: Type.Unsafe<Static<typeof TargetReportSchema> | null>({ ...TargetReportSchema, type: ['object', 'null'] }),
    years: Type.Array(YearRowSchema),
    summary: Type.Object({
      startYear: Year,
      endYear: Year,
      growth: Type.Object({
        model: Type.String(),
        parameters: Type.Record(Type.String(), Type.Unsafe<number | string>({ type: ['number', 'string', 'null'] })),
        rSquared: Type.Optional(Num),
      }),
      yield: Type.Object({ model: Type.String(), fullLoadHoursStartYear: Num }),
      uncertainFields: Type.Array(Type.String()),
      capacityEndMW: Num,
      operatingEndMW: Num,
      totalEnergyMWh: Num,
      totalCoalTonnes: Num,
      totalCo2Tonnes: Num,
      referenceYear: Year,
      coalConventions: Type.Array(CoalConventionSchema),
      warnings: Type.Array(Type.String()),
    }),
    warnings: Type.Array(WarningSchema),
    portfolio: Type.Optional(RunPortfolioSchema),
  },
  { additionalProperties: true },
);

const TargetAsWritten = Type.Object({
  year: Year,
  capacity: Type.Optional(Type.String()),
  energy: Type.Optional(Type.String()),
  coal: Type.Optional(Type.String()),
});

/** One row of GET /api/scenarios: a valid file with its headline fields, or an invalid one with its error. */
export const ScenarioListItemSchema = Type.Object({
  id: Type.String(),
  file: Type.String({ description: 'File name inside the scenarios folder' }),
  valid: Type.Boolean(),
  name: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  extends: Type.Optional(Type.String()),
  target: Type.Optional(TargetAsWritten),
  targetCapacityMW: Type.Optional(Num),
  years: Type.Optional(Type.Object({ start: Year, end: Year })),
  growthModel: Type.Optional(Type.String()),
  hash: Type.Optional(Type.String()),
  uncertain: Type.Optional(Type.Boolean({ description: 'The scenario declares distributions or a year-to-year weather term: GET /api/scenarios/:id/mc has a spread' })),
  system: Type.Optional(Type.Boolean({ description: "The scenario has a 'system:' section: GET /api/scenarios/:id/system dispatches it" })),
  finance: Type.Optional(Type.Boolean({ description: "The scenario has a 'finance:' section: GET /api/scenarios/:id/finance gives its LCOE, NPV, IRR and cash flows" })),
  warnings: Type.Optional(Type.Array(WarningSchema, { description: 'Plausibility warnings of a valid scenario (empty when none): show it in amber' })),
  projects: Type.Optional(Type.Integer({ description: 'Named projects of a portfolio scenario: GET /api/scenarios/:id/portfolio shows them' })),
  error: Type.Optional(ErrorSchema),
});
export type ScenarioListItem = Static<typeof ScenarioListItemSchema>;

export const ScenarioListSchema = Type.Object({ scenarios: Type.Array(ScenarioListItemSchema) });

/** Values of the key parameters in internal units, so a form can start from them (the what-if panel). */
export const KeyParametersSchema = Type.Object({
  growthModel: Type.String(),
  /** Solved or given compound rate (cagr), or the rate implied by the path between base and target year. */
  rateFrac: Type.Optional(Num),
  additionsMWPerYear: Type.Optional(Num),
  saturationMW: Type.Optional(Num),
  targetYear: Type.Optional(Year),
  targetCapacityMW: Type.Optional(Num),
  baseYear: Year,
  baselineMW: Num,
  fullLoadHours: Num,
  firstYearDegradationFrac: Num,
  annualDegradationFrac: Num,
  coalTonnesPerMWh: Num,
  co2TonnesPerMWh: Num,
  constructionLagYears: Type.Integer(),
  startYear: Year,
  endYear: Year,
});
export type KeyParameters = Static<typeof KeyParametersSchema>;

export const ScenarioDetailSchema = Type.Object({
  id: Type.String(),
  file: Type.String(),
  name: Type.String(),
  region: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  extends: Type.Optional(Type.String()),
  files: Type.Array(Type.String(), { description: 'The extends chain, this file first, as names inside the folder' }),
  hash: Type.String(),
  scenario: Type.Unsafe<Record<string, unknown>>(WrittenScenarioSchema),
  parameters: KeyParametersSchema,
  source: Type.String({ description: 'Text of the file as written' }),
});

export const IdParamsSchema = Type.Object({ id: Type.String({ pattern: SCENARIO_ID_PATTERN, description: 'Scenario id (file name without extension)' }) });

export const UnitsQuerySchema = Type.Object({ units: Type.Optional(Type.Union([Type.Literal('si'), Type.Literal('cn')])) });

const MetricSchema = Type.Union(COMPARE_METRICS.map((m) => Type.Literal(m)));

export const CompareQuerySchema = Type.Object({
  ids: Type.String({ minLength: 1, maxLength: MAX_COMPARE_SCENARIOS * 65, description: 'Comma-separated scenario ids' }),
  metric: Type.Optional(MetricSchema),
  units: Type.Optional(Type.Union([Type.Literal('si'), Type.Literal('cn')])),
});

export const CompareBodySchema = Type.Object(
  {
    ids: Type.Array(Type.String({ pattern: SCENARIO_ID_PATTERN }), { maxItems: MAX_COMPARE_SCENARIOS }),
    whatIfs: Type.Optional(Type.Array(ScenarioBodyRef, { maxItems: MAX_COMPARE_SCENARIOS })),
    metric: Type.Optional(MetricSchema),
    units: Type.Optional(Type.Union([Type.Literal('si'), Type.Literal('cn')])),
  },
  { additionalProperties: false },
);

export const CompareResponseSchema = Type.Object({
  metric: Type.String(),
  dimension: Type.String(),
  scenarios: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), hash: Type.String() })),
  rows: Type.Array(Type.Object({ year: Year, values: Type.Array(Num), deltas: Type.Array(Num) })),
  summary: Type.Array(
    Type.Object({
      id: Type.String(),
      targetMetYear: YearOrNull,
      targetYear: YearOrNull,
      valueInTargetYear: NumOrNull,
      toEndYear: Num,
      endYear: Year,
    }),
  ),
  differences: Type.Array(Type.Object({ path: Type.String(), values: Type.Array(TextOrNull) })),
});

const DisplayUnit = Type.Object({ unit: Type.String(), divisor: Type.Number(), decimals: Type.Integer({ description: 'Digits after the point in tables' }) });
const DisplayUnits = Type.Object({ power: DisplayUnit, energy: DisplayUnit, duration: DisplayUnit, mass: DisplayUnit, intensity: DisplayUnit, money: DisplayUnit, moneyPerPower: DisplayUnit, moneyPerEnergy: DisplayUnit, moneyPerMass: DisplayUnit });
const MagnitudeList = Type.Array(Type.Object({ unit: Type.String(), divisor: Type.Number() }), { minItems: 1 });
const Magnitudes = Type.Object({ power: MagnitudeList, energy: MagnitudeList, duration: MagnitudeList, mass: MagnitudeList, intensity: MagnitudeList, money: MagnitudeList, moneyPerPower: MagnitudeList, moneyPerEnergy: MagnitudeList, moneyPerMass: MagnitudeList });
const LabelSchema = Type.Object({ en: Type.String(), zh: Type.String() });

/** One metric of the registry (src/core/metrics/registry.ts), as the page reads it. */
export const RegistryMetricSchema = Type.Object({
  id: Type.String({ description: "Value of the API's `metric` and the page's chart id" }),
  field: Type.String({ description: 'Field of a year row (run and Monte Carlo reports) holding it, internal units' }),
  dimension: Type.Union([Type.Literal('power'), Type.Literal('energy'), Type.Literal('duration'), Type.Literal('mass'), Type.Literal('intensity'), Type.Literal('money'), Type.Literal('moneyPerPower'), Type.Literal('moneyPerEnergy'), Type.Literal('moneyPerMass')]),
  header: Type.String({ description: 'Column header in tables and CSV, before its unit' }),
  label: LabelSchema,
  cumulativeOf: Type.Optional(Type.String({ description: 'For a running total: id of the yearly metric it sums from years.start' })),
  derive: Type.Optional(Type.Object({ op: Type.Union([Type.Literal('difference'), Type.Literal('sum'), Type.Literal('ratio')]), of: Type.Array(Type.String(), { minItems: 2, maxItems: 2 }) })),
  optional: Type.Optional(Type.Boolean({ description: 'In a year row only when the scenario gives what it needs' })),
  table: Type.Boolean({ description: 'A column of the run table and CSV' }),
  compare: Type.Boolean({ description: "A value of the API's `metric` (comparisons and their CSV)" }),
  monteCarlo: Type.Boolean({ description: 'Summarised in Monte Carlo reports (years[].<field>)' }),
  portfolio: Type.Optional(Type.Boolean({ description: 'Reported for a scenario with projects (run report portfolio.years[]), planned and risk-weighted' })),
  chart: Type.Optional(
    Type.Object({
      title: LabelSchema,
      wide: Type.Optional(Type.Boolean()),
      band: Type.Optional(Type.Boolean({ description: 'Draw the P10–P90 band of scenarios with distributions' })),
      dashed: Type.Optional(Type.String({ description: 'Id of a metric drawn dashed on the same chart' })),
    }),
  ),
});

/** A unit the page writes what-if inputs in: multiply an internal value by perInternal to get it in `unit`. */
const InputUnitSchema = Type.Object({ dimension: Type.String(), unit: Type.String(), perInternal: Type.Number() });

export const MetaSchema = Type.Object({
  pvplanVersion: Type.String(),
  displayUnits: Type.Object({ si: DisplayUnits, cn: DisplayUnits }, { description: 'Divide an internal value (MW, MWh, h, t, t/MWh, 元, 元/W, 元/kWh, 元/t) by divisor to show it in unit' }),
  magnitudes: Type.Object(
    { si: Magnitudes, cn: Magnitudes },
    { description: 'Natural magnitudes of each dimension, smallest first: a value is shown at a glance in the largest whose divisor it reaches (tables keep displayUnits)' },
  ),
  inputUnits: Type.Record(Type.String(), InputUnitSchema, { description: "Units of the what-if inputs, read by the scenario parser: '%', 'g/kWh', 't/MWh', 'h'" }),
  metrics: Type.Array(RegistryMetricSchema, { description: 'The metric registry, in the order of a year row' }),
  mergeRules: Type.Object(
    {
      replaceWholeWhenKeysMatch: Type.String({ description: 'A mapping whose keys all match this pattern (a year → value series) is replaced whole by a child' }),
      replaceWholeWhenChanged: Type.Array(Type.String(), { description: 'A mapping in which the child changes one of these keys is replaced whole' }),
      nullRemoves: Type.Boolean({ description: "A child's null removes the field it would inherit (e.g. capacity.target: null)" }),
      mergeListsByKey: Type.Record(Type.String(), Type.String(), { description: "A list under one of these keys merges item by item, matched on the named field (projects by 'id'); other lists are replaced whole" }),
    },
    { description: 'How `extends` merges a child (a what-if body) onto its parent: otherwise the child wins key by key' },
  ),
  idPattern: Type.String(),
  maxCompare: Type.Integer(),
});

export const SaveBodySchema = Type.Object(
  {
    id: Type.String({ pattern: SCENARIO_ID_PATTERN, description: 'Id of the new scenario: the file becomes ID.yaml in the folder' }),
    scenario: ScenarioBodyRef,
    overwrite: Type.Optional(Type.Boolean({ description: 'Replace an existing scenario with this id (default false: 409)' })),
  },
  { additionalProperties: false },
);

export const SaveResponseSchema = Type.Object({
  id: Type.String(),
  file: Type.String(),
  created: Type.Boolean({ description: 'false when an existing file was overwritten' }),
  hash: Type.String(),
});

/** Draws and seed of GET /api/scenarios/:id/mc, as text (query strings are never coerced); the route checks the ranges. */
export const McQuerySchema = Type.Object(
  {
    draws: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'Monte Carlo draws (default 2000, 100 to 20,000)' })),
    seed: Type.Optional(Type.String({ pattern: '^[0-9]{1,16}$', description: 'Seed of the random numbers (default 42, 0 to 2^53 − 1)' })),
  },
  { additionalProperties: false },
);

/** Statistics of one metric in one year across draws. */
const McStatsSchema = Type.Object({ mean: Num, sd: Num, p10: Num, p50: Num, p90: Num });
const McYearSchema = Type.Object({
  year: Year,
  ...Object.fromEntries(MC_METRICS.map((m) => [m, McStatsSchema])),
}) as unknown as TObject<{ year: typeof Year } & { [M in McMetric]: typeof McStatsSchema }>;
const McTargetSchema = Type.Object({
  year: Year,
  capacityMW: Num,
  probabilityMet: Num,
  yearMetDistribution: Type.Array(Type.Object({ year: YearOrNull, draws: Type.Integer(), probability: Num })),
  energyMWh: Type.Optional(Num),
  probabilityEnergyMet: Type.Optional(Num),
  coalTonnes: Type.Optional(Num),
  probabilityCoalMet: Type.Optional(Num),
});

/**
 * The Monte Carlo report (`pvplan mc --format json`, docs/uncertainty.md), properties in the report's own
 * order so the served JSON reads as the CLI's. A distribution is written as it is (its kind decides its fields).
 */
export const McReportSchema = Type.Object({
  scenario: Type.Object({ id: Type.String(), name: Type.String(), hash: Type.String(), region: Type.Optional(Type.String()) }),
  pvplanVersion: Type.String(),
  draws: Type.Integer(),
  seed: Type.Integer(),
  inputs: Type.Object({
    parameters: Type.Array(
      Type.Object({
        name: Type.String(),
        distribution: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, description: "{ kind: 'normal' | 'lognormal' | 'triangular' | 'uniform' | 'pert' | 'discrete' | 'constant', …its parameters, truncate? } in internal units" }),
        p10: Num,
        p50: Num,
        p90: Num,
      }),
    ),
    correlations: Type.Array(Type.Object({ between: Type.Array(Type.String(), { minItems: 2, maxItems: 2 }), rank: Num })),
    interannualSdFrac: Num,
  }),
  years: Type.Array(McYearSchema),
  target: Type.Unsafe<Static<typeof McTargetSchema> | null>({ ...McTargetSchema, type: ['object', 'null'] }),
  portfolio: Type.Optional(
    Type.Object({
      years: Type.Array(Type.Object({ year: Year, capacityMW: McStatsSchema, operatingMW: McStatsSchema })),
      targets: Type.Array(
        Type.Object({
          ...TARGET_IDENTITY_FIELDS,
          capacityMW: Type.Optional(Num),
          energyMWh: Type.Optional(Num),
          probabilityMet: Num,
          yearMetDistribution: Type.Array(Type.Object({ year: YearOrNull, draws: Type.Integer(), probability: Num })),
          capacityInTargetYearMW: Type.Optional(McStatsSchema),
          energyInTargetYearMWh: Type.Optional(McStatsSchema),
        }),
      ),
    }),
  ),
  finance: Type.Optional(
    Type.Object({
      lcoeYuanPerKWh: Type.Union([McStatsSchema, Type.Null()]),
      npvYuan: McStatsSchema,
      irrFrac: Type.Union([McStatsSchema, Type.Null()]),
      irrDraws: Type.Integer(),
      probabilityNpvPositive: Num,
    }, { description: "With a finance section: the whole plan's LCOE, NPV and IRR over the draws, and P(NPV > 0)" }),
  ),
});

const StageSchema = Type.Unsafe<Stage>({ type: 'string', enum: [...STAGES] });
const LabelPair = Type.Object({ en: Type.String(), zh: Type.String() });
const GapMeaningSchema = Type.Object({ years: Type.Integer(), mwPerYear: Num, growthRateFrac: NumOrNull });
const YearDistributionSchema = Type.Array(Type.Object({ year: YearOrNull, draws: Type.Integer(), probability: Num }));

/** A capacity target of the portfolio view (docs/portfolio.md). */
const PortfolioCapacityTargetViewSchema = Type.Object({
  kind: Type.Literal('capacity'),
  name: Type.String(),
  technologies: Type.Array(TechnologySchema),
  counts: Type.Union([Type.Literal('built-plus-under-construction'), Type.Literal('operating')]),
  year: Year,
  capacityMW: Num,
  includesUnnamed: Type.Boolean(),
  plannedMW: Num,
  expectedMW: Num,
  gapPlannedMW: Num,
  gapExpectedMW: Num,
  steps: Type.Array(Type.Object({ step: Type.String(), plannedMW: Num, expectedMW: Num })),
  gapPlanned: GapMeaningSchema,
  gapExpected: GapMeaningSchema,
  unnamedGrowthMW: Num,
  totalPlannedMW: Num,
  totalExpectedMW: Num,
  remainingPlannedMW: Num,
  remainingExpectedMW: Num,
  monteCarlo: Type.Optional(Type.Object({ draws: Type.Integer(), seed: Type.Integer(), probabilityMetFrac: Num, yearMetDistribution: YearDistributionSchema, capacityInTargetYearMW: McStatsSchema })),
});
const EnergyGapMeaningSchema = Type.Object({ years: Type.Integer(), mwPerYear: Num, growthRateFrac: NumOrNull, capacityMW: Num, fullLoadHours: Num });
/** An energy target of the portfolio view: the capacity target's fields in MWh, the gap also as capacity (docs/portfolio.md). */
const PortfolioEnergyTargetViewSchema = Type.Object({
  kind: Type.Literal('energy'),
  name: Type.String(),
  technologies: Type.Array(TechnologySchema),
  counts: Type.Literal('operating'),
  year: Year,
  energyMWh: Num,
  includesUnnamed: Type.Boolean(),
  plannedMWh: Num,
  expectedMWh: Num,
  gapPlannedMWh: Num,
  gapExpectedMWh: Num,
  steps: Type.Array(Type.Object({ step: Type.String(), plannedMWh: Num, expectedMWh: Num })),
  fullLoadHours: Num,
  gapPlanned: EnergyGapMeaningSchema,
  gapExpected: EnergyGapMeaningSchema,
  unnamedGrowthMWh: Num,
  totalPlannedMWh: Num,
  totalExpectedMWh: Num,
  remainingPlannedMWh: Num,
  remainingExpectedMWh: Num,
  monteCarlo: Type.Optional(Type.Object({ draws: Type.Integer(), seed: Type.Integer(), probabilityMetFrac: Num, yearMetDistribution: YearDistributionSchema, energyInTargetYearMWh: McStatsSchema })),
});

/** The page's portfolio view (GET /api/scenarios/:id/portfolio, POST /api/portfolio): the pipeline report of docs/portfolio.md, dates for the timeline, P(target met), labels. */
export const PortfolioViewSchema = Type.Object({
  scenario: Type.Object({ id: Type.String(), name: Type.String(), hash: Type.String(), region: Type.Optional(Type.String()) }),
  baseYear: Year,
  projects: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      stage: StageSchema,
      technology: TechnologySchema,
      capacityMW: Num,
      energyMWh: Type.Optional(Num),
      completionProbabilityFrac: Num,
      constructionStartYear: Year,
      plannedCommissioningYear: Year,
      expectedCommissioningYear: Num,
      meanDelayYears: Num,
      investmentYuan: Num,
      owner: Type.Optional(Type.String()),
      constructionStartDecimalYear: Num,
      commissioningDecimalYear: Num,
    }),
  ),
  years: Type.Array(
    Type.Object({
      year: Year,
      plannedCapacityMW: Num,
      expectedCapacityMW: Num,
      plannedOperatingMW: Num,
      expectedOperatingMW: Num,
      unnamedCapacityMW: Num,
      unnamedOperatingMW: Num,
      byTechnology: Type.Record(Type.String(), Type.Object({ plannedCapacityMW: Num, expectedCapacityMW: Num, plannedEnergyMWh: Type.Optional(Num), expectedEnergyMWh: Type.Optional(Num) })),
      byStage: Type.Record(Type.String(), Num),
    }),
  ),
  targets: Type.Array(Type.Union([PortfolioCapacityTargetViewSchema, PortfolioEnergyTargetViewSchema])),
  investmentYuan: Type.Object({
    total: Num,
    expected: Num,
    byStage: Type.Record(Type.String(), Num),
    byTechnology: Type.Record(Type.String(), Num),
    byYear: Type.Record(Type.String(), Num),
    signed: Type.Optional(Num),
    shareOfSignedFrac: Type.Optional(Num),
  }),
  warnings: Type.Array(Type.String()),
  stages: Type.Array(StageSchema),
  technologies: Type.Array(TechnologySchema),
  labels: Type.Object({ stages: Type.Record(Type.String(), LabelPair), technologies: Type.Record(Type.String(), LabelPair) }),
});

const Nums = Type.Array(Num);
const GeneratorKindSchema = Type.Unsafe<'pv' | 'wind' | 'other'>({ type: 'string', enum: ['pv', 'wind', 'other'] });

/**
 * A scenario's hourly system dispatched (`pvplan system FILE --format json`, docs/system.md): summary, curtailment by
 * month, the duration curve, the 12 × 24 heatmaps and the week with the most curtailment.
 */
export const SystemReportSchema = Type.Object({
  scenario: Type.Object({ file: Type.String({ description: 'File name inside the scenarios folder' }), name: Type.String() }),
  pvplanVersion: Type.String(),
  generation: Type.Object({ label: Type.String(), steps: Type.Integer(), stepHours: Num, utcOffsetHours: Num }),
  strategy: Type.Unsafe<'greedy' | 'optimal'>({ type: 'string', enum: ['greedy', 'optimal'] }),
  horizonHours: Type.Optional(Num),
  exportLimitMW: Num,
  storage: Type.Object({ powerMW: Num, energyMWh: Num, roundTripEfficiencyFrac: Num, socMinFrac: Num, socMaxFrac: Num, socInitialFrac: Num, selfDischargeFracPerHour: Num }),
  generationMWh: Num,
  deliveredMWh: Num,
  curtailedMWh: Num,
  curtailmentFrac: Num,
  chargedMWh: Num,
  dischargedMWh: Num,
  storageLossMWh: Num,
  equivalentFullCycles: Num,
  finalSocFrac: Num,
  revenueYuan: Type.Optional(Num),
  withoutStorage: Type.Object({ curtailedMWh: Num, curtailmentFrac: Num }, { description: 'Curtailment at the same limit without storage' }),
  monthly: Type.Object({ generationMWh: Nums, deliveredMWh: Nums, curtailedMWh: Nums, curtailmentFrac: Nums }, { description: 'January to December, on the local clock' }),
  durationCurve: Type.Object({
    exportLimitMW: Num,
    stepsAboveLimit: Type.Integer(),
    energyAboveLimitMWh: Num,
    generationMWByExceedancePercent: Type.Array(Num, { description: 'Generation exceeded during 0 %, 1 %, …, 100 % of the steps (101 points; the first is the largest)' }),
  }),
  heatmaps: Type.Object({
    curtailedMWh: Type.Array(Nums, { description: '12 months × 24 local hours: curtailed MWh summed' }),
    meanSocFrac: Type.Array(Nums, { description: '12 months × 24 local hours: mean state of charge, fraction of the energy capacity' }),
  }),
  week: Type.Object({
    start: Type.String({ description: 'ISO 8601 start of the week (the one with the most curtailment)' }),
    startStep: Type.Integer(),
    generators: Type.Array(Type.Object({ name: Type.String(), kind: GeneratorKindSchema, generationMW: Nums })),
    chargeMW: Nums,
    dischargeMW: Nums,
    exportMW: Nums,
    curtailedMW: Nums,
    socFrac: Nums,
  }),
  capacityMW: Num,
  generators: Type.Array(Type.Object({ name: Type.String(), kind: GeneratorKindSchema, capacityMW: Num, generationMWh: Num, fullLoadHours: Num })),
  loadServedMWh: Num,
  deliveredFullLoadHours: Num,
  planFullLoadHours: Num,
});

const FinanceMetricFields = {
  lcoeYuanPerKWh: NumOrNull,
  npvYuan: Num,
  irrFrac: NumOrNull,
  irrNote: Type.Optional(Type.String({ description: 'Why there is no IRR, or that the flows change sign more than once' })),
  paybackYears: NumOrNull,
  discountedPaybackYears: NumOrNull,
  totalCapexYuan: Num,
  abatementCostYuanPerTonneCo2: NumOrNull,
  abatementCostYuanPerTonneCoal: NumOrNull,
  capexYuanPerTonneCoalSaved: NumOrNull,
  lifetimeEnergyMWh: Num,
};
const CombinedFinanceSchema = Type.Object({
  assets: Type.Integer(),
  capacityMW: Num,
  ...FinanceMetricFields,
  capexByYearYuan: Type.Record(Type.String(), Num, { description: 'Construction capex by calendar year, real 元' }),
  lifetimeCoalTonnes: Num,
  lifetimeCo2Tonnes: Num,
  cashflows: Type.Array(
    Type.Object({ year: Type.Integer(), capexYuan: Num, opexYuan: Num, revenueYuan: Num, taxYuan: Num, netYuan: Num, cumulativeNetYuan: Num, energyMWh: Num, coalTonnes: Num, co2Tonnes: Num }),
    { description: 'Summed flows by calendar year, real money of the reference year' },
  ),
});

/** A scenario's finance (`pvplan finance FILE --format json`, docs/finance.md "Scenario finance"). */
export const FinanceReportSchema = Type.Object({
  pvplanVersion: Type.String(),
  scenario: Type.Object({ id: Type.String(), name: Type.String(), hash: Type.String() }),
  referenceYear: Type.Integer({ description: 'Every NPV is discounted to the end of this year, money real of this year' }),
  discountRateFrac: Num,
  inflationFrac: Num,
  capexByYear: Type.Array(Type.Object({ year: Type.Integer(), namedYuan: Num, aggregateYuan: Num, totalYuan: Num })),
  investment: Type.Object({ namedYuan: Num, aggregateYuan: Num, totalYuan: Num, signedYuan: Type.Optional(Num), namedShareOfSignedFrac: Type.Optional(Num) }),
  projects: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      technology: Type.Optional(Type.String()),
      capacityMW: Num,
      yearZero: Type.Optional(Type.Integer()),
      npvAtYearZeroYuan: Type.Optional(Num),
      ...FinanceMetricFields,
      cashflows: Type.Array(
        Type.Object({
          year: Type.Integer(), capexYuan: Num, opexYuan: Num, revenueYuan: Num, depreciationYuan: Num, interestYuan: Num, taxYuan: Num,
          debtServiceYuan: Num, netYuan: Num, equityNetYuan: Num, cumulativeNetYuan: Num, energyMWh: Num,
        }),
      ),
    }),
  ),
  byTechnology: Type.Record(Type.String(), CombinedFinanceSchema),
  portfolio: CombinedFinanceSchema,
  aggregate: CombinedFinanceSchema,
  total: CombinedFinanceSchema,
  warnings: Type.Array(WarningSchema),
});

// Compile-time guards: a field added to RunReport (or CompareSummary) without its schema fails `tsc` here.
type Equalish<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type DeepMutable<T> = T extends ReadonlyArray<infer U> ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
export type RunReportSchemaMatches = Assert<Equalish<DeepMutable<Omit<RunReport, 'target' | 'portfolio'>>, DeepMutable<Omit<Static<typeof RunReportSchema>, 'target' | 'portfolio'>>>>;
type PortfolioAsBuilt = DeepMutable<NonNullable<RunReport['portfolio']>>;
type PortfolioAsServed = DeepMutable<Static<typeof RunPortfolioSchema>>;
export type RunPortfolioSchemaMatches = Assert<
  [
    Equalish<PortfolioAsBuilt['technologies'], PortfolioAsServed['technologies']>,
    Equalish<keyof PortfolioAsBuilt['years'][number], keyof PortfolioAsServed['years'][number]>,
    Equalish<PortfolioAsBuilt['years'][number]['planned'], PortfolioAsServed['years'][number]['planned']>,
    Equalish<PortfolioAsBuilt['years'][number]['expected'], PortfolioAsServed['years'][number]['expected']>,
    Equalish<PortfolioAsBuilt['targets'], PortfolioAsServed['targets']>,
  ] extends [true, true, true, true, true]
    ? true
    : false
>;
type Keys<T> = T extends object ? keyof T : never;
export type McReportSchemaMatches = Assert<
  [
    Equalish<keyof McReport, keyof Static<typeof McReportSchema>>,
    Equalish<keyof McReport['years'][number], keyof Static<typeof McYearSchema>>,
    Equalish<Keys<NonNullable<McReport['target']>>, keyof Static<typeof McTargetSchema>>,
    Equalish<keyof McReport['inputs'], keyof Static<typeof McReportSchema>['inputs']>,
    Equalish<keyof McReport['inputs']['parameters'][number], keyof Static<typeof McReportSchema>['inputs']['parameters'][number]>,
  ] extends [true, true, true, true, true]
    ? true
    : false
>;
export type MetricSchemaMatches = Assert<Equalish<DeepMutable<Metric>, DeepMutable<Static<typeof RegistryMetricSchema>>>>;
export type SystemReportSchemaMatches = Assert<Equalish<DeepMutable<ScenarioSystemReport>, DeepMutable<Static<typeof SystemReportSchema>>>>;
export type CompareSummaryMatches = Assert<[DeepMutable<CompareSummary>] extends [Static<typeof CompareResponseSchema>['summary'][number]] ? true : false>;
export type PortfolioViewSchemaMatches = Assert<
  [
    Equalish<keyof PortfolioView, keyof Static<typeof PortfolioViewSchema>>,
    Equalish<keyof PortfolioView['projects'][number], keyof Static<typeof PortfolioViewSchema>['projects'][number]>,
    Equalish<keyof PortfolioView['targets'][number], keyof Static<typeof PortfolioViewSchema>['targets'][number]>,
    Equalish<keyof PortfolioView['years'][number], keyof Static<typeof PortfolioViewSchema>['years'][number]>,
  ] extends [true, true, true, true]
    ? true
    : false
>;
export type FinanceReportSchemaMatches = Assert<Equalish<DeepMutable<FinanceReport>, DeepMutable<Static<typeof FinanceReportSchema>>>>;
