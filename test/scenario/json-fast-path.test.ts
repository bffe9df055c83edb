/**
 * Plain JSON scenario files are read with JSON.parse (load.ts): the same data as the YAML path, the same refusals
 * (duplicate keys, excessive nesting) with their lines, and problems found later still located by line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { jsonStructureIsPlain, parseScenarioText } from '../../src/scenario/load.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { parse } from 'yaml';

const SCENARIO = {
  name: 'json',
  years: { start: 2022, end: 2030 },
  capacity: { baseline: { capacity: '1000 MW', year: 2022 }, growth: { model: 'linear', additionsPerYear: '10 MW' } },
  yield: { model: 'full-load-hours', value: '1135 h' },
  savings: { coal: '300 g/kWh', co2: '0.5 t/MWh' },
};

function problemsOf(text: string) {
  try {
    loadScenario('/mem/s.json', () => text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('JSON fast path', () => {
  it('property: the same data as the YAML parser for plain JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), (obj) => {
        const text = JSON.stringify(obj, null, 1);
        expect(jsonStructureIsPlain(text)).toBe(true);
        expect(parseScenarioText(text, '/m/x.json').data).toEqual(parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('duplicate keys (also written with escapes) and deep nesting go the YAML way and get its error with a line', () => {
    expect(jsonStructureIsPlain('{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}')).toBe(true);
    expect(jsonStructureIsPlain('{"a": 1,\n "\\u0061": 2}')).toBe(false);
    expect(() => parseScenarioText('{"name": "x",\n "name": "y"}', '/m/x.json')).toThrow(/duplicate key 'name'/);
    expect(jsonStructureIsPlain(`${'['.repeat(40)}${']'.repeat(40)}`)).toBe(false);
    try {
      parseScenarioText('{"name": "x",\n "name": "y"}', '/m/x.json');
    } catch (e) {
      expect((e as ScenarioError).problems[0]!.line).toBe(2);
    }
  });

  it('a problem found after parsing is still located by line and column', () => {
    const text = JSON.stringify({ ...SCENARIO, yield: { model: 'full-load-hours', value: '1135 kg' } }, null, 2);
    const [p] = problemsOf(text);
    expect(p!.field).toBe('yield.value');
    expect(p!.line).toBe(text.split('\n').findIndex((l) => l.includes('1135 kg')) + 1);
    expect(problemsOf(JSON.stringify(SCENARIO))).toEqual([]);
  });
});
