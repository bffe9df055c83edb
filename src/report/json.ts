/**
 * The one NaN → null rule for JSON output. JSON has no NaN or ±Infinity; JSON.stringify writes them as null, but
 * the server's compiled serializers (fast-json-stringify) throw on them, so every report passes through here first.
 */

/** Whether a value holds NaN or ±Infinity at any depth (a walk without copying: reports rarely do). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (typeof value === 'object' && value !== null) {
    for (const k in value) if (hasNonFinite((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** A number as JSON can hold it: itself when finite, else null (NaN and ±Infinity have no JSON form). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function replaceNonFinite(value: unknown): unknown {
  if (typeof value === 'number') return finiteOrNull(value);
  if (Array.isArray(value)) return value.map(replaceNonFinite);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceNonFinite(v);
    return out;
  }
  return value;
}

/**
 * Replaces NaN and ±Infinity by null at any depth, as JSON.stringify does; a value without any is returned as it is.
 * @example jsonSafe({ metYear: NaN, years: [1, Infinity] }) // { metYear: null, years: [1, null] }
 */
export function jsonSafe<T>(value: T): T {
  return hasNonFinite(value) ? (replaceNonFinite(value) as T) : value;
}

/** Pretty JSON (two-space indent) with NaN/±Infinity as null and a trailing newline, for files and the CLI. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(jsonSafe(value), null, 2)}\n`;
}
