/**
 * Scenario documents are immutable once parsed: they are frozen deeply and remembered here, so checks of a
 * document that an `extends` child shares with its parent (the parent's untouched subtrees) can be remembered
 * by object identity and never repeated.
 */

const frozenDocuments = new WeakSet<object>();

/** Freezes a parsed document (plain objects and arrays) at every depth and returns it. */
export function freezeDocument<T>(value: T): T {
  if (typeof value !== 'object' || value === null || frozenDocuments.has(value)) return value;
  for (const child of Object.values(value)) freezeDocument(child);
  Object.freeze(value);
  frozenDocuments.add(value);
  return value;
}

/** Whether `value` is a document frozen at every depth by freezeDocument, so nothing in it can change. */
export function isFrozenDocument(value: object): boolean {
  return frozenDocuments.has(value);
}
