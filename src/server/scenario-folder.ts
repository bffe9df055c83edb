/**
 * The scenarios folder and its safe I/O: ids → files (never outside the folder, never through a link that leaves
 * it), reads that record each file's stamp so caches see it change, and saves written atomically.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readRegularFileText } from '../io/read-bounded.ts';
import { basename, extname, join, sep } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import type { ReadText } from '../scenario/load.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { HttpError } from './errors.ts';
import { scenarioIdProblem } from '../scenario/id.ts';
import { yamlLib } from '../scenario/yaml-lib.ts';
import type { ScenarioBody } from './schemas.ts';

/** Extensions a scenario file may have, in the order an id is looked up. */
export const SCENARIO_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Name of the editors' JSON Schema in a scenarios folder (written by `pvplan schema`), which is not a scenario. */
const SCHEMA_FILE_SUFFIX = '.schema.json';

/** What identifies one version of a file without reading it: same inode, size and times → same content. */
export interface Stamp {
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
export function isFresh(stamps: readonly Stamp[], known?: { readonly path: string; readonly st: Stats }): boolean {
  for (const s of stamps) {
    const st = known !== undefined && s.path === known.path ? known.st : statSync(s.path, { throwIfNoEntry: false });
    if (!st || st.ino !== s.ino || st.size !== s.size || st.mtimeMs !== s.mtimeMs || st.ctimeMs !== s.ctimeMs) return false;
  }
  return true;
}

/** The file of a scenario id; `st` is its lstat when it is a regular file (not a link), `refusal` why it cannot be served. */
export interface FoundFile {
  readonly path: string;
  readonly st?: Stats;
  readonly refusal?: string;
}

/** A scenario file of the folder as listed: its name, its id, and why it cannot be served (if it cannot). */
export interface ListedFile {
  readonly name: string;
  readonly id: string;
  readonly refusal?: string;
}

/** Top-level keys in the schema's order, so a saved file reads like a hand-written one. */
const TOP_LEVEL_ORDER = ['extends', ...Object.keys((ScenarioSchema as unknown as { properties: Record<string, unknown> }).properties).filter((k) => k !== '$schema' && k !== 'extends')];

/** A scenario body with its top-level keys in the schema's order (unknown keys last, `$schema` dropped). */
export function orderedScenario(body: ScenarioBody): ScenarioBody {
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

/** The scenarios folder (and the data folders weather files may come from): every file read or written is inside. */
export class ScenarioFolder {
  /** The folder, with symbolic links resolved: every file served or written is inside it. */
  readonly root: string;
  /** Folders data files (weather) may be read from: the scenarios folder and the data folders, links resolved. */
  readonly dataRoots: readonly string[];

  constructor(dir: string, dataDirs: readonly string[] = []) {
    this.root = realFolder(dir, 'scenarios folder');
    this.dataRoots = [this.root, ...dataDirs.map((d) => realFolder(d, 'data folder'))];
  }

  private isInside(real: string, roots: readonly string[] = [this.root]): boolean {
    return roots.some((root) => real.startsWith(root + sep));
  }

  /** Throws a 400 unless `id` is a safe scenario id by the one rule of src/scenario/id.ts. */
  assertId(id: string): void {
    const problem = scenarioIdProblem(id);
    if (problem) throw new HttpError(400, 'bad-request', `'${id.slice(0, 80)}' is not a scenario id: ${problem.message}`, { field: 'id' });
  }

  /**
   * Whether `path` is a scenario file the folder lists and serves (not refused, not hidden, not the editors'
   * schema): the only files a save may replace.
   */
  isServedScenarioFile(path: string): boolean {
    const name = basename(path);
    return this.listFiles().some((f) => f.name === name && f.refusal === undefined);
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
  findFile(id: string): FoundFile | undefined {
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
   * Every scenario file of the folder (hidden files and the editors' schema left out), sorted by id and, within an
   * id, in lookup order; a file that cannot be served says why (a bad name, an id another file wins, a refusal).
   */
  listFiles(): ListedFile[] {
    const names = readdirSync(this.root)
      .filter((n) => !n.startsWith('.') && SCENARIO_EXTENSIONS.includes(extname(n).toLowerCase()) && !n.toLowerCase().endsWith(SCHEMA_FILE_SUFFIX))
      .map((n) => ({ name: n, id: basename(n, extname(n)), rank: SCENARIO_EXTENSIONS.indexOf(extname(n).toLowerCase()) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.rank - b.rank));
    const files: ListedFile[] = [];
    const seen = new Set<string>();
    for (const { name, id } of names) {
      const problem = scenarioIdProblem(id);
      if (problem || extname(name) !== extname(name).toLowerCase()) {
        files.push({ name, id, refusal: `the file name is not a valid scenario id: ${problem ? problem.message : 'the extension must be lowercase'}` });
        continue;
      }
      const path = join(this.root, name);
      const lst = lstatSync(path, { throwIfNoEntry: false });
      if (!lst || lst.isDirectory()) continue;
      if (seen.has(id)) {
        files.push({ name, id, refusal: `another file has the same id '${id}' and is the one served (${SCENARIO_EXTENSIONS.map((e) => id + e).join(' before ')})` });
        continue;
      }
      seen.add(id);
      const refusal = this.refusal(path, lst);
      files.push(refusal === undefined ? { name, id } : { name, id, refusal });
    }
    return files;
  }

  /**
   * Reads files for a scenario, refusing any that resolve outside `roots` (the scenarios folder for `extends`;
   * the data folders too for weather files), and records their stamps so the cache sees them change.
   */
  reader(stamps: Stamp[], roots: readonly string[] = [this.root]): ReadText {
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

  /** The text a what-if is saved as in YAML: the editors' schema line when the folder has one, a note, the body. */
  yamlText(id: string, body: ScenarioBody): string {
    const schemaLine = existsSync(join(this.root, 'scenario.schema.json')) ? '# yaml-language-server: $schema=./scenario.schema.json\n' : '';
    const from = typeof body.extends === 'string' ? ` from ${body.extends}` : '';
    return `${schemaLine}# Saved from the pvplan web page (a what-if${from}). Run it with: pvplan run ${id}.yaml\n${yamlLib().stringify(orderedScenario(body), { lineWidth: 0 })}`;
  }

  /**
   * Writes a scenario file atomically: renamed over the old file when `replace`, else linked into place, so two
   * saves of one new id cannot both win (the loser gets a 409).
   */
  write(target: string, text: string, replace: boolean): void {
    try {
      writeFileAtomic(target, text, { replace });
    } catch (e) {
      if (!replace && (e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new HttpError(409, 'conflict', `a scenario '${basename(target, extname(target))}' was just created by another request`, { field: 'id' });
      }
      throw e;
    }
  }
}
