/**
 * Sweeps in process: cases and seeds are functions of (sweep, case) only, a sharded run merges to the bytes of a
 * single run, --resume skips finished cases, merge refuses incomplete and conflicting folders, and bad specs are
 * reported at their file, line and column.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, formatProblem } from '../../src/scenario/errors.ts';
import { buildCase, caseSeed } from '../../src/sweep/cases.ts';
import { MERGED_CSV, MERGED_JSONL, mergeParts, SweepOutputError, writeMerged } from '../../src/sweep/output.ts';
import { runSweep } from '../../src/sweep/run.ts';
import { loadSweep } from '../../src/sweep/spec.ts';
import { scenarioFieldKind, setField, writeQuantity } from '../../src/sweep/fields.ts';
import { parseQuantity } from '../../src/scenario/quantity.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sweeps');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pvplan-sweep-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The problems of loading a spec written into a temp folder beside copies of the fixtures' references. */
function problemsOf(text: string, files: Record<string, string> = {}): string[] {
  const dir = tmp();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'spec.yaml'), text);
  try {
    loadSweep(join(dir, 'spec.yaml'));
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map((p) => formatProblem(p).replace(dir + '/', ''));
    throw e;
  }
  return [];
}

const BASE = `base: ${join(import.meta.dirname, '..', '..', 'scenarios', 'wendeng-2025.yaml')}\n`;

describe('sweep fields', () => {
  it('finds the kind of a scenario field and names the closest one for a typo', () => {
    expect(scenarioFieldKind('capacity.growth.rate')).toEqual({ dimensions: ['fraction'], number: false, integer: false });
    expect(scenarioFieldKind('yield.array.tilt')).toEqual({ dimensions: [], number: true, integer: false });
    expect(scenarioFieldKind('capacity.lifetimeYears')).toMatchObject({ number: true, integer: true });
    expect(scenarioFieldKind('yield.vaule')).toMatch(/'yield' has no field 'vaule' \(did you mean 'yield.value'\?\)/);
  });

  it('writes sampled quantities the parser reads back', () => {
    for (const [x, dim] of [[1135.25, 'duration'], [0.0512, 'fraction'], [4500.5, 'power'], [0.5703, 'intensity']] as const) {
      expect(parseQuantity(writeQuantity(x, dim), dim)).toBeCloseTo(x, 12);
    }
  });

  it('sets a field in a copy, leaving the original alone', () => {
    const doc = Object.freeze({ a: Object.freeze({ b: 1, c: 2 }) });
    expect(setField(doc, 'a.b', 5)).toEqual({ a: { b: 5, c: 2 } });
    expect(doc.a.b).toBe(1);
  });
});

describe('sweep cases', () => {
  it('builds every case the same way whatever order they are built in, with seeds from (sweep hash, case)', () => {
    const sweep = loadSweep(join(FIXTURES, 'lhs.yaml'));
    const forward = Array.from({ length: sweep.caseCount }, (_, k) => buildCase(sweep, k));
    const again = loadSweep(join(FIXTURES, 'lhs.yaml'));
    const backward = Array.from({ length: again.caseCount }, (_, k) => buildCase(again, again.caseCount - 1 - k)).reverse();
    expect(backward).toEqual(forward);
    expect(new Set(forward.map((c) => c.seed)).size).toBe(forward.length);
    expect(forward[7]!.seed).toBe(caseSeed(sweep.hash, 7));
    // The Latin hypercube puts one of the 20 yield values in each twentieth of [1000, 1300] h.
    const hours = forward.map((c) => parseQuantity(c.inputs['yield.value'], 'duration'));
    expect(hours.map((h) => Math.floor((h - 1000) / 15)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('changes the hash, and so every seed, when the spec changes', () => {
    const a = loadSweep(join(FIXTURES, 'grid.yaml'));
    const dir = tmp();
    writeFileSync(join(dir, 'grid.yaml'), readFileSync(join(FIXTURES, 'grid.yaml'), 'utf8').replace('name: wendeng-grid', 'name: other').replace(/^base: .*\n/m, BASE));
    const b = loadSweep(join(dir, 'grid.yaml'));
    expect(b.hash).not.toBe(a.hash);
    expect(caseSeed(b.hash, 0)).not.toBe(caseSeed(a.hash, 0));
  });
});

describe('sweep runs', () => {
  it('merges 3 shards to the bytes of a single-process run, failed rows included', async () => {
    const sweep = loadSweep(join(FIXTURES, 'grid.yaml'));
    const single = tmp();
    const summary = await runSweep(sweep, { out: single });
    expect(summary.failed).toBeGreaterThan(0);
    expect(summary.failed).toBeLessThan(summary.cases);
    const sharded = tmp();
    for (const i of [2, 0, 1]) await runSweep(loadSweep(join(FIXTURES, 'grid.yaml')), { out: sharded, shard: { index: i, count: 3 } });
    const merged = mergeParts(sharded);
    writeMerged(sharded, merged.rows, merged.manifest);
    expect(readFileSync(join(sharded, MERGED_JSONL))).toEqual(readFileSync(join(single, MERGED_JSONL)));
    expect(readFileSync(join(sharded, MERGED_CSV))).toEqual(readFileSync(join(single, MERGED_CSV)));
    expect(readdirSync(sharded).filter((n) => n.endsWith('.journal'))).toEqual([]);
  });

  it('names missing shards and cases, accepts an identical re-run, refuses a conflicting duplicate', async () => {
    const sweep = loadSweep(join(FIXTURES, 'grid.yaml'));
    const out = tmp();
    await runSweep(sweep, { out, shard: { index: 0, count: 4 } });
    await runSweep(sweep, { out, shard: { index: 2, count: 4 } });
    expect(() => mergeParts(out)).toThrow(/missing shards part-00001-of-00004.jsonl, part-00003-of-00004.jsonl; missing cases 000001, 000003, 000005/);
    await runSweep(sweep, { out, shard: { index: 1, count: 4 } });
    await runSweep(sweep, { out, shard: { index: 3, count: 4 } });
    // The same cases again, in 2 shards: identical rows are accepted.
    await runSweep(sweep, { out, shard: { index: 0, count: 2 } });
    expect(mergeParts(out).rows).toHaveLength(sweep.caseCount);
    const part = join(out, 'part-00001-of-00002.jsonl');
    await runSweep(sweep, { out, shard: { index: 1, count: 2 } });
    writeFileSync(part, readFileSync(part, 'utf8').replace(/"seed":\d+/, '"seed":1'));
    expect(() => mergeParts(out)).toThrow(SweepOutputError);
    expect(() => mergeParts(out)).toThrow(/case 000001 differs between part-00001-of-00002.jsonl and part-00001-of-00004.jsonl: conflicting results/);
  });

  it('resumes from the journal of an interrupted run, and refuses a folder of another sweep', async () => {
    const sweep = loadSweep(join(FIXTURES, 'lhs.yaml'));
    const out = tmp();
    const controller = new AbortController();
    let seen = 0;
    await expect(runSweep(sweep, { out, signal: controller.signal, onProgress: (done) => (seen = done) > 5 && controller.abort() })).rejects.toThrow();
    expect(readdirSync(out).sort()).toEqual(['.sweep.jsonl.journal', 'sweep.json']);
    const summary = await runSweep(sweep, { out, resume: true });
    expect(summary.resumed).toBe(seen);
    const fresh = tmp();
    await runSweep(sweep, { out: fresh });
    expect(readFileSync(join(out, MERGED_JSONL))).toEqual(readFileSync(join(fresh, MERGED_JSONL)));
    await expect(runSweep(loadSweep(join(FIXTURES, 'grid.yaml')), { out })).rejects.toThrow(/holds the output of another sweep/);
  });
});

describe('bad sweep specs', () => {
  it('names an unknown field with "did you mean"', () => {
    expect(problemsOf(`${BASE}grdi:\n  yield.value: [1000 h]\nmetrics:\n  run: [energy@2030]\n`)).toEqual([expect.stringMatching(/^spec.yaml:2:1: grdi: unknown field 'grdi' \(did you mean 'grid'\?\)/)]);
  });

  it('refuses a variation of a field the scenario does not have, and a value it does not take', () => {
    const problems = problemsOf(`${BASE}grid:\n  yield.vaule: [1000 h]\n  capacity.growth.rate: [5 %, 5 GW]\nmetrics:\n  run: [energy@2030, enrgy@2030]\n`);
    expect(problems).toEqual([
      expect.stringMatching(/^spec.yaml:3:3: grid.yield.vaule: 'yield.vaule' is not a field of the scenario: 'yield' has no field 'vaule' \(did you mean 'yield.value'\?\)/),
      expect.stringMatching(/^spec.yaml:4:31: grid.capacity.growth.rate.1: expected a percentage such as '2 %', got '5 GW'/),
      expect.stringMatching(/^spec.yaml:6:22: metrics.run.1: unknown metric 'enrgy' \(did you mean 'energy'\?\)/),
    ]);
  });

  it('points at the line and column of a bad site: a missing weather file, a latitude out of range', () => {
    const sites = 'id,latitude,longitude,weather,tilt\na,36.1,120.1,nowhere.epw,30\nb,95,120.1,nowhere.epw,30\n';
    const problems = problemsOf(`${BASE}sites: sites.csv\nmetrics:\n  yield: [annualKWhPerKWp]\n`, { 'sites.csv': sites });
    expect(problems).toEqual([
      expect.stringMatching(/^sites.csv:2:14: weather: cannot read the weather file 'nowhere.epw' .*: no such file$/),
      expect.stringMatching(/^sites.csv:3:3: latitude: expected a latitude in degrees from -90 to 90, got '95'$/),
      expect.stringMatching(/^sites.csv:3:12: weather: cannot read the weather file/),
    ]);
  });

  it('refuses an unknown site column and an unknown sampled field, with "did you mean"', () => {
    const weather = join(import.meta.dirname, '..', '..', 'scenarios', 'weather', '723170TYA.CSV');
    expect(problemsOf(`${BASE}sites: sites.csv\nmetrics:\n  yield: [annualKWhPerKWp]\n`, { 'sites.csv': `id,latitude,longitude,weather,tlit\na,36,-80,${weather},30\n` })).toEqual([
      expect.stringMatching(/^sites.csv:1:31: unknown column 'tlit' \(did you mean 'tilt'\?\)/),
    ]);
    expect(problemsOf(`${BASE}sample:\n  method: sobol\n  count: 8\n  fields:\n    yield.valeu: { uniform: { min: 1000 h, max: 1200 h } }\nmetrics:\n  run: [energy@2030]\n`)).toEqual([
      expect.stringMatching(/^spec.yaml:6:5: sample.fields.yield.valeu: .*did you mean 'yield.value'/),
    ]);
  });
});
