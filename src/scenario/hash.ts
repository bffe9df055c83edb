/**
 * Content hashing of a resolved plan: canonical JSON (keys sorted, functions dropped) and its SHA-256. The run
 * report's scenario hash and the server's what-if cache use it: two plans with the same hash had the same inputs.
 */
import * as crypto from 'node:crypto';
import type { PlanInput } from '../core/plan/types.ts';
import type { PlanUncertainty } from '../core/uncertainty/parameters.ts';

/** Hex SHA-256 of a text: the one-shot crypto.hash where Node has it (20.12+, a third cheaper for short texts), else a Hash object. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Keys as JSON strings, quoted once: plans use the same few dozen field names over and over. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Bounded, because year-series keys and user-written names can be anything.
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Longest key list sorted by insertion; longer ones go to Array#sort. */
const INSERTION_SORT_MAX_KEYS = 32;

/**
 * Sorts keys in place in UTF-16 code unit order (what the default sort and `<` on strings use). An insertion
 * sort: objects of a plan have a dozen keys at most, and Array#sort allocates work arrays for each call.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > INSERTION_SORT_MAX_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** A number as canonical JSON: as JSON.stringify writes it, non-finite numbers as null. */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/**
 * Shortest list written by JSON.stringify from a canonical copy (canonicalCopy): for a long list (a portfolio's
 * projects, an hourly series) that is several times faster than writing it piece by piece; for the few dozen short
 * fields of a plan, writing them piece by piece is about twice as fast as copying them first.
 */
const COPIED_LIST_MIN_LENGTH = 16;

/** Canonical JSON written piece by piece, long lists by JSON.stringify from their canonical copy when one exists. */
function canonicalJsonByParts(value: unknown): string {
  if (typeof value === 'number') return numberJson(value);
  if (typeof value === 'function' || value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Float64Array || (Array.isArray(value) && value.length >= COPIED_LIST_MIN_LENGTH)) {
    const copy = canonicalCopy(value);
    if (copy !== NOT_COPYABLE) return JSON.stringify(copy);
  }
  // Hourly series of a system (Float64Array): written as the array of their numbers, not as an object of indices.
  if (value instanceof Float64Array) return canonicalJsonByParts(Array.from(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJsonByParts(value[i]);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  let out = '{';
  for (const k of keys) {
    const v = record[k];
    if (typeof v === 'function' || v === undefined) continue;
    if (out.length > 1) out += ',';
    out += quotedKey(k);
    out += ':';
    out += canonicalJsonByParts(v);
  }
  return out + '}';
}

/** Returned by canonicalCopy for a value JSON.stringify cannot write in canonical order. */
const NOT_COPYABLE = Symbol('not copyable');

/**
 * A copy of `value` that JSON.stringify writes as its canonical JSON: plain objects with their keys inserted in
 * sorted order (functions and undefined left out), plain arrays, Float64Arrays as arrays. NOT_COPYABLE when an
 * object's key order cannot be had: JavaScript lists array-index keys ('7', '10') first and in numeric order,
 * which is not always their sorted order; and for symbols and bigints, which JSON.stringify treats otherwise.
 */
function canonicalCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'symbol' || typeof value === 'bigint' ? NOT_COPYABLE : value;
  if (value instanceof Float64Array) return Array.from(value);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = canonicalCopy(value[i]);
      if (v === NOT_COPYABLE) return NOT_COPYABLE;
      out[i] = v;
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  const out: Record<string, unknown> = {};
  let digitKeys = false;
  for (const k of keys) {
    const v = record[k];
    if (typeof v === 'function' || v === undefined) continue;
    const copy = canonicalCopy(v);
    if (copy === NOT_COPYABLE) return NOT_COPYABLE;
    const c = k.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) digitKeys = true;
    if (k === '__proto__') Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[k] = copy;
  }
  if (digitKeys && !insertedInOrder(out)) return NOT_COPYABLE;
  return out;
}

/** Whether an object lists its keys in sorted order (it may not when some are array indices). */
function insertedInOrder(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/**
 * Canonical JSON (sorted keys, functions dropped, non-finite numbers as null, Float64Arrays as arrays) so that equal
 * inputs hash equally whatever the key order. Objects and short lists are written piece by piece; a long list by
 * JSON.stringify from a copy with sorted keys (see COPIED_LIST_MIN_LENGTH), by pieces when such a copy cannot exist.
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonByParts(value);
}

/**
 * Content hash of a resolved plan: 'sha256:' + 64 hex digits. The uncertainty (distributions, correlations,
 * inter-annual sd) is hashed too when there is any, so that two files with the same medians but different
 * ranges do not share a hash; a deterministic plan hashes as before.
 */
export function planHash(name: string, plan: PlanInput, uncertainty?: PlanUncertainty, portfolio?: unknown): string {
  const uncertain = uncertainty !== undefined && (uncertainty.parameters.length > 0 || uncertainty.interannualSdFrac > 0);
  const base = uncertain ? { name, plan, uncertainty: { parameters: uncertainty.parameters.map((p) => ({ name: p.name, distribution: p.distribution })), correlations: uncertainty.correlations, interannualSdFrac: uncertainty.interannualSdFrac } } : { name, plan };
  // A scenario without projects hashes as before; the named projects join the content only when present.
  const content = portfolio === undefined ? base : { ...base, portfolio };
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
