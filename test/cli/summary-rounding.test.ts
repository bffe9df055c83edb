/**
 * Issue 10 §2: "totals are rounded the same way as their table". The summary line of `pvplan run` printed
 * 839.332 GWh under a table showing 839.33; each total must now read exactly as the table's last cumulative cell.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, ROOT } from './run-cli.ts';

/** The cells of the markdown table row of a year, by header. */
function markdownRow(stdout: string, year: number): Map<string, string> {
  const lines = stdout.split('\n');
  const headerLine = lines.find((l) => l.startsWith('| year ') || l.startsWith('| 年份 '))!;
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim());
  const row = lines.find((l) => l.startsWith(`| ${year} |`))!;
  const headers = cells(headerLine);
  const values = cells(row);
  return new Map(headers.map((h, i) => [h, values[i]!]));
}

describe('run: summary totals as the table prints them', () => {
  for (const [file, units] of [['wendeng-2025.yaml', 'si'], ['wendeng-2025.yaml', 'cn'], ['datang-100mw.yaml', 'si'], ['datang-100mw.yaml', 'cn']] as const) {
    it(`${file} --units ${units}`, async () => {
      const r = await pvplan(['run', join(ROOT, 'scenarios', file), '--format', 'markdown', '--units', units, '--lang', 'en']);
      expect(r.status).toBe(0);
      const totals = /totals (\d+)–(\d+): energy ([\d.]+) ?(\S+), coal saved ([\d.]+) ?(\S+), CO2 avoided ([\d.]+) ?(\S+)/.exec(r.stdout);
      expect(totals).not.toBeNull();
      const [, , endYear, energy, energyUnit, coal, coalUnit, co2, co2Unit] = totals!;
      const last = markdownRow(r.stdout, Number(endYear));
      expect(energy).toBe(last.get(`cum. energy (${energyUnit})`));
      expect(coal).toBe(last.get(`cum. coal (${coalUnit})`));
      expect(co2).toBe(last.get(`cum. CO2 (${co2Unit})`));
      const end = /end of \d+: ([\d.]+) ?(\S+) built \+ under construction, ([\d.]+) ?\S+ operating/.exec(r.stdout)!;
      expect(end[1]).toBe(last.get(`capacity (${end[2]})`));
      expect(end[3]).toBe(last.get(`operating (${end[2]})`));
    });
  }
});
