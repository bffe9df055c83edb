/**
 * `pvplan wind` run as a subprocess (the built CLI): library turbines and custom curves, every output format, the
 * --hourly file, a wind-only CSV, and bad input (exit 2, one message naming the flag or file:line:column, nothing written).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, tmpDir, type Run } from './run-cli.ts';
import { expectClose } from '../helpers/expect-close.ts';

const BEIJING = 'scenarios/weather/CHN_Beijing.Beijing.545110_CSWD.epw';
const GREENSBORO = 'scenarios/weather/723170TYA.CSV';
const tmp = () => tmpDir('pvplan-wind-');

interface WindJson {
  annualKWhPerKW: number;
  monthlyKWhPerKW: number[];
  capacityFactorFrac: number;
  meanHubWindSpeedMPerS: number;
  ratedPowerKW: number;
  turbine: { id: string };
  chain: Record<string, unknown>;
}

function expectBadInput(run: Run, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('pvplan wind', () => {
  it('prints the JSON contract and agrees with the python reference (test/fixtures/reference/wind-chain.py, case A)', async () => {
    const run = await pvplan(['wind', '--weather', BEIJING, '--turbine', 'V112/3075', '--hub-height', '94', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as WindJson;
    for (const key of ['annualKWhPerKW', 'monthlyKWhPerKW', 'capacityFactorFrac', 'meanHubWindSpeedMPerS', 'ratedPowerKW']) expect(out).toHaveProperty(key);
    expect(out.monthlyKWhPerKW).toHaveLength(12);
    expectClose(out.annualKWhPerKW, 740.0269368006419, { rel: 1e-9 }, 'kWh/kW');
    expectClose(out.capacityFactorFrac, 0.08447796082199109, { rel: 1e-9 }, 'CF');
    expect(out.ratedPowerKW).toBe(3075);
    expect(out.chain).toMatchObject({ windProfile: { model: 'logarithmic', roughnessLengthM: 0.1 }, densityModel: 'barometric', densityCorrection: false, lossFrac: 0, availabilityFrac: 1 });
  });

  it('prints table, markdown and csv reports, and lists the turbines', async () => {
    const base = ['wind', '--weather', GREENSBORO, '--turbine', 'e-126/4200', '--hub-height', '135', '--shear-exponent', '0.2', '--losses', '10', '--availability', '97'];
    const [table, md, csv, list, listJson] = await Promise.all([
      pvplan(base),
      pvplan([...base, '--format', 'markdown']),
      pvplan([...base, '--format', 'csv']),
      pvplan(['wind', '--list-turbines']),
      pvplan(['wind', '--list-turbines', '--format', 'json']),
    ]);
    for (const r of [table, md, csv, list, listJson]) expect(r.status, r.stderr).toBe(0);
    expect(table.stdout).toMatch(/annual energy: [\d.]+ kWh\/kW/);
    expect(table.stdout).toContain('power law, α 0.200');
    expect(md.stdout).toContain('| month | energy (kWh/kW) |');
    expect(csv.stdout.split('\n')[0]).toBe('month,energy_kwh_per_kw');
    expect(csv.stdout.trim().split('\n')).toHaveLength(14);
    for (const id of ['V90/2000', 'V112/3075', 'V164/8000', 'SWT120/3600', 'E-126/4200', 'VS112/2500', 'SCD168/8000']) expect(list.stdout).toContain(id);
    expect((JSON.parse(listJson.stdout) as unknown[]).length).toBeGreaterThanOrEqual(8);
  });

  it('runs a custom curve on a wind-only CSV and writes the hourly series', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'pc.csv'), 'wind_speed_m_per_s,power_kw\n3,0\n4,100\n8,1200\n12,2000\n25,2000\n');
    const rows = ['time,wind_speed', '2023-01-01T00:30:00+08:00,7', '2023-01-01T01:30:00+08:00,9', '2023-01-01T02:30:00+08:00,30'];
    writeFileSync(join(dir, 'sea.csv'), `${rows.join('\n')}\n`);
    const run = await pvplan(['wind', '--weather', join(dir, 'sea.csv'), '--wind-height', '100', '--power-curve', join(dir, 'pc.csv'), '--hub-height', '100', '--format', 'json', '--hourly', join(dir, 'h.csv')]);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as WindJson;
    // Hub at the data height: 7 and 9 m/s straight into the curve, 30 m/s above its end. By hand:
    // 7 m/s → 100 + 1100·3/4 = 925 kW; 9 m/s → 1200 + 800/4 = 1400 kW; 30 m/s → 0; per 2000 kW rated: (925 + 1400)/2000.
    expectClose(out.annualKWhPerKW, 2325 / 2000, { rel: 1e-12 }, 'kWh/kW');
    expect(out.ratedPowerKW).toBe(2000);
    const hourly = readFileSync(join(dir, 'h.csv'), 'utf8').trim().split('\n');
    expect(hourly[0]).toBe('time,hub_wind_speed_m_per_s,hub_temperature_c,air_density_kg_per_m3,gross_kw_per_kw,net_kw_per_kw');
    expect(hourly).toHaveLength(4);
    expect(hourly[1]).toMatch(/^2023-01-01T00:30:00\+08:00,7,/);
    expect(hourly[3]).toMatch(/,0,0$/);
  });

  it.each([
    [['--turbine', 'V112/3075', '--hub-height', '5'], /--hub-height: 5 m is below the height of the wind data \(10 m/],
    [['--turbine', 'V112/3075', '--hub-height', '94', '--roughness', '0'], /--roughness: expected a roughness length in m above 0/],
    [['--turbine', 'V112/3075', '--hub-height', '94', '--roughness', '0.1', '--shear-exponent', '0.2'], /give one/],
    [['--turbine', 'V112/3000', '--hub-height', '94'], /no turbine 'V112\/3000' in the library \(did you mean 'V112\/3075'\?\)/],
    [['--hub-height', '94'], /exactly one of --turbine NAME/],
    [['--turbine', 'V112/3075'], /--hub-height: required/],
    [['--turbine', 'V112/3075', '--hub-height', '94', '--losses', '120'], /--losses: expected wake and other losses in percent from 0 to 100/],
  ])('refuses %j', async (args, message) => {
    expectBadInput(await pvplan(['wind', '--weather', BEIJING, ...args]), message);
  });

  it('names file, line and column of a bad power curve, and writes no hourly file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dec.csv'), 'wind_speed_m_per_s,power_kw\n3,0\n5,100\n4,200\n');
    writeFileSync(join(dir, 'neg.csv'), 'wind_speed_m_per_s,power_kw\n3,0\n5,-100\n');
    writeFileSync(join(dir, 'head.csv'), 'speed,power\n3,0\n5,100\n');
    const args = (f: string) => ['wind', '--weather', BEIJING, '--power-curve', join(dir, f), '--hub-height', '94', '--hourly', join(dir, 'h.csv')];
    expectBadInput(await pvplan(args('dec.csv')), /dec\.csv:4:1: wind_speed_m_per_s: expected a wind speed above the previous point's 5 m\/s \(strictly increasing\), got 4/);
    expectBadInput(await pvplan(args('neg.csv')), /neg\.csv:3:3: power_kw: expected a power ≥ 0 kW, got -100/);
    expectBadInput(await pvplan(args('head.csv')), /head\.csv:1:1: expected the header 'wind_speed_m_per_s,power_kw'/);
    expect(existsSync(join(dir, 'h.csv'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the line and column of a bad wind CSV', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'w.csv'), 'time,wind_speed\n2023-01-01T00:30:00+08:00,7\n2023-01-01T01:30:00+08:00,fast\n');
    expectBadInput(await pvplan(['wind', '--weather', join(dir, 'w.csv'), '--turbine', 'V90/2000', '--hub-height', '80']), /w\.csv line 3: column 'wind_speed': expected a number in m\/s, got 'fast'/);
  });
});
