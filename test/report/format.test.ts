import { describe, expect, it } from 'vitest';
import { renderCsv, renderMarkdown, renderText, section, yearColumns } from '../../src/report/format.ts';
import { runReport } from '../../src/report/run.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';

describe('renderText', () => {
  it('aligns columns by terminal width: CJK characters take two columns (Unicode Standard Annex #11, wide)', () => {
    const rows = [{ name: '光伏电站', n: '1' }, { name: 'PV', n: '22' }];
    const text = renderText(section({ columns: [{ header: '名称', value: (r: (typeof rows)[number]) => r.name }, { header: 'n', value: (r: (typeof rows)[number]) => r.n }], rows }), 'si');
    // Column one is 8 columns wide (光伏电站 = 4 × 2); columns are separated by two spaces; trailing spaces trimmed.
    expect(text).toBe(['名称      n', '光伏电站  1', 'PV        22', ''].join('\n'));
  });
});

describe('the per-year columns of a run', () => {
  const rowsOf = (file: string) => runReport(loadScenario(file)).years;

  it('show SO2 and NOx in the table, CSV and markdown when the scenario declares their factors', () => {
    const years = section({ columns: yearColumns(), rows: rowsOf('scenarios/datang-100mw.yaml') });
    for (const text of [renderText(years, 'si'), renderCsv(years, 'si'), renderMarkdown(years, 'si')]) {
      expect(text).toContain('SO2 avoided (t)');
      expect(text).toContain('NOx avoided (t)');
    }
    // 2023: 100 MW × 1135 h × half a year = 56,750 MWh; at cn-rule-of-thumb 0.03 t SO2/MWh and 0.015 t NOx/MWh
    // (the preset's 0.03 kg/kWh and 0.015 kg/kWh) that is 1702.5 t and 851.25 t.
    expect(renderCsv(years, 'si').split('\n')[1]).toContain(',1702.5,851.25,');
    expect(renderCsv(years, 'cn').split('\n')[0]).toContain('SO2 avoided (万吨),NOx avoided (万吨)');
  });

  it('leave them out when it does not (no empty columns)', () => {
    const years = section({ columns: yearColumns(), rows: rowsOf('scenarios/wendeng-2025.yaml') });
    for (const text of [renderText(years, 'si'), renderCsv(years, 'si'), renderMarkdown(years, 'si')]) {
      expect(text).not.toContain('SO2');
      expect(text).not.toContain('NOx');
    }
  });
});
