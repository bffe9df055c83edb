/**
 * Request bodies are JSON read by one rule with scenario files: a key repeated in one object is refused (JSON.parse
 * would keep the last silently), and so is nesting deeper than a scenario can have (Ajv and the validator recurse
 * per level). One linear pass over the text before JSON.parse finds both, so the check costs far less than parsing.
 */
import { MAX_SCENARIO_DEPTH } from '../scenario/load.ts';

/** Deepest nesting of a request body: a scenario's, plus the save request's envelope ({ id, scenario }). */
export const MAX_BODY_DEPTH = MAX_SCENARIO_DEPTH + 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first structural problem of a JSON text (a duplicate key or too deep a nesting), with its character offset;
 * undefined when there is none. Syntax errors are left to JSON.parse, which reports them better.
 */
export function jsonStructureProblem(text: string, maxDepth = MAX_BODY_DEPTH): { offset: number; message: string } | undefined {
  // One key set per open object (undefined for an open array); `expectKey` is true right after '{' or an object's ','.
  const stack: Array<Set<string> | undefined> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      if (expectKey) {
        const keys = stack[stack.length - 1]!;
        const raw = text.slice(start, i + 1);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(raw) as string;
          } catch {
            return undefined;
          }
        }
        if (keys.has(key)) return { offset: start, message: `duplicate key ${escaped ? JSON.stringify(key) : raw} (each field may appear once in an object)` };
        keys.add(key);
        expectKey = false;
      }
      continue;
    }
    switch (c) {
      case 0x7b: // {
        if (stack.length >= maxDepth) return { offset: i, message: `nested more than ${maxDepth} levels deep` };
        stack.push(new Set());
        expectKey = true;
        break;
      case 0x5b: // [
        if (stack.length >= maxDepth) return { offset: i, message: `nested more than ${maxDepth} levels deep` };
        stack.push(undefined);
        expectKey = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        expectKey = false;
        break;
      case 0x2c: // ,
        expectKey = stack[stack.length - 1] !== undefined;
        break;
      default:
        break;
    }
  }
  return undefined;
}
