/**
 * `pvplan yield` run as a subprocess (the built CLI that test/global-setup.ts snapshots): from the shipped physical
 * scenario and from flags, every output format, the --hourly file, and bad input (exit 2, one message, nothing written).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan as runCli, ROOT, tmpDir, type Run } from './run-cli.ts';
import { simulateYield } from '../../src/core/pv/pv-yield.ts';
import { pvwattsV5Array } from '../../src/core/pv/pvwatts-v5.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { parseWeatherText } from '../../src/weather/read.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { GREENSBORO_TMY3, weatherPath, weatherText } from '../weather/weather-files.ts';

const GREENSBORO = weatherPath(GREENSBORO_TMY3);
const PHYSICAL = 'scenarios/wendeng-2025-physical.yaml';

const pvplan = (args: readonly string[], cwd?: string) => runCli(args, cwd === undefined ? {} : { cwd });
const tmp = () => tmpDir('pvplan-yield-');

/** Every field the JSON output documents (docs/pv-yield.md, README). */
const JSON_KEYS = [
  'pvplanVersion',
  'title',
  'weather',
  'site',
  'array',
  'annualKWhPerKWp',
  'monthlyKWhPerKWp',
  'poaKWhPerM2',
  'monthlyPoaKWhPerM2',
  'ghiKWhPerM2',
  'monthlyGhiKWhPerM2',
  'poaBeamKWhPerM2',
  'poaSkyDiffuseKWhPerM2',
  'poaGroundDiffuseKWhPerM2',
  'poaEffectiveKWhPerM2',
  'dcKWhPerKWp',
  'performanceRatio',
  'capacityFactor',
  'hours',
  'losses',
];

type YieldJson = Record<string, unknown> & {
  annualKWhPerKWp: number;
  monthlyKWhPerKWp: number[];
  losses: Record<string, { kWhPerKWp: number; frac: number }>;
  array: { mounting: { type: string } };
  site: Record<string, number>;
};

function expectBadInput(run: Run, message: RegExp): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('pvplan yield', () => {
  it('runs the physical scenario and agrees with the full-load hours the scenario resolves to', async () => {
    const [table, json] = await Promise.all([pvplan(['yield', PHYSICAL]), pvplan(['yield', PHYSICAL, '--format', 'json'])]);
    expect(table.status, table.stderr).toBe(0);
    for (const text of ['By month:', 'annual specific yield:', 'capacity factor:', 'performance ratio:', 'Losses by step', 'temperature', 'inverter clipping', 'system (DC)', 'IAM (beam)']) {
      expect(table.stdout).toContain(text);
    }
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as YieldJson;
    expect(Object.keys(out)).toEqual(JSON_KEYS);
    expectClose(out.annualKWhPerKWp, loadScenario(join(ROOT, PHYSICAL)).plan.yield.fullLoadHours as number, { rel: 1e-12 }, 'kWh/kWp');
    expect(table.stdout).toContain(`annual specific yield: ${out.annualKWhPerKWp.toFixed(1)} kWh/kWp`);
    expect(out.site).toMatchObject({ latitudeDeg: 39.8, longitudeDeg: 116.47, utcOffsetHours: 8 });
  });

  it('runs from flags with PVWatts conventions and defaults the site to the file header', async () => {
    const run = await pvplan(['yield', '--weather', GREENSBORO, '--tilt', '30', '--azimuth', '180', '--losses', '14', '--dc-ac', '1.2', '--inverter-efficiency', '0.96', '--gamma', '-0.0037', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as YieldJson;
    expect(out.monthlyKWhPerKWp).toHaveLength(12);
    expect(out.monthlyKWhPerKWp.reduce((a, b) => a + b, 0)).toBe(out.annualKWhPerKWp);
    expect(out.site).toEqual({ latitudeDeg: 36.1, longitudeDeg: -79.95, altitudeM: 273, utcOffsetHours: -5 });
    expect(out.array).toMatchObject({ systemLossFrac: 0.14, dcAcRatio: 1.2, inverterEfficiency: 0.96, gammaPerC: -0.0037 });
    const weather = parseWeatherText(weatherText(GREENSBORO_TMY3), GREENSBORO);
    const expected = simulateYield({
      site: { latitudeDeg: 36.1, longitudeDeg: -79.95, altitudeM: 273, utcOffsetHours: -5 },
      array: { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 }, losses: { kind: 'total', totalFrac: 0.14 }, dcAcRatio: 1.2, inverterEfficiency: 0.96, gammaPerC: -0.0037 },
      weather,
    });
    expectClose(out.annualKWhPerKWp, expected.annualKWhPerKWp, { rel: 1e-12 }, 'same chain in process');
    expect(out.losses.system.frac).toBeCloseTo(0.14, 12);
  });

  it('lets flags override a scenario, e.g. a tracker instead of the fixed rack', async () => {
    const run = await pvplan(['yield', PHYSICAL, '--tracking', 'single-axis', '--gcr', '0.4', '--no-backtrack', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as YieldJson;
    expect(out.array.mounting).toEqual({ type: 'single-axis', axisAzimuthDeg: 180, maxAngleDeg: 60, backtrack: false, gcr: 0.4 });
  });

  it('prints CSV and Markdown, and Chinese labels with --units cn', async () => {
    const [csv, md, cn] = await Promise.all([
      pvplan(['yield', PHYSICAL, '--format', 'csv']),
      pvplan(['yield', PHYSICAL, '--format', 'markdown']),
      pvplan(['yield', PHYSICAL, '--units', 'cn']),
    ]);
    expect(csv.stdout.split('\n')[0]).toBe('month,ghi_kwh_per_m2,poa_kwh_per_m2,yield_kwh_per_kwp,performance_ratio');
    expect(csv.stdout.trim().split('\n')).toHaveLength(14);
    expect(md.stdout).toMatch(/^## PV yield/);
    expect(md.stdout).toContain('|---|---:|---:|---:|---:|');
    expect(cn.stdout).toContain('千瓦时/千瓦');
    expect(cn.stdout).toContain('12月');
  });

  it('writes the hourly series with --hourly, atomically', async () => {
    const dir = tmp();
    const file = join(dir, 'hourly.csv');
    const run = await pvplan(['yield', '--weather', GREENSBORO, '--tilt', '25', '--format', 'json', '--hourly', file]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['hourly.csv']);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8761);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['time', 'solar_zenith_deg', 'solar_azimuth_deg', 'airmass_absolute']);
    expect(lines[1]!.startsWith('2001-01-01T00:30:00-05:00,')).toBe(true);
    const ac = header.indexOf('ac_w_per_kwp');
    const total = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[ac]), 0) / 1000;
    const out = JSON.parse(run.stdout) as YieldJson;
    // Hourly values are written to 10 significant digits.
    expectClose(total, out.annualKWhPerKWp, { rel: 1e-8 }, 'Σ hourly AC');
  });

  it('rejects bad input with one message and exit status 2, writing nothing', async () => {
    const dir = tmp();
    const broken = join(dir, 'broken.csv');
    const lines = weatherText(GREENSBORO_TMY3).split('\n');
    lines[9] = lines[9]!.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)[^,]*/, '$1oops');
    writeFileSync(broken, lines.join('\n'));
    const hourly = join(dir, 'never.csv');
    const cases: Array<[string[], RegExp]> = [
      [['yield'], /give a scenario file with a physical yield section, or --weather FILE/],
      [['yield', '--weather', join(dir, 'missing.epw'), '--tilt', '30'], /cannot read the weather file .*missing\.epw.*: no such file/],
      [['yield', '--weather', GREENSBORO], /--tilt: required for a fixed rack/],
      [['yield', '--weather', GREENSBORO, '--tilt', 'steep'], /--tilt: expected a tilt in degrees from 0 to 90, got 'steep'/],
      [['yield', '--weather', GREENSBORO, '--tilt', '30', '--lat', '95'], /--lat: expected a latitude in degrees from -90 to 90, got '95'/],
      [['yield', '--weather', GREENSBORO, '--tilt', '30', '--losses', '120'], /--losses: expected total system losses in percent/],
      [['yield', '--weather', GREENSBORO, '--tilt', '30', '--tracking', 'dual-axis'], /argument 'dual-axis' is invalid/],
      [['yield', '--weather', GREENSBORO, '--tracking', 'single-axis', '--tilt', '30'], /--tilt and --azimuth apply to a fixed rack/],
      [['yield', 'scenarios/wendeng-2025.yaml'], /yield\.model is 'full-load-hours'; pvplan yield needs a physical yield section/],
      [['yield', '--weather', broken, '--tilt', '30', '--hourly', hourly], /broken\.csv line 10: column 'GHI \(W\/m\^2\)'/],
      [['yield', '--weather', GREENSBORO, '--tilt', '30', '--hourly', join(dir, 'no', 'such', 'dir', 'h.csv')], /--hourly: cannot write/],
      // Greensboro's hours at Weihai's longitude: its daylight would not fit the site's sun.
      [['yield', '--weather', GREENSBORO, '--tilt', '30', '--lat', '37.2', '--lon', '122.1'], /recorded at longitude -79\.95°, 158\.0° from the site's 122\.10°: its hours of sunshine would not line up with the site's sun/],
    ];
    const runs = await Promise.all(cases.map(([args]) => pvplan(args)));
    runs.forEach((run, i) => expectBadInput(run, cases[i]![1]));
    expect(existsSync(hourly)).toBe(false);
    expect(readdirSync(dir)).toEqual(['broken.csv']);
  });

  it('runs the pvwatts-v5 preset from flags: the chain with the preset array, module and array types named in the JSON', async () => {
    const run = await pvplan(['yield', '--weather', GREENSBORO, '--preset', 'pvwatts-v5', '--module-type', 'premium', '--array-type', 'fixed-roof', '--tilt', '20', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { annualKWhPerKWp: number; preset: { name: string; moduleType: string; arrayType: string }; array: { gammaPerC: number; temperature: { model: string; noctInstalledC: number } } };
    expect(json.preset).toMatchObject({ name: 'pvwatts-v5', moduleType: 'premium', arrayType: 'fixed-roof', tiltDeg: 20 });
    expect(json.array.gammaPerC).toBe(-0.0035);
    expect(json.array.temperature).toMatchObject({ model: 'fuentes', noctInstalledC: 49 });
    const weather = parseWeatherText(weatherText(GREENSBORO_TMY3), GREENSBORO);
    const site = { latitudeDeg: weather.site.latitudeDeg!, longitudeDeg: weather.site.longitudeDeg!, altitudeM: weather.site.altitudeM!, utcOffsetHours: weather.site.utcOffsetHours! };
    const direct = simulateYield({ site, weather, array: pvwattsV5Array({ moduleType: 'premium', arrayType: 'fixed-roof', tiltDeg: 20 }) });
    expectClose(json.annualKWhPerKWp, direct.annualKWhPerKWp, { rel: 1e-12 });
  });

  it('reads SAM CSV and PVGIS files, detected or forced with --weather-format', async () => {
    const sam = await pvplan(['yield', '--weather', 'test/fixtures/weather/nsrdb-tucson-psmv3-tmy-48h.csv', '--preset', 'pvwatts-v5', '--tilt', '30', '--format', 'json']);
    expect(sam.status).toBe(0);
    expect(JSON.parse(sam.stdout).weather).toMatchObject({ format: 'sam-csv', rows: 48 });
    const pvgis = await pvplan(['yield', '--weather', 'test/fixtures/weather/pvgis-tmy-45.000-8.000-48h.csv', '--weather-format', 'pvgis', '--tilt', '30', '--format', 'json']);
    expect(pvgis.status).toBe(0);
    expect(JSON.parse(pvgis.stdout).site).toMatchObject({ latitudeDeg: 45, longitudeDeg: 8, altitudeM: 250 });
  });

  it('rejects preset misuse and a forced wrong format with one message and exit status 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['yield', '--weather', GREENSBORO, '--preset', 'pvwatts-v5'], /--tilt: required for a fixed PVWatts array/],
      [['yield', '--weather', GREENSBORO, '--preset', 'pvwatts-v5', '--tilt', '20', '--gamma', '-0.004'], /--gamma: set by --preset pvwatts-v5/],
      [['yield', '--weather', GREENSBORO, '--preset', 'pvwatts-v5', '--tilt', '20', '--gcr', '0.3'], /--gcr: applies to --array-type one-axis/],
      [['yield', '--weather', GREENSBORO, '--tilt', '20', '--module-type', 'premium'], /--module-type and --array-type: apply to --preset pvwatts-v5/],
      [['yield', '--weather', GREENSBORO, '--tilt', '20', '--weather-format', 'sam-csv'], /723170TYA\.CSV line 1: expected a SAM CSV metadata line naming 'Latitude'/],
    ];
    const runs = await Promise.all(cases.map(([args]) => pvplan(args)));
    runs.forEach((run, i) => expectBadInput(run, cases[i]![1]));
  });

  it('documents itself in --help with examples', async () => {
    const run = await pvplan(['yield', '--help']);
    expect(run.status).toBe(0);
    for (const flag of ['--preset', '--module-type', '--array-type', '--weather-format', '--lat', '--lon', '--altitude', '--weather', '--tilt', '--azimuth', '--tracking', '--gcr', '--albedo', '--transposition', '--aoi-model', '--temperature-model', '--gamma', '--losses', '--dc-ac', '--inverter-efficiency', '--hourly', '--format']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('$ pvplan yield scenarios/wendeng-2025-physical.yaml');
  });
});
