/**
 * A reader for the plain block-style YAML that scenario files are written in: block mappings and lists, one-line
 * flow collections (`{ capacity: 50 MW, year: 2022 }`, `[pv, wind]`), one-line plain and quoted scalars, comments.
 * It gives exactly what the `yaml` package's `parse` gives (YAML 1.2 core schema) and nothing else: anything
 * outside that subset (anchors, aliases, tags, block scalars, multi-line scalars or flows, escapes, tabs, duplicate
 * keys, odd keys, directives, deep nesting) makes it return undefined, and the `yaml` parser then reads the text
 * with its positions and its error messages (load.ts). It keeps no positions: the `yaml` document, which locates a
 * problem, is built only when a problem is reported.
 */

/** Deepest nesting read here; deeper documents go to the `yaml` parser, which enforces the scenario limit. */
const MAX_PLAIN_DEPTH = 24;

/** Thrown inside the reader when the text leaves the subset; never escapes readPlainYaml. */
class NotPlain extends Error {}

const notPlain = (): never => {
  throw new NotPlain();
};

/**
 * The YAML 1.2 core schema's plain-scalar resolution, in the order the `yaml` package tries it
 * (yaml/dist/schema/core/schema.js: null, bool, octal, decimal and hexadecimal int, .inf/.nan, exponent float,
 * float), with the same conversions (parseInt, parseFloat). Anything else is a string.
 */
const CORE_PLAIN: ReadonlyArray<readonly [RegExp, (text: string) => unknown]> = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'],
  [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
];

/**
 * CORE_PLAIN's tests as one expression, one capturing group per test in the same order: an alternation tries its
 * branches in order, so the first group that matches the whole text is the test `yaml` would pick.
 */
const CORE_PLAIN_ANY = new RegExp(`^(?:${CORE_PLAIN.map(([test]) => `(${test.source.slice(1, -1)})`).join('|')})$`);

/** Whether a plain scalar starting with this character code may resolve to something other than a string (-+.0-9~nNtTfF). */
function mayNotBeString(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2b || code === 0x2e || code === 0x7e || code === 0x6e || code === 0x4e || code === 0x74 || code === 0x54 || code === 0x66 || code === 0x46;
}

/** The value of a plain scalar under the core schema. */
function resolvePlain(text: string): unknown {
  // No value of the core schema but a string has a space in it.
  if (!mayNotBeString(text.charCodeAt(0)) || text.includes(' ')) return text;
  const match = CORE_PLAIN_ANY.exec(text);
  if (!match) return text;
  for (let i = 1; i < match.length; i++) if (match[i] !== undefined) return CORE_PLAIN[i - 1]![1](text);
  return text;
}

/**
 * Characters that leave the subset anywhere in the text: tabs, carriage returns, control characters, the byte
 * order mark and the Unicode line breaks YAML treats specially.
 */
const UNSUPPORTED_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/u;

/** A plain mapping key: no spaces, no indicator first, nothing that could make it other than its own text. */
const PLAIN_KEY = /^[^\s\-?:,[\]{}#&*!|>'"%@`<=~][^\s:#,[\]{}]*$/u;

/** A plain scalar's first character may not be one of these (a `-` is allowed before a non-space, as in -5). */
const PLAIN_FIRST_REFUSED = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?:$| |-))/;

/** The JS key of a plain key scalar, as `yaml` makes it (String of the resolved value), when that is the text itself. */
function checkedKey(text: string): string {
  if (text.length === 0 || text.length > 1000 || !PLAIN_KEY.test(text)) return notPlain();
  const value = resolvePlain(text);
  if (typeof value === 'string' || (typeof value === 'number' && String(value) === text)) return text;
  return notPlain();
}

/** Adds a pair as `yaml`'s toJS does (a key that `in` finds, such as `__proto__` or `toString`, is defined, not assigned); a repeated key leaves the subset. */
function addPair(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) notPlain();
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** A plain scalar's text (already cut at a comment and trimmed), checked and resolved. */
function plainScalar(text: string): unknown {
  if (text.length === 0 || PLAIN_FIRST_REFUSED.test(text) || text.includes(': ') || text.endsWith(':')) return notPlain();
  return resolvePlain(text);
}

/** Index of the first character at or after `i` that is not a space. */
function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}

/** `text` without trailing spaces (only U+0020: YAML keeps other white space such as U+3000 in a scalar). */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(0, end);
}

/** A one-line quoted scalar starting at `i` (no escapes in double quotes; `''` in single quotes): its value and the index after it. */
function quoted(text: string, i: number): { value: string; end: number } {
  const quote = text[i];
  if (quote === '"') {
    const close = text.indexOf('"', i + 1);
    if (close < 0) return notPlain();
    const value = text.slice(i + 1, close);
    if (value.includes('\\')) return notPlain();
    return { value, end: close + 1 };
  }
  let value = '';
  let from = i + 1;
  for (;;) {
    const close = text.indexOf("'", from);
    if (close < 0) return notPlain();
    value += text.slice(from, close);
    if (text[close + 1] !== "'") return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** What may follow a complete value on its line: nothing, or spaces and a comment. */
function checkLineEnd(text: string, i: number): void {
  const j = skipSpaces(text, i);
  if (j === text.length) return;
  if (j > i && text[j] === '#') return;
  notPlain();
}

/** Index of the `:` that ends a block mapping key (followed by a space or the end of the line), or -1. */
function keyColon(text: string): number {
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i + 1 === text.length || text[i + 1] === ' ') return i;
  }
  return -1;
}

function isListItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

interface Line {
  readonly indent: number;
  /** The line from its first non-space character, trailing spaces kept. */
  readonly text: string;
}

class PlainReader {
  private pos = 0;
  /** Keys already checked: a scenario repeats the same few field names for every project. */
  private readonly keys = new Map<string, string>();

  constructor(private readonly lines: Line[]) {}

  private keyOf(text: string): string {
    let key = this.keys.get(text);
    if (key === undefined) {
      key = checkedKey(text);
      this.keys.set(text, key);
    }
    return key;
  }

  /** The whole document: one block node, nothing left after it. */
  document(): unknown {
    const first = this.lines[0];
    if (!first) return notPlain();
    const value = this.block(first.indent, -1, 0);
    if (this.pos !== this.lines.length) notPlain();
    return value;
  }

  /** A block node whose first line (at `pos`) is indented by `indent`, inside a parent indented by `parentIndent`. */
  private block(indent: number, parentIndent: number, depth: number): unknown {
    if (depth >= MAX_PLAIN_DEPTH) return notPlain();
    const { text } = this.lines[this.pos]!;
    if (isListItem(text)) return this.list(indent, depth);
    const first = text[0];
    if (first !== '[' && first !== '{' && first !== '"' && first !== "'" && keyColon(text) >= 0) return this.mapping(indent, depth);
    const value = this.inline(text, depth);
    this.pos++;
    const next = this.lines[this.pos];
    // A deeper line after a scalar continues it (a multi-line scalar) or is an error: either way, not this subset.
    if (next && next.indent > parentIndent) notPlain();
    return value;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.pos];
      if (!line || line.indent < indent) return map;
      if (line.indent > indent || isListItem(line.text)) return notPlain();
      const { text } = line;
      const colon = keyColon(text);
      if (colon < 0) return notPlain();
      const key = this.keyOf(text.slice(0, colon));
      const rest = skipSpaces(text, colon + 1);
      this.pos++;
      let value: unknown = null;
      if (rest < text.length && text[rest] !== '#') {
        value = this.inline(text.slice(rest), depth + 1);
      } else {
        const next = this.lines[this.pos];
        if (next && next.indent > indent) value = this.block(next.indent, indent, depth + 1);
        // A list may sit at its key's own indentation.
        else if (next && next.indent === indent && isListItem(next.text)) value = this.list(indent, depth + 1);
      }
      addPair(map, key, value);
    }
  }

  private list(indent: number, depth: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.pos];
      if (!line || line.indent < indent || (line.indent === indent && !isListItem(line.text))) return list;
      if (line.indent > indent) return notPlain();
      const start = skipSpaces(line.text, 1);
      if (start === line.text.length || line.text[start] === '#') {
        this.pos++;
        const next = this.lines[this.pos];
        list.push(next && next.indent > indent ? this.block(next.indent, indent, depth + 1) : null);
      } else {
        // `- key: value` and `- - item`: the rest of the line is a node indented to where it starts.
        const column = indent + start;
        this.lines[this.pos] = { indent: column, text: line.text.slice(start) };
        list.push(this.block(column, indent, depth + 1));
      }
    }
  }

  /** A value written on the rest of a line: a one-line flow collection, a quoted or a plain scalar, then maybe a comment. */
  private inline(text: string, depth: number): unknown {
    const first = text[0];
    if (first === '[' || first === '{') {
      const { value, end } = this.flow(text, 0, depth);
      checkLineEnd(text, end);
      return value;
    }
    if (first === '"' || first === "'") {
      const { value, end } = quoted(text, 0);
      checkLineEnd(text, end);
      return value;
    }
    const comment = text.indexOf(' #');
    return plainScalar(trimSpacesEnd(comment < 0 ? text : text.slice(0, comment)));
  }

  /** A flow collection starting at `i`, closed on the same line. */
  private flow(text: string, i: number, depth: number): { value: unknown; end: number } {
    if (depth >= MAX_PLAIN_DEPTH) return notPlain();
    const isMap = text[i] === '{';
    const close = isMap ? '}' : ']';
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    i = skipSpaces(text, i + 1);
    if (text[i] === close) return { value: isMap ? map : list, end: i + 1 };
    for (;;) {
      if (isMap) {
        const colon = text.indexOf(':', i);
        if (colon < 0 || text[colon + 1] !== ' ') return notPlain();
        const key = this.keyOf(text.slice(i, colon));
        const item = this.flowItem(text, skipSpaces(text, colon + 1), depth);
        addPair(map, key, item.value);
        i = item.end;
      } else {
        const item = this.flowItem(text, i, depth);
        list.push(item.value);
        i = item.end;
      }
      i = skipSpaces(text, i);
      if (text[i] === close) return { value: isMap ? map : list, end: i + 1 };
      if (text[i] !== ',') return notPlain();
      i = skipSpaces(text, i + 1);
      // A trailing comma, an empty entry or an unclosed flow (continued on the next line) leave the subset.
      if (i >= text.length || text[i] === close || text[i] === ',') return notPlain();
    }
  }

  /** A value inside a flow collection: a nested flow, a quoted scalar, or a plain scalar up to `,`, `]` or `}`. */
  private flowItem(text: string, i: number, depth: number): { value: unknown; end: number } {
    const first = text[i];
    if (first === '[' || first === '{') return this.flow(text, i, depth + 1);
    if (first === '"' || first === "'") return quoted(text, i);
    let end = i;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === ',' || c === ']' || c === '}' || c === '[' || c === '{') break;
      if (c === ':' || c === '#') return notPlain();
    }
    if (end >= text.length) return notPlain();
    return { value: plainScalar(trimSpacesEnd(text.slice(i, end))), end };
  }
}

/** The lines that carry content (no blank or comment-only lines), with their indentation; undefined for a directive or document marker. */
function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let from = 0;
  const n = text.length;
  while (from < n) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = n;
    const start = skipSpaces(text, from);
    if (start < to && text.charCodeAt(start) !== 0x23 /* # */) {
      const content = text.slice(start, to);
      if (content.startsWith('---') || content.startsWith('...') || (start === from && content.startsWith('%'))) return undefined;
      lines.push({ indent: start - from, text: content });
    }
    from = to + 1;
  }
  return lines;
}

/**
 * Reads YAML text written in the plain block style into the same value `yaml`'s `parse` gives; undefined when the
 * text uses anything else, or is malformed (the `yaml` parser then reads it and reports the problem).
 */
export function readPlainYaml(text: string): unknown {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  const lines = contentLines(text);
  if (!lines) return undefined;
  try {
    return new PlainReader(lines).document();
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
}
