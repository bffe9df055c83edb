/**
 * The scenarios folder as the server sees it: ids → files (never outside the folder), loaded and run results
 * cached until a file of their `extends` chain changes (keyed on each file's inode, size, mtime and ctime),
 * what-ifs run from a request body, and what-ifs saved as new files (validated first, written atomically).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve as resolvePath, sep } from 'node:path';
import { Document, LineCounter, stringify as stringifyYaml } from 'yaml';
import { seriesValueAt } from '../core/series.ts';
import type { McReport } from '../report/mc.ts';
import { runReport, type RunReport } from '../report/run.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { readRegularFileText } from '../io/read-bounded.ts';
import { loadScenarioChain, mergeScenario, parseScenarioText, type ReadText, type ScenarioChain, type SourceDoc } from '../scenario/load.ts';
import { resolveChain, type ResolvedScenario } from '../scenario/resolve.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { errorBody, HttpError, notFound, scenarioHttpError } from './errors.ts';
import { SCENARIO_ID_REGEX, type KeyParameters, type ScenarioBody, type ScenarioListItem } from './schemas.ts';

/** Extensions a scenario file may have, in the order an id is looked up. */
export const SCENARIO_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** How a request body is named in error messages. */
export const BODY_LABEL = 'request body';

/** Report id of an unsaved what-if. */
export const WHAT_IF_ID = 'what-if';

/** Name of the editors' JSON Schema in a scenarios folder (written by `pvplan schema`), which is not a scenario. */
const SCHEMA_FILE_SUFFIX = '.schema.json';

/** What identifies one version of a file without reading it: same inode, size and times → same content. */
interface Stamp {
  readonly path: string;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

function stampOf(path: string, st: Stats): Stamp {
  return { path, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

/**
 * Whether none of the files changed. `known` is a path already stat'ed by the caller (a regular file, so its lstat
 * is its stat), used instead of asking the system again.
 */
function isFresh(stamps: readonly Stamp[], known?: { readonly path: string; readonly st: Stats }): boolean {
  for (const s of stamps) {
    const st = known !== undefined && s.path === known.path ? known.st : statSync(s.path, { throwIfNoEntry: false });
    if (!st || st.ino !== s.ino || st.size !== s.size || st.mtimeMs !== s.mtimeMs || st.ctimeMs !== s.ctimeMs) return false;
  }
  return true;
}

/** Rendered forms of a report by kind (serialized JSON, CSV by unit system): text when rendered, UTF-8 bytes once asked for again. */
export type Rendering = Map<string, string | Buffer>;

/**
 * A kept rendering asked for again, as UTF-8 bytes: the text is sent as it is the first time (most what-ifs are
 * asked for once, and encoding while writing is cheapest), and encoded once when it proves worth keeping.
 */
export function keptBytes(kept: string | Buffer): Buffer {
  return typeof kept === 'string' ? Buffer.from(kept, 'utf8') : kept;
}

/** The file of a scenario id; `st` is its lstat when it is a regular file (not a link), `refusal` why it cannot be served. */
interface FoundFile {
  readonly path: string;
  readonly st?: Stats;
  readonly refusal?: string;
}

/** A loaded scenario and its result, with renderings filled in lazily by the routes and kept until a file changes. */
export interface ScenarioEntry {
  readonly id: string;
  /** Absolute path inside the folder. */
  readonly file: string;
  readonly stamps: readonly Stamp[];
  /** The parsed files of its `extends` chain, kept so a what-if extending this file does not parse them again. */
  readonly chain: ScenarioChain;
  readonly resolved: ResolvedScenario;
  readonly report: RunReport;
  /** Text of the file itself. */
  readonly source: string;
  /** The file's own `extends`, as written. */
  readonly parent?: string;
  /** Rendered forms of the report (serialized JSON, CSV by unit system), computed once per file version. */
  readonly renderings: Rendering;
  /** Monte Carlo runs of this file version by draws and seed (see ScenarioStore.monteCarlo), least recently used first. */
  readonly mcRuns: Map<string, Promise<McRun>>;
}

/** A Monte Carlo report of one file version, with its serialized JSON filled in lazily by the route. */
export interface McRun {
  readonly report: McReport;
  readonly renderings: Rendering;
  /** Wall-clock time of the computation, ms. */
  readonly computeMs: number;
}

/** How a Monte Carlo request was served: from a finished run, by joining one in progress, or by starting one. */
export type McCacheOutcome = 'hit' | 'joined' | 'miss';

/**
 * Monte Carlo runs kept per file version (distinct draws and seeds; the page always asks for one): the least
 * recently used is dropped beyond this. A report is about 20 kB.
 */
export const MC_RUNS_PER_SCENARIO = 8;

/** Whether a scenario declares distributions or a year-to-year weather term, i.e. whether a Monte Carlo of it has any spread. */
export function isUncertain(resolved: ResolvedScenario): boolean {
  return resolved.uncertainty.parameters.length > 0 || resolved.uncertainty.interannualSdFrac > 0;
}

/** A what-if run from a request body. */
export interface WhatIfRun {
  readonly resolved: ResolvedScenario;
  readonly report: RunReport;
}

/**
 * What-if renderings remembered, least recently used dropped first: a slider dragged back and forth, or several
 * people looking at one what-if, ask for the same body again. Each is kept with the stamps of the files it extends.
 * Only the rendered text (then bytes) is kept, not the run: a report is hundreds of small objects.
 */
export const WHAT_IF_CACHE_SIZE = 256;

/**
 * Bodies whose rendering is not kept yet: a rendering is kept only once its body has been asked for twice among
 * the last this many. Most what-ifs are asked for once; keeping each one's 6 kB rendering for hundreds of
 * requests made it outlive the young generation, and copying it out cost more than rendering it again.
 */
export const WHAT_IF_SEEN_SIZE = 1024;

/** A remembered what-if rendering: text when rendered, UTF-8 bytes once asked for again. */
interface WhatIfRendering {
  readonly stamps: readonly Stamp[];
  payload: string | Buffer;
}

/** Whether a value holds NaN or ±Infinity at any depth (a walk without copying: reports rarely do). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (typeof value === 'object' && value !== null) {
    for (const k in value) if (hasNonFinite((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

function replaceNonFinite(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(replaceNonFinite);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceNonFinite(v);
    return out;
  }
  return value;
}

/**
 * Replaces NaN and ±Infinity by null at any depth, as JSON.stringify does (fast-json-stringify would throw on
 * NaN); a value without any is returned as it is.
 */
export function jsonSafe<T>(value: T): T {
  return hasNonFinite(value) ? (replaceNonFinite(value) as T) : value;
}

/**
 * The key parameters of a scenario in internal units (MW, h, t/MWh, fractions), for a form to start from (the
 * page's what-if panel). A model without a rate gets the one its target implies, (C_target / C_base)^(1/n) − 1,
 * and equal additions (C_target − C_base) / n, over the n years from the base year to the target year.
 */
export function keyParameters(resolved: ResolvedScenario, report: RunReport): KeyParameters {
  const { plan } = resolved;
  const cap = plan.capacity;
  const p = report.summary.growth.parameters;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  const t = cap.target;
  const refYear = report.summary.referenceYear;
  const span = t ? t.year - cap.baseYear : 0;
  const goalMW = t?.capacityMW;
  const impliedRate = goalMW !== undefined && span > 0 && cap.baselineMW > 0 ? (goalMW / cap.baselineMW) ** (1 / span) - 1 : undefined;
  const impliedAdditions = goalMW !== undefined && span > 0 ? (goalMW - cap.baselineMW) / span : undefined;
  const rateFrac = report.summary.growth.model === 'cagr' ? num('rateFrac') : impliedRate;
  const additionsMWPerYear = report.summary.growth.model === 'linear' ? num('additionsMWPerYear') : impliedAdditions;
  const saturationMW = num('saturationMW');
  return {
    growthModel: report.summary.growth.model,
    ...(rateFrac === undefined ? {} : { rateFrac }),
    ...(additionsMWPerYear === undefined ? {} : { additionsMWPerYear }),
    ...(saturationMW === undefined ? {} : { saturationMW }),
    ...(t ? { targetYear: t.year } : {}),
    ...(goalMW === undefined ? {} : { targetCapacityMW: goalMW }),
    baseYear: cap.baseYear,
    baselineMW: cap.baselineMW,
    fullLoadHours: seriesValueAt(plan.yield.fullLoadHours, refYear),
    firstYearDegradationFrac: plan.yield.firstYearDegradationFrac,
    annualDegradationFrac: plan.yield.annualDegradationFrac,
    coalTonnesPerMWh: seriesValueAt(plan.savings.coalTonnesPerMWh, refYear),
    co2TonnesPerMWh: seriesValueAt(plan.savings.co2TonnesPerMWh, refYear),
    constructionLagYears: cap.constructionLagYears,
    startYear: plan.startYear,
    endYear: plan.endYear,
  };
}

/**
 * A request body as the first document of an `extends` chain, built from the parsed JSON without a YAML parse
 * (a third of a what-if's time went there). It has no lines to point at, only field paths, so its YAML node
 * tree is made only if an error needs to locate a field in it. `file` is a path inside the folder, so relative
 * paths in the body (`extends`, a weather file) resolve there; errors name it as the request body.
 */
export function bodyDoc(body: ScenarioBody, file: string): SourceDoc {
  let doc: Document | undefined;
  let lineCounter: LineCounter | undefined;
  return {
    file,
    get text(): string {
      return JSON.stringify(body);
    },
    get doc(): Document {
      doc ??= new Document(body);
      return doc;
    },
    get lineCounter(): LineCounter {
      lineCounter ??= new LineCounter();
      return lineCounter;
    },
    data: body,
  };
}

/** Top-level keys in the schema's order, so a saved file reads like a hand-written one. */
const TOP_LEVEL_ORDER = ['extends', ...Object.keys((ScenarioSchema as unknown as { properties: Record<string, unknown> }).properties).filter((k) => k !== '$schema' && k !== 'extends')];

function orderedScenario(body: ScenarioBody): ScenarioBody {
  const out: ScenarioBody = {};
  for (const k of TOP_LEVEL_ORDER) if (body[k] !== undefined) out[k] = body[k];
  for (const [k, v] of Object.entries(body)) if (!(k in out) && k !== '$schema') out[k] = v;
  return out;
}

/** The scenarios folder is missing or not a folder: the server cannot start. */
export class ScenariosFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenariosFolderError';
  }
}

/** The real path of a folder that must exist; the server cannot start without it. */
function realFolder(dir: string, what: string): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new ScenariosFolderError(`the ${what} ${dir} does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new ScenariosFolderError(`the ${what} ${dir} is not a folder`);
  return real;
}

/** Monte Carlo runs that have finished (a promise cannot be asked whether it has settled). */
const settled = new WeakSet<Promise<McRun>>();

export class ScenarioStore {
  /** The folder, with symbolic links resolved: every file served or written is inside it. */
  readonly root: string;
  private readonly cache = new Map<string, ScenarioEntry>();
  private readonly whatIfs = new Map<string, WhatIfRendering>();
  /** Keys of what-if renderings asked for once lately (see WHAT_IF_SEEN_SIZE), oldest first. */
  private readonly whatIfsSeen = new Set<string>();

  /** Folders data files (weather) may be read from: the scenarios folder and the data folders, links resolved. */
  private readonly dataRoots: readonly string[];

  constructor(dir: string, dataDirs: readonly string[] = []) {
    this.root = realFolder(dir, 'scenarios folder');
    this.dataRoots = [this.root, ...dataDirs.map((d) => realFolder(d, 'data folder'))];
  }

  private isInside(real: string, roots: readonly string[] = [this.root]): boolean {
    return roots.some((root) => real.startsWith(root + sep));
  }

  /** Throws a 400 unless `id` is a safe scenario id (no path separators, no '..', lowercase, ≤ 64 characters). */
  assertId(id: string): void {
    if (!SCENARIO_ID_REGEX.test(id)) {
      throw new HttpError(400, 'bad-request', `'${id.slice(0, 80)}' is not a scenario id: use lowercase letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit, no '..')`, { field: 'id' });
    }
  }

  /** Why a directory entry cannot be served (a link out of the folder, not a regular file), or undefined when it can. */
  private refusal(path: string, lst: Stats): string | undefined {
    if (lst.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return 'the file is a broken symbolic link';
      }
      if (!this.isInside(real)) return 'refused: the file links outside the scenarios folder';
      if (!statSync(real).isFile()) return 'not a regular file';
      return undefined;
    }
    return lst.isFile() ? undefined : 'not a regular file';
  }

  /** The file of a scenario id (the first of ID.yaml, ID.yml, ID.json that exists), or undefined. */
  private findFile(id: string): FoundFile | undefined {
    for (const ext of SCENARIO_EXTENSIONS) {
      const path = join(this.root, id + ext);
      const lst = lstatSync(path, { throwIfNoEntry: false });
      if (!lst) continue;
      if (lst.isDirectory()) continue;
      const refusal = this.refusal(path, lst);
      if (refusal !== undefined) return { path, refusal };
      return lst.isFile() ? { path, st: lst } : { path };
    }
    return undefined;
  }

  /**
   * Reads files for a scenario, refusing any that resolve outside `roots` (the scenarios folder for `extends`;
   * the data folders too for weather files), and records their stamps so the cache sees them change.
   */
  private reader(stamps: Stamp[], roots: readonly string[] = [this.root]): ReadText {
    return (absolutePath, maxBytes) => {
      const real = realpathSync(absolutePath);
      if (!this.isInside(real, roots)) throw new Error(roots.length > 1 ? 'refused: outside the scenarios and data folders' : 'refused: outside the scenarios folder');
      const st = statSync(real);
      if (!st.isFile()) throw new Error('not a regular file');
      // Stamp before reading: if the file changes in between, the next request sees a new stamp and reloads.
      stamps.push(stampOf(absolutePath, st));
      return readRegularFileText(real, maxBytes);
    };
  }

  /** A scenario by id, loaded and run, from the cache when none of its files changed; 400/404 HttpErrors otherwise. */
  get(id: string): ScenarioEntry {
    this.assertId(id);
    const found = this.findFile(id);
    if (!found || found.refusal !== undefined) throw notFound(`no scenario '${id}' in the scenarios folder${found?.refusal ? ` (${found.refusal})` : ''}`);
    return this.entryOf(id, found);
  }

  /** The entry of scenario `id`, whose file is `path` (found by findFile, not refused): cached while its files are unchanged. */
  private entryOf(id: string, found: FoundFile): ScenarioEntry {
    const { path } = found;
    const cached = this.cache.get(id);
    if (cached && cached.file === path && isFresh(cached.stamps, found.st && { path, st: found.st })) return cached;
    const stamps: Stamp[] = [];
    try {
      const chain = loadScenarioChain(path, this.reader(stamps));
      const resolved = resolveChain(chain, this.reader(stamps, this.dataRoots));
      const own = chain.chain[0]!;
      const parent = typeof own.data.extends === 'string' ? own.data.extends : undefined;
      const entry: ScenarioEntry = { id, file: path, stamps, chain, resolved, report: runReport(resolved), source: own.text, ...(parent === undefined ? {} : { parent }), renderings: new Map(), mcRuns: new Map() };
      this.cache.set(id, entry);
      return entry;
    } catch (e) {
      this.cache.delete(id);
      if (e instanceof ScenarioError) throw scenarioHttpError(e, this.root);
      throw e;
    }
  }

  /**
   * The Monte Carlo run of a scenario's current file version with `draws` and `seed`: a finished one from the
   * cache, the one in progress for an identical request (concurrent requests share one computation), or a new
   * one started with `compute`. The cache lives on the file version's entry, so a change to the file or to a
   * parent of its `extends` chain drops it with the run result; a failed run is forgotten, so a retry recomputes.
   */
  monteCarlo(id: string, draws: number, seed: number, compute: (resolved: ResolvedScenario) => Promise<McReport>): { run: Promise<McRun>; outcome: McCacheOutcome; entry: ScenarioEntry } {
    const entry = this.get(id);
    const key = `${draws}:${seed}`;
    const runs = entry.mcRuns;
    const known = runs.get(key);
    if (known) {
      runs.delete(key);
      runs.set(key, known);
      return { run: known, outcome: settled.has(known) ? 'hit' : 'joined', entry };
    }
    const startedMs = performance.now();
    const run: Promise<McRun> = compute(entry.resolved).then(
      (report) => {
        settled.add(run);
        return { report, renderings: new Map(), computeMs: performance.now() - startedMs };
      },
      (e: unknown) => {
        if (runs.get(key) === run) runs.delete(key);
        throw e;
      },
    );
    runs.set(key, run);
    if (runs.size > MC_RUNS_PER_SCENARIO) runs.delete(runs.keys().next().value!);
    return { run, outcome: 'miss', entry };
  }

  /** Every scenario file in the folder, valid or not (an invalid one carries its error), sorted by id. */
  list(): ScenarioListItem[] {
    const names = readdirSync(this.root)
      .filter((n) => !n.startsWith('.') && SCENARIO_EXTENSIONS.includes(extname(n).toLowerCase()) && !n.toLowerCase().endsWith(SCHEMA_FILE_SUFFIX))
      .map((n) => ({ name: n, id: basename(n, extname(n)), rank: SCENARIO_EXTENSIONS.indexOf(extname(n).toLowerCase()) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.rank - b.rank));
    const items: ScenarioListItem[] = [];
    const seen = new Set<string>();
    for (const { name, id } of names) {
      const invalid = (message: string): ScenarioListItem => ({ id, file: name, valid: false, error: { error: 'invalid-scenario', message } });
      if (!SCENARIO_ID_REGEX.test(id) || extname(name) !== extname(name).toLowerCase()) {
        items.push(invalid(`the file name is not a valid scenario id: rename it with lowercase letters, digits, '.', '_' and '-' (at most 64 characters)`));
        continue;
      }
      const path = join(this.root, name);
      const lst = lstatSync(path, { throwIfNoEntry: false });
      if (!lst || lst.isDirectory()) continue;
      if (seen.has(id)) {
        items.push(invalid(`another file has the same id '${id}' and is the one served (${SCENARIO_EXTENSIONS.map((e) => id + e).join(' before ')})`));
        continue;
      }
      seen.add(id);
      const refusal = this.refusal(path, lst);
      if (refusal !== undefined) {
        items.push(invalid(refusal));
        continue;
      }
      try {
        const entry = this.get(id);
        const r = entry.resolved;
        const w = r.written;
        const parent = entry.parent;
        items.push({
          id,
          file: name,
          valid: true,
          name: r.name,
          ...(r.region === undefined ? {} : { region: r.region }),
          ...(r.description === undefined ? {} : { description: r.description }),
          ...(parent === undefined ? {} : { extends: parent }),
          ...(w.capacity.target ? { target: { ...w.capacity.target } } : {}),
          ...(r.plan.capacity.target?.capacityMW === undefined ? {} : { targetCapacityMW: r.plan.capacity.target.capacityMW }),
          years: { start: w.years.start, end: w.years.end },
          growthModel: w.capacity.growth.model,
          hash: r.hash,
          uncertain: isUncertain(r),
        });
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        items.push({ id, file: name, valid: false, error: errorBody(e) });
      }
    }
    return items;
  }

  /** Runs a what-if: the body is the first document of an `extends` chain whose parents are files in the folder. */
  runWhatIf(body: ScenarioBody, id: string = WHAT_IF_ID): WhatIfRun {
    return this.computeWhatIf(body, id).run;
  }

  /**
   * A rendering of a what-if (`kind` names it: 'json', 'csv-si'…): `render` makes it from the run. A body asked
   * for a second time has it kept, until a file its `extends` chain reads changes: text that time, then UTF-8
   * bytes (encoded once, sent as they are).
   */
  renderWhatIf(body: ScenarioBody, kind: string, render: (run: WhatIfRun) => string): string | Buffer {
    const key = `${kind}\u0000${JSON.stringify(body)}`;
    const hit = this.whatIfs.get(key);
    if (hit && isFresh(hit.stamps)) {
      this.whatIfs.delete(key);
      this.whatIfs.set(key, hit);
      hit.payload = keptBytes(hit.payload);
      return hit.payload;
    }
    const { run, stamps } = this.computeWhatIf(body, WHAT_IF_ID);
    const text = render(run);
    if (hit || this.whatIfsSeen.delete(key)) {
      this.whatIfs.delete(key);
      this.whatIfs.set(key, { stamps, payload: text });
      if (this.whatIfs.size > WHAT_IF_CACHE_SIZE) this.whatIfs.delete(this.whatIfs.keys().next().value!);
    } else {
      this.whatIfsSeen.add(key);
      if (this.whatIfsSeen.size > WHAT_IF_SEEN_SIZE) this.whatIfsSeen.delete(this.whatIfsSeen.values().next().value!);
    }
    return text;
  }

  private computeWhatIf(body: ScenarioBody, id: string): { run: WhatIfRun; stamps: readonly Stamp[] } {
    // A name no scenario id can take, so `extends` of any real file never loops back onto the body.
    const virtualPath = join(this.root, `~${id}.json`);
    try {
      const first = bodyDoc(body, virtualPath);
      const stamps: Stamp[] = [];
      const onCached = this.chainOntoCached(first, virtualPath, id);
      if (onCached) stamps.push(...onCached.stamps);
      const chain = onCached?.chain ?? loadScenarioChain(virtualPath, this.reader(stamps), first);
      const resolved = resolveChain({ ...chain, id }, this.reader(stamps, this.dataRoots));
      return { run: { resolved, report: runReport(resolved) }, stamps };
    } catch (e) {
      if (e instanceof ScenarioError) throw scenarioHttpError(e, this.root, { file: virtualPath, label: BODY_LABEL });
      throw e;
    }
  }

  /**
   * The chain of a body whose `extends` names a scenario file of the folder, built on that file's cached chain
   * (already parsed and validated): the same merge loadScenarioChain does, without parsing the parents again on
   * every what-if. Undefined for anything else (another path, a file that fails to load), which then goes the
   * general way and gets its error from loadScenarioChain.
   */
  private chainOntoCached(first: SourceDoc, virtualPath: string, id: string): { chain: ScenarioChain; stamps: readonly Stamp[] } | undefined {
    const parent = first.data.extends;
    if (typeof parent !== 'string') return undefined;
    const path = resolvePath(this.root, parent);
    const ext = extname(path);
    const parentId = basename(path, ext);
    if (dirname(path) !== this.root || !SCENARIO_EXTENSIONS.includes(ext) || !SCENARIO_ID_REGEX.test(parentId)) return undefined;
    const found = this.findFile(parentId);
    if (!found || found.path !== path || found.refusal !== undefined) return undefined;
    let entry: ScenarioEntry;
    try {
      entry = this.entryOf(parentId, found);
    } catch {
      return undefined;
    }
    const merged = { ...(mergeScenario(entry.chain.merged, first.data) as Record<string, unknown>) };
    delete merged.extends;
    delete merged.$schema;
    return { chain: { id, file: virtualPath, chain: [first, ...entry.chain.chain], merged }, stamps: entry.stamps };
  }

  /**
   * Saves a what-if as ID.yaml (or over the existing file of that id, in its format, when `overwrite`): the exact
   * text to be written is parsed and validated first, then written to a temp file and linked (new) or renamed
   * (overwrite) into place, so a reader never sees half a file and two saves of one new id cannot both win.
   */
  save(id: string, body: ScenarioBody, overwrite: boolean): { id: string; file: string; created: boolean; hash: string } {
    this.assertId(id);
    const existing = this.findFile(id);
    if (existing && !overwrite) throw new HttpError(409, 'conflict', `a scenario '${id}' already exists (${basename(existing.path)}); choose another id or ask to overwrite it`, { field: 'id' });
    if (existing?.refusal !== undefined && existing.refusal.includes('outside')) {
      throw new HttpError(409, 'conflict', `${basename(existing.path)} links outside the scenarios folder; it is not replaced`, { field: 'id' });
    }
    const target = existing?.path ?? join(this.root, `${id}.yaml`);
    const asJson = extname(target).toLowerCase() === '.json';
    const text = asJson ? `${JSON.stringify(orderedScenario(body), null, 2)}\n` : this.yamlText(id, body);
    let resolved: ResolvedScenario;
    try {
      resolved = resolveChain(loadScenarioChain(target, this.reader([]), parseScenarioText(text, target)), this.reader([], this.dataRoots));
    } catch (e) {
      if (e instanceof ScenarioError) throw scenarioHttpError(e, this.root, { file: target, label: BODY_LABEL });
      throw e;
    }
    this.write(target, text, existing !== undefined);
    this.cache.delete(id);
    return { id, file: basename(target), created: existing === undefined, hash: resolved.hash };
  }

  private yamlText(id: string, body: ScenarioBody): string {
    const schemaLine = existsSync(join(this.root, 'scenario.schema.json')) ? '# yaml-language-server: $schema=./scenario.schema.json\n' : '';
    const from = typeof body.extends === 'string' ? ` from ${body.extends}` : '';
    return `${schemaLine}# Saved from the pvplan web page (a what-if${from}). Run it with: pvplan run ${id}.yaml\n${stringifyYaml(orderedScenario(body), { lineWidth: 0 })}`;
  }

  private write(target: string, text: string, replace: boolean): void {
    const tmp = join(this.root, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
    try {
      if (replace) renameSync(tmp, target);
      else {
        try {
          linkSync(tmp, target);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new HttpError(409, 'conflict', `a scenario '${basename(target, extname(target))}' was just created by another request`, { field: 'id' });
          throw e;
        }
      }
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
