/**
 * The scenario schema: the single source of truth for the TypeScript types (Static), the validator
 * (validate.ts walks it) and the published JSON Schema (`pvplan schema`, scenarios/scenario.schema.json).
 * Quantity fields are strings with units; their dimension is recorded in the `x-dimension` keyword.
 */
import Type, { type Static, type TOptional, type TSchema } from 'typebox';
import { COUNTED_METRICS, STAGES, TECHNOLOGIES } from '../core/portfolio/types.ts';
import type { Dimension } from './quantity.ts';

const QUANTITY_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*(万亿|万|亿)?\\s*\\S.*$';

const EXAMPLES: Readonly<Record<Dimension, string[]>> = {
  power: ['4.5 GW', '450万千瓦', '100 MW'],
  energy: ['1.135亿 kWh', '113.5 GWh'],
  duration: ['1135 h', '1135 kWh/kWp'],
  mass: ['4.58万吨', '45800 t'],
  intensity: ['403.5 g/kWh', '0.5703 t/MWh'],
  money: ['1.5亿元', '33000万元'],
  moneyPerPower: ['3.3元/W', '45元/kW'],
  moneyPerEnergy: ['0.3949元/kWh', '394.9 CNY/MWh'],
  moneyPerMass: ['60元/t'],
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

// Physical yield (`yield.model: physical`): site, array and weather for the PV model chain of src/core/pv-yield.ts.
// Angles, lengths and ratios have no unit dimension in the quantity parser, so they are plain numbers whose unit the
// description names (degrees, metres, hours); losses, efficiencies and γ are percentages like every fraction.

/** Where a physical-yield array is. */
export const PhysicalSiteSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (°, north positive)' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (°, east positive)' }),
    altitude: Type.Optional(Type.Number({ minimum: -500, maximum: 9000, description: 'Altitude above sea level (m); default 0' })),
    timezone: Type.Optional(Type.Number({ minimum: -12, maximum: 14, description: 'Local standard time ahead of UTC (h), e.g. 8 for China; default round(lon / 15)' })),
  },
  { additionalProperties: false, description: "Where the array is; with an EPW or TMY3 weather file it defaults to the file's header" },
);

const LossShare = (what: string, pvwattsDefault: string) => Type.Optional(Quantity('fraction', `${what} (PVWatts default ${pvwattsDefault}; 0 % when left out here)`));

/** The PVWatts system-loss categories (Dobos 2014, NREL/TP-6A20-62641, Table 2). */
export const PvLossCategoriesSchema = Type.Object(
  {
    soiling: LossShare('Soiling', '2 %'),
    shading: LossShare('Shading', '3 %'),
    snow: LossShare('Snow', '0 %'),
    mismatch: LossShare('Mismatch', '2 %'),
    wiring: LossShare('DC and AC wiring', '2 %'),
    connections: LossShare('Connections', '0.5 %'),
    lid: LossShare('Light-induced degradation', '1.5 %'),
    nameplate: LossShare('Nameplate rating', '1 %'),
    age: LossShare('Age', '0 %'),
    availability: LossShare('Availability', '3 %'),
  },
  { additionalProperties: false, description: 'System losses by PVWatts category, combined as 1 − Π(1 − loss)' },
);

/** `yield.preset`: run NREL's PVWatts v5 models instead of choosing the chain's models one by one. */
export const PhysicalPresetSchema = Type.Literal('pvwatts-v5', {
  description: "Reproduce NREL's PVWatts v5 (Dobos 2014): moduleType and arrayType choose its models; array.tilt, azimuth, gcr, dcAcRatio, inverterEfficiency, losses and albedo apply",
});
export const PvwattsModuleTypeSchema = Type.Union([Type.Literal('standard'), Type.Literal('premium'), Type.Literal('thin-film')], {
  description: 'preset pvwatts-v5: module type (γ −0.47, −0.35, −0.20 %/°C; premium has AR glass); default standard',
});
export const PvwattsArrayTypeSchema = Type.Union(
  [Type.Literal('fixed-open-rack'), Type.Literal('fixed-roof'), Type.Literal('one-axis'), Type.Literal('one-axis-backtracking'), Type.Literal('two-axis')],
  { description: 'preset pvwatts-v5: array type; for one-axis trackers array.tilt is the axis tilt and array.azimuth the axis azimuth; default fixed-open-rack' },
);

/** The array, its mounting and its inverter. */
export const PhysicalArraySchema = Type.Object(
  {
    mounting: Type.Optional(
      Type.Union([Type.Literal('fixed'), Type.Literal('single-axis'), Type.Literal('two-axis')], { description: "'fixed' rack (default), 'single-axis' tracker (horizontal axis, backtracking) or 'two-axis' tracker" }),
    ),
    tilt: Type.Optional(Type.Number({ minimum: 0, maximum: 90, description: 'Fixed rack: tilt from horizontal (°); required for a fixed rack' })),
    azimuth: Type.Optional(Type.Number({ minimum: 0, maximum: 360, description: 'Fixed rack: direction the modules face (° clockwise from north, 180 = south); default 180' })),
    gcr: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Tracker: ground coverage ratio, module width / row pitch; default 0.35' })),
    maxAngle: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 90, description: 'Tracker: rotation limit either side of horizontal (°); default 60' })),
    axisAzimuth: Type.Optional(Type.Number({ minimum: 0, maximum: 360, description: 'Tracker: direction the axis points (°); default 180, a north–south axis' })),
    backtrack: Type.Optional(Type.Union([Type.Literal(true), Type.Literal(false)], { description: 'Tracker: turn back so rows never shade each other; default true' })),
    dcAcRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 5, description: 'DC nameplate / AC nameplate (inverter loading ratio); default 1.2' })),
    inverterEfficiency: Type.Optional(Quantity('fraction', 'Nominal inverter efficiency (PVWatts η_nom); default 96 %')),
    gamma: Type.Optional(Quantity('fraction', 'Temperature coefficient of power, per °C; default -0.37 %')),
    temperatureModel: Type.Optional(Type.Union([Type.Literal('sapm'), Type.Literal('faiman')], { description: 'Cell-temperature model; default sapm' })),
    racking: Type.Optional(
      Type.Union(
        [Type.Literal('open-rack-glass-glass'), Type.Literal('close-mount-glass-glass'), Type.Literal('open-rack-glass-polymer'), Type.Literal('insulated-back-glass-polymer')],
        { description: 'SAPM racking and module construction (SAND2004-3535 Table 1); default open-rack-glass-glass' },
      ),
    ),
    transposition: Type.Optional(
      Type.Union([Type.Literal('isotropic'), Type.Literal('haydavies'), Type.Literal('perez')], { description: 'Sky-diffuse transposition model; default perez' }),
    ),
    aoiModel: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('physical'), Type.Literal('martin-ruiz')], { description: 'Incidence-angle modifier on the beam; default physical' }),
    ),
    decomposition: Type.Optional(Type.Union([Type.Literal('erbs'), Type.Literal('disc')], { description: 'GHI decomposition where DNI/DHI are missing; default erbs' })),
    albedo: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "Ground albedo (0–1) where the weather has none; default 0.2" })),
    losses: Type.Optional(
      Type.Union([Quantity('fraction', 'Total system losses on DC, e.g. 14 %'), PvLossCategoriesSchema], {
        description: 'System losses on DC before the inverter: one total, or the PVWatts categories; default the PVWatts categories (14.08 %)',
      }),
    ),
  },
  { additionalProperties: false, description: 'The PV array, its mounting and its inverter (PVWatts conventions)' },
);

const Monthly = (description: string, minimum: number, maximum: number) =>
  Type.Array(Type.Number({ minimum, maximum }), { minItems: 12, maxItems: 12, description: `${description}, 12 values from January` });

/** Weather for the physical model: a file, or a synthetic year from monthly GHI means. */
export const PhysicalWeatherSchema = Type.Object(
  {
    file: Type.Optional(Type.String({ minLength: 1, description: 'EPW, NREL TMY3, SAM CSV (NSRDB), PVGIS TMY (csv/json) or weather CSV file, relative to the scenario file that names it' })),
    format: Type.Optional(
      Type.Union([Type.Literal('epw'), Type.Literal('tmy3'), Type.Literal('csv'), Type.Literal('sam-csv'), Type.Literal('pvgis')], { description: 'Read the file as this format instead of detecting it' }),
    ),
    dniDhi: Type.Optional(
      Type.Union([Type.Literal('file'), Type.Literal('decompose')], { description: "With a file: use its DNI and DHI ('file', default) or split its GHI by the decomposition model ('decompose')" }),
    ),
    monthlyGhi: Type.Optional(Monthly('Synthetic year: monthly mean daily GHI (kWh/m²/day)', 0, 12)),
    tempAir: Type.Optional(Type.Union([Type.Number({ minimum: -60, maximum: 60 }), Monthly('Air temperature (°C)', -60, 60)], { description: 'Synthetic year: air temperature (°C), one value or 12 monthly means; default 15' })),
    windSpeed: Type.Optional(Type.Number({ minimum: 0, maximum: 40, description: 'Synthetic year: wind speed (m/s); default 1' })),
    linkeTurbidity: Type.Optional(Type.Union([Type.Number({ minimum: 1, maximum: 10 }), Monthly('Linke turbidity', 1, 10)], { description: 'Synthetic year: Linke turbidity of the clear-sky shape, one value or 12; default 3' })),
    variability: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'Synthetic year: coefficient of variation of the daily clearness (0 = every day of a month alike, default)' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Synthetic year: seed of the daily variability; default 1' })),
    source: Type.Optional(Type.String({ description: 'Where the weather or the monthly values come from' })),
  },
  { additionalProperties: false, description: "Weather for the physical model: 'file', or a synthetic year from 'monthlyGhi'" },
);

// The hourly system (issue 13): generators behind one grid connection, storage, the export limit (docs/system.md).
// Heights and the roughness are plain numbers in metres, as in the physical yield section; checked when resolved.

/** Wind weather of a wind farm: an EPW, TMY3 or wind CSV (`time,wind_speed[,temp_air][,pressure]`) and its height. */
export const WindWeatherSchema = Type.Object(
  {
    file: Type.String({ minLength: 1, description: 'EPW, NREL TMY3 or wind CSV file (time,wind_speed[,temp_air][,pressure]), relative to the scenario file that names it' }),
    format: Type.Optional(Type.Union([Type.Literal('epw'), Type.Literal('tmy3'), Type.Literal('csv')], { description: 'Read the file as this format instead of detecting it' })),
    height: Type.Optional(Type.Number({ description: 'Height of the wind data above ground (m); default 10 (EPW, TMY3)' })),
    source: Type.Optional(Type.String({ description: 'Where the wind series comes from and why it stands for the site' })),
  },
  { ...strict, description: 'Wind series for the wind chain' },
);

const PowerCurvePoint = Type.Object(
  { windSpeed: Type.Number({ description: 'Wind speed at hub height (m/s)' }), power: Type.Number({ description: 'Power at 1.225 kg/m³ (kW)' }) },
  strict,
);

/** The wind chain of docs/wind.md (windpowerlib ModelChain conventions), as a scenario writes it. */
export const WindChainFields = {
  turbine: Type.Optional(Type.String({ description: 'A turbine of the library (pvplan wind --list-turbines), e.g. V112/3075' })),
  powerCurve: Type.Optional(
    Type.Union([Type.String({ minLength: 1, description: 'CSV file wind_speed_m_per_s,power_kw' }), Type.Array(PowerCurvePoint, { minItems: 2, description: 'Points, wind speed increasing' })], {
      description: 'A custom power curve instead of a library turbine: a CSV file or inline points',
    }),
  ),
  hubHeight: Type.Number({ description: 'Hub height above ground (m); at or above the wind data height' }),
  roughness: Type.Optional(Type.Number({ description: 'Log law: roughness length z0 (m), above 0 and below the data height; default 0.1' })),
  shearExponent: Type.Optional(Type.Number({ description: 'Power law (Hellmann) exponent α instead of the log law' })),
  densityModel: Type.Optional(Type.Union([Type.Literal('barometric'), Type.Literal('ideal-gas')], { description: 'Air density model; default barometric' })),
  densityCorrection: Type.Optional(Type.Union([Type.Literal(true), Type.Literal(false)], { description: 'Density-corrected power curve (IEC 61400-12-1); default false' })),
  losses: Type.Optional(Quantity('fraction', 'Wake and other losses; default 0 %')),
  availability: Type.Optional(Quantity('fraction', 'Availability; default 100 %')),
  weather: WindWeatherSchema,
};

const GeneratorName = Type.String({ minLength: 1, description: 'Name shown in the week view' });

/** One generator behind the connection. */
export const SystemGeneratorSchema = Type.Union(
  [
    Type.Object(
      {
        name: GeneratorName,
        kind: Type.Literal('pv', { description: 'PV array: hourly output from the physical chain (site, array, weather as in yield.model: physical)' }),
        capacity: Quantity('power', 'DC nameplate capacity (kWp as the plan counts it)'),
        site: Type.Optional(PhysicalSiteSchema),
        array: PhysicalArraySchema,
        weather: PhysicalWeatherSchema,
        fullLoadHours: Type.Optional(Quantity('duration', "Scale the chain's hourly profile to these full-load hours a year (e.g. the plan's 1135 h); default the chain's own")),
      },
      { ...strict, description: 'A PV array' },
    ),
    Type.Object(
      {
        name: GeneratorName,
        kind: Type.Literal('wind', { description: 'Wind farm: hourly output from the wind chain (docs/wind.md)' }),
        count: Type.Optional(Type.Integer({ minimum: 1, description: 'Number of turbines (capacity = count × rated power)' })),
        capacity: Type.Optional(Quantity('power', 'Farm capacity (alternative to count)')),
        ...WindChainFields,
      },
      { ...strict, description: 'A wind farm' },
    ),
    Type.Object(
      {
        name: GeneratorName,
        kind: Type.Literal('other', { description: 'A given hourly generation file (time,generation_mw)' }),
        capacity: Quantity('power', 'Nameplate capacity the file belongs to (the plan scales per MW of it)'),
        file: Type.String({ minLength: 1, description: 'CSV file time,generation_mw, relative to the scenario file' }),
      },
      { ...strict, description: 'A generator given by its hourly output' },
    ),
  ],
  { description: 'A generator: pv, wind or other', 'x-discriminator': 'kind' },
);

/** Storage at the connection: power and energy, or the sizing rule "ratio of capacity, hours". */
export const SystemStorageSchema = Type.Object(
  {
    power: Type.Optional(UncertainQuantity('power', 'Charge and discharge power')),
    energy: Type.Optional(UncertainQuantity('energy', 'Energy capacity')),
    ratio: Type.Optional(UncertainQuantity('fraction', "Sizing rule: power as a share of the generating capacity, e.g. '10 %' (Shandong's pairing rule)")),
    hours: Type.Optional(UncertainQuantity('duration', "Sizing rule: energy = power × hours, e.g. '2 h'")),
    roundTripEfficiency: Type.Optional(Quantity('fraction', 'Round-trip efficiency η in (0, 100 %], split √η on charge and discharge; default 90 %')),
    socMin: Type.Optional(Quantity('fraction', 'Lowest state of charge; default 10 %')),
    socMax: Type.Optional(Quantity('fraction', 'Highest state of charge; default 100 %')),
    socInitial: Type.Optional(Quantity('fraction', 'State of charge at the start; default 50 %')),
    selfDischarge: Type.Optional(Quantity('fraction', "Share of the energy above the SOC minimum lost per hour, e.g. '0.01 %' (per hour); default 0 %")),
  },
  { ...strict, description: "Storage: 'power' and 'energy', or 'ratio' and 'hours' of the generating capacity" },
);

/** The hourly energy system behind one grid connection (docs/system.md). */
export const SystemSchema = Type.Object(
  {
    generators: Type.Array(SystemGeneratorSchema, { minItems: 1, description: 'PV arrays, wind farms and given series, aligned step by step (the clock is the first one\'s)' }),
    load: Type.Optional(Type.String({ minLength: 1, description: 'CSV file time,load_mw: local demand served before export' })),
    exportLimit: UncertainQuantity('power', 'Export limit at the grid connection'),
    storage: Type.Optional(SystemStorageSchema),
    strategy: Type.Optional(Type.Union([Type.Literal('greedy'), Type.Literal('optimal')], { description: "Dispatch shown by pvplan system: 'greedy' (default) or 'optimal' (perfect-foresight LP); the plan's yield always uses greedy (docs/system.md)" })),
    horizon: Type.Optional(Quantity('duration', "optimal: rolling horizon, e.g. '48 h'")),
    prices: Type.Optional(Type.String({ minLength: 1, description: 'CSV file time,price_yuan_per_mwh, one row per generation step' })),
    windSpeedScale: Type.Optional(UncertainQuantity('fraction', "Multiplier of every wind farm's hub-height wind speed (100 % = as read); an uncertain input of mc and sensitivity")),
    source: Type.Optional(Type.String({ description: 'Where the figures come from, and which are assumptions' })),
  },
  { ...strict, description: 'The hourly energy system behind one grid connection: generators, storage and the export limit (docs/system.md)' },
);

// The portfolio (issue 12): named projects, their pipeline stages and targets by technology group (docs/portfolio.md).

/** A union of string literals from a list, typed as their union (TypeBox infers `never` from a mapped array). */
function Literals<T extends string>(values: readonly T[], options: { description: string }) {
  return Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), options));
}

const TechnologyName = Literals(
  TECHNOLOGIES,
  { description: 'Technology: pv-utility, pv-distributed (rooftop), pv-offshore, wind-onshore, wind-offshore or storage' },
);
const StageName = Literals(
  STAGES,
  { description: 'Pipeline stage: prospect (在谈), signed (签约), approved (核准/备案), under-construction (在建), operating (在运), cancelled' },
);

/** A year (2024: its middle) or a date 'YYYY-MM' / 'YYYY-MM-DD' (the middle of that month or day). */
const YearOrDate = (description: string) =>
  Type.Union([Year(`${description}: a year (counted as its middle)`), Type.String({ pattern: '^[12][0-9]{3}-[01][0-9](-[0-3][0-9])?$', description: `${description}: a date 'YYYY-MM-DD' or a month 'YYYY-MM'` })], {
    description: `${description} (a year, or a date 'YYYY-MM-DD'; a period counts as its middle)`,
  });

const yearsNumber = (description: string) => Type.Number({ minimum: 0, maximum: 50, description: `${description} (years)` });
const delayThree = { min: yearsNumber('Minimum'), mode: yearsNumber('Most likely'), max: yearsNumber('Maximum') };

/** A delay in years, fixed or a distribution; never negative: a project can slip, not come early. */
export const DelayYearsSchema = Type.Union(
  [
    Type.Number({ minimum: 0, maximum: 50, description: 'A fixed delay (years)' }),
    Type.Object({ triangular: Type.Object(delayThree, strict) }, strict),
    Type.Object({ pert: Type.Object({ ...delayThree, lambda: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Shape weight (default 4)' })) }, strict) }, strict),
    Type.Object({ uniform: Type.Object({ min: yearsNumber('Minimum'), max: yearsNumber('Maximum') }, strict) }, strict),
    Type.Object({ lognormal: Type.Object({ mean: Type.Number({ exclusiveMinimum: 0, description: 'Mean delay (years)' }), sd: yearsNumber('Standard deviation') }, strict) }, strict),
    Type.Object(
      { discrete: Type.Object({ values: Type.Array(yearsNumber('A possible delay'), { minItems: 1 }), weights: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1, description: 'Relative weights, one per value' }) }, strict) },
      strict,
    ),
  ],
  { description: 'Delay of both planned dates, years: a number, or a triangular, pert, uniform, lognormal or discrete distribution (non-negative)' },
);

const StageOverride = Type.Object(
  {
    completionProbability: Type.Optional(Quantity('fraction', 'Probability a project of this stage is built, e.g. 50 %')),
    delayYears: Type.Optional(DelayYearsSchema),
  },
  { ...strict, description: "A stage's default completion probability and delay" },
);

/**
 * A project's yield: given full-load hours, or (wind-onshore, wind-offshore) the wind chain of docs/wind.md with the
 * fields of a system's wind farm (turbine or powerCurve, hubHeight, weather, …). Which one applies is checked with
 * the project (src/scenario/projects.ts), so each message names the field.
 */
export const ProjectYieldSchema = Type.Object(
  {
    fullLoadHours: Type.Optional(Quantity('duration', 'Full-load hours a year of the new plant, e.g. 1135 h')),
    ...(Object.fromEntries(Object.entries(WindChainFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof WindChainFields]: TOptional<(typeof WindChainFields)[K]> }),
  },
  { ...strict, description: "Yield override (default: the technology's): fullLoadHours, or for a wind project the wind chain (turbine, hubHeight, weather; docs/wind.md)" },
);

/** One named project. */
export const ProjectSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Unique id, e.g. datang-100mw' }),
    name: Type.Optional(Type.String({ description: 'Display name' })),
    technology: TechnologyName,
    capacity: Quantity('power', 'Rated power'),
    energy: Type.Optional(Quantity('energy', 'Storage: energy capacity, e.g. 400 MWh (required for storage)')),
    stage: StageName,
    constructionStart: YearOrDate('Planned construction start'),
    commissioning: YearOrDate('Planned commissioning (start of operation)'),
    investment: Type.Optional(Quantity('money', 'Total investment, e.g. 70亿元')),
    completionProbability: Type.Optional(Quantity('fraction', "Probability the project is built (default: its stage's)")),
    delayYears: Type.Optional(DelayYearsSchema),
    yield: Type.Optional(ProjectYieldSchema),
    location: Type.Optional(Type.String({ description: 'Where it is' })),
    owner: Type.Optional(Type.String({ description: 'Developer or owner (groups correlated draws when pipeline.correlation.by is owner)' })),
    source: Type.Optional(Type.String({ description: 'Where the figures come from, and which are assumptions' })),
  },
  { ...strict, description: 'A named project of the portfolio' },
);

/** Stage defaults, correlation and the amount signed. */
export const PipelineSchema = Type.Object(
  {
    stages: Type.Optional(Type.Object(Object.fromEntries(STAGES.map((st) => [st, Type.Optional(StageOverride)])), { ...strict, description: 'Per-stage defaults (docs/portfolio.md gives the built-in ones)' })),
    correlation: Type.Optional(
      Type.Object(
        {
          by: Type.Union([Type.Literal('stage'), Type.Literal('owner')], { description: 'Projects of one stage, or of one owner, succeed or slip together' }),
          rank: Type.Number({ minimum: 0, maximum: 1, description: 'Spearman rank correlation within a group (0 = independent)' }),
        },
        { ...strict, description: 'Correlated completion and delay in pvplan mc (Gaussian copula)' },
      ),
    ),
    signedInvestment: Type.Optional(Quantity('money', 'Investment signed, to compare the named projects with, e.g. 153.2亿元')),
  },
  { ...strict, description: 'How the pipeline is judged' },
);

/** A capacity or an energy target on a group of technologies (exactly one of `capacity` and `energy`: portfolio-sections.ts checks it with the field's line). */
export const PortfolioTargetSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Display name' })),
    technologies: Type.Array(TechnologyName, { minItems: 1, description: 'Technologies the target counts (storage never: it produces no energy)' }),
    capacity: Type.Optional(Quantity('power', "Capacity to reach, e.g. 450万千瓦 (give either 'capacity' or 'energy')")),
    energy: Type.Optional(Quantity('energy', "Energy a year to produce in the target year, e.g. 1.135亿 kWh or 5000 GWh (give either 'capacity' or 'energy'; counts operating plants only)")),
    year: Year('Target year'),
    counts: Type.Optional(
      Literals(COUNTED_METRICS, { description: 'built-plus-under-construction (在建+在运, default for a capacity target) or operating (在运; always, and the default, for an energy target)' }),
    ),
    includeUnnamed: Type.Optional(
      Type.Union([Type.Literal(true), Type.Literal(false)], { description: 'Count the aggregate plan (baseline + growth, PV) too; default: when the target counts a PV technology' }),
    ),
  },
  { ...strict, description: 'A capacity target or an energy target' },
);

// Finance (issue 14): costs per technology, per project and for the aggregate path; tariffs; discounting, tax and
// debt. The names are the quick form's flags (`pvplan finance --capex …`) in camelCase (docs/finance.md).

const Whole = (min: number, max: number, description: string) => Type.Integer({ minimum: min, maximum: max, description });

const FinanceTariff = Type.Union(
  [
    UncertainQuantity('moneyPerEnergy', "A fixed tariff, e.g. '0.3949元/kWh' (a distribution scales every tariff of the plan in mc and sensitivity)"),
    YearSeriesOf('moneyPerEnergy', 'Tariff by calendar year'),
    Type.Object({ preset: Type.String({ description: "A tariff preset id (see `pvplan finance --presets --kind tariff`), e.g. 'cn-shandong-coal-benchmark'" }) }, strict),
    Type.Literal('system', { description: "The export-weighted average of the system section's hourly prices (system.prices)" }),
  ],
  { description: "Tariff: a fixed price, a price by calendar year, a preset, or 'system' (default: Shandong's coal benchmark 0.3949元/kWh)" },
);

/** Costs, life and revenue of a technology, a project or the aggregate path. */
const financeCostFields = {
  capex: Type.Optional(
    Type.Union(
      [
        UncertainQuantity('moneyPerPower', "Capital cost per power, e.g. '3.3元/W' or '3300元/kW'"),
        Quantity('money', "Total capital cost, e.g. '4.13亿元' (a project only)"),
        Quantity('moneyPerEnergy', "Storage: capital cost per energy capacity, e.g. '1.5元/Wh'"),
        YearSeriesOf('moneyPerPower', 'Capital cost per power by calendar year of construction start (the aggregate path)'),
      ],
      { description: "Capital cost in real money of the base year: per W ('3.3元/W'), in total ('4.13亿元'), per Wh for storage, or per W by year; default for a project: its investment" },
    ),
  ),
  constructionYears: Type.Optional(Whole(1, 20, 'Construction years k; capex is spread evenly over years −(k−1)…0 (default: the project\'s construction start to commissioning; the aggregate path: max(1, constructionLagYears))')),
  opex: Type.Optional(Type.Union([Quantity('moneyPerPower', "Fixed O&M per kW and year, e.g. '45元/kW'"), Quantity('money', "Fixed O&M in total per year, e.g. '450万元' (a project only)")], { description: 'Fixed O&M in operating year 1 (default 0)' })),
  variableOpex: Type.Optional(Quantity('moneyPerEnergy', "Variable O&M per energy delivered, e.g. '5元/MWh' (default 0)")),
  opexEscalation: Type.Optional(Quantity('fraction', 'Real yearly escalation of O&M (default 0 %)')),
  replacements: Type.Optional(Type.Array(Type.String({ pattern: '@', description: "COST@YEAR as in the quick form: '0.1元/W@12' (inverter), '800万元@12'" }), { description: 'Replacements and augmentations: cost at an operating year' })),
  lifetime: Type.Optional(Whole(1, 60, "Operating years (default: the technology's, or capacity.lifetimeYears for the aggregate path)")),
  degradation: Type.Optional(Quantity('fraction', "Yearly degradation of delivered energy (default: the technology's; the aggregate path uses yield.degradation)")),
  tariff: Type.Optional(FinanceTariff),
  tariffEscalation: Type.Optional(Quantity('fraction', 'Real yearly escalation of a fixed tariff (default 0 %)')),
  subsidy: Type.Optional(Quantity('moneyPerEnergy', "Subsidy or green-certificate income per energy, e.g. '10元/MWh'")),
  carbonPrice: Type.Optional(Quantity('moneyPerMass', "Carbon price per t CO2, e.g. '60元/t' (income on savings.co2)")),
};

const FinanceCosts = (description: string) => Type.Object(financeCostFields, { ...strict, description });

export const FinanceSchema = Type.Object(
  {
    ...financeCostFields,
    discountRate: UncertainQuantity('fraction', "Real discount rate, e.g. '6 %'"),
    inflation: Type.Optional(Quantity('fraction', 'General inflation: cash flows become nominal (default 0 %)')),
    incomeTax: Type.Optional(Quantity('fraction', 'Income tax rate (default 0 %)')),
    depreciationYears: Type.Optional(Whole(1, 60, 'Straight-line depreciation years from year 1 (default: the lifetime)')),
    taxHoliday: Type.Optional(Whole(0, 60, 'First operating years without income tax (default 0)')),
    debtFraction: Type.Optional(Quantity('fraction', 'Debt share of the construction capex (default 0 %)')),
    debtRate: Type.Optional(Quantity('fraction', 'Debt interest rate, nominal')),
    debtTenor: Type.Optional(Whole(1, 60, 'Years of equal annual debt payments from year 1')),
    counterfactual: Type.Optional(Quantity('moneyPerEnergy', "The counterfactual's cost for the abatement cost (default 0.3949元/kWh)")),
    technologies: Type.Optional(
      Type.Object(Object.fromEntries(TECHNOLOGIES.map((t) => [t, Type.Optional(FinanceCosts(`Defaults of ${t} projects`))])), { ...strict, description: 'Defaults by technology' }),
    ),
    projects: Type.Optional(Type.Record(Type.String({ minLength: 1 }), FinanceCosts('Overrides of one named project (by its id)'), { description: 'Overrides by project id' })),
    unnamed: Type.Optional(FinanceCosts('Costs of the aggregate path (baseline + growth): each year\'s new capacity is a cohort of its own')),
    source: Type.Optional(Type.String({ description: 'Where the figures come from, and which are assumptions' })),
  },
  { ...strict, description: 'Project finance of the plan: capex, O&M, tariff, discounting, tax and debt (docs/finance.md)' },
);

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
            operating: Type.Optional(Quantity('power', 'Of the baseline, operating at the end of the base year (default: all of it); not together with capacity.history, which sets the cohorts')),
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
        model: Type.Union([Type.Literal('full-load-hours'), Type.Literal('capacity-factor'), Type.Literal('specific-yield'), Type.Literal('physical'), Type.Literal('system')], {
          description: "How yearly yield of a new plant is given; physical: computed from site, array and weather (docs/pv-yield.md); system: the delivered energy per MW of the 'system' section (docs/system.md)",
        }),
        value: Type.Optional(
          Type.Union([UncertainQuantity('duration', 'Yield value'), UncertainQuantity('fraction', 'Yield value'), YearSeriesOf('duration', 'Yield value'), YearSeriesOf('fraction', 'Yield value')], {
            description: "full-load-hours: '1135 h'; capacity-factor: '13 %'; specific-yield: '1135 kWh/kWp'; or a year → value series (required except for physical)",
          }),
        ),
        preset: Type.Optional(PhysicalPresetSchema),
        moduleType: Type.Optional(PvwattsModuleTypeSchema),
        arrayType: Type.Optional(PvwattsArrayTypeSchema),
        site: Type.Optional(PhysicalSiteSchema),
        array: Type.Optional(PhysicalArraySchema),
        weather: Type.Optional(PhysicalWeatherSchema),
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
    projects: Type.Optional(Type.Array(ProjectSchema, { description: 'Named projects (docs/portfolio.md); the capacity path above is what is not named' })),
    pipeline: Type.Optional(PipelineSchema),
    targets: Type.Optional(Type.Array(PortfolioTargetSchema, { description: 'Capacity or energy targets by technology group (capacity.target counts as one on PV when this is left out)' })),
    system: Type.Optional(SystemSchema),
    finance: Type.Optional(FinanceSchema),
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
export type PhysicalSiteSpec = Static<typeof PhysicalSiteSchema>;
export type PhysicalArraySpec = Static<typeof PhysicalArraySchema>;
export type PhysicalWeatherSpec = Static<typeof PhysicalWeatherSchema>;
export type ProjectSpec = Static<typeof ProjectSchema>;
export type DelayYearsSpec = Static<typeof DelayYearsSchema>;
export type PipelineSpec = Static<typeof PipelineSchema>;
export type PortfolioTargetSpec = Static<typeof PortfolioTargetSchema>;
export type SystemSpec = Static<typeof SystemSchema>;
export type SystemGeneratorSpec = Static<typeof SystemGeneratorSchema>;
export type WindWeatherSpec = Static<typeof WindWeatherSchema>;
export type FinanceSpec = Static<typeof FinanceSchema>;

/** The published JSON Schema (draft 2020-12) for editors and other tools. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...(JSON.parse(JSON.stringify(ScenarioSchema)) as Record<string, unknown>) };
}

export type { TSchema };
