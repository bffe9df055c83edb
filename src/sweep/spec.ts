/**
 * Reading a sweep spec: parse (YAML/JSON, positions kept: src/scenario/load.ts), validate against SweepSpecSchema
 * with the scenario validator, load the base scenarios and the tables, check that every varied field exists in the
 * scenario schema and that every grid and table value is one the scenario accepts, parse the metrics, and hash
 * the whole content (spec, base scenario files, tables) into the sweep hash from which every case's seed derives.
 */
import { createHash } from 'node:crypto';
import { dirname, relative, resolve as resolvePath } from 'node:path';
import { allMetrics, monteCarloMetrics, type Metric } from '../core/metrics/metrics.ts';
import type { Distribution } from '../core/uncertainty/distributions.ts';
import { SOBOL_MAX_DIMENSIONS as SOBOL_DIMENSIONS_LIMIT } from '../core/uncertainty/sobol.ts';
import { SCENARIO_FILE_MAX_BYTES } from '../io/read-bounded.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import { canonicalJson } from '../scenario/hash.ts';
import { loadScenarioChain, locateIn, parseScenarioText, problemsAt, readTextFromDisk, type ReadText, type ScenarioChain, type SourceDoc } from '../scenario/load.ts';
import { Collector } from '../scenario/quantities.ts';
import { tryParseQuantity, type Dimension } from '../scenario/quantity.ts';
import { didYouMean, validateScenarioShape, validateShape, type ValidationIssue } from '../scenario/validate.ts';
import { scenarioFieldKind, setField, type FieldKind } from './fields.ts';
import { MAX_SWEEP_CASES, SweepSpecSchema, type SweepDistributionSpec, type SweepSpec } from './spec-schema.ts';
import { readCsvTable, readSites, cellProblem, type CsvTable, type Site } from './tables.ts';

/** Numeric results of the physical yield a sweep can record (fields of the core's YieldResult). */
export const YIELD_METRICS = ['annualKWhPerKWp', 'acEnergyKWh', 'poaKWhPerM2', 'ghiKWhPerM2', 'poaEffectiveKWhPerM2', 'dcKWhPerKWp', 'performanceRatioFrac', 'capacityFactorFrac'] as const;
/** Results of the finance quick form a sweep can record (fields of the core's ProjectFinanceMetrics). */
export const FINANCE_METRICS = [
  'lcoeYuanPerKWh',
  'lcoeFcrYuanPerKWh',
  'npvYuan',
  'irrFrac',
  'paybackYears',
  'discountedPaybackYears',
  'equityIrrFrac',
  'equityNpvYuan',
  'totalCapexYuan',
  'lifetimeEnergyMWh',
  'abatementCostYuanPerTonneCo2',
  'abatementCostYuanPerTonneCoal',
  'capexYuanPerTonneCoalSaved',
] as const;
/** Inputs of the finance quick form (the options of `pvplan finance`, camelCase). */
export const FINANCE_INPUTS = [
  'capacity', 'energy', 'degradation', 'degradationMode', 'capex', 'constructionYears', 'opex', 'variableOpex', 'opexEscalation', 'tariff', 'tariffEscalation',
  'subsidy', 'carbonPrice', 'co2Factor', 'coalFactor', 'counterfactual', 'discountRate', 'inflation', 'lifetime', 'incomeTax', 'depreciationYears', 'taxHoliday',
  'debtFraction', 'debtRate', 'debtTenor',
] as const;
/** Draws of a case's Monte Carlo when the spec does not say. */
export const DEFAULT_MC_DRAWS = 1000;

/** A year of a metric: a calendar year, or the scenario's start, end or target year. */
export type YearRef = number | 'start' | 'end' | 'target';

/** A registry metric at a year, e.g. 'energy@2030' → energyMWh in 2030; its column is 'energyMWh@2030'. */
export interface MetricAtYear {
  readonly metric: Metric;
  readonly year: YearRef;
  readonly column: string;
}

export interface SweepMetrics {
  readonly run: readonly MetricAtYear[];
  readonly yield: readonly (typeof YIELD_METRICS)[number][];
  readonly mc?: { readonly draws: number; readonly target: boolean; readonly metrics: readonly MetricAtYear[] };
  readonly finance: readonly (typeof FINANCE_METRICS)[number][];
}

/** A varied field: its path, and what it takes. */
export interface VariedField {
  readonly path: string;
  /** Undefined for a finance input ('finance.NAME'). */
  readonly kind?: FieldKind;
}

export interface SampledField extends VariedField {
  readonly distribution: Distribution;
  /** The dimension drawn values are written in; 'number' for plain numeric fields. */
  readonly writeAs: Dimension | 'number' | 'integer';
}

export interface TableCase {
  readonly id: string;
  readonly values: Readonly<Record<string, string | number | boolean>>;
}

export interface BaseScenario {
  readonly id: string;
  readonly chain: ScenarioChain;
}

/** A loaded, checked sweep. */
export interface Sweep {
  readonly file: string;
  readonly name: string;
  readonly spec: SweepSpec;
  readonly bases: readonly BaseScenario[];
  readonly grid: ReadonlyArray<VariedField & { readonly values: readonly (string | number | boolean)[] }>;
  readonly sample?: { readonly method: 'latin-hypercube' | 'sobol'; readonly count: number; readonly fields: readonly SampledField[] };
  readonly table?: { readonly file: string; readonly fields: readonly VariedField[]; readonly cases: readonly TableCase[] };
  readonly sites?: { readonly file: string; readonly columns: readonly string[]; readonly sites: readonly Site[] };
  readonly finance?: Readonly<Record<string, string | number | boolean>>;
  readonly metrics: SweepMetrics;
  /** 'sha256:' + hex of the spec, the base scenario files and the tables. */
  readonly hash: string;
  readonly caseCount: number;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Where a field of the spec is written. */
function at(source: SourceDoc, path: readonly string[], message: string): ScenarioProblem {
  return { ...locateIn(source, path), field: path.join('.'), message };
}

/** Parses 'energy@2030', 'capacity@end' against the registry; `allowed` narrows it (Monte Carlo metrics). */
function metricAtYear(text: string, allowed: readonly Metric[]): MetricAtYear | string {
  const [id, year, ...rest] = text.split('@');
  const ids = allowed.map((m) => m.id);
  if (year === undefined || rest.length > 0) return `expected METRIC@YEAR, e.g. 'energy@2030' or 'capacity@end', got '${text}'`;
  const metric = allowed.find((m) => m.id === id);
  if (!metric) {
    const hint = didYouMean(id!, ids);
    return `unknown metric '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')}`;
  }
  let ref: YearRef;
  if (year === 'start' || year === 'end' || year === 'target') ref = year;
  else if (/^[12][0-9]{3}$/.test(year)) ref = Number(year);
  else return `expected a year such as 2030, or start, end or target after '@', got '${year}'`;
  return { metric, year: ref, column: `${metric.field}@${year}` };
}

function parseMetrics(spec: SweepSpec, source: SourceDoc, problems: ScenarioProblem[]): SweepMetrics {
  const list = <T>(texts: readonly string[] | undefined, parse: (t: string) => T | string, path: string[]): T[] => {
    const out: T[] = [];
    (texts ?? []).forEach((t, i) => {
      const r = parse(t);
      if (typeof r === 'string') problems.push(at(source, [...path, String(i)], r));
      else out.push(r);
    });
    return out;
  };
  const named = <T extends string>(texts: readonly string[] | undefined, names: readonly T[], path: string[]): T[] => {
    const out: T[] = [];
    (texts ?? []).forEach((t, i) => {
      if ((names as readonly string[]).includes(t)) out.push(t as T);
      else {
        const hint = didYouMean(t, names);
        problems.push(at(source, [...path, String(i)], `unknown metric '${t}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${names.join(', ')}`));
      }
    });
    return out;
  };
  const m = spec.metrics;
  return {
    run: list(m.run, (t) => metricAtYear(t, allMetrics()), ['metrics', 'run']),
    yield: named(m.yield, YIELD_METRICS, ['metrics', 'yield']),
    ...(m.mc ? { mc: { draws: m.mc.draws ?? DEFAULT_MC_DRAWS, target: m.mc.target ?? true, metrics: list(m.mc.metrics, (t) => metricAtYear(t, monteCarloMetrics()), ['metrics', 'mc', 'metrics']) } } : {}),
    finance: named(m.finance, FINANCE_METRICS, ['metrics', 'finance']),
  };
}

/** A varied field path: a scenario field (checked against the schema) or a finance input. */
function variedField(path: string, hasFinance: boolean): VariedField | string {
  if (path.startsWith('finance.')) {
    const name = path.slice('finance.'.length);
    if ((FINANCE_INPUTS as readonly string[]).includes(name)) return hasFinance ? { path } : `'${path}' varies a finance input, but the spec has no 'finance' section (add one, with the inputs that stay fixed)`;
    const hint = didYouMean(name, FINANCE_INPUTS);
    return `'${path}' is not a finance input${hint ? ` (did you mean 'finance.${hint}'?)` : ''}; expected one of ${FINANCE_INPUTS.join(', ')}`;
  }
  const kind = scenarioFieldKind(path);
  return typeof kind === 'string' ? kind : { path, kind };
}

/** How sampled values of a field are written: the dimension of the distribution's quantities, or a number. */
function writeAsFor(kind: FieldKind, dist: SweepDistributionSpec): Dimension | 'number' | 'integer' | string {
  const written = dist as unknown as Record<string, Record<string, unknown>>;
  const params = written[Object.keys(written).find((k) => k !== 'truncate')!]!;
  const first = Array.isArray(params.values) ? params.values[0] : (params.min ?? params.mean);
  if (typeof first === 'number') {
    if (kind.number) return kind.integer ? 'integer' : 'number';
    return `expected quantities with units for this field (${kind.dimensions.join(' or ')}), e.g. '1000 h', got the number ${first}`;
  }
  for (const d of kind.dimensions) if (typeof tryParseQuantity(first, d) === 'number') return d;
  return kind.dimensions.length > 0 ? `expected ${kind.dimensions.join(' or ')} quantities for this field, got '${String(first)}'` : `this field takes ${kind.number ? 'plain numbers' : 'no sampled values (text or choices: use a grid)'}`;
}

/** The core Distribution of a written one, parameters parsed in the field's dimension. */
function sampledDistribution(dist: SweepDistributionSpec, writeAs: Dimension | 'number' | 'integer', path: string[]): { distribution?: Distribution; issues: ValidationIssue[] } {
  const c = new Collector();
  const parse = (v: unknown, p: string[]): number => {
    if (writeAs === 'number' || writeAs === 'integer') {
      if (typeof v === 'number') return v;
      c.add(p, `expected a number, got ${JSON.stringify(v)}`);
      return Number.NaN;
    }
    return c.quantity(v, writeAs, p);
  };
  const distribution = c.distribution(dist as unknown as Record<string, unknown>, parse, path, undefined, String);
  return { ...(distribution ? { distribution } : {}), issues: c.issues };
}

/** A table cell as the scenario writes it: numbers for numeric fields, true/false, else the text. */
function tableValue(cell: string, field: VariedField): string | number | boolean {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  if (field.kind?.number && field.kind.dimensions.length === 0 && NUMBER.test(cell)) return Number(cell);
  if (field.kind?.number && NUMBER.test(cell) && !field.kind.dimensions.some((d) => typeof tryParseQuantity(cell, d) === 'number')) return Number(cell);
  return cell;
}

/** Problems of one value set into the first base scenario, kept only where they concern `path` (or below it). */
function valueIssues(base: Readonly<Record<string, unknown>>, path: string, value: unknown): ValidationIssue[] {
  const prefix = path.split('.');
  return validateScenarioShape(setField(base, path, value)).filter((i) => prefix.every((k, j) => i.path[j] === k));
}

function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel.startsWith('..') ? absolute : rel;
}

/** Loads and checks a sweep spec file; throws ScenarioError (exit 2) naming every problem's file, line and column. */
export function loadSweep(file: string, readText: ReadText = readTextFromDisk): Sweep {
  let text: string;
  try {
    text = readText(resolvePath(file), SCENARIO_FILE_MAX_BYTES);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ScenarioError([{ file, message: `cannot read the sweep spec: ${reason}` }]);
  }
  const source = parseScenarioText(text, file);
  const shape = validateShape(source.data, SweepSpecSchema);
  if (shape.length > 0) throw new ScenarioError(problemsAt([source], shape));
  const spec = source.data as unknown as SweepSpec;
  const dir = dirname(resolvePath(file));
  const problems: ScenarioProblem[] = [];

  const baseFiles = typeof spec.base === 'string' ? [spec.base] : spec.base;
  const bases: BaseScenario[] = baseFiles.map((b) => {
    const chain = loadScenarioChain(displayPath(resolvePath(dir, b)), readText);
    return { id: chain.id, chain };
  });
  const ids = new Set<string>();
  bases.forEach((b, i) => {
    if (ids.has(b.id)) problems.push(at(source, typeof spec.base === 'string' ? ['base'] : ['base', String(i)], `two base scenarios share the id '${b.id}' (the file name): rename one`));
    ids.add(b.id);
  });
  const first = bases[0]!.chain.merged;
  const hasFinance = spec.finance !== undefined;
  if (spec.finance) {
    for (const key of Object.keys(spec.finance)) {
      if ((FINANCE_INPUTS as readonly string[]).includes(key)) continue;
      const hint = didYouMean(key, FINANCE_INPUTS);
      problems.push(at(source, ['finance', key], `unknown finance input '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${FINANCE_INPUTS.join(', ')}`));
    }
  }
  const seen = new Map<string, string>();
  const claim = (path: string, where: string[], by: string) => {
    const other = seen.get(path);
    if (other) problems.push(at(source, where, `'${path}' is varied twice (also by ${other})`));
    seen.set(path, by);
  };

  const grid: Array<VariedField & { values: Array<string | number | boolean> }> = [];
  for (const [path, values] of Object.entries(spec.grid ?? {})) {
    const field = variedField(path, hasFinance);
    if (typeof field === 'string') {
      problems.push(at(source, ['grid', path], field));
      continue;
    }
    claim(path, ['grid', path], 'the grid');
    if (field.kind) values.forEach((v, i) => {
      for (const issue of valueIssues(first, path, v)) problems.push(at(source, ['grid', path, String(i)], issue.message));
    });
    grid.push({ ...field, values: [...values] });
  }

  let sample: Sweep['sample'];
  if (spec.sample) {
    const fields: SampledField[] = [];
    for (const [path, dist] of Object.entries(spec.sample.fields)) {
      const where = ['sample', 'fields', path];
      const field = variedField(path, hasFinance);
      if (typeof field === 'string') {
        problems.push(at(source, where, field));
        continue;
      }
      if (!field.kind) {
        problems.push(at(source, where, `finance inputs are varied by a grid or a table, not sampled`));
        continue;
      }
      claim(path, where, 'the sample');
      const writeAs = writeAsFor(field.kind, dist);
      if (!['number', 'integer', ...field.kind.dimensions].includes(writeAs)) {
        problems.push(at(source, where, writeAs));
        continue;
      }
      const { distribution, issues } = sampledDistribution(dist, writeAs as SampledField['writeAs'], where);
      for (const i of issues) problems.push(at(source, i.path, i.message));
      if (distribution) fields.push({ ...field, distribution, writeAs: writeAs as SampledField['writeAs'] });
    }
    if (spec.sample.method === 'sobol' && fields.length > SOBOL_DIMENSIONS_LIMIT) problems.push(at(source, ['sample', 'fields'], `the Sobol table shipped covers ${SOBOL_DIMENSIONS_LIMIT} fields; got ${fields.length} (use latin-hypercube)`));
    sample = { method: spec.sample.method, count: spec.sample.count, fields };
  }

  let table: Sweep['table'];
  let tableData: CsvTable | undefined;
  if (spec.table) {
    const path = resolvePath(dir, spec.table);
    tableData = readCsvTable(path, displayPath(path), readText, 'cases table');
    const t = tableData;
    const idColumn = t.header[0] === 'id' ? 0 : -1;
    const fields: Array<VariedField | undefined> = t.header.map((name, j) => {
      if (j === idColumn) return undefined;
      const f = variedField(name, hasFinance);
      if (typeof f === 'string') {
        problems.push({ file: t.file, line: 1, column: t.headerColumns[j] ?? 1, message: f });
        return undefined;
      }
      claim(name, ['table'], `the table ${t.file}`);
      return f;
    });
    const caseIds = new Map<string, number>();
    const cases: TableCase[] = t.rows.map((row, r) => {
      const id = idColumn === 0 ? row.cells[0]! : String(r + 1);
      if (caseIds.has(id)) problems.push(cellProblem(t, row, 0, `duplicate case id '${id}' (first on line ${caseIds.get(id)})`));
      caseIds.set(id, row.line);
      const values: Record<string, string | number | boolean> = {};
      fields.forEach((f, j) => {
        if (!f) return;
        const cell = row.cells[j]!;
        if (cell === '') return;
        const v = f.kind ? tableValue(cell, f) : cell;
        if (f.kind) for (const issue of valueIssues(first, f.path, v)) problems.push(cellProblem(t, row, j, issue.message));
        values[f.path] = v;
      });
      return { id, values };
    });
    table = { file: t.file, fields: fields.filter((f): f is VariedField => f !== undefined), cases };
  }

  let sites: Sweep['sites'];
  let sitesText: string | undefined;
  if (spec.sites) {
    const path = resolvePath(dir, spec.sites);
    const { table: t, sites: list } = readSites(path, displayPath(path), readText);
    sitesText = t.text;
    list.forEach((site, r) => {
      const row = t.rows[r]!;
      for (const issue of validateScenarioShape(withSite(first, site))) {
        const column = issue.path[0] === 'yield' && (issue.path[1] === 'array' || issue.path[1] === 'site') ? t.header.indexOf(issue.path[1] === 'array' ? issue.path[2]! : issue.path[2] === 'lat' ? 'latitude' : issue.path[2] === 'lon' ? 'longitude' : issue.path[2]!) : -1;
        problems.push(cellProblem(t, row, Math.max(column, 0), `${issue.path.join('.')}: ${issue.message}`));
      }
    });
    sites = { file: t.file, columns: t.header, sites: list };
  }

  const metrics = parseMetrics(spec, source, problems);
  if (metrics.run.length + metrics.yield.length + metrics.finance.length + (metrics.mc ? metrics.mc.metrics.length + (metrics.mc.target ? 1 : 0) : 0) === 0) problems.push(at(source, ['metrics'], 'expected at least one metric to record'));
  if (metrics.finance.length > 0 && !hasFinance) problems.push(at(source, ['metrics', 'finance'], "finance metrics need a 'finance' section with the project's inputs (capex, tariff, discountRate, lifetime, …)"));
  if (problems.length > 0) throw new ScenarioError(problems.slice(0, 20));

  const caseCount = bases.length * (sites?.sites.length ?? 1) * (table?.cases.length ?? 1) * (sample?.count ?? 1) * grid.reduce((n, g) => n * g.values.length, 1);
  if (caseCount > MAX_SWEEP_CASES) throw new ScenarioError([{ file, message: `the sweep has ${caseCount} cases; at most ${MAX_SWEEP_CASES} are allowed: split it into several sweeps` }]);
  const content = {
    spec: source.data,
    bases: bases.map((b) => ({ id: b.id, files: b.chain.chain.map((d) => d.text) })),
    table: tableData?.text ?? null,
    sites: sitesText ?? null,
  };
  const hash = `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
  return {
    file,
    name: spec.name ?? bases[0]!.id,
    spec,
    bases,
    grid,
    ...(sample ? { sample } : {}),
    ...(table ? { table } : {}),
    ...(sites ? { sites } : {}),
    ...(spec.finance ? { finance: spec.finance } : {}),
    metrics,
    hash,
    caseCount,
  };
}

/**
 * A scenario document with a site of a sites table: the physical yield model at the site's coordinates, with its
 * weather file (absolute path) and array options over the base's array.
 */
export function withSite(doc: Readonly<Record<string, unknown>>, site: Site): Record<string, unknown> {
  const y = (doc.yield ?? {}) as Record<string, unknown>;
  const { value: _value, ...rest } = y;
  void _value;
  const baseArray = (y.model === 'physical' ? (y.array as Record<string, unknown> | undefined) : undefined) ?? {};
  const weather = { ...((y.model === 'physical' ? (y.weather as Record<string, unknown> | undefined) : undefined) ?? {}), file: site.weatherPath };
  delete (weather as Record<string, unknown>).monthlyGhi;
  return {
    ...doc,
    yield: { ...rest, model: 'physical', site: { lat: site.latitudeDeg, lon: site.longitudeDeg, ...site.site }, array: { ...baseArray, ...site.array }, weather },
  };
}
