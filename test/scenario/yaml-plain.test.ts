/**
 * The plain YAML reader (src/scenario/yaml-plain.ts) against the `yaml` package: whenever it reads a text, the text
 * is well-formed for `yaml` and gives the same value (same keys in the same order, same numbers including -0 and
 * NaN); for everything outside its subset it steps aside. Problems in a file it read are still located by line and
 * column through the `yaml` document made on demand, also in project 900 of a 1,000-project file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { readPlainYaml } from '../../src/scenario/yaml-plain.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The `yaml` package's reading of a text, or undefined when it reports an error. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  return doc.toJS();
}

/** Same value, same key order, same prototypes; numbers by Object.is (so -0 and NaN count). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The property every text must have: the plain reader steps aside, or agrees with `yaml` on a well-formed text. */
function expectAgrees(text: string): boolean {
  const fast = readPlainYaml(text);
  if (fast === undefined) return false;
  const ref = reference(text);
  expect(ref, `yaml reports an error the plain reader missed in:\n${text}`).not.toBeUndefined();
  expect(sameValue(fast, ref), `different values for:\n${text}\nplain: ${JSON.stringify(fast)}\nyaml: ${JSON.stringify(ref)}`).toBe(true);
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

// Plain scalars chosen to sit on the edges of the core schema and of the plain style.
const SCALARS = [
  'x', 'pv-utility', '1000 MW', '4.0亿元', '2023-01', '2025', '-5', '+5', '-0', '0', '007', '0o17', '0x1F', '0xg', '1.', '.5', '+.5', '1e3', '1.5E-2', '.inf', '-.Inf', '.NaN', '.nan', 'nan',
  'null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'a b', 'a  b', 'a:b', 'http://x/y', 'a#b', 'a, b', 'a]b', 'x{y}', '50 %', '中文 名称', 'a\u3000', '\u00a0a',
  '12345678901234567890', '1_000', "it's", 'say "hi"',
];
const KEYS = ['name', 'years', 'start', 'capacity', 'id', '2025', '0', '1.5', '1.50', 'null', 'true', 'a-b', 'a.b', 'a_b', '__proto__', 'toString', 'constructor', 'x1', '名称', '<<', 'a/b'];

type Tree = string | Tree[] | { [key: string]: Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('list'), tie('map')),
  scalar: fc.constantFrom(...SCALARS),
  list: fc.array(tie('node'), { maxLength: 3 }),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 }),
})).node as fc.Arbitrary<Tree>;

/** A scalar written plain, single- or double-quoted. */
function scalarText(s: string, style: number): string {
  if (style === 1) return `'${s.replaceAll("'", "''")}'`;
  if (style === 2) return `"${s}"`;
  return s;
}

/** Flow style of a tree on one line. */
function flowText(t: Tree, style: number): string {
  if (typeof t === 'string') return scalarText(t, style % 3);
  if (Array.isArray(t)) return `[${t.map((x) => flowText(x, style)).join(', ')}]`;
  return `{ ${Object.entries(t).map(([k, v]) => `${k}: ${flowText(v, style)}`).join(', ')} }`;
}

/** Block style, with the formatting choices drawn from `choices` (indent width, flow or block, comments, quoting). */
function blockText(t: Tree, indent: number, choices: number[]): string[] {
  const pick = (n: number) => choices.length === 0 ? 0 : (choices.push(choices.shift()!), choices[choices.length - 1]! % n);
  const pad = ' '.repeat(indent);
  const step = 1 + pick(3);
  const lines: string[] = [];
  if (Array.isArray(t)) {
    for (const item of t) {
      if (typeof item === 'string' || pick(4) === 0) lines.push(`${pad}- ${flowText(item, pick(3))}${pick(5) === 0 ? ' # note' : ''}`);
      else {
        const inner = blockText(item, indent + step + 1, choices);
        if (inner.length === 0) lines.push(`${pad}- ${Array.isArray(item) ? '[]' : '{}'}`);
        else lines.push(`${pad}-${' '.repeat(step)}${inner[0]!.trimStart()}`, ...inner.slice(1));
      }
    }
  } else if (typeof t === 'object') {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'string' || pick(4) === 0) lines.push(`${pad}${k}: ${flowText(v, pick(3))}${pick(5) === 0 ? '  # note' : ''}`);
      else {
        const sameIndentList = Array.isArray(v) && pick(2) === 0;
        const inner = blockText(v, sameIndentList ? indent : indent + step, choices);
        if (inner.length === 0) lines.push(`${pad}${k}: ${Array.isArray(v) ? '[]' : '{}'}`);
        else lines.push(`${pad}${k}:`, ...(pick(6) === 0 ? ['# a comment line', ''] : []), ...inner);
      }
    }
  }
  return lines;
}

/** Edits that push a text out of the subset or make it malformed. */
const NOISE = ['\t', ' ', '  ', '-', '- ', ':', ': ', '#', ' #', '&a ', '*a', '!!str ', '|', '>', '? ', '"', "'", '\\', '[', ']', '{', '}', ',', '\n', '\n  ', '---\n', '...', '%YAML 1.2\n', '\r', '\ufeff', 'key: 1\n', '@', '`'];

describe('plain YAML reader', () => {
  it('reads every shipped scenario and test fixture as yaml does (or steps aside), and takes most of them', () => {
    const files = [...yamlFiles(join(ROOT, 'scenarios')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];
    let taken = 0;
    for (const file of files) if (expectAgrees(readFileSync(file, 'utf8'))) taken++;
    expect(files.length).toBeGreaterThan(20);
    expect(taken / files.length).toBeGreaterThan(0.6);
  });

  it('property: generated block-style documents read as yaml reads them', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), tree, { minKeys: 1, maxKeys: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (doc, choices) => {
        const text = `${blockText(doc, 0, choices).join('\n')}\n`;
        runs++;
        if (expectAgrees(text)) taken++;
      }),
      { numRuns: 2000 },
    );
    // Many generated documents are in the subset (the rest use odd keys, or scalars that need quoting in a flow).
    expect(taken / runs).toBeGreaterThan(0.2);
  });

  it('property: after random edits, the reader either steps aside or still agrees with yaml', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), tree, { minKeys: 1, maxKeys: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE), fc.boolean()), { minLength: 1, maxLength: 3 }),
        (doc, choices, edits) => {
          let text = `${blockText(doc, 0, choices).join('\n')}\n`;
          for (const [at, noise, replace] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + noise + text.slice(replace ? i + 1 : i);
          }
          runs++;
          if (expectAgrees(text)) taken++;
        },
      ),
      { numRuns: 8000 },
    );
    // The edits must leave enough texts in the subset for the comparison to mean something.
    expect(taken / runs).toBeGreaterThan(0.04);
  });

  it('property: literal and folded block scalars read as yaml reads them', () => {
    // Lines chosen to look like YAML syntax that inside a block scalar is only text.
    const LINES = ['text', 'two words', '# not a comment', '- not an item', 'key: not a key', '"quoted"', '中文 说明', '1.5', 'a\u3000', ''];
    const HEADERS = ['|', '|-', '>', '>-', '|+', '>+', '>2', '|-  # a comment', '> #c', '>-x'];
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...HEADERS),
        fc.array(fc.tuple(fc.constantFrom(...LINES), fc.integer({ min: -1, max: 1 })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('', 'after: 1\n', '# a comment\nafter: 1\n', ' # a less indented comment\nafter: 1\n', '\n\nafter: 1\n', '  after: 1\n', '- 1\n'),
        fc.boolean(),
        (header, lines, nest, after, inList) => {
          // The scalar's key at column `keyIndent`, its lines at keyIndent + 2 (± the line's own shift).
          const keyIndent = 2 * nest;
          const head = inList ? `${' '.repeat(keyIndent)}list:\n${' '.repeat(keyIndent)}- first: 1\n${' '.repeat(keyIndent)}  ` : `${'  '.repeat(nest)}`;
          const parents = inList ? '' : Array.from({ length: nest }, (_, i) => `${'  '.repeat(i)}k${i}:\n`).join('');
          const at = inList ? keyIndent + 2 : keyIndent;
          const body = lines.map(([line, shift]) => (line === '' ? '' : `${' '.repeat(at + 2 + shift)}${line}`)).join('\n');
          const text = `before: 0\n${parents}${head}text: ${header}\n${body}\n${after}`;
          runs++;
          if (expectAgrees(text)) taken++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(taken / runs).toBeGreaterThan(0.1);
  });

  it('reads a folded description as yaml does', () => {
    const text = 'name: x\ndescription: >-\n  Built + under-construction PV grows\n  at a constant rate.\n\n  A second paragraph.\nnote: |\n  line one\n  line two\nyears: { start: 2022, end: 2035 }\n';
    expect(expectAgrees(text)).toBe(true);
    // By hand from YAML 1.2 §8.1.3 (folding) and §8.1.1.2 (strip/clip chomping).
    expect(readPlainYaml(text)).toEqual({ name: 'x', description: 'Built + under-construction PV grows at a constant rate.\nA second paragraph.', note: 'line one\nline two\n', years: { start: 2022, end: 2035 } });
  });

  it('reads the plain forms scenarios use', () => {
    const text = [
      'name: generated # a comment',
      'years: { start: 2022, end: 2035 }',
      'targets:',
      '  - { technologies: [pv-utility, wind-onshore], capacity: 60 GW, year: 2028 }',
      'projects:',
      '- id: p0',
      '  capacity: 50 MW',
      '  note: \'it\'\'s "fine"\'',
      '  tags:',
      '  - a',
      '  -   - 1',
      '      - -2.5',
      '  empty:',
      'series:',
      '  2025: 1.0',
      '  2026: ~',
      '',
    ].join('\n');
    expect(expectAgrees(text)).toBe(true);
    expect(readPlainYaml(text)).toEqual(parse(text));
  });

  it('steps aside for anchors, aliases, tags, other block scalars, multi-line scalars, escapes, duplicates, tabs and odd keys', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |+\n  text\n',
      'a: >2\n  text\n',
      'a: |\n  text\n   more indented\n',
      'a: >\n\n  a leading empty line\n',
      'a: >\n  no final line break',
      'a: >\n  trailing space \n',
      'a: >\n    text\n  less indented\n',
      '- >\n  a list item\n',
      'a: one\n  two\n',
      'a: [1,\n  2]\n',
      'a: "x\\ty"\n',
      'a: 1\na: 2\n',
      'a:\t1\n',
      '"a": 1\n',
      'a b: 1\n',
      '? a\n: 1\n',
      'null: 1\n',
      '1.50: x\n',
      '<<: {a: 1}\n',
      '---\na: 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: [1, 2,]\n',
      'a: {b}\n',
      '',
      '# only a comment\n',
      `a: ${'['.repeat(30)}${']'.repeat(30)}\n`,
      'a: 1\r\nb: 2\r\n',
      '\ufeffa: 1\n',
    ];
    for (const text of outside) expect(readPlainYaml(text), JSON.stringify(text)).toBeUndefined();
  });
});

/** A 1,000-project scenario in the plain style (as bench/portfolio.bench.mjs writes it), with `edit` applied to project `at`. */
function portfolioText(edit: { at: number; field: string; value: string }): string {
  const lines = [
    'name: generated portfolio',
    'years: { start: 2022, end: 2035 }',
    'capacity:',
    '  baseline: { capacity: 1000 MW, year: 2022 }',
    '  growth: { model: linear, additionsPerYear: 50 MW }',
    'yield: { model: full-load-hours, value: 1135 h }',
    'savings: { coal: 300 g/kWh, co2: 0.57 t/MWh }',
    'projects:',
  ];
  for (let i = 0; i < 1000; i++) {
    const fields: Record<string, string> = { id: `p${i}`, technology: 'pv-utility', capacity: `${50 + (i % 7) * 25} MW`, stage: 'approved', constructionStart: `${2023 + (i % 6)}-03`, commissioning: String(2025 + (i % 6)), owner: `owner-${i % 50}` };
    if (i === edit.at) fields[edit.field] = edit.value;
    lines.push(...Object.entries(fields).map(([k, v], j) => `${j === 0 ? '  - ' : '    '}${k}: ${v}`));
  }
  return `${lines.join('\n')}\n`;
}

function problemsOf(text: string): ScenarioProblem[] {
  try {
    loadScenario('/mem/portfolio.yaml', () => text);
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
}

/** 1-based line and column of `needle` in `text`, found independently of any parser. */
function lineColOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

describe('problems in a 1,000-project file read by the plain reader', () => {
  it('the file is taken by the plain reader, and a clean file has no problem', () => {
    const text = portfolioText({ at: -1, field: 'id', value: '' });
    expect(expectAgrees(text)).toBe(true);
    expect(problemsOf(text)).toEqual([]);
  });

  it('a bad unit in project 900 names its line and column', () => {
    const text = portfolioText({ at: 900, field: 'capacity', value: '50 kg' });
    expect(readPlainYaml(text)).toBeDefined();
    const [p, ...more] = problemsOf(text);
    expect(more).toEqual([]);
    expect(p!.file).toBe('/mem/portfolio.yaml');
    expect(p!.field).toBe('projects.900.capacity');
    expect({ line: p!.line, column: p!.column }).toEqual(lineColOf(text, 'capacity: 50 kg'));
    expect(p!.line).toBeGreaterThan(6300);
  });

  it('an unknown stage in project 900 names its line and column', () => {
    const text = portfolioText({ at: 900, field: 'stage', value: 'dreaming' });
    const [p] = problemsOf(text);
    expect(p!.field).toBe('projects.900.stage');
    expect({ line: p!.line, column: p!.column }).toEqual(lineColOf(text, 'stage: dreaming'));
  });

  it('the same problems, lines and columns as the yaml-parser path (a text the plain reader refuses)', () => {
    const text = portfolioText({ at: 900, field: 'capacity', value: '50 kg' });
    // An anchor on the name (unused) sends the same document through the `yaml` parser.
    const viaYaml = text.replace('name: generated portfolio', 'name: &n generated portfolio');
    expect(readPlainYaml(viaYaml)).toBeUndefined();
    expect(problemsOf(text)).toEqual(problemsOf(viaYaml));
  });

  it('a malformed line in project 900 is reported by the yaml parser with its line', () => {
    const text = portfolioText({ at: 900, field: 'owner', value: 'a: b' });
    expect(readPlainYaml(text)).toBeUndefined();
    const problems = (() => {
      try {
        parseScenarioText(text, '/mem/portfolio.yaml');
      } catch (e) {
        return (e as ScenarioError).problems;
      }
      return [];
    })();
    expect(problems[0]!.line).toBe(lineColOf(text, 'owner: a: b').line);
  });
});
