/**
 * Hostile and broken scenario files (issue 11): each ends in a clear ScenarioError naming the file, line and column,
 * never an internal error, a hang or gigabytes of memory. The reproductions are those of the issue.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError, readRegularFileText, SCENARIO_FILE_MAX_BYTES } from '../../src/io/read-bounded.ts';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.ts';
import { MAX_SCENARIO_ALIASES, MAX_SCENARIO_DEPTH, parseScenarioText } from '../../src/scenario/load.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { MAX_REPORTED_ISSUES } from '../../src/scenario/validate.ts';

const DIR = mkdtempSync(join(tmpdir(), 'pvplan-hostile-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
const SHIPPED = join(import.meta.dirname, '..', '..', 'scenarios', 'wendeng-2025.yaml');

function problemsOf(fn: () => unknown): ScenarioProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('no ScenarioError');
}

const parseProblems = (text: string, file = 'x.yaml') => problemsOf(() => parseScenarioText(text, file));

function write(name: string, text: string): string {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

describe('YAML that used to end in an internal error', () => {
  it('refuses an unresolved alias, with its line and column', () => {
    const [p] = parseProblems('name: x\nyield:\n  <<: *nope\n');
    expect(p).toMatchObject({ file: 'x.yaml', line: 3, column: 7 });
    expect(p!.message).toBe('malformed YAML: alias *nope has no anchor &nope before it');
  });

  it('refuses an alias inside its own anchor (a loop)', () => {
    const [p] = parseProblems('name: x\nx: &y {a: *y}\n');
    expect(p).toMatchObject({ line: 2, column: 11 });
    expect(p!.message).toMatch(/alias \*y refers to the block it is inside/);
  });

  it('refuses !!binary and other non-core tags', () => {
    for (const [text, tag] of [['b: !!binary aGVsbG8=\n', '!!binary'], ['b: !!set {a: null}\n', '!!set'], ['b: !custom 3\n', '!custom']] as const) {
      const [p] = parseProblems(`name: x\n${text}`);
      expect(p).toMatchObject({ line: 2 });
      expect(p!.message).toContain(`tag '${tag}' is not allowed`);
    }
  });

  it(`refuses more than ${MAX_SCENARIO_ALIASES} aliases and accepts that many`, () => {
    const aliases = (n: number) => `name: x\na: &a 1\nb: [${Array.from({ length: n }, () => '*a').join(', ')}]\n`;
    expect(() => parseScenarioText(aliases(MAX_SCENARIO_ALIASES), 'x.yaml')).not.toThrow();
    const [p] = parseProblems(aliases(MAX_SCENARIO_ALIASES + 1));
    expect(p).toMatchObject({ line: 3 });
    expect(p!.message).toMatch(/more than 100 aliases/);
  });

  it('refuses an alias expansion that passes the count but explodes (billion laughs)', () => {
    const rows = ['name: x', 'l0: &l0 [a, a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i < 9; i++) rows.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    const t0 = performance.now();
    const problems = parseProblems(rows.join('\n'));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(problems[0]!.message).toMatch(/^malformed YAML: /);
  });

  it(`refuses block and flow nesting deeper than ${MAX_SCENARIO_DEPTH} levels, and JSON 1,500 levels deep`, () => {
    const block = `name: x\na:\n${Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')}\n`;
    expect(parseProblems(block)[0]!.message).toBe(`malformed YAML: nested more than ${MAX_SCENARIO_DEPTH} levels deep`);
    const json = `{"name":"x","a":${'['.repeat(1500)}${']'.repeat(1500)}}`;
    expect(parseProblems(json, 'x.json')[0]!.message).toMatch(/^malformed JSON: nested (too deeply|more than)/);
    const shallow = `{"name":"x","a":${'['.repeat(MAX_SCENARIO_DEPTH - 1)}${']'.repeat(MAX_SCENARIO_DEPTH - 1)}}`;
    expect(() => parseScenarioText(shallow, 'x.json')).not.toThrow();
  });
});

describe('duplicate and prototype keys', () => {
  it('refuses a duplicate key at any depth, at the second one', () => {
    const [p] = parseProblems('name: x\nyears:\n  start: 2022\n  start: 2030\n');
    expect(p).toMatchObject({ line: 4, column: 3 });
    expect(p!.message).toBe("malformed YAML: duplicate key 'start' (each field may appear once in a mapping)");
    expect(parseProblems('{"name": "x", "name": "y"}', 'x.json')[0]!.message).toMatch(/^malformed JSON: duplicate key 'name'/);
  });

  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('reports %s as an unknown key at the top and deeper', (key) => {
    const top = write(`proto-top-${key}.json`, JSON.stringify({ extends: SHIPPED, [key]: 1 }).replace('"extends"', `"${key}": {"a": 1}, "extends"`).replace(`,"${key}":1`, ''));
    const deep = write(`proto-deep-${key}.yaml`, `extends: ${SHIPPED}\nyears:\n  ${key}: 3\n`);
    const topProblems = problemsOf(() => loadScenario(top));
    expect(topProblems.map((p) => p.field)).toContain(key);
    expect(topProblems.find((p) => p.field === key)!.message).toMatch(new RegExp(`^unknown field '${key.replace(/_/g, '_')}'`));
    const [deepProblem] = problemsOf(() => loadScenario(deep));
    expect(deepProblem).toMatchObject({ field: `years.${key}`, line: 3 });
    expect(deepProblem!.message).toMatch(/^unknown field/);
  });
});

describe('unknown keys in bulk', () => {
  it(`names the first ${MAX_REPORTED_ISSUES - 1} of 40,000 unknown keys and counts the rest, in linear time`, () => {
    const lines = ['name: x'];
    for (let i = 0; i < 40_000; i++) lines.push(`k${i}: 1`);
    const file = write('keys.yaml', lines.join('\n'));
    const t0 = performance.now();
    const problems = problemsOf(() => loadScenario(file));
    const elapsedMs = performance.now() - t0;
    expect(problems).toHaveLength(MAX_REPORTED_ISSUES);
    expect(problems[0]).toMatchObject({ line: 1 });
    expect(problems.at(-1)!.message).toMatch(/^and \d+ more problems not shown$/);
    // A hang detector only (speed lives in the benchmarks): the quadratic version took 40 s for this file; the
    // linear one takes a few hundred ms (docs/security.md).
    expect(elapsedMs).toBeLessThan(20_000);
  });
});

describe('special and oversized files', () => {
  it('refuses extends of a character device (/dev/zero) instead of reading it forever', () => {
    const file = write('zero.yaml', 'extends: /dev/zero\nname: x\n');
    const [p] = problemsOf(() => loadScenario(file));
    expect(p).toMatchObject({ line: 1, field: 'extends' });
    expect(p!.message).toMatch(/a character device, not a regular file: only regular files are read$/);
  });

  it('refuses extends of a FIFO at once instead of blocking', () => {
    const fifo = join(DIR, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const file = write('fifo-child.yaml', 'extends: fifo.yaml\nname: x\n');
    const [p] = problemsOf(() => loadScenario(file));
    expect(p!.message).toMatch(/a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a directory and a file over the size limit', () => {
    mkdirSync(join(DIR, 'folder.yaml'));
    expect(problemsOf(() => loadScenario(join(DIR, 'folder.yaml')))[0]!.message).toMatch(/directory/);
    const big = write('big.yaml', `name: x\ndescription: ${'a'.repeat(SCENARIO_FILE_MAX_BYTES)}\n`);
    expect(problemsOf(() => loadScenario(big))[0]!.message).toMatch(/the file is 2\.0 MiB, over the limit of 2 MiB/);
  });

  it('reads a regular file exactly at the limit, and refuses one byte more', () => {
    const path = write('edge.txt', 'x'.repeat(1000));
    expect(readRegularFileText(path, 1000)).toHaveLength(1000);
    expect(() => readRegularFileText(path, 999)).toThrow(InputFileError);
  });
});

describe('values that overflow', () => {
  it('refuses a coal factor of 1e308 t/MWh instead of reporting null coal', () => {
    const file = write('coal.yaml', `extends: ${SHIPPED}\nsavings:\n  coal: 1e308 t/MWh\n`);
    const [p] = problemsOf(() => loadScenario(file));
    expect(p).toMatchObject({ field: 'savings.coal', line: 3 });
    expect(p!.message).toMatch(/beyond the largest accepted magnitude \(1000 t\/MWh\)/);
  });

  it('refuses additions of 1e300 MW', () => {
    const file = write('adds.yaml', `extends: ${SHIPPED}\ncapacity:\n  target: ~\n  growth:\n    model: additions\n    additions:\n      2023: 1e300 MW\n`);
    const problems = problemsOf(() => loadScenario(file));
    expect(problems.some((p) => p.field === 'capacity.growth.additions.2023' && /beyond the largest accepted magnitude \(1e9 MW\)/.test(p.message))).toBe(true);
  });
});
