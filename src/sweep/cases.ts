/**
 * The cases of a sweep: case k of n is a pure function of the sweep and k (no state, no order), so any shard or
 * thread builds the same case. Cases run over base × site × table row × sample point × grid (last grid field fastest);
 * the id is k zero-padded, so ordering by id is ordering by k. Each case's seed comes from the counter-based
 * generator keyed by the sweep hash, at counter k.
 */
import { latinHypercube } from '../core/uncertainty/latin-hypercube.ts';
import { sobolPoints } from '../core/uncertainty/sobol.ts';
import { sample as sampleDistribution } from '../core/uncertainty/distributions.ts';
import { uniformAt } from '../core/uncertainty/random.ts';
import { setField, writeQuantity } from './fields.ts';
import { withSite, type Sweep } from './spec.ts';

/** Digits of a case id at least (more when the sweep has more cases). */
export const CASE_ID_MIN_DIGITS = 6;
/** Stream of the counter-based generator that case seeds come from (the sample design uses streams 0, 1, … 2d + 1). */
const CASE_SEED_STREAM = 0xc45e;
/** Stream offset of the Latin hypercube's draws, away from the case seeds. */
const SAMPLE_SEED_OFFSET = 1;
const TWO_POW_52 = 2 ** 52;

/** One case, ready to run: its id, seed, scenario document, finance inputs and the inputs to record. */
export interface SweepCase {
  readonly index: number;
  readonly id: string;
  readonly seed: number;
  readonly baseIndex: number;
  readonly scenario: Record<string, unknown>;
  readonly finance?: Readonly<Record<string, string | number | boolean>>;
  /** Inputs in column order: base, site (and its cells), row, sample, then every varied field as written. */
  readonly inputs: Readonly<Record<string, string | number | boolean>>;
}

/** Width of the case ids of a sweep of `count` cases. */
export function caseIdWidth(count: number): number {
  return Math.max(CASE_ID_MIN_DIGITS, String(Math.max(0, count - 1)).length);
}

/** The id of case k: k zero-padded to the sweep's width. */
export function caseId(k: number, count: number): string {
  return String(k).padStart(caseIdWidth(count), '0');
}

/** The 53-bit integer of the sweep hash that keys the generator (its first 13 hex digits, 52 bits). */
export function hashSeed(hash: string): number {
  return Number.parseInt(hash.replace(/^sha256:/, '').slice(0, 13), 16);
}

/**
 * The seed of case k: ⌊u·2^52⌋ with u = uniformAt(hashSeed(sweep hash), CASE_SEED_STREAM, k), Threefry-2x32-20
 * (Salmon et al. 2011): a function of (sweep content, case) only, whatever shard or thread runs the case.
 */
export function caseSeed(hash: string, k: number): number {
  return Math.floor(uniformAt(hashSeed(hash), CASE_SEED_STREAM, k) * TWO_POW_52);
}

const designs = new WeakMap<Sweep, number[][]>();

/** The sample design of a sweep (points × fields, each coordinate in (0, 1)), computed once per sweep. */
function design(sweep: Sweep): number[][] {
  let points = designs.get(sweep);
  if (!points) {
    const s = sweep.sample!;
    points = s.method === 'sobol' ? sobolPoints(s.fields.length, s.count) : latinHypercube(hashSeed(sweep.hash) + SAMPLE_SEED_OFFSET, s.fields.length, s.count);
    designs.set(sweep, points);
  }
  return points;
}

/** Sets a varied value: a finance input ('finance.NAME') or a scenario field. */
function apply(state: { scenario: Record<string, unknown>; finance?: Record<string, string | number | boolean> }, path: string, value: string | number | boolean): void {
  if (path.startsWith('finance.')) state.finance = { ...state.finance, [path.slice('finance.'.length)]: value };
  else state.scenario = setField(state.scenario, path, value);
}

/** Case k of the sweep (0 ≤ k < caseCount). */
export function buildCase(sweep: Sweep, k: number): SweepCase {
  let rest = k;
  const gridIndex: number[] = new Array<number>(sweep.grid.length);
  for (let g = sweep.grid.length - 1; g >= 0; g--) {
    const n = sweep.grid[g]!.values.length;
    gridIndex[g] = rest % n;
    rest = Math.floor(rest / n);
  }
  const sampleCount = sweep.sample?.count ?? 1;
  const sampleIndex = rest % sampleCount;
  rest = Math.floor(rest / sampleCount);
  const tableCount = sweep.table?.cases.length ?? 1;
  const tableIndex = rest % tableCount;
  rest = Math.floor(rest / tableCount);
  const siteCount = sweep.sites?.sites.length ?? 1;
  const siteIndex = rest % siteCount;
  const baseIndex = Math.floor(rest / siteCount);

  const base = sweep.bases[baseIndex]!;
  const inputs: Record<string, string | number | boolean> = { base: base.id };
  const state: { scenario: Record<string, unknown>; finance?: Record<string, string | number | boolean> } = { scenario: base.chain.merged, ...(sweep.finance ? { finance: { ...sweep.finance } } : {}) };
  if (sweep.sites) {
    const site = sweep.sites.sites[siteIndex]!;
    state.scenario = withSite(state.scenario, site);
    for (const column of sweep.sites.columns) inputs[column === 'id' ? 'site' : `site.${column}`] = site.cells[column]!;
  }
  if (sweep.table) {
    const row = sweep.table.cases[tableIndex]!;
    inputs.row = row.id;
    for (const f of sweep.table.fields) {
      const v = row.values[f.path];
      if (v === undefined) continue;
      apply(state, f.path, v);
    }
  }
  if (sweep.sample) {
    inputs.sample = sampleIndex;
    const point = design(sweep)[sampleIndex]!;
    sweep.sample.fields.forEach((f, d) => {
      const x = sampleDistribution(f.distribution, point[d]!);
      const written = f.writeAs === 'number' ? x : f.writeAs === 'integer' ? Math.round(x) : writeQuantity(x, f.writeAs);
      apply(state, f.path, written);
      inputs[f.path] = written;
    });
  }
  sweep.grid.forEach((g, i) => {
    const v = g.values[gridIndex[i]!]!;
    apply(state, g.path, v);
    inputs[g.path] = v;
  });
  if (sweep.table) for (const f of sweep.table.fields) inputs[f.path] = sweep.table.cases[tableIndex]!.values[f.path] ?? '';
  return { index: k, id: caseId(k, sweep.caseCount), seed: caseSeed(sweep.hash, k), baseIndex, scenario: state.scenario, ...(state.finance ? { finance: state.finance } : {}), inputs };
}

/** Names of the input columns of a sweep, in order (the keys of every case's inputs). */
export function inputColumns(sweep: Sweep): string[] {
  const columns = ['base'];
  if (sweep.sites) for (const c of sweep.sites.columns) columns.push(c === 'id' ? 'site' : `site.${c}`);
  if (sweep.table) columns.push('row');
  if (sweep.sample) columns.push('sample', ...sweep.sample.fields.map((f) => f.path));
  columns.push(...sweep.grid.map((g) => g.path));
  if (sweep.table) columns.push(...sweep.table.fields.map((f) => f.path));
  return columns;
}
