/** The one scenario id rule (src/scenario/id.ts): Unicode letters in, path tricks and reserved names out. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScenarioId, MAX_SCENARIO_ID_BYTES, SCENARIO_ID_REGEX, scenarioIdProblem } from '../../src/scenario/id.ts';

describe('scenario ids', () => {
  it('accepts ASCII and Chinese ids (issue 10: `init 荣成2030` must be servable)', () => {
    for (const id of ['wendeng-2025', 'plan_b.v2', '荣成2030', '文登区-what-if', 'ниже', 'console', 'nul-plan', 'x'.repeat(MAX_SCENARIO_ID_BYTES)]) expect(scenarioIdProblem(id), id).toBeUndefined();
  });

  it('refuses each unsafe id with its reason', () => {
    const cases: Array<[string, string]> = [
      ['', 'id-empty'],
      ['x'.repeat(MAX_SCENARIO_ID_BYTES + 1), 'id-too-long'],
      // 67 Chinese characters are 201 bytes of UTF-8.
      ['荣'.repeat(67), 'id-too-long'],
      ['e\u0301t', 'id-not-nfc'],
      ['Wendeng', 'id-uppercase'],
      ['con', 'id-reserved'],
      ['nul.txt', 'id-reserved'],
      ['lpt9', 'id-reserved'],
      ['x.yaml', 'id-reserved'],
      ['scenario.schema', 'id-reserved'],
      ['a..b', 'id-dots'],
      ['x.', 'id-dots'],
      ['.hidden', 'id-dots'],
      ['a/b', 'id-characters'],
      ['a\\b', 'id-characters'],
      ['a b', 'id-characters'],
      ['a\u202eb', 'id-characters'],
      ['a\u0000b', 'id-characters'],
      ['-a', 'id-characters'],
    ];
    for (const [id, code] of cases) expect(scenarioIdProblem(id)?.code, JSON.stringify(id)).toBe(code);
  });

  it('property: every accepted id is one path segment, NFC, within the byte limit, and matched by the pattern the page uses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (id) => {
        if (!isScenarioId(id)) return;
        expect(id).not.toMatch(/[/\\\0]|\.\./);
        expect(id.normalize('NFC')).toBe(id);
        expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_SCENARIO_ID_BYTES);
        expect(SCENARIO_ID_REGEX.test(id)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
