/**
 * A sweep's physical yields computed together (caseYields: the sites sharing a weather file as one batch) give every
 * case exactly the row it gets on its own, failures included: a system the core rejects fails its own case only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCase } from '../../src/sweep/cases.ts';
import { MERGED_CSV, MERGED_JSONL, mergeParts, writeMerged } from '../../src/sweep/output.ts';
import { caseYields, runCase } from '../../src/sweep/run-case.ts';
import { runSweep } from '../../src/sweep/run.ts';
import { loadSweep } from '../../src/sweep/spec.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sweepIn(spec: string, sites: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pvplan-yield-batch-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'sites.csv'), sites);
  writeFileSync(join(dir, 'spec.yaml'), spec);
  return loadSweep(join(dir, 'spec.yaml'));
}

const W = (f: string) => join(ROOT, 'scenarios', 'weather', f);
const SITES = [
  'id,latitude,longitude,weather,tilt,azimuth',
  `g1,36.1,-79.95,${W('723170TYA.CSV')},30,180`,
  `b1,39.8,116.47,${W('CHN_Beijing.Beijing.545110_CSWD.epw')},35,175`,
  `g2,36.6,-79.5,${W('723170TYA.CSV')},22,200`,
  `a1,52.3,4.77,${W('NLD_Amsterdam062400_IWEC.epw')},35,180`,
  `b2,40.1,116.9,${W('CHN_Beijing.Beijing.545110_CSWD.epw')},25,190`,
].join('\n');

describe('physical yields of a sweep, batched by weather file', () => {
  it('give each case the row it gets on its own', async () => {
    const spec = `name: batch\nbase: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nsites: sites.csv\ngrid:\n  yield.array.dcAcRatio: [1.1, 1.3]\nmetrics:\n  yield: [annualKWhPerKWp, performanceRatioFrac, poaKWhPerM2]\n`;
    const sweep = sweepIn(spec, `${SITES}\n`);
    const cases = Array.from({ length: sweep.caseCount }, (_, k) => buildCase(sweep, k));
    expect(cases.length).toBe(10);
    const yields = caseYields(sweep, cases);
    const together = await Promise.all(cases.map((c) => runCase(sweep, c, { yields })));
    const alone = await Promise.all(cases.map((c) => runCase(sweep, c)));
    expect(together).toEqual(alone);
    expect(together.every((r) => r.status === 'ok')).toBe(true);
  });

  it('leave a system the core rejects failing alone: its batch is run again system by system', () => {
    const spec = `name: batch\nbase: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nsites: sites.csv\nmetrics:\n  yield: [annualKWhPerKWp]\n`;
    const sweep = sweepIn(spec, `${SITES}\n`);
    // A DC/AC ratio of 0 (which the scenario's shape check would stop first) makes the core throw for the whole
    // batch of the Greensboro sites.
    const cases = Array.from({ length: sweep.caseCount }, (_, k) => buildCase(sweep, k)).map((c, k) => {
      if (k !== 2) return c;
      const y = c.scenario.yield as { array: object };
      return { ...c, scenario: { ...c.scenario, yield: { ...y, array: { ...y.array, dcAcRatio: 0 } } } };
    });
    const together = caseYields(sweep, cases);
    const failure = together.get(cases[2]!.id);
    expect(failure && 'error' in failure ? String(failure.error) : 'no error').toMatch(/DC\/AC ratio must be positive/);
    for (const [k, c] of cases.entries()) {
      if (k === 2) continue;
      expect(together.get(c.id)).toEqual(caseYields(sweep, [c]).get(c.id));
      expect('result' in together.get(c.id)!).toBe(true);
    }
  });

  it('keep a missing weather file a failure of its own case', async () => {
    const spec = `name: batch\nbase: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nsites: sites.csv\nmetrics:\n  yield: [annualKWhPerKWp]\n`;
    // The sites table is checked when the spec loads; swap the file away afterwards, as if it vanished mid-sweep.
    const sweep = sweepIn(spec, `${SITES}\n`);
    const cases = Array.from({ length: sweep.caseCount }, (_, k) => buildCase(sweep, k));
    const broken = cases.map((c, k) => (k === 1 ? { ...c, scenario: { ...c.scenario, yield: { ...(c.scenario.yield as object), weather: { file: W('no-such-file.epw') } } } } : c));
    const yields = caseYields(sweep, broken);
    const together = await Promise.all(broken.map((c) => runCase(sweep, c, { yields })));
    const alone = await Promise.all(broken.map((c) => runCase(sweep, c)));
    expect(together).toEqual(alone);
    expect(together.map((r) => r.status)).toEqual(['ok', 'failed', 'ok', 'ok', 'ok']);
    expect(together[1]!.error).toMatch(/no-such-file\.epw/);
  });

  it('merge from shards to the bytes of a single-process run (chunks and batches differ between the two)', async () => {
    // 5 sites × 8 tilts = 40 cases: chunks of 32 in one process, other chunks and batches in each of 3 shards.
    const spec = `name: batch-shards\nbase: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nsites: sites.csv\ngrid:\n  yield.array.tilt: [10, 15, 20, 25, 30, 35, 40, 45]\nmetrics:\n  yield: [annualKWhPerKWp, performanceRatioFrac]\n`;
    const sites = SITES.split('\n').map((line) => line.split(',').slice(0, 4).join(',')).join('\n');
    const sweep = sweepIn(spec, `${sites}\n`);
    expect(sweep.caseCount).toBe(40);
    const single = mkdtempSync(join(tmpdir(), 'pvplan-yield-batch-out-'));
    const sharded = mkdtempSync(join(tmpdir(), 'pvplan-yield-batch-out-'));
    dirs.push(single, sharded);
    await runSweep(sweep, { out: single });
    for (const index of [1, 2, 0]) await runSweep(sweep, { out: sharded, shard: { index, count: 3 } });
    const merged = mergeParts(sharded);
    writeMerged(sharded, merged.rows, merged.manifest);
    expect(readFileSync(join(sharded, MERGED_JSONL))).toEqual(readFileSync(join(single, MERGED_JSONL)));
    expect(readFileSync(join(sharded, MERGED_CSV))).toEqual(readFileSync(join(single, MERGED_CSV)));
    expect(merged.rows.every((r) => r.status === 'ok')).toBe(true);
  });
});

describe('a sweep over the pvwatts-v5 preset', () => {
  it('runs the preset with each case’s module and array type, as `run` does for the same scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvplan-yield-preset-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'base.yaml'),
      `extends: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nyield:\n  model: physical\n  preset: pvwatts-v5\n  moduleType: standard\n  arrayType: fixed-open-rack\n  site: { lat: 39.8, lon: 116.47 }\n  array: { tilt: 33 }\n  weather: { file: ${W('CHN_Beijing.Beijing.545110_CSWD.epw')} }\n`,
    );
    writeFileSync(join(dir, 'spec.yaml'), `name: preset\nbase: base.yaml\ngrid:\n  yield.arrayType: [fixed-open-rack, fixed-roof, one-axis]\n  yield.moduleType: [standard, thin-film]\nmetrics:\n  yield: [annualKWhPerKWp]\n`);
    const sweep = loadSweep(join(dir, 'spec.yaml'));
    const cases = Array.from({ length: sweep.caseCount }, (_, k) => buildCase(sweep, k));
    expect(cases).toHaveLength(6);
    const rows = await Promise.all(cases.map((c) => runCase(sweep, c, { yields: caseYields(sweep, cases) })));
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    const yields = rows.map((r) => r.metrics['yield.annualKWhPerKWp'] as number);
    // Six array and module types give six yields: a roof mount runs hotter than an open rack, a tracker collects more.
    expect(new Set(yields).size).toBe(6);
    // Each equals the yield `pvplan run` resolves for the same scenario written out as a file.
    const { loadScenario } = await import('../../src/scenario/resolve.ts');
    for (const [k, c] of cases.entries()) {
      const y = c.scenario.yield as { arrayType: string; moduleType: string };
      const file = join(dir, `case-${k}.yaml`);
      writeFileSync(file, `extends: base.yaml\nyield:\n  arrayType: ${y.arrayType}\n  moduleType: ${y.moduleType}\n`);
      const resolved = loadScenario(file);
      expect(yields[k]).toBe(resolved.plan.yield.fullLoadHours);
    }
  });
});
