/**
 * The table renderer's displayWidth against string-width (the reference implementation of terminal widths, kept as
 * a dev dependency for this test): they must agree on every kind of text pvplan's tables hold — ASCII, CJK
 * ideographs and punctuation, fullwidth forms, Latin letters with combining accents, general punctuation (— … ×),
 * units (°C, m², µs, ‰), Greek and Cyrillic.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/format.ts';

/** Code point ranges of the text tables show (no emoji, no controls: pvplan never prints them). */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x17f], // Latin-1 and Latin Extended-A (°, ², µ, ×, é)
  [0x300, 0x36f], // combining diacritical marks
  [0x370, 0x3ff], // Greek
  [0x400, 0x4ff], // Cyrillic
  [0x2000, 0x206f], // general punctuation (— … ‰ and zero-width format characters)
  [0x2100, 0x218f], // letterlike symbols and number forms (℃ №)
  [0x2190, 0x22ff], // arrows and mathematical operators (→ ≤ ≥)
  [0x3000, 0x303f], // CJK symbols and punctuation (、。「」)
  [0x3040, 0x30ff], // kana
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xff00, 0xffef], // halfwidth and fullwidth forms (（）％)
];

const charArb = fc.constantFrom(...RANGES).chain(([lo, hi]) => fc.integer({ min: lo, max: hi })).map((cp) => String.fromCodePoint(cp));
const textArb = fc.array(charArb, { maxLength: 24 }).map((cs) => cs.join(''));

describe('displayWidth', () => {
  it('agrees with string-width on the text tables hold', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('counts CJK as two columns, ASCII as one, combining accents as none', () => {
    expect(displayWidth('装机容量 (万千瓦)')).toBe(17);
    expect(displayWidth('capacity (MW)')).toBe(13);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('—…×°')).toBe(4);
  });
});
