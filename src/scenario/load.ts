/**
 * Reading scenario files: YAML or JSON (both through the `yaml` parser, which keeps positions so every error
 * can name its line), `extends` chains with deep merge, cycle and missing-parent errors.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ScenarioError, type ScenarioProblem } from './errors.ts';
import { freezeDocument } from './immutable.ts';

/** One parsed file of an `extends` chain. */
export interface SourceDoc {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  readonly data: Record<string, unknown>;
}

/** A scenario's files (the child first, then its parents) and the merged document as written. */
export interface ScenarioChain {
  readonly id: string;
  readonly file: string;
  readonly chain: readonly SourceDoc[];
  readonly merged: Record<string, unknown>;
}

/** Reads a file's text; replaceable in tests and in the server. */
export type ReadText = (absolutePath: string) => string;

export const readTextFromDisk: ReadText = (p) => readFileSync(p, 'utf8');

/** The scenario id: the file name without its extension. */
export function scenarioIdOf(file: string): string {
  return basename(file, extname(file));
}

/** Parses YAML or JSON text into a document with positions; malformed text is a ScenarioError with line and column. */
export function parseScenarioText(text: string, file: string): SourceDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const what = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
    throw new ScenarioError([
      { file, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `malformed ${what}: ${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` },
    ]);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError([{ file, line: 1, column: 1, message: 'expected a mapping of scenario fields at the top level (name, years, capacity, yield, savings)' }]);
  }
  return { file, text, doc, lineCounter, data: freezeDocument(data as Record<string, unknown>) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How `extends` merges a child onto its parent, as data: GET /api/meta serves it so that the page writes a
 * what-if body by the same rules. Otherwise the child's values win and mappings merge key by key.
 */
export const MERGE_RULES = {
  /** A mapping whose keys all match this pattern (a year → value series) is replaced whole. */
  replaceWholeWhenKeysMatch: '^[12][0-9]{3}$',
  /** A mapping in which the child changes one of these keys is replaced whole (mixing two models' fields is never meant). */
  replaceWholeWhenChanged: ['model'],
} as const;

const WHOLE_KEY = new RegExp(MERGE_RULES.replaceWholeWhenKeysMatch, 'u');

/** Deep merge for `extends` by MERGE_RULES: the child's values win; mappings merge key by key, except the two cases the rules replace whole. */
export function mergeScenario(parent: unknown, child: unknown): unknown {
  if (!isPlainObject(parent) || !isPlainObject(child)) return child;
  const childKeys = Object.keys(child);
  if (childKeys.length > 0 && childKeys.every((k) => WHOLE_KEY.test(k))) return child;
  for (const k of MERGE_RULES.replaceWholeWhenChanged) if (k in child && k in parent && child[k] !== parent[k]) return child;
  const out: Record<string, unknown> = { ...parent };
  for (const k of childKeys) out[k] = k in parent ? mergeScenario(parent[k], child[k]) : child[k];
  return out;
}

/** Loads a scenario file and its `extends` parents; throws ScenarioError on a missing file, a cycle or bad text. */
export function loadScenarioChain(file: string, readText: ReadText = readTextFromDisk, first?: SourceDoc): ScenarioChain {
  const chain: SourceDoc[] = [];
  const seen: string[] = [];
  let current = resolvePath(file);
  let from: { file: string; source: SourceDoc } | undefined;
  let source = first;
  for (;;) {
    if (seen.includes(current)) {
      const loop = [...seen.slice(seen.indexOf(current)), current].map((f) => basename(f)).join(' → ');
      throw new ScenarioError([{ ...locateIn(from!.source, ['extends']), field: 'extends', message: `cycle of extends: ${loop}` }]);
    }
    seen.push(current);
    if (!source) {
      let text: string;
      try {
        text = readText(current);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
        if (from) throw new ScenarioError([{ ...locateIn(from.source, ['extends']), field: 'extends', message: `cannot read the parent scenario '${String(from.source.data.extends)}' (${current}): ${reason}` }]);
        throw new ScenarioError([{ file: displayPath(current, file), message: `cannot read the scenario file: ${reason}` }]);
      }
      source = parseScenarioText(text, from ? displayPath(current, file) : file);
    }
    chain.push(source);
    const parent = source.data.extends;
    if (parent === undefined) break;
    if (typeof parent !== 'string' || parent.trim() === '') {
      throw new ScenarioError([{ ...locateIn(source, ['extends']), field: 'extends', message: `expected the path of a parent scenario file, got ${JSON.stringify(parent)}` }]);
    }
    from = { file: current, source };
    current = resolvePath(dirname(current), parent);
    source = undefined;
  }
  let merged: unknown = {};
  for (let i = chain.length - 1; i >= 0; i--) merged = mergeScenario(merged, chain[i]!.data);
  const out = { ...(merged as Record<string, unknown>) };
  delete out.extends;
  delete out.$schema;
  return { id: scenarioIdOf(file), file, chain, merged: freezeDocument(out) };
}

function displayPath(absolute: string, relativeTo: string): string {
  const base = dirname(resolvePath(relativeTo));
  return absolute.startsWith(base + '/') ? `${dirname(relativeTo)}/${absolute.slice(base.length + 1)}`.replace(/^\.\//, '') : absolute;
}

/** The node at `path` and how much of the path exists; a found field is located at its key, so editors jump to the field's name. */
function findNode(doc: Document, path: ReadonlyArray<string>): { node: Node | undefined; depth: number } {
  let node: unknown = doc.contents;
  let at: unknown = node;
  let depth = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      at = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)];
      if (item === undefined) break;
      at = item;
      node = item;
    } else break;
    depth++;
  }
  return { node: (at ?? undefined) as Node | undefined, depth };
}

/** File, line and column of a field in one document (or of its closest written ancestor). */
export function locateIn(source: SourceDoc, path: ReadonlyArray<string>): { file: string; line?: number; column?: number } {
  const { node } = findNode(source.doc, path);
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: source.file };
  const pos = source.lineCounter.linePos(offset);
  return { file: source.file, line: pos.line, column: pos.col };
}

/** Where a field of the merged scenario was written: the first file of the chain (child first) that has the whole path, else the child. */
export function locateField(chain: readonly SourceDoc[], path: ReadonlyArray<string>): { file: string; line?: number; column?: number } {
  let best: { source: SourceDoc; depth: number } | undefined;
  for (const source of chain) {
    const { depth } = findNode(source.doc, path);
    if (depth === path.length) return locateIn(source, path);
    if (!best || depth > best.depth) best = { source, depth };
  }
  return best ? locateIn(best.source, path) : { file: chain[0]?.file ?? '' };
}

/** Maps field-path problems to file positions. */
export function problemsAt(chain: readonly SourceDoc[], issues: ReadonlyArray<{ path: ReadonlyArray<string>; message: string }>): ScenarioProblem[] {
  return issues.map((i) => ({ ...locateField(chain, i.path), field: i.path.length ? i.path.join('.') : undefined, message: i.message } as ScenarioProblem));
}
