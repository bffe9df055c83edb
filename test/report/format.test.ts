import { describe, expect, it } from 'vitest';
import { renderText, section } from '../../src/report/format.ts';

describe('renderText', () => {
  it('aligns columns by terminal width: CJK characters take two columns (Unicode Standard Annex #11, wide)', () => {
    const rows = [{ name: '光伏电站', n: '1' }, { name: 'PV', n: '22' }];
    const text = renderText(section({ columns: [{ header: '名称', value: (r: (typeof rows)[number]) => r.name }, { header: 'n', value: (r: (typeof rows)[number]) => r.n }], rows }), 'si');
    // Column one is 8 columns wide (光伏电站 = 4 × 2); columns are separated by two spaces; trailing spaces trimmed.
    expect(text).toBe(['名称      n', '光伏电站  1', 'PV        22', ''].join('\n'));
  });
});
