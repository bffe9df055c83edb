/**
 * Scenario documents are immutable once parsed: they are frozen deeply and remembered here, so checks of a
 * document that an `extends` child shares with its parent (the parent's untouched subtrees) can be remembered
 * by object identity and never repeated.
 */

const frozenDocuments = new WeakSet<object>();

/** Freezes a parsed document (plain objects and arrays) at every depth and returns it. */
export function freezeDocument<T>(value: T): T {
  if (typeof value !== 'object' || value === null || frozenDocuments.has(value)) return value;
  // Only mappings and lists are descended into; a document's leaves (texts, numbers) are immutable already.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (typeof child === 'object' && child !== null) freezeDocument(child);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) freezeDocument(child);
    }
  }
  Object.freeze(value);
  frozenDocuments.add(value);
  return value;
}

/** Whether `value` is a document frozen at every depth by freezeDocument, so nothing in it can change. */
export function isFrozenDocument(value: object): boolean {
  return frozenDocuments.has(value);
}
