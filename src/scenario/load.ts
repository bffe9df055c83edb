/**
 * Reading scenario files: YAML or JSON (read fast without positions when the text is plain, the `yaml` document
 * with positions made when a problem must name its line), `extends` chains with deep merge, cycle and missing-parent errors.
 */
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { readRegularFileText, SCENARIO_FILE_MAX_BYTES } from '../io/read-bounded.ts';
import { ScenarioError, type ScenarioProblem } from './errors.ts';
import { freezeDocument } from './immutable.ts';
import { readPlainYaml } from './yaml-plain.ts';
import { yamlLib as yaml } from './yaml-lib.ts';

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

/**
 * Reads a regular file's text of at most `maxBytes` bytes (src/io/read-bounded.ts); replaceable in tests and in the
 * server, which adds its folder containment.
 */
export type ReadText = (absolutePath: string, maxBytes: number) => string;

export const readTextFromDisk: ReadText = readRegularFileText;

/** The scenario id: the file name without its extension. */
export function scenarioIdOf(file: string): string {
  return basename(file, extname(file));
}

/** Deepest nesting of mappings and lists a scenario may have (the deepest shipped file has 5 levels). */
export const MAX_SCENARIO_DEPTH = 32;
/** Most aliases (`*name`) a scenario may use; YAML's anchors are for sharing a few blocks, never for bulk. */
export const MAX_SCENARIO_ALIASES = 100;

// The tags of YAML's core schema: anything else (!!binary, !!set, !!timestamp, custom `!tag`s) is refused.
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/**
 * Checks a parsed document in one pass, in document order, without recursion: nesting depth, tags, aliases (defined
 * before use, not inside their own anchor, at most MAX_SCENARIO_ALIASES) and duplicate keys (linear, by a Set per
 * mapping: the parser's own check compares every key with every other). Returns the first problem, with its offset.
 */
function checkDocumentShape(doc: Document): { offset: number | undefined; message: string } | undefined {
  const { isAlias, isMap, isNode, isScalar, isSeq } = yaml();
  const anchors = new Map<string, Node>();
  let aliases = 0;
  // Each entry: a node, its depth, and the anchors open around it (for self-reference).
  const stack: Array<{ node: unknown; depth: number; open: ReadonlySet<string> }> = [{ node: doc.contents, depth: 0, open: new Set() }];
  while (stack.length > 0) {
    const { node, depth, open } = stack.pop()!;
    if (!isNode(node)) continue;
    const offset = node.range?.[0];
    if (isAlias(node)) {
      aliases++;
      if (aliases > MAX_SCENARIO_ALIASES) return { offset, message: `more than ${MAX_SCENARIO_ALIASES} aliases (*name): write the values out, or share fewer blocks` };
      if (open.has(node.source)) return { offset, message: `alias *${node.source} refers to the block it is inside (a loop)` };
      if (!anchors.has(node.source)) return { offset, message: `alias *${node.source} has no anchor &${node.source} before it` };
      continue;
    }
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      return { offset, message: `tag '${node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: scenario values are plain text, numbers, true/false, null, mappings and lists` };
    }
    let inner = open;
    if (node.anchor) {
      anchors.set(node.anchor, node);
      inner = new Set(open).add(node.anchor);
    }
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_SCENARIO_DEPTH) return { offset, message: `nested more than ${MAX_SCENARIO_DEPTH} levels deep` };
      const children: Array<{ node: unknown; depth: number; open: ReadonlySet<string> }> = [];
      if (isMap(node)) {
        const keys = new Set<string>();
        for (const pair of node.items) {
          const key = pair.key;
          if (!isScalar(key)) return { offset: isNode(key) ? key.range?.[0] : offset, message: 'a key must be plain text, not a mapping, list or alias' };
          const name = String(key.value);
          if (keys.has(name)) return { offset: key.range?.[0], message: `duplicate key '${name}' (each field may appear once in a mapping)` };
          keys.add(name);
          children.push({ node: key, depth: depth + 1, open: inner }, { node: pair.value, depth: depth + 1, open: inner });
        }
      } else {
        for (const item of node.items) children.push({ node: item, depth: depth + 1, open: inner });
      }
      // Reversed onto the stack, so they are visited in document order (anchors before their aliases).
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return undefined;
}

/**
 * Whether JSON text is free of what the YAML path refuses in JSON: a duplicate key in an object, or nesting deeper
 * than MAX_SCENARIO_DEPTH. One linear pass over the tokens; a key is compared as JSON.parse decodes it. Malformed
 * text may pass: JSON.parse then throws, and the YAML path reports it with its line.
 */
export function jsonStructureIsPlain(text: string): boolean {
  // Per open container: a Set of the keys seen (object) or null (array); and whether the next string is a key.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j++;
        } else if (d === 0x22) break;
      }
      if (expectKey) {
        const raw = text.slice(i + 1, j);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            return true;
          }
        }
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return false;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (open.length >= MAX_SCENARIO_DEPTH) return false;
      const isObject = c === 0x7b;
      open.push(isObject ? new Set() : null);
      expectKey = isObject;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return true;
}

/**
 * A document read without positions, its `yaml` node tree (for the line of a problem) built only when asked for:
 * parsing a 1,000-project file with positions costs several times what the fast readers do.
 */
function withLazyPositions(text: string, file: string, data: Record<string, unknown>): SourceDoc {
  let positions: { doc: Document; lineCounter: LineCounter } | undefined;
  const withPositions = () => {
    if (!positions) {
      const { LineCounter, parseDocument } = yaml();
      const lineCounter = new LineCounter();
      positions = { doc: parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter };
    }
    return positions;
  };
  return {
    file,
    text,
    get doc(): Document {
      return withPositions().doc;
    },
    get lineCounter(): LineCounter {
      return withPositions().lineCounter;
    },
    data: freezeDocument(data),
  };
}

/**
 * JSON text read with JSON.parse. Undefined when the text is not plain JSON with a mapping at the top (the YAML
 * path then reports the problem with its line).
 */
function parseJsonFast(text: string, file: string): SourceDoc | undefined {
  if (!jsonStructureIsPlain(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(data)) return undefined;
  return withLazyPositions(text, file, data);
}

/**
 * Parses YAML or JSON text into a document with positions; malformed, hostile or oversized text is a ScenarioError
 * with line and column. Plain JSON (a .json file without duplicate keys or excessive nesting) takes JSON.parse, and
 * YAML in the plain block style takes readPlainYaml (yaml-plain.ts), with positions made only if a problem needs
 * them.
 */
export function parseScenarioText(text: string, file: string): SourceDoc {
  if (extname(file).toLowerCase() === '.json') {
    const fast = parseJsonFast(text, file);
    if (fast) return fast;
  } else {
    const data = readPlainYaml(text);
    if (isPlainObject(data)) return withLazyPositions(text, file, data);
  }
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const what = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
  const fail = (offset: number | undefined, message: string): never => {
    const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    throw new ScenarioError([{ file, line: pos.line, column: pos.col, message }]);
  };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    // The parser recurses once per nesting level of flow collections (`[[[[…`): past the stack, it is too deep.
    if (e instanceof RangeError) return fail(undefined, `malformed ${what}: nested too deeply (the limit is ${MAX_SCENARIO_DEPTH} levels)`);
    throw e;
  }
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    if (first.message.includes('call stack')) return fail(undefined, `malformed ${what}: nested too deeply (the limit is ${MAX_SCENARIO_DEPTH} levels)`);
    const detail = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError([{ file, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `malformed ${what}: ${detail}`, code: 'malformed', params: { what, detail } }]);
  }
  const shape = checkDocumentShape(doc);
  if (shape) fail(shape.offset, `malformed ${what}: ${shape.message}`);
  let data: unknown;
  try {
    // The parser's own guard weighs each alias by the size of what it expands to: the limit bounds expansion,
    // where the walk above bounded the count.
    data = doc.toJS({ maxAliasCount: 10 * MAX_SCENARIO_ALIASES });
  } catch (e) {
    // Aliases that pass the checks above can still expand too much (an alias of a block full of aliases).
    return fail(undefined, `malformed ${what}: ${(e as Error).message}`);
  }
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
  /** A child's `null` removes the field it inherits (`target: null` in a variant without a target); the merged scenario has no such key. */
  nullRemoves: true,
  /**
   * A list under one of these keys merges item by item, matched on the named field: a child item whose key the
   * parent's list has is merged onto that item (by these same rules) in the parent's place; an item with a new key
   * is appended. So a child that lists `- { id: datang-base-pv, commissioning: 2026 }` moves that one project and
   * keeps the others; to drop a project, give it `stage: cancelled`. Any other list is replaced whole.
   */
  mergeListsByKey: { projects: 'id' },
} as const;

const WHOLE_KEY = new RegExp(MERGE_RULES.replaceWholeWhenKeysMatch, 'u');

/**
 * Sets `out[key]` as an own, enumerable data property. Assignment does that for every key but `__proto__`, whose
 * setter would replace the prototype: that one is defined. So `__proto__` or `toString` in a file stay ordinary
 * keys (which the validator then refuses), never the prototype.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A mapping without its null-valued keys, at any depth (nothing to remove them from: they say "absent"). */
function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (value[k] === null) continue;
    setOwn(out, k, withoutNulls(value[k]));
  }
  return out;
}

/**
 * Deep merge for `extends` by MERGE_RULES: the child's values win; mappings merge key by key, except the two cases
 * the rules replace whole; a child's `null` removes the inherited field. The result holds no null-valued keys.
 */
/** A keyed list merged by MERGE_RULES.mergeListsByKey: the parent's items in order, each merged with the child's item of the same key, then the child's new items. */
function mergeListByKey(parent: readonly unknown[], child: readonly unknown[], key: string): unknown[] {
  const keyOf = (item: unknown) => (isPlainObject(item) && typeof item[key] === 'string' ? (item[key] as string) : undefined);
  const fromChild = new Map<string, unknown>();
  for (const item of child) {
    const k = keyOf(item);
    if (k !== undefined && !fromChild.has(k)) fromChild.set(k, item);
  }
  const used = new Set<unknown>();
  const out = parent.map((item) => {
    const k = keyOf(item);
    const over = k === undefined ? undefined : fromChild.get(k);
    if (over === undefined) return item;
    used.add(over);
    return mergeScenario(item, over);
  });
  for (const item of child) if (!used.has(item)) out.push(item);
  return out;
}

/** Deep merge for `extends` by MERGE_RULES: the child's values win; mappings merge key by key, keyed lists item by item, except the two cases the rules replace whole. */
export function mergeScenario(parent: unknown, child: unknown): unknown {
  if (!isPlainObject(parent) || !isPlainObject(child)) return withoutNulls(child);
  const childKeys = Object.keys(child);
  if (childKeys.length > 0 && childKeys.every((k) => WHOLE_KEY.test(k))) return withoutNulls(child);
  for (const k of MERGE_RULES.replaceWholeWhenChanged) if (k in child && k in parent && child[k] !== parent[k]) return withoutNulls(child);
  // A copy key by key rather than a spread: V8 adds the child's new keys to a spread copy far more slowly.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(parent)) setOwn(out, k, parent[k]);
  for (const k of childKeys) {
    if (MERGE_RULES.nullRemoves && child[k] === null) {
      delete out[k];
      continue;
    }
    // Looked up as own keys, like setOwn sets them.
    const listKey = Object.hasOwn(MERGE_RULES.mergeListsByKey, k) ? MERGE_RULES.mergeListsByKey[k as keyof typeof MERGE_RULES.mergeListsByKey] : undefined;
    const value = !Object.hasOwn(parent, k)
      ? withoutNulls(child[k])
      : listKey !== undefined && Array.isArray(parent[k]) && Array.isArray(child[k])
        ? mergeListByKey(parent[k] as unknown[], child[k] as unknown[], listKey)
        : mergeScenario(parent[k], child[k]);
    setOwn(out, k, value);
  }
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
        text = readText(current, SCENARIO_FILE_MAX_BYTES);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
        if (from) throw new ScenarioError([{ ...locateIn(from.source, ['extends']), field: 'extends', message: `cannot read the parent scenario '${String(from.source.data.extends)}' (${current}): ${reason}` }]);
        throw new ScenarioError([{ file: displayPath(current, file), message: `cannot read the scenario file: ${reason}`, code: 'cannot-read', params: { reason } }]);
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
  return { id: scenarioIdOf(file), file, chain, merged: freezeDocument(withoutChainKeys(merged as Record<string, unknown>)) };
}

/** Keys of a scenario file that concern its `extends` chain or editor, not the merged scenario. */
const CHAIN_ONLY_KEYS: ReadonlySet<string> = new Set(['extends', '$schema']);

/**
 * A merged scenario without its chain's own keys (`extends`, `$schema`), the others in their order: a copy rather than
 * `delete`, which would leave V8 a slow dictionary-mode object for everything that reads the scenario after.
 */
export function withoutChainKeys(merged: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(merged)) if (!CHAIN_ONLY_KEYS.has(k)) setOwn(out, k, merged[k]);
  return out;
}

function displayPath(absolute: string, relativeTo: string): string {
  const base = dirname(resolvePath(relativeTo));
  return absolute.startsWith(base + '/') ? `${dirname(relativeTo)}/${absolute.slice(base.length + 1)}`.replace(/^\.\//, '') : absolute;
}

/** The node at `path` and how much of the path exists; a found field is located at its key, so editors jump to the field's name. */
function findNode(doc: Document, path: ReadonlyArray<string>): { node: Node | undefined; depth: number } {
  const { isMap, isScalar, isSeq } = yaml();
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
export function problemsAt(chain: readonly SourceDoc[], issues: ReadonlyArray<{ path: ReadonlyArray<string>; message: string; code?: string; params?: Readonly<Record<string, string | number>> }>): ScenarioProblem[] {
  return issues.map((i) => ({ ...locateField(chain, i.path), field: i.path.length ? i.path.join('.') : undefined, message: i.message, ...(i.code === undefined ? {} : { code: i.code, params: i.params }) } as ScenarioProblem));
}
