/**
 * The server's caches over the scenarios folder: loaded and run scenarios kept until a file of their `extends` chain
 * changes (keyed on each file's inode, size, mtime and ctime), Monte Carlo runs per file version, what-ifs run from a
 * request body and their renderings, and what-ifs saved as new files (validated first, written atomically). Every
 * cache is an `lru-cache` bounded by entries; the folder and its safe I/O are in scenario-folder.ts.
 */
import { LRUCache } from 'lru-cache';
import { resolve as resolvePath, basename, dirname, extname, join } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { McReport } from '../report/mc.ts';
import { runReport, type RunReport } from '../report/run.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { loadScenarioChain, mergeScenario, parseScenarioText, withoutChainKeys, type ScenarioChain, type SourceDoc } from '../scenario/load.ts';
import { resolveChain, type ResolvedScenario } from '../scenario/resolve.ts';
import { unknownFields } from '../scenario/validate.ts';
import { errorBody, HttpError, notFound, scenarioHttpError } from './errors.ts';
import { isFresh, orderedScenario, SCENARIO_EXTENSIONS, ScenarioFolder, type FoundFile, type Stamp } from './scenario-folder.ts';
import { listItem } from './scenario-list.ts';
import { isScenarioId } from '../scenario/id.ts';
import { yamlLib } from '../scenario/yaml-lib.ts';
import type { ScenarioBody, ScenarioListItem } from './schemas.ts';

/** How a request body is named in error messages. */
export const BODY_LABEL = 'request body';

/** Report id of an unsaved what-if. */
export const WHAT_IF_ID = 'what-if';

/** Rendered forms of a report by kind (serialized JSON, CSV by unit system): text when rendered, UTF-8 bytes once asked for again. */
export type Rendering = Map<string, string | Buffer>;

/**
 * A kept rendering asked for again, as UTF-8 bytes: the text is sent as it is the first time (most what-ifs are
 * asked for once, and encoding while writing is cheapest), and encoded once when it proves worth keeping.
 */
export function keptBytes(kept: string | Buffer): Buffer {
  return typeof kept === 'string' ? Buffer.from(kept, 'utf8') : kept;
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
  /** Monte Carlo runs of this file version by draws and seed (see ScenarioStore.monteCarlo), at most MC_RUNS_PER_SCENARIO. */
  readonly mcRuns: LRUCache<string, Promise<McRun>>;
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

/**
 * Scenario files kept loaded and run, least recently used dropped first: far more than a folder holds, so only a
 * folder whose files are renamed again and again reaches it.
 */
export const SCENARIO_CACHE_SIZE = 1024;

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
 * requests would make it outlive V8's young generation, and promoting it costs more than rendering it again.
 */
export const WHAT_IF_SEEN_SIZE = 1024;

/** A remembered what-if rendering: text when rendered, UTF-8 bytes once asked for again. */
interface WhatIfRendering {
  readonly stamps: readonly Stamp[];
  payload: string | Buffer;
}

/**
 * A request body as the first document of an `extends` chain, built from the parsed JSON without a YAML parse
 * (which would take about a third of a what-if's time). It has no lines to point at, only field paths, so its YAML node
 * tree is made only if an error needs to locate a field in it. `file` is a path inside the folder, so relative
 * paths in the body (`extends`, a weather file) resolve there; errors name it as the request body.
 */
export function bodyDoc(body: ScenarioBody, file: string): SourceDoc {
  return new BodyDoc(body, file);
}

/** A body as a SourceDoc: its text and its `yaml` document are made only when a problem must be located. */
class BodyDoc implements SourceDoc {
  private document: Document | undefined;
  private counter: LineCounter | undefined;

  constructor(
    readonly data: ScenarioBody,
    readonly file: string,
  ) {}

  get text(): string {
    return JSON.stringify(this.data);
  }

  get doc(): Document {
    this.document ??= new (yamlLib().Document)(this.data);
    return this.document;
  }

  get lineCounter(): LineCounter {
    this.counter ??= new (yamlLib().LineCounter)();
    return this.counter;
  }
}

/**
 * Throws the ScenarioError of a body's unknown keys (the first few, and a count), found before any merge or
 * YAML node is made: 5,000 unknown keys then cost a look-up each, not a merge, a document and a message each.
 */
export function refuseUnknownFields(body: ScenarioBody, file: string): void {
  const unknown = unknownFields(body);
  if (unknown.length > 0) throw new ScenarioError(unknown.map((i) => ({ file, ...(i.path.length ? { field: i.path.join('.') } : {}), message: i.message })));
}

/** Monte Carlo runs that have finished (a promise cannot be asked whether it has settled). */
const settled = new WeakSet<Promise<McRun>>();

/** A run in progress: what aborts it, and how many requests still wait for it (each one's signal not aborted). */
const inProgress = new WeakMap<Promise<McRun>, { readonly controller: AbortController; wanted: number }>();

/**
 * Counts a request waiting for `run`; when its `signal` aborts and it was the last one waiting, the run is
 * aborted. A request without a signal (an in-process caller) waits to the end, so the run is never aborted.
 */
function wantedBy(run: Promise<McRun>, signal: AbortSignal | undefined): void {
  const state = inProgress.get(run);
  if (!state) return;
  state.wanted++;
  if (!signal) return;
  const leave = () => {
    state.wanted--;
    if (state.wanted === 0 && !settled.has(run)) state.controller.abort();
  };
  if (signal.aborted) leave();
  else signal.addEventListener('abort', leave, { once: true });
}

export class ScenarioStore {
  private readonly folder: ScenarioFolder;
  private readonly cache = new LRUCache<string, ScenarioEntry>({ max: SCENARIO_CACHE_SIZE });
  private readonly whatIfs = new LRUCache<string, WhatIfRendering>({ max: WHAT_IF_CACHE_SIZE });
  /** Keys of what-if renderings asked for once lately (see WHAT_IF_SEEN_SIZE). */
  private readonly whatIfsSeen = new LRUCache<string, true>({ max: WHAT_IF_SEEN_SIZE });

  constructor(dir: string, dataDirs: readonly string[] = []) {
    this.folder = new ScenarioFolder(dir, dataDirs);
  }

  /** The folder, with symbolic links resolved: every file served or written is inside it. */
  get root(): string {
    return this.folder.root;
  }

  /** Throws a 400 naming the problem unless `id` is a scenario id (safe characters, not a reserved name). */
  assertId(id: string): void {
    this.folder.assertId(id);
  }

  /** A scenario by id, loaded and run, from the cache when none of its files changed; 400/404 HttpErrors otherwise. */
  get(id: string): ScenarioEntry {
    this.folder.assertId(id);
    const found = this.folder.findFile(id);
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
      const chain = loadScenarioChain(path, this.folder.reader(stamps));
      const resolved = resolveChain(chain, this.folder.reader(stamps, this.folder.dataRoots));
      const own = chain.chain[0]!;
      const parent = typeof own.data.extends === 'string' ? own.data.extends : undefined;
      const entry: ScenarioEntry = {
        id,
        file: path,
        stamps,
        chain,
        resolved,
        report: runReport(resolved),
        source: own.text,
        ...(parent === undefined ? {} : { parent }),
        renderings: new Map(),
        mcRuns: new LRUCache({ max: MC_RUNS_PER_SCENARIO }),
      };
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
   * `signal` says the request is no longer wanted (its client left): a run in progress is aborted, through the
   * signal `compute` gets, once every request waiting for it has left.
   */
  monteCarlo(
    id: string,
    draws: number,
    seed: number,
    compute: (resolved: ResolvedScenario, signal: AbortSignal) => Promise<McReport>,
    signal?: AbortSignal,
  ): { run: Promise<McRun>; outcome: McCacheOutcome; entry: ScenarioEntry } {
    const entry = this.get(id);
    const key = `${draws}:${seed}`;
    const runs = entry.mcRuns;
    const known = runs.get(key);
    if (known) {
      if (settled.has(known)) return { run: known, outcome: 'hit', entry };
      wantedBy(known, signal);
      return { run: known, outcome: 'joined', entry };
    }
    const startedMs = performance.now();
    const controller = new AbortController();
    const run: Promise<McRun> = compute(entry.resolved, controller.signal).then(
      (report) => {
        settled.add(run);
        return { report, renderings: new Map(), computeMs: performance.now() - startedMs };
      },
      (e: unknown) => {
        settled.add(run);
        if (runs.peek(key) === run) runs.delete(key);
        throw e;
      },
    );
    inProgress.set(run, { controller, wanted: 0 });
    wantedBy(run, signal);
    runs.set(key, run);
    return { run, outcome: 'miss', entry };
  }

  /** Every scenario file in the folder, valid or not (an invalid one carries its error), sorted by id. */
  list(): ScenarioListItem[] {
    const items: ScenarioListItem[] = [];
    for (const { name, id, refusal } of this.folder.listFiles()) {
      if (refusal !== undefined) {
        items.push({ id, file: name, valid: false, error: { error: 'invalid-scenario', message: refusal } });
        continue;
      }
      try {
        const entry = this.get(id);
        items.push(listItem(id, name, entry.resolved, entry.parent));
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
      hit.payload = keptBytes(hit.payload);
      return hit.payload;
    }
    const { run, stamps } = this.computeWhatIf(body, WHAT_IF_ID);
    const text = render(run);
    if (hit || this.whatIfsSeen.delete(key)) this.whatIfs.set(key, { stamps, payload: text });
    else this.whatIfsSeen.set(key, true);
    return text;
  }

  private computeWhatIf(body: ScenarioBody, id: string): { run: WhatIfRun; stamps: readonly Stamp[] } {
    // A name no scenario id can take, so `extends` of any real file never loops back onto the body.
    const virtualPath = join(this.root, `~${id}.json`);
    try {
      refuseUnknownFields(body, virtualPath);
      const first = bodyDoc(body, virtualPath);
      const stamps: Stamp[] = [];
      const onCached = this.chainOntoCached(first, virtualPath, id);
      if (onCached) stamps.push(...onCached.stamps);
      const chain = onCached?.chain ?? loadScenarioChain(virtualPath, this.folder.reader(stamps), first);
      const resolved = resolveChain({ ...chain, id }, this.folder.reader(stamps, this.folder.dataRoots));
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
    if (dirname(path) !== this.root || !SCENARIO_EXTENSIONS.includes(ext) || !isScenarioId(parentId)) return undefined;
    const found = this.folder.findFile(parentId);
    if (!found || found.path !== path || found.refusal !== undefined) return undefined;
    let entry: ScenarioEntry;
    try {
      entry = this.entryOf(parentId, found);
    } catch {
      return undefined;
    }
    // Both are mappings, so mergeScenario builds a new object; the keys a merged scenario never has (as
    // loadScenarioChain leaves them out) are left out of a copy rather than deleted, which would turn the object
    // every later step reads into a slower dictionary.
    const merged = withoutChainKeys(mergeScenario(entry.chain.merged, first.data) as Record<string, unknown>);
    return { chain: { id, file: virtualPath, chain: [first, ...entry.chain.chain], merged }, stamps: entry.stamps };
  }

  /**
   * Saves a what-if as ID.yaml (or over the existing file of that id, in its format, when `overwrite`): the exact
   * text to be written is parsed and validated first, then written to a temp file and linked (new) or renamed
   * (overwrite) into place, so a reader never sees half a file and two saves of one new id cannot both win.
   */
  save(id: string, body: ScenarioBody, overwrite: boolean): { id: string; file: string; created: boolean; hash: string } {
    this.folder.assertId(id);
    const existing = this.folder.findFile(id);
    if (existing && !overwrite) throw new HttpError(409, 'conflict', `a scenario '${id}' already exists (${basename(existing.path)}); choose another id or ask to overwrite it`, { field: 'id' });
    if (existing?.refusal !== undefined && existing.refusal.includes('outside')) {
      throw new HttpError(409, 'conflict', `${basename(existing.path)} links outside the scenarios folder; it is not replaced`, { field: 'id' });
    }
    // Only a scenario file the list shows may be replaced: never a file that merely has an id's name.
    if (existing && !this.folder.isServedScenarioFile(existing.path)) {
      throw new HttpError(409, 'conflict', `${basename(existing.path)} is not a scenario file the server lists; it is not replaced: choose another id`, { field: 'id' });
    }
    const target = existing?.path ?? join(this.root, `${id}.yaml`);
    const asJson = extname(target).toLowerCase() === '.json';
    try {
      refuseUnknownFields(body, target);
    } catch (e) {
      if (e instanceof ScenarioError) throw scenarioHttpError(e, this.root, { file: target, label: BODY_LABEL });
      throw e;
    }
    const text = asJson ? `${JSON.stringify(orderedScenario(body), null, 2)}\n` : this.folder.yamlText(id, body);
    let resolved: ResolvedScenario;
    try {
      resolved = resolveChain(loadScenarioChain(target, this.folder.reader([]), parseScenarioText(text, target)), this.folder.reader([], this.folder.dataRoots));
    } catch (e) {
      if (e instanceof ScenarioError) throw scenarioHttpError(e, this.root, { file: target, label: BODY_LABEL });
      throw e;
    }
    this.folder.write(target, text, existing !== undefined);
    this.cache.delete(id);
    return { id, file: basename(target), created: existing === undefined, hash: resolved.hash };
  }
}
