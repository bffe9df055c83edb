/**
 * `pvplan system` run as a subprocess (the built CLI): the quick form from flags, greedy and optimal, every output
 * format, --hourly, and bad input (exit 2 with file:line:column and field, or the flag; nothing written).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, tmpDir } from './run-cli.ts';
import { expectClose } from '../helpers/expect-close.ts';

/** A CSV of hourly rows from 2025-01-01T00:00+08:00 (time is the start of each hour). */
function seriesCsv(column: string, values: readonly (number | string)[], times?: readonly string[]): string {
  const rows = values.map((v, i) => `${times?.[i] ?? `2025-01-01T${String(i).padStart(2, '0')}:00:00+08:00`},${v}`);
  return `time,${column}\n${rows.join('\n')}\n`;
}

// The greedy reference of test/core/storage/greedy.test.ts: L 10 MW, 5 MW / 10 MWh, η 81 %, SOC 10–100 %, start 50 %.
const GEN = [17, 18, 4, 9, 2, 12];
const STORAGE_FLAGS = ['--export-limit', '10MW', '--storage-power', '5MW', '--storage-energy', '10MWh', '--round-trip-efficiency', '81%', '--soc-min', '10%', '--soc-max', '100%', '--soc-initial', '50%'];

function files(gen: readonly (number | string)[] = GEN, prices?: readonly (number | string)[]): { dir: string; gen: string; prices: string } {
  const dir = tmpDir('pvplan-system-');
  writeFileSync(join(dir, 'gen.csv'), seriesCsv('generation_mw', gen));
  if (prices) writeFileSync(join(dir, 'prices.csv'), seriesCsv('price_yuan_per_mwh', prices));
  return { dir, gen: join(dir, 'gen.csv'), prices: join(dir, 'prices.csv') };
}

describe('pvplan system', () => {
  it('prints the JSON contract of the greedy dispatch (hand figures of the core reference)', async () => {
    const f = files(GEN, [100, 200, 300, 0, -50, 100]);
    const r = await pvplan(['system', '--generation', f.gen, '--prices', f.prices, ...STORAGE_FLAGS, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, number>;
    for (const key of ['generationMWh', 'deliveredMWh', 'curtailedMWh', 'curtailmentFrac', 'chargedMWh', 'dischargedMWh', 'equivalentFullCycles', 'finalSocFrac', 'revenueYuan']) {
      expect(typeof j[key], key).toBe('number');
    }
    expectClose(j.generationMWh!, 62, { abs: 1e-9 }, 'generation');
    expectClose(j.deliveredMWh!, 53.1, { abs: 1e-9 }, 'delivered');
    expectClose(j.curtailedMWh!, 10 - 0.5 / 0.9, { abs: 1e-9 }, 'curtailed');
    expectClose(j.equivalentFullCycles!, 0.9, { abs: 1e-9 }, 'cycles');
    expectClose(j.finalSocFrac!, 0.28, { abs: 1e-9 }, 'final SOC');
    // 100·10 + 200·10 + 300·9 + 0·10 − 50·4.1 + 100·10 = 6495 yuan.
    expectClose(j.revenueYuan!, 6495, { abs: 1e-6 }, 'revenue');
  });

  it('solves the optimal dispatch with HiGHS, never below greedy, also on a rolling horizon', async () => {
    const f = files(GEN, [100, 200, 300, 0, -50, 100]);
    const run = async (extra: string[]) => JSON.parse((await pvplan(['system', '--generation', f.gen, '--prices', f.prices, ...STORAGE_FLAGS, '--format', 'json', ...extra])).stdout) as { revenueYuan: number };
    const greedy = await run([]);
    const optimal = await run(['--strategy', 'optimal']);
    const rolling = await run(['--strategy', 'optimal', '--horizon', '4h']);
    expect(optimal.revenueYuan).toBeGreaterThanOrEqual(greedy.revenueYuan - 1e-3);
    expect(rolling.revenueYuan).toBeLessThanOrEqual(optimal.revenueYuan + 1e-3);
  });

  it('writes the table, CSV, Markdown and the --hourly file', async () => {
    const f = files();
    const table = await pvplan(['system', '--generation', f.gen, ...STORAGE_FLAGS]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('System dispatch (greedy)');
    expect(table.stdout).toMatch(/Jan\s+0\.06\s+0\.05\s+0\.01\s+15\.23/);
    const csv = await pvplan(['system', '--generation', f.gen, ...STORAGE_FLAGS, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('month,generation (GWh),delivered (GWh),curtailed (GWh),curtailment (%)');
    const md = await pvplan(['system', '--generation', f.gen, ...STORAGE_FLAGS, '--format', 'markdown', '--hourly', join(f.dir, 'h.csv')]);
    expect(md.stdout).toContain('| month |');
    const hourly = readFileSync(join(f.dir, 'h.csv'), 'utf8').trim().split('\n');
    expect(hourly[0]).toBe('time,generation_mw,charge_mw,discharge_mw,export_mw,curtailed_mw,soc_mwh,soc_frac');
    expect(hourly[1]).toBe('2025-01-01T00:00:00+08:00,17,5,0,10,2,9.5,0.95');
    expect(hourly).toHaveLength(7);
  });

  const bad: ReadonlyArray<readonly [string, () => { args: string[] }, RegExp]> = [
    ['SOC minimum above maximum', () => ({ args: ['--generation', files().gen, ...STORAGE_FLAGS, '--soc-min', '60%', '--soc-max', '50%'] }), /--soc-min: 60% is above --soc-max 50%/],
    ['efficiency of 0 %', () => ({ args: ['--generation', files().gen, ...STORAGE_FLAGS, '--round-trip-efficiency', '0%'] }), /--round-trip-efficiency: expected a percentage above 0 %/],
    ['efficiency above 100 %', () => ({ args: ['--generation', files().gen, ...STORAGE_FLAGS, '--round-trip-efficiency', '101%'] }), /--round-trip-efficiency/],
    ['a limit without a unit', () => ({ args: ['--generation', files().gen, ...STORAGE_FLAGS, '--export-limit', '60'] }), /--export-limit: expected a power/],
    ['negative generation', () => ({ args: ['--generation', files([3, -1, 2]).gen, ...STORAGE_FLAGS] }), /gen\.csv:3:27: generation_mw: expected a power in MW, at least 0, got '-1'/],
    ['a gap in the generation', () => {
      const dir = tmpDir('pvplan-system-');
      writeFileSync(join(dir, 'gen.csv'), seriesCsv('generation_mw', [1, 2, 3], ['2025-01-01T00:00:00+08:00', '2025-01-01T01:00:00+08:00', '2025-01-01T03:00:00+08:00']));
      return { args: ['--generation', join(dir, 'gen.csv'), ...STORAGE_FLAGS] };
    }, /gen\.csv:4:1: time: expected 1 h after the previous row .* 2 h later \(a gap\)/],
    ['a time without offset', () => {
      const dir = tmpDir('pvplan-system-');
      writeFileSync(join(dir, 'gen.csv'), 'time,generation_mw\n2025-01-01T00:00:00,1\n2025-01-01T01:00:00+08:00,1\n');
      return { args: ['--generation', join(dir, 'gen.csv'), ...STORAGE_FLAGS] };
    }, /gen\.csv:2:1: time: expected an ISO 8601 time with a UTC offset/],
    ['prices of another length', () => {
      const f = files(GEN, [1, 2, 3]);
      return { args: ['--generation', f.gen, '--prices', f.prices, ...STORAGE_FLAGS] };
    }, /prices\.csv:5:1: rows: expected one price for each of the 6 rows/],
    ['prices at other times', () => {
      const f = files(GEN, GEN);
      // A valid hourly series, one hour later than the generation.
      writeFileSync(f.prices, seriesCsv('price_yuan_per_mwh', GEN, GEN.map((_, i) => `2025-01-01T${String(i + 1).padStart(2, '0')}:00:00+08:00`)));
      return { args: ['--generation', f.gen, '--prices', f.prices, ...STORAGE_FLAGS] };
    }, /prices\.csv:2:1: time: expected the time of .*gen\.csv line 2/],
    ['a wrong header', () => {
      const f = files();
      writeFileSync(f.gen, 'time,power\n2025-01-01T00:00:00+08:00,1\n2025-01-01T01:00:00+08:00,1\n');
      return { args: ['--generation', f.gen, ...STORAGE_FLAGS] };
    }, /gen\.csv:1:1: header: expected the columns time,generation_mw/],
    ['a horizon with greedy', () => ({ args: ['--generation', files().gen, ...STORAGE_FLAGS, '--horizon', '48h'] }), /--horizon: applies to --strategy optimal/],
  ];
  for (const [name, make, message] of bad) {
    it(`rejects ${name} with exit 2 and one message, writing nothing`, async () => {
      const { args } = make();
      const dir = tmpDir('pvplan-system-out-');
      const r = await pvplan(['system', ...args, '--hourly', join(dir, 'h.csv')]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(dir, 'h.csv'))).toBe(false);
    });
  }
});

describe('pvplan system FILE (a scenario system section)', () => {
  const scenario = (f: string) => join(import.meta.dirname, '..', '..', 'scenarios', f);
  it('runs the Wendeng base with 20 %/2 h: the quick form JSON plus generators and the delivered hours', async () => {
    const r = await pvplan(['system', scenario('wendeng-multi-energy-storage-20pct.yaml'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { generators: Array<{ kind: string; capacityMW: number }>; withoutStorage: { curtailedMWh: number }; heatmaps: { curtailedMWh: number[][] }; monthly: { curtailedMWh: number[] } };
    expect(j.generators.map((g) => [g.kind, g.capacityMW])).toEqual([['pv', 700], ['wind', 300]]);
    // Storage 20 % of 1,000 MW for 2 h.
    expect(j.storage).toMatchObject({ powerMW: 200, energyMWh: 400 });
    expect(j.curtailedMWh as number).toBeLessThan(j.withoutStorage.curtailedMWh);
    expect(j.deliveredMWh as number).toBeLessThanOrEqual(j.generationMWh as number);
    expect(j.heatmaps.curtailedMWh).toHaveLength(12);
    expect(j.monthly.curtailedMWh).toHaveLength(12);
    expectClose(j.planFullLoadHours as number, (j.deliveredMWh as number) / 1000, { rel: 1e-12 }, 'plan hours = delivered per MW');
  });

  it('refuses a scenario without a system section, and flags the section sets, with exit 2', async () => {
    const none = await pvplan(['system', scenario('wendeng-2025.yaml')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/wendeng-2025\.yaml: no 'system:' section/);
    const both = await pvplan(['system', scenario('wendeng-multi-energy.yaml'), '--export-limit', '60MW']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--export-limit: the scenario's system section sets it/);
  });
});
