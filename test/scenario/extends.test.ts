/**
 * `extends`: deep merge where the child wins, a changed growth model replaces the growth block, a year series
 * is replaced whole, chains resolve relative to each file, and cycles and missing parents are clear errors.
 * Files live in memory (a ReadText over a Map), so each case shows all its inputs.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadScenarioChain, mergeScenario } from '../../src/scenario/load.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';

const PARENT = `name: parent
region: somewhere
years: {start: 2022, end: 2030}
capacity:
  baseline: {capacity: 100 MW, year: 2022}
  target: {capacity: 400 MW, year: 2025}
  growth: {model: cagr, rate: 10 %, until: 2025}
  lifetimeYears: 25
yield:
  model: full-load-hours
  value: 1000 h
  curtailment: {2022: 3 %, 2030: 5 %}
  degradation: {firstYear: 1 %, annual: 0.5 %}
savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}
`;

function files(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return (path: string) => {
    const text = map.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

const merged = (child: string, extra: Record<string, string> = {}) => loadScenarioChain('/v/child.yaml', files({ '/v/parent.yaml': PARENT, '/v/child.yaml': child, ...extra })).merged;

describe('mergeScenario', () => {
  it('merges mappings key by key, the child winning; lists and scalars are replaced', () => {
    expect(mergeScenario({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: 9 }, e: [7], f: 'x' })).toEqual({ a: 1, b: { c: 9, d: 3 }, e: [7], f: 'x' });
    expect(mergeScenario({ a: 1 }, 'scalar')).toBe('scalar');
  });
  it('replaces a year series whole and a mapping whose model changes', () => {
    expect(mergeScenario({ s: { 2022: 'a', 2030: 'b' } }, { s: { 2025: 'c' } })).toEqual({ s: { 2025: 'c' } });
    expect(mergeScenario({ g: { model: 'cagr', rate: '1 %' } }, { g: { model: 'linear' } })).toEqual({ g: { model: 'linear' } });
    expect(mergeScenario({ g: { model: 'cagr', rate: '1 %' } }, { g: { model: 'cagr', until: 2030 } })).toEqual({ g: { model: 'cagr', rate: '1 %', until: 2030 } });
  });
});

describe('a child null removes an inherited field (MERGE_RULES.nullRemoves, issue 10)', () => {
  it('drops the key, at any depth, and leaves no null behind', () => {
    expect(mergeScenario({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null } })).toEqual({ a: 1, b: { d: 3 } });
    expect(mergeScenario({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
    // Nothing to remove: null is just "absent", also inside a new or replaced-whole block.
    expect(mergeScenario({}, { x: { y: null, z: 1 } })).toEqual({ x: { z: 1 } });
    expect(mergeScenario({ g: { model: 'cagr', rate: '1 %' } }, { g: { model: 'linear', rate: null } })).toEqual({ g: { model: 'linear' } });
  });
  it('a variant without a target: target: null resolves and runs as a scenario with no target', () => {
    const m = merged('extends: parent.yaml\nname: no target\ncapacity:\n  target: null\n  growth: {model: cagr, rate: 10 %, until: 2030}\n');
    expect((m.capacity as Record<string, unknown>).target).toBeUndefined();
    expect('target' in (m.capacity as Record<string, unknown>)).toBe(false);
    expect((m.capacity as Record<string, unknown>).baseline).toEqual({ capacity: '100 MW', year: 2022 });
  });
  it('without null, the parent’s target stays (the rule is not "absent removes")', () => {
    const m = merged('extends: parent.yaml\nname: same target\n');
    expect((m.capacity as Record<string, unknown>).target).toEqual({ capacity: '400 MW', year: 2025 });
  });
});

describe('extends chains', () => {
  it('deep merge: the child overrides nested fields and keeps its parent’s siblings', () => {
    const m = merged('extends: parent.yaml\nname: child\ncapacity:\n  lifetimeYears: 30\nyield:\n  degradation: {annual: 0.7 %}\n');
    expect(m.name).toBe('child');
    expect(m.region).toBe('somewhere');
    expect(m.capacity).toMatchObject({ baseline: { capacity: '100 MW', year: 2022 }, lifetimeYears: 30, growth: { model: 'cagr', rate: '10 %', until: 2025 } });
    expect((m.yield as Record<string, unknown>).degradation).toEqual({ firstYear: '1 %', annual: '0.7 %' });
    expect(m).not.toHaveProperty('extends');
  });

  it('a changed growth model replaces the parent’s growth block (no stray rate or until)', () => {
    const m = merged('extends: parent.yaml\nname: child\ncapacity:\n  growth: {model: linear}\n');
    expect((m.capacity as Record<string, unknown>).growth).toEqual({ model: 'linear' });
    const s = loadScenario('/v/child.yaml', files({ '/v/parent.yaml': PARENT, '/v/child.yaml': 'extends: parent.yaml\nname: child\ncapacity:\n  growth: {model: linear}\n' }));
    expect(s.plan.capacity.growth).toEqual({ model: 'linear' });
  });

  it('the same growth model merges field by field', () => {
    const m = merged('extends: parent.yaml\nname: child\ncapacity:\n  growth: {model: cagr, until: 2027}\n');
    expect((m.capacity as Record<string, unknown>).growth).toEqual({ model: 'cagr', rate: '10 %', until: 2027 });
  });

  it('a year series in the child replaces the parent’s whole', () => {
    const m = merged('extends: parent.yaml\nname: child\nyield:\n  curtailment: {2025: 1 %}\n');
    expect((m.yield as Record<string, unknown>).curtailment).toEqual({ 2025: '1 %' });
  });

  it('chains of three resolve each extends relative to its own file, child first', () => {
    const read = files({
      '/v/parent.yaml': PARENT,
      '/v/sub/mid.yaml': 'extends: ../parent.yaml\nname: mid\ncapacity:\n  lifetimeYears: 20\n',
      '/v/sub/deep/leaf.yaml': 'extends: ../mid.yaml\nname: leaf\n',
    });
    const chain = loadScenarioChain('/v/sub/deep/leaf.yaml', read);
    expect(chain.chain.map((d) => d.data.name)).toEqual(['leaf', 'mid', 'parent']);
    expect(chain.id).toBe('leaf');
    expect(chain.merged).toMatchObject({ name: 'leaf', capacity: { lifetimeYears: 20 } });
    expect(loadScenario('/v/sub/deep/leaf.yaml', read).plan.capacity.lifetimeYears).toBe(20);
  });

  it('a problem inherited from a parent is reported at the parent’s line', () => {
    const read = files({ '/v/parent.yaml': PARENT.replace('value: 1000 h', 'value: 1000 MW'), '/v/child.yaml': 'extends: parent.yaml\nname: child\n' });
    try {
      loadScenario('/v/child.yaml', read);
      expect.unreachable();
    } catch (e) {
      const [p] = (e as ScenarioError).problems;
      expect(p).toMatchObject({ file: '/v/parent.yaml', line: 11, field: 'yield.value' });
    }
  });

  it('a cycle is an error naming the loop', () => {
    const read = files({ '/v/a.yaml': 'extends: b.yaml\nname: a\n', '/v/b.yaml': 'extends: c.yaml\nname: b\n', '/v/c.yaml': 'extends: a.yaml\nname: c\n' });
    expect(() => loadScenarioChain('/v/a.yaml', read)).toThrow(ScenarioError);
    expect(() => loadScenarioChain('/v/a.yaml', read)).toThrow(/cycle of extends: a\.yaml → b\.yaml → c\.yaml → a\.yaml/);
  });

  it('a missing parent is an error naming the missing file and the line of the extends', () => {
    try {
      loadScenarioChain('/v/child.yaml', files({ '/v/child.yaml': '# a variant\nextends: gone.yaml\nname: child\n' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const [p] = (e as ScenarioError).problems;
      expect(p).toMatchObject({ file: '/v/child.yaml', line: 2, field: 'extends' });
      expect(p!.message).toContain("'gone.yaml'");
      expect(p!.message).toContain('/v/gone.yaml');
    }
  });

  it('an extends that is not a path is an error', () => {
    expect(() => loadScenarioChain('/v/child.yaml', files({ '/v/child.yaml': 'extends: 42\nname: child\n' }))).toThrow(/expected the path of a parent scenario file, got 42/);
  });
});
