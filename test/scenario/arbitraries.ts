/**
 * fast-check arbitraries of scenario documents as written (the shape of src/scenario/schema.ts): every growth
 * model, constants and year series, SI and Chinese units, factor presets and explicit factors, optional fields
 * present or absent, a few distributions. `validScenarioArb` respects every cross-field rule of resolve.ts;
 * `invalidScenarioArb` breaks one rule of a valid scenario (wrong dimension, unknown key, negative value,
 * percentage above 100 %, end before start, wrong type).
 */
import fc from 'fast-check';

export type Doc = Record<string, unknown>;

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** A number as a planner would write it (at most 6 significant digits). */
const nice = (x: number) => String(Number(x.toPrecision(6)));

/** A power of `mw` MW written in one of several units. */
function powerText(mw: number, style: number): string {
  switch (style % 5) {
    case 0:
      return `${nice(mw)} MW`;
    case 1:
      return `${nice(mw / 10)}万千瓦`;
    case 2:
      return `${nice(mw / 1000)} GW`;
    case 3:
      return `${nice(mw * 1000)} kW`;
    default:
      return `${nice(mw)}兆瓦`;
  }
}

const pct = (frac: number) => `${nice(frac * 100)} %`;

const COAL_PRESETS = ['cn-rule-of-thumb', 'cn-coal-supply-cec', 'article-datang-2022'];
const CO2_PRESETS = ['cn-rule-of-thumb', 'cn-grid-ets-2022', 'cn-electricity-2022-mee-nbs', 'cn-electricity-mee-nbs', 'cn-electricity-residual-mee-nbs', 'cn-fossil-electricity-mee-nbs'];

/** A constant or a year series (1–3 points in [y0, y1]) of values written by `text`. */
function constantOrSeries(values: fc.Arbitrary<number>, text: (x: number) => string, y0: number, y1: number): fc.Arbitrary<unknown> {
  const series = fc
    .uniqueArray(fc.record({ year: fc.integer({ min: y0, max: y1 }), value: values }), { minLength: 1, maxLength: 3, selector: (p) => p.year })
    .map((ps) => Object.fromEntries(ps.map((p) => [String(p.year), text(p.value)])));
  return fc.oneof(values.map(text), series);
}

function factorArb(presets: readonly string[], values: fc.Arbitrary<number>, text: (tPerMWh: number) => string, y0: number, y1: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...presets).map((preset) => ({ preset })),
    constantOrSeries(values, text, y0, y1),
    // A distribution around a central value, well inside the valid range (≥ 0).
    values.map((x) => ({ triangular: { min: text(x * 0.9), mode: text(x), max: text(x * 1.1) } })),
  );
}

const MODELS = ['cagr', 'linear', 'logistic', 'additions', 'milestones', 'trend', 'formula'] as const;

/** Valid scenario documents. */
export const validScenarioArb: fc.Arbitrary<Doc> = fc
  .record({
    baseYear: fc.integer({ min: 2000, max: 2040 }),
    startOffset: fc.integer({ min: 0, max: 2 }),
    span: fc.integer({ min: 1, max: 30 }),
    baselineMW: num(1, 20000),
    style: fc.nat(),
    operatingShare: fc.option(num(0, 1), { nil: undefined }),
    historyLength: fc.option(fc.integer({ min: 3, max: 6 }), { nil: undefined }),
    historyGrowth: num(0.05, 0.8),
    model: fc.constantFrom(...MODELS),
    solve: fc.boolean(),
    rate: num(-0.1, 0.8),
    multiple: num(1.05, 5),
    targetOffset: fc.nat(),
    fromOffset: fc.option(fc.nat(), { nil: undefined }),
    untilExtra: fc.option(fc.nat(), { nil: undefined }),
    after: fc.option(num(-0.05, 0.1), { nil: undefined }),
    saturationMultiple: num(1.05, 3),
    steepness: fc.option(num(0.05, 3), { nil: undefined }),
    listed: fc.array(fc.record({ offset: fc.nat(), mw: num(0, 5000) }), { minLength: 1, maxLength: 5 }),
    trendFit: fc.constantFrom('exponential', 'logistic'),
    giveSaturation: fc.boolean(),
    energyTarget: fc.option(num(1, 1e7), { nil: undefined }),
    coalTarget: fc.option(num(1, 1e6), { nil: undefined }),
    cap: fc.boolean(),
    lag: fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant({ discrete: { values: [0, 1, 2], weights: [1, 2, 1] } })), { nil: undefined }),
    lifetime: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    yieldModel: fc.constantFrom('full-load-hours', 'capacity-factor', 'specific-yield'),
    yieldSeries: fc.boolean(),
    yieldPoints: fc.uniqueArray(fc.record({ offset: fc.integer({ min: -3, max: 35 }), x: num(0.1, 1) }), { minLength: 1, maxLength: 3, selector: (p) => p.offset }),
    degradation: fc.option(
      fc.record({ firstYear: fc.option(num(0, 0.05), { nil: undefined }), annual: fc.option(num(0, 0.03), { nil: undefined }), mode: fc.option(fc.constantFrom('linear', 'compounding'), { nil: undefined }) }),
      { nil: undefined },
    ),
    availability: fc.option(fc.oneof(num(0.5, 1).map(pct), fc.constant({ triangular: { min: '95 %', mode: '98 %', max: '100 %' } })), { nil: undefined }),
    withCurtailment: fc.boolean(),
    commissioning: fc.option(fc.constantFrom('mid-year', 'full-year', 'year-end'), { nil: undefined }),
    withSo2: fc.boolean(),
    region: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  })
  .chain((r) => {
    const end = r.baseYear + r.startOffset + r.span;
    return fc
      .record({
        curtailment: constantOrSeries(num(0, 0.3), pct, r.baseYear - 2, end + 2),
        coal: factorArb(COAL_PRESETS, num(0.25, 0.45), (t) => (r.style % 2 === 0 ? `${nice(t * 1000)} g/kWh` : `${nice(t)} t/MWh`), r.baseYear - 2, end + 2),
        co2: factorArb(CO2_PRESETS, num(0.3, 1), (t) => (r.style % 3 === 0 ? `${nice(t)} kg/kWh` : `${nice(t)} t/MWh`), r.baseYear - 2, end + 2),
        so2: fc.oneof(fc.constant({ preset: 'cn-rule-of-thumb' }), num(0, 0.05).map((t) => `${nice(t)} kg/kWh`)),
      })
      .map((f) => ({ r, f, end }));
  })
  .map(({ r, f, end }): Doc => {
    const baseYear = r.baseYear;
    const start = baseYear + r.startOffset;
    const baselineText = powerText(r.baselineMW, r.style);
    const targetYear = baseYear + 1 + (r.targetOffset % (end - baseYear));
    const targetMW = r.baselineMW * r.multiple;
    // A strictly growing history that ends at the baseline in the base year (needed by trend; ages cohorts otherwise).
    const historyLength = r.model === 'trend' ? (r.historyLength ?? 3) : r.historyLength;
    const history =
      historyLength === undefined
        ? undefined
        : Object.fromEntries(
            Array.from({ length: historyLength }, (_, i) => {
              const yearsBack = historyLength - 1 - i;
              const text = yearsBack === 0 ? baselineText : `${nice(r.baselineMW / Math.pow(1 + r.historyGrowth, yearsBack))} MW`;
              return [String(baseYear - yearsBack), text];
            }),
          );
    const listed = Object.fromEntries(r.listed.map((p) => [String(baseYear + 1 + (p.offset % (end - baseYear))), `${nice(p.mw)} MW`]));
    let growth: Doc;
    let needsTarget = false;
    switch (r.model) {
      case 'cagr':
      case 'linear': {
        needsTarget = r.solve;
        const step = r.model === 'cagr' ? { rate: pct(r.rate) } : { additionsPerYear: `${nice(Math.max(0, r.rate) * r.baselineMW)} MW` };
        const from = r.fromOffset === undefined ? undefined : baseYear + (r.fromOffset % (r.solve ? targetYear - baseYear : end - baseYear + 1));
        const untilMin = r.solve ? targetYear : (from ?? baseYear) + 1;
        const until = r.untilExtra === undefined || untilMin > end ? undefined : untilMin + (r.untilExtra % (end - untilMin + 1));
        growth = { model: r.model, ...(r.solve ? {} : step), ...(from === undefined ? {} : { from }), ...(until === undefined ? {} : { until }), ...(r.after === undefined ? {} : { after: pct(r.after) }) };
        break;
      }
      case 'logistic':
        needsTarget = r.steepness === undefined;
        growth = { model: 'logistic', saturation: `${nice(targetMW * r.saturationMultiple)} MW`, ...(r.steepness === undefined ? {} : { steepness: r.steepness }) };
        break;
      case 'additions':
        growth = { model: 'additions', additions: listed };
        break;
      case 'milestones':
        growth = { model: 'milestones', points: listed };
        break;
      case 'trend':
        growth = { model: 'trend', fit: r.trendFit, ...(r.trendFit === 'logistic' && r.giveSaturation ? { saturation: `${nice(r.baselineMW * 2 * r.saturationMultiple)} MW` } : {}) };
        break;
      case 'formula':
        growth = { model: 'formula', expression: `${nice(r.baselineMW)} MW * ${nice(1 + r.rate)}^(year - ${baseYear})` };
        break;
    }
    const wantTarget = needsTarget || r.energyTarget !== undefined || r.solve;
    const target = wantTarget
      ? {
          year: targetYear,
          capacity: `${nice(targetMW)} MW`,
          ...(r.energyTarget === undefined ? {} : { energy: `${nice(r.energyTarget)} MWh` }),
          ...(r.coalTarget === undefined ? {} : { coal: `${nice(r.coalTarget / 1e4)}万吨` }),
        }
      : undefined;
    // A cap of twice the target is never binding for a solved path: after one year the stock can reach it.
    const cap = r.cap ? `${nice(2 * Math.max(targetMW, r.baselineMW) + 1)} MW` : undefined;
    const yieldValue = (x: number) =>
      r.yieldModel === 'capacity-factor' ? pct(0.05 + 0.25 * x) : r.yieldModel === 'specific-yield' ? `${nice(300 + 2200 * x)} kWh/kWp` : `${nice(300 + 2200 * x)} h`;
    const value = r.yieldSeries ? Object.fromEntries(r.yieldPoints.map((p) => [String(baseYear + p.offset), yieldValue(p.x)])) : yieldValue(r.yieldPoints[0]!.x);
    const d = r.degradation;
    return {
      name: `random ${r.model}`,
      ...(r.region === undefined ? {} : { region: r.region }),
      years: { start, end },
      capacity: {
        baseline: { capacity: baselineText, year: baseYear, ...(history === undefined && r.operatingShare !== undefined ? { operating: `${nice(r.baselineMW * r.operatingShare * 0.999)} MW` } : {}) },
        ...(history === undefined ? {} : { history }),
        ...(target === undefined ? {} : { target }),
        growth,
        ...(cap === undefined ? {} : { maxAdditionsPerYear: cap }),
        ...(r.lag === undefined ? {} : { constructionLagYears: r.lag }),
        // Every history cohort must still stand in the base year: its lifetime cannot have run out (lag ≤ 10, commissioning ≤ 1 year).
        ...(r.lifetime === undefined ? {} : { lifetimeYears: history === undefined ? r.lifetime : Math.max(r.lifetime, (historyLength ?? 0) + 12) }),
      },
      yield: {
        model: r.yieldModel,
        value,
        ...(d === undefined
          ? {}
          : { degradation: { ...(d.firstYear === undefined ? {} : { firstYear: pct(d.firstYear) }), ...(d.annual === undefined ? {} : { annual: pct(d.annual) }), ...(d.mode === undefined ? {} : { mode: d.mode }) } }),
        ...(r.availability === undefined ? {} : { availability: r.availability }),
        ...(r.withCurtailment ? { curtailment: f.curtailment } : {}),
        ...(r.commissioning === undefined ? {} : { commissioning: r.commissioning }),
      },
      savings: { coal: f.coal, co2: f.co2, ...(r.withSo2 ? { so2: f.so2, nox: f.so2 } : {}) },
    };
  });

const clone = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const at = (d: Doc, ...keys: string[]): Doc => keys.reduce((o, k) => o[k] as Doc, d);

/** One way to break a valid scenario, and a label saying which. */
type Mutation = { readonly label: string; readonly apply: (d: Doc) => void };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  // Wrong dimension.
  fc.constantFrom('1135 kWh', '45800 t', '403.5 g/kWh', '1135 h', '2 %').map((v) => ({ label: `baseline capacity '${v}'`, apply: (d: Doc) => void (at(d, 'capacity', 'baseline').capacity = v) })),
  fc.constantFrom('100 MW', '5 t').map((v) => ({ label: `availability '${v}'`, apply: (d: Doc) => void (at(d, 'yield').availability = v) })),
  fc.constantFrom('5 MW', '1135 h').map((v) => ({ label: `co2 factor '${v}'`, apply: (d: Doc) => void (at(d, 'savings').co2 = v) })),
  // Unknown keys.
  fc.constantFrom('nmae', 'year', 'savngs', 'target').map((k) => ({ label: `unknown top-level key ${k}`, apply: (d: Doc) => void (d[k] = 1) })),
  fc.constantFrom('lifetimeYear', 'lag', 'baseYear').map((k) => ({ label: `unknown capacity key ${k}`, apply: (d: Doc) => void (at(d, 'capacity')[k] = 25) })),
  fc.constant({ label: 'unknown growth key', apply: (d: Doc) => void (at(d, 'capacity', 'growth').rat = '5 %') }),
  // Negative values.
  num(1, 1e4).map((x) => ({ label: `negative baseline -${x}`, apply: (d: Doc) => void (at(d, 'capacity', 'baseline').capacity = `-${nice(x)} MW`) })),
  fc.constant({ label: 'negative cap', apply: (d: Doc) => void (at(d, 'capacity').maxAdditionsPerYear = '-5 MW') }),
  fc.constant({ label: 'negative coal factor', apply: (d: Doc) => void (at(d, 'savings').coal = '-300 g/kWh') }),
  fc.constant({ label: 'negative curtailment', apply: (d: Doc) => void (at(d, 'yield').curtailment = '-1 %') }),
  fc.constant({ label: 'negative lifetime', apply: (d: Doc) => void (at(d, 'capacity').lifetimeYears = -5) }),
  // Percentages above 100 %.
  num(100.01, 1000).map((x) => ({ label: `availability ${x} %`, apply: (d: Doc) => void (at(d, 'yield').availability = `${nice(x)} %`) })),
  fc.constant({ label: 'curtailment 120 %', apply: (d: Doc) => void (at(d, 'yield').curtailment = { 2025: '120 %' }) }),
  fc.constant({ label: 'annual degradation 101 %', apply: (d: Doc) => void (at(d, 'yield').degradation = { annual: '101 %' }) }),
  // End before start.
  fc.integer({ min: 1, max: 5 }).map((k) => ({ label: `end ${k} years before start`, apply: (d: Doc) => void (at(d, 'years').end = (at(d, 'years').start as number) - k) })),
  // Wrong types.
  fc.constant({ label: 'start as text', apply: (d: Doc) => void (at(d, 'years').start = '2022') }),
  fc.constant({ label: 'name as a number', apply: (d: Doc) => void (d.name = 42) }),
  fc.constant({ label: 'lifetime as text', apply: (d: Doc) => void (at(d, 'capacity').lifetimeYears = 'long') }),
  fc.constant({ label: 'growth as text', apply: (d: Doc) => void (at(d, 'capacity').growth = 'cagr') }),
  fc.constant({ label: 'misspelt growth model', apply: (d: Doc) => void (at(d, 'capacity', 'growth').model = 'cgar') }),
  fc.constant({ label: 'capacity as a list', apply: (d: Doc) => void (d.capacity = []) }),
  fc.constant({ label: 'savings null', apply: (d: Doc) => void (d.savings = null) }),
  fc.constant({ label: 'bare number for a quantity', apply: (d: Doc) => void (at(d, 'capacity', 'baseline').capacity = 4500) }),
  fc.constant({ label: 'commissioning misspelt', apply: (d: Doc) => void (at(d, 'yield').commissioning = 'midyear') }),
);

/** A valid scenario with one rule broken: [document, what was broken]. */
export const invalidScenarioArb: fc.Arbitrary<readonly [Doc, string]> = fc.tuple(validScenarioArb, mutationArb).map(([valid, m]) => {
  const d = clone(valid);
  m.apply(d);
  return [d, m.label] as const;
});
