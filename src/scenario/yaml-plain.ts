/**
 * A reader for the plain block-style YAML that scenario files are written in: block mappings and lists, one-line
 * flow collections (`{ capacity: 50 MW, year: 2022 }`, `[pv, wind]`), one-line plain and quoted scalars, comments,
 * and literal and folded block scalars as mapping values (`description: >-`), whose lines share one indentation.
 * It gives exactly what the `yaml` package's `parse` gives (YAML 1.2 core schema) and nothing else: anything
 * outside that subset (anchors, aliases, tags, other block scalars, multi-line plain scalars or flows, escapes, tabs, duplicate
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
  if (text.length === 0 || refusedAsPlainStart(text) || text.includes(': ') || text.endsWith(':')) return notPlain();
  return resolvePlain(text);
}

/**
 * Whether a plain scalar may not start as `text` does: with an indicator (? : , [ ] { } # & * ! | > ' " % @ `), or
 * with a `-` before a space, a second `-` or the end (a `-` before anything else, as in -5, is allowed).
 */
function refusedAsPlainStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 0x2d) {
    const d = text.charCodeAt(1);
    return text.length === 1 || d === 0x20 || d === 0x2d;
  }
  return PLAIN_FIRST_REFUSED.test(text);
}

/** Index of the first character at or after `i` that is not a space (a line break is not a space, so it stops there). */
function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}

/** `text` without trailing spaces (only U+0020: YAML keeps other white space such as U+3000 in a scalar). */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * A quoted scalar starting at `i` and closed before `end` (the end of its line): no escapes in double quotes, `''`
 * in single quotes. Its value and the index after it.
 */
function quoted(src: string, i: number, end: number): { value: string; end: number } {
  if (src.charCodeAt(i) === 0x22 /* " */) {
    const close = src.indexOf('"', i + 1);
    if (close < 0 || close >= end) return notPlain();
    const value = src.slice(i + 1, close);
    if (value.includes('\\')) return notPlain();
    return { value, end: close + 1 };
  }
  let value = '';
  let from = i + 1;
  for (;;) {
    const close = src.indexOf("'", from);
    if (close < 0 || close >= end) return notPlain();
    value += src.slice(from, close);
    if (src.charCodeAt(close + 1) !== 0x27 /* ' */ || close + 1 >= end) return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** What may follow a complete value before `end`, the end of its line: nothing, or spaces and a comment. */
function checkLineEnd(src: string, i: number, end: number): void {
  const j = skipSpaces(src, i);
  if (j >= end) return;
  if (j > i && src.charCodeAt(j) === 0x23 /* # */) return;
  notPlain();
}

/** Index of the `:` that ends a block mapping key on the line [start, end) (followed by a space or the line's end), or -1. */
function keyColon(src: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (src.charCodeAt(i) === 0x3a /* : */ && (i + 1 === end || src.charCodeAt(i + 1) === 0x20)) return i;
  }
  return -1;
}

/** Whether the line [start, end) is a list item: `-` alone or before a space. */
function isListItem(src: string, start: number, end: number): boolean {
  return src.charCodeAt(start) === 0x2d /* - */ && (start + 1 === end || src.charCodeAt(start + 1) === 0x20);
}

/**
 * The reader, one content line at a time (blank and comment-only lines skipped): the current line is indented by
 * `lineIndent` (-1 past the last line), its content starts at `lineStart` and it ends at `lineEnd` (its line break
 * or the end of the text). A list item `- x` is read by moving the line's start to `x` and its indentation to x's
 * column.
 */
class PlainReader {
  private lineIndent = -1;
  private lineStart = 0;
  private lineEnd = 0;
  /** Where the line after the current one starts. */
  private nextFrom = 0;
  /** Keys already checked: a scenario repeats the same few field names for every project. */
  private readonly keys = new Map<string, string>();

  constructor(private readonly src: string) {
    this.advance();
  }

  /** Moves to the next line with content; a directive or a document marker leaves the subset. */
  private advance(): void {
    const { src } = this;
    const n = src.length;
    let from = this.nextFrom;
    while (from < n) {
      let to = src.indexOf('\n', from);
      if (to < 0) to = n;
      const start = skipSpaces(src, from);
      const c = src.charCodeAt(start);
      if (start < to && c !== 0x23 /* # */) {
        // `---`, `...` and `%` lines are document markers and directives.
        if ((c === 0x2d || c === 0x2e) && src.startsWith(c === 0x2d ? '---' : '...', start)) notPlain();
        if (c === 0x25 /* % */ && start === from) notPlain();
        this.lineIndent = start - from;
        this.lineStart = start;
        this.lineEnd = to;
        this.nextFrom = to + 1;
        return;
      }
      from = to + 1;
    }
    this.lineIndent = -1;
    this.nextFrom = n;
  }

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
    if (this.lineIndent < 0) return notPlain();
    const value = this.block(this.lineIndent, -1, 0);
    if (this.lineIndent >= 0) notPlain();
    return value;
  }

  /** A block node whose first line (the current one) is indented by `indent`, inside a parent indented by `parentIndent`. */
  private block(indent: number, parentIndent: number, depth: number): unknown {
    if (depth >= MAX_PLAIN_DEPTH) return notPlain();
    const { src } = this;
    const start = this.lineStart;
    const end = this.lineEnd;
    if (isListItem(src, start, end)) return this.list(indent, depth);
    const first = src.charCodeAt(start);
    const opensValue = first === 0x5b /* [ */ || first === 0x7b /* { */ || first === 0x22 /* " */ || first === 0x27; /* ' */
    if (!opensValue && keyColon(src, start, end) >= 0) return this.mapping(indent, depth);
    const value = this.inline(start, end, depth);
    this.advance();
    // A deeper line after a scalar continues it (a multi-line scalar) or is an error: either way, not this subset.
    if (this.lineIndent > parentIndent) notPlain();
    return value;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const { src } = this;
    const map: Record<string, unknown> = {};
    for (;;) {
      const { lineIndent, lineStart: start, lineEnd: end } = this;
      if (lineIndent < indent) return map;
      if (lineIndent > indent || isListItem(src, start, end)) return notPlain();
      const colon = keyColon(src, start, end);
      if (colon < 0) return notPlain();
      const key = this.keyOf(src.slice(start, colon));
      const rest = skipSpaces(src, colon + 1);
      let value: unknown = null;
      const c = src.charCodeAt(rest);
      if (rest < end && (c === 0x7c /* | */ || c === 0x3e) /* > */) {
        value = this.blockScalar(rest, end, indent);
      } else if (rest < end && c !== 0x23 /* # */) {
        value = this.inline(rest, end, depth + 1);
        this.advance();
      } else {
        this.advance();
        const next = this.lineIndent;
        if (next > indent) value = this.block(next, indent, depth + 1);
        // A list may sit at its key's own indentation.
        else if (next === indent && isListItem(src, this.lineStart, this.lineEnd)) value = this.list(indent, depth + 1);
      }
      addPair(map, key, value);
    }
  }

  /**
   * A mapping value written as a literal (`|`, `|-`) or folded (`>`, `>-`) block scalar, its header at [start, end),
   * its key indented by `parentIndent`; leaves the reader on the line after it. YAML 1.2 §8.1: a literal keeps its
   * lines and their line breaks; a folded scalar joins lines by a space, and an empty line between them is a line
   * break; clip chomping keeps one final line break, strip (`-`) none. In the subset, every line shares the first
   * line's indentation and ends in a line break and not in a space, with no leading or space-only lines; an
   * indentation indicator or keep chomping (`+`) leaves it.
   */
  private blockScalar(start: number, end: number, parentIndent: number): string {
    const { src } = this;
    const folded = src.charCodeAt(start) === 0x3e; /* > */
    const strip = src.charCodeAt(start + 1) === 0x2d; /* - */
    checkLineEnd(src, strip ? start + 2 : start + 1, end);
    const n = src.length;
    let from = this.nextFrom;
    let contentIndent = -1;
    let value = '';
    let emptyLines = 0;
    while (from < n) {
      let to = src.indexOf('\n', from);
      if (to < 0) to = n;
      if (to === from) {
        if (contentIndent < 0) return notPlain();
        emptyLines++;
        from = to + 1;
        continue;
      }
      const textStart = skipSpaces(src, from);
      const lineIndent = textStart - from;
      if (contentIndent < 0) {
        if (lineIndent <= parentIndent) return notPlain();
        contentIndent = lineIndent;
      } else if (lineIndent < contentIndent && textStart < to) break;
      if (lineIndent !== contentIndent || textStart === to || to === n || src.charCodeAt(to - 1) === 0x20) return notPlain();
      const line = src.slice(textStart, to);
      if (value === '' && emptyLines === 0) value = line;
      else if (folded) value += emptyLines === 0 ? ` ${line}` : `${'\n'.repeat(emptyLines)}${line}`;
      else value += `${'\n'.repeat(emptyLines + 1)}${line}`;
      emptyLines = 0;
      from = to + 1;
    }
    if (contentIndent < 0) return notPlain();
    this.nextFrom = from;
    this.advance();
    return strip ? value : `${value}\n`;
  }

  private list(indent: number, depth: number): unknown[] {
    const { src } = this;
    const list: unknown[] = [];
    for (;;) {
      const { lineIndent, lineStart: start, lineEnd: end } = this;
      if (lineIndent < indent) return list;
      if (lineIndent === indent && !isListItem(src, start, end)) return list;
      if (lineIndent > indent) return notPlain();
      const content = skipSpaces(src, start + 1);
      if (content >= end || src.charCodeAt(content) === 0x23 /* # */) {
        this.advance();
        const next = this.lineIndent;
        list.push(next > indent ? this.block(next, indent, depth + 1) : null);
      } else {
        // `- key: value` and `- - item`: the rest of the line is a node indented to where it starts.
        const column = indent + (content - start);
        this.lineStart = content;
        this.lineIndent = column;
        list.push(this.block(column, indent, depth + 1));
      }
    }
  }

  /** A value written on the rest of a line [start, end): a one-line flow collection, a quoted or a plain scalar, then maybe a comment. */
  private inline(start: number, end: number, depth: number): unknown {
    const { src } = this;
    const first = src.charCodeAt(start);
    if (first === 0x5b /* [ */ || first === 0x7b /* { */) {
      const { value, end: after } = this.flow(start, end, depth);
      checkLineEnd(src, after, end);
      return value;
    }
    if (first === 0x22 /* " */ || first === 0x27 /* ' */) {
      const { value, end: after } = quoted(src, start, end);
      checkLineEnd(src, after, end);
      return value;
    }
    const text = src.slice(start, end);
    const comment = text.indexOf(' #');
    return plainScalar(trimSpacesEnd(comment < 0 ? text : text.slice(0, comment)));
  }

  /** A flow collection starting at `i`, closed before `end` (the end of its line). */
  private flow(i: number, end: number, depth: number): { value: unknown; end: number } {
    if (depth >= MAX_PLAIN_DEPTH) return notPlain();
    const { src } = this;
    const isMap = src.charCodeAt(i) === 0x7b;
    const close = isMap ? 0x7d /* } */ : 0x5d; /* ] */
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    i = skipSpaces(src, i + 1);
    if (i < end && src.charCodeAt(i) === close) return { value: isMap ? map : list, end: i + 1 };
    for (;;) {
      if (isMap) {
        const colon = src.indexOf(':', i);
        if (colon < 0 || colon + 1 >= end || src.charCodeAt(colon + 1) !== 0x20) return notPlain();
        const key = this.keyOf(src.slice(i, colon));
        const item = this.flowItem(skipSpaces(src, colon + 1), end, depth);
        addPair(map, key, item.value);
        i = item.end;
      } else {
        const item = this.flowItem(i, end, depth);
        list.push(item.value);
        i = item.end;
      }
      i = skipSpaces(src, i);
      if (i >= end) return notPlain();
      const c = src.charCodeAt(i);
      if (c === close) return { value: isMap ? map : list, end: i + 1 };
      if (c !== 0x2c /* , */) return notPlain();
      i = skipSpaces(src, i + 1);
      // A trailing comma, an empty entry or an unclosed flow (continued on the next line) leave the subset.
      if (i >= end || src.charCodeAt(i) === close || src.charCodeAt(i) === 0x2c) return notPlain();
    }
  }

  /** A value inside a flow collection: a nested flow, a quoted scalar, or a plain scalar up to `,`, `]` or `}`. */
  private flowItem(i: number, end: number, depth: number): { value: unknown; end: number } {
    const { src } = this;
    if (i >= end) return notPlain();
    const first = src.charCodeAt(i);
    if (first === 0x5b /* [ */ || first === 0x7b /* { */) return this.flow(i, end, depth + 1);
    if (first === 0x22 /* " */ || first === 0x27 /* ' */) return quoted(src, i, end);
    let j = i;
    for (; j < end; j++) {
      const c = src.charCodeAt(j);
      if (c === 0x2c /* , */ || c === 0x5d /* ] */ || c === 0x7d /* } */ || c === 0x5b /* [ */ || c === 0x7b /* { */) break;
      if (c === 0x3a /* : */ || c === 0x23 /* # */) return notPlain();
    }
    if (j >= end) return notPlain();
    return { value: plainScalar(trimSpacesEnd(src.slice(i, j))), end: j };
  }
}

/**
 * Reads YAML text written in the plain block style into the same value `yaml`'s `parse` gives; undefined when the
 * text uses anything else, or is malformed (the `yaml` parser then reads it and reports the problem).
 */
export function readPlainYaml(text: string): unknown {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  try {
    return new PlainReader(text).document();
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
}
