/**
 * Validates a scenario (as written) against ScenarioSchema by walking the schema itself, so that every
 * message can name the field, what was expected, and suggest the closest known key ("did you mean").
 * Quantity strings are parsed here too, so a wrong dimension is reported where it is written.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isFrozenDocument } from './immutable.ts';
import { tryParseQuantity, type Dimension } from './quantity.ts';
import { ScenarioSchema } from './schema.ts';

/** One problem in a scenario: the path to the field (keys), and a message saying what was expected. */
export interface ValidationIssue {
  readonly path: ReadonlyArray<string>;
  readonly message: string;
  /** A code and parameters for the common problems (see ScenarioProblem). */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

type JsonSchemaNode = {
  type?: string;
  anyOf?: JsonSchemaNode[];
  const?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  patternProperties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean;
  minProperties?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  items?: JsonSchemaNode;
  minItems?: number;
  maxItems?: number;
  'x-dimension'?: Dimension;
  'x-discriminator'?: string;
};

/** The closest of `candidates` to `word` when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const byPrefix = candidates.find((c) => lower.length >= 3 && (c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase())));
  if (byPrefix) return byPrefix;
  const best = closest(word, [...candidates]);
  return distance(lower, best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LITERALS = new WeakMap<JsonSchemaNode, readonly unknown[] | null>();

/** The values of a union of constants (an enum), or undefined for any other node; worked out once per node. */
function literalsOf(schema: JsonSchemaNode): readonly unknown[] | undefined {
  let literals = LITERALS.get(schema);
  if (literals === undefined) {
    literals = schema.anyOf && schema.anyOf.every((b) => b.const !== undefined) ? schema.anyOf.map((b) => b.const) : null;
    LITERALS.set(schema, literals);
  }
  return literals ?? undefined;
}

/** Most problems reported for one scenario: a file with 40,000 unknown keys needs its first few named, not all of them. */
export const MAX_REPORTED_ISSUES = 20;

/** Stands for a problem beyond MAX_REPORTED_ISSUES, which is counted but never shown, so it needs no message. */
const UNSHOWN: ValidationIssue = Object.freeze({ path: Object.freeze([]), message: 'not shown' });

/** Schema nodes each frozen document subtree is known to satisfy (see immutable.ts), so a shared subtree is checked once. */
const satisfied = new WeakMap<object, Set<JsonSchemaNode>>();

/**
 * Checks `value` against `schema`, appending problems to `issues`. `path` is the field path of `value`, used as a
 * stack (pushed and popped around children, copied only into a problem), because valid input allocates nothing.
 */
function check(value: unknown, schema: JsonSchemaNode, path: string[], issues: ValidationIssue[]): void {
  const remembered = typeof value === 'object' && value !== null && isFrozenDocument(value);
  if (remembered && satisfied.get(value)?.has(schema)) return;
  const before = issues.length;
  checkNode(value, schema, path, issues);
  if (remembered && issues.length === before) {
    let schemas = satisfied.get(value);
    if (!schemas) satisfied.set(value, (schemas = new Set()));
    schemas.add(schema);
  }
}

/** A problem at `path` (plus `key`, when the problem is a child's), with its own copy of the path. */
function at(path: readonly string[], message: string, key?: string, coded?: Pick<ValidationIssue, 'code' | 'params'>): ValidationIssue {
  return { path: key === undefined ? [...path] : [...path, key], message, ...coded };
}

/** The problem of a key the schema node (with properties `props`) does not know, with the likely typo. */
function unknownField(path: readonly string[], key: string, props: Record<string, JsonSchemaNode>): ValidationIssue {
  const hint = didYouMean(key, Object.keys(props));
  const expected = Object.keys(props).join(', ');
  return at(path, `unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${expected}`, key, { code: 'unknown-field', params: { key, hint: hint ?? '', expected } });
}

/** Checks a child of the value at `path`: pushes its key for the call. */
function checkChild(child: unknown, schema: JsonSchemaNode, path: string[], key: string, issues: ValidationIssue[]): void {
  path.push(key);
  check(child, schema, path, issues);
  path.pop();
}

function checkNode(value: unknown, schema: JsonSchemaNode, path: string[], issues: ValidationIssue[]): void {
  const literals = literalsOf(schema);
  if (literals) {
    if (!literals.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, literals.map(String)) : undefined;
      issues.push(at(path, `expected one of ${literals.map((l) => `'${String(l)}'`).join(', ')}, got ${typeOf(value)}${hint ? ` (did you mean '${hint}'?)` : ''}`));
    }
    return;
  }
  if (schema.anyOf) {
    const disc = schema['x-discriminator'];
    if (disc) {
      if (!isPlainObject(value)) {
        issues.push(at(path, `expected a mapping with a '${disc}' field, got ${typeOf(value)}`));
        return;
      }
      const branch = schema.anyOf.find((b) => b.properties?.[disc]?.const === value[disc]);
      if (!branch) {
        const options = schema.anyOf.map((b) => String(b.properties?.[disc]?.const));
        const got = value[disc];
        const hint = typeof got === 'string' ? didYouMean(got, options) : undefined;
        issues.push(
          at(
            path,
            got === undefined ? `missing required field '${disc}' (one of ${options.map((o) => `'${o}'`).join(', ')})` : `expected one of ${options.map((o) => `'${o}'`).join(', ')}, got ${typeOf(got)}${hint ? ` (did you mean '${hint}'?)` : ''}`,
            disc,
          ),
        );
        return;
      }
      check(value, branch, path, issues);
      return;
    }
    // The likeliest branch first (the value's JSON type, then the most shared field names): valid input usually
    // passes it, so the other branches are tried, and their messages built, only when it fails.
    const branches = schema.anyOf;
    let first = 0;
    let firstLikelihood = -1;
    for (let i = 0; i < branches.length; i++) {
      const b = branches[i]!;
      const l = (jsonTypeMatches(b, value) ? 1000 : 0) + (isPlainObject(value) ? overlap(b, value) : 0);
      if (l > firstLikelihood) {
        first = i;
        firstLikelihood = l;
      }
    }
    // The likeliest branch writes straight into `issues`, so valid input allocates nothing here.
    const mark = issues.length;
    check(value, branches[first]!, path, issues);
    if (issues.length === mark) return;
    const attempts: Array<{ b: JsonSchemaNode; branchIssues: ValidationIssue[] }> = [{ b: branches[first]!, branchIssues: issues.splice(mark) }];
    for (let k = 0; k < branches.length; k++) {
      if (k === first) continue;
      const b = branches[k]!;
      const branchIssues: ValidationIssue[] = [];
      check(value, b, path, branchIssues);
      if (branchIssues.length === 0) return;
      attempts.push({ b, branchIssues });
    }
    // Report the branch of the same JSON type, so an object is judged as an object and a string as a string;
    // among mappings, the one whose fields the value shares most (a 'triangular' distribution is judged as one).
    const sameType = attempts.filter((a) => jsonTypeMatches(a.b, value));
    const best = isPlainObject(value) ? sameType.sort((x, y) => overlap(y.b, value) - overlap(x.b, value))[0] : sameType[0];
    if (best) issues.push(...best.branchIssues);
    else issues.push(at(path, `expected ${describeUnion(schema)}, got ${typeOf(value)}`));
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (!isPlainObject(value)) {
        issues.push(at(path, `expected a mapping, got ${typeOf(value)}`));
        return;
      }
      const props = schema.properties ?? {};
      for (const key of schema.required ?? []) {
        if (value[key] === undefined) issues.push(at(path, `missing required field '${key}'`, key, { code: 'missing-field', params: { key } }));
      }
      const patterns = patternsOf(schema);
      for (const key of Object.keys(value)) {
        const child = value[key];
        // Own properties only: 'constructor' or 'toString' must be unknown keys, not the prototype's functions.
        const sub = Object.hasOwn(props, key) ? props[key] : undefined;
        if (sub) {
          checkChild(child, sub, path, key, issues);
          continue;
        }
        const byPattern = patterns.find(([re]) => re.test(key));
        if (byPattern) {
          checkChild(child, byPattern[1], path, key, issues);
          continue;
        }
        if (patterns.length > 0 && Object.keys(props).length === 0) {
          issues.push(at(path, `expected a year such as 2025 as the key, got '${key}'`, key));
          continue;
        }
        if (schema.additionalProperties === false) {
          // Past the problems that will be shown, only the count matters: no message, no typo search.
          if (issues.length >= MAX_REPORTED_ISSUES) {
            issues.push(UNSHOWN);
            continue;
          }
          issues.push(unknownField(path, key, props));
        }
      }
      if (schema.minProperties !== undefined && Object.keys(value).length < schema.minProperties) {
        issues.push(at(path, `expected at least ${schema.minProperties} entr${schema.minProperties === 1 ? 'y' : 'ies'}`));
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        issues.push(at(path, `expected a list, got ${typeOf(value)}`));
        return;
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) issues.push(at(path, `expected at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}, got ${value.length}`));
      if (schema.maxItems !== undefined && value.length > schema.maxItems) issues.push(at(path, `expected at most ${schema.maxItems} items, got ${value.length}`));
      if (schema.items) for (let i = 0; i < value.length; i++) checkChild(value[i], schema.items, path, String(i), issues);
      return;
    }
    case 'string': {
      const dim = schema['x-dimension'];
      if (dim) {
        const parsed = tryParseQuantity(value, dim);
        if (typeof parsed === 'string') issues.push(at(path, parsed));
        return;
      }
      if (typeof value !== 'string') {
        issues.push(at(path, `expected text, got ${typeOf(value)}`));
        return;
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) issues.push(at(path, 'expected a non-empty text'));
      return;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push(at(path, `expected ${schema.type === 'integer' ? 'a whole number' : 'a number'}, got ${typeOf(value)}`));
        return;
      }
      if (schema.type === 'integer' && !Number.isInteger(value)) issues.push(at(path, `expected a whole number, got ${value}`));
      if (schema.minimum !== undefined && value < schema.minimum) issues.push(at(path, `expected at least ${schema.minimum}, got ${value}`));
      if (schema.maximum !== undefined && value > schema.maximum) issues.push(at(path, `expected at most ${schema.maximum}, got ${value}`));
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) issues.push(at(path, `expected more than ${schema.exclusiveMinimum}, got ${value}`));
      return;
    }
    default:
      if (schema.const !== undefined && value !== schema.const) issues.push(at(path, `expected '${String(schema.const)}', got ${typeOf(value)}`));
  }
}

const PATTERNS = new WeakMap<JsonSchemaNode, ReadonlyArray<readonly [RegExp, JsonSchemaNode]>>();

/** The compiled patternProperties of a schema node (compiled once per node). */
function patternsOf(schema: JsonSchemaNode): ReadonlyArray<readonly [RegExp, JsonSchemaNode]> {
  let patterns = PATTERNS.get(schema);
  if (!patterns) {
    patterns = Object.entries(schema.patternProperties ?? {}).map(([p, s]) => [new RegExp(p, 'u'), s] as const);
    PATTERNS.set(schema, patterns);
  }
  return patterns;
}

function jsonTypeMatches(schema: JsonSchemaNode, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((b) => jsonTypeMatches(b, value));
  switch (schema.type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string' || (schema['x-dimension'] !== undefined && typeof value === 'number');
    case 'integer':
    case 'number':
      return typeof value === 'number';
    default:
      return false;
  }
}

/** How many of the value's keys the schema node names as properties. */
function overlap(schema: JsonSchemaNode, value: Record<string, unknown>): number {
  const props = schema.properties;
  if (!props) return 0;
  let n = 0;
  for (const k in value) if (Object.hasOwn(value, k) && Object.hasOwn(props, k)) n++;
  return n;
}

function describeUnion(schema: JsonSchemaNode): string {
  const parts = (schema.anyOf ?? []).map((b) => {
    if (b['x-dimension']) return `a quantity such as '${(b as { examples?: string[] }).examples?.[0] ?? ''}'`;
    if (b.patternProperties) return 'a year → value mapping';
    if (b.type === 'object') return `a mapping with ${Object.keys(b.properties ?? {}).map((k) => `'${k}'`).join(', ')}`;
    return b.type ?? 'a value';
  });
  return [...new Set(parts)].join(' or ');
}


/** The first problems of a list, and a last line counting the rest when there are more than MAX_REPORTED_ISSUES. */
function reported(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const shown = issues.slice(0, MAX_REPORTED_ISSUES - 1);
  shown.push({ path: [], message: `and ${issues.length - shown.length} more problems not shown` });
  return shown;
}

/** Walks `value` along the schema's mappings only (see unknownFields), appending a problem for each unknown key. */
function findUnknown(value: unknown, schema: JsonSchemaNode, path: string[], issues: ValidationIssue[]): void {
  if (Array.isArray(value)) {
    if (schema.type === 'array' && schema.items) for (let i = 0; i < value.length; i++) findUnknownChild(value[i], schema.items, path, String(i), issues);
    return;
  }
  if (!isPlainObject(value)) return;
  const disc = schema['x-discriminator'];
  if (disc && schema.anyOf) {
    const branch = schema.anyOf.find((b) => b.properties?.[disc]?.const === value[disc]);
    if (branch) findUnknown(value, branch, path, issues);
    return;
  }
  if (schema.type !== 'object' || schema.additionalProperties !== false) return;
  const props = schema.properties ?? {};
  const patterns = patternsOf(schema);
  for (const key of Object.keys(value)) {
    const sub = Object.hasOwn(props, key) ? props[key] : patterns.find(([re]) => re.test(key))?.[1];
    if (sub) findUnknownChild(value[key], sub, path, key, issues);
    else issues.push(issues.length >= MAX_REPORTED_ISSUES ? UNSHOWN : unknownField(path, key, props));
  }
}

function findUnknownChild(child: unknown, schema: JsonSchemaNode, path: string[], key: string, issues: ValidationIssue[]): void {
  path.push(key);
  findUnknown(child, schema, path, issues);
  path.pop();
}

/**
 * The unknown keys of a scenario document, or of a part of one that an `extends` parent completes (a what-if
 * body): no parent can make a key known, so they are refused before any merge. Only mappings the schema fixes
 * (and unions that name their branch) are walked, and keys past the reported ones are only counted, so the cost
 * is one look-up per key. Messages as validateScenarioShape's.
 */
export function unknownFields(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  findUnknown(value, ScenarioSchema as unknown as JsonSchemaNode, [], issues);
  return reported(issues);
}

/**
 * The structural problems of a scenario document (as written, after `extends`), in document order: all of them up
 * to MAX_REPORTED_ISSUES, else the first ones and a last line counting the rest.
 */
export function validateScenarioShape(value: unknown): ValidationIssue[] {
  return validateShape(value, ScenarioSchema);
}

/**
 * The structural problems of a document against any schema built like ScenarioSchema (typebox, `x-dimension` on
 * quantities), with the same messages; other readers (sweep specs) validate through it.
 */
export function validateShape(value: unknown, schema: object): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(value, schema as unknown as JsonSchemaNode, [], issues);
  return reported(issues);
}
