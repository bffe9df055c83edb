// The physical yield model in scenario files: the shipped wendeng-2025-physical.yaml, synthetic-year sections,
// weather paths in `extends` chains, the cache, and every way a section can be wrong (one clear message per problem,
// with file, line and field).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellTemperatureParams } from '../../src/core/pv/temperature.ts';
import { simulateYield } from '../../src/core/pv/pv-yield.ts';
import { runReport } from '../../src/report/run.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { physicalFullLoadHours } from '../../src/scenario/physical-yield.ts';
import { readTextFromDisk as readTextFromDiskForTest } from '../../src/scenario/load.ts';
import { loadScenario, resolvePlan } from '../../src/scenario/resolve.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { parseWeatherText } from '../../src/weather/read.ts';
import { expectClose } from '../helpers/expect-close.ts';
import { BEIJING_EPW, GREENSBORO_TMY3, weatherPath, weatherText } from '../weather/weather-files.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');
const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvplan-physical-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A minimal valid scenario whose yield section is `yieldYaml` (indented two spaces under `yield:`). */
function scenarioText(yieldYaml: string, extra = ''): string {
  return `name: physical test
years: { start: 2024, end: 2030 }
capacity:
  baseline: { capacity: 100 MW, year: 2024 }
  growth: { model: cagr, rate: 10 % }
yield:
${yieldYaml}
savings: { coal: 300 g/kWh, co2: 0.57 t/MWh }
${extra}`;
}

const SYNTHETIC = `  model: physical
  site: { lat: 37.19, lon: 122.06, altitude: 40, timezone: 8 }
  array: { mounting: fixed, tilt: 30, azimuth: 180 }
  weather:
    monthlyGhi: [2.3, 3.3, 4.2, 5.0, 5.3, 5.2, 4.8, 4.6, 3.7, 3.2, 2.4, 2.0]
    tempAir: [0, 2, 8, 14, 19, 23, 26, 26, 22, 16, 9, 2]
    windSpeed: 3`;

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(file: string): string[] {
  try {
    loadScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map((p) => `${p.field ?? ''}: ${p.message} @${p.line ?? '?'}`);
    throw e;
  }
  return [];
}

describe('scenarios/wendeng-2025-physical.yaml', () => {
  const base = loadScenario(join(SCENARIOS, 'wendeng-2025.yaml'));
  const physical = loadScenario(join(SCENARIOS, 'wendeng-2025-physical.yaml'));

  it('validates, and its full-load hours are the chain on the Beijing CSWD year with its array', () => {
    const w = parseWeatherText(weatherText(BEIJING_EPW), weatherPath(BEIJING_EPW));
    const expected = simulateYield({
      site: { latitudeDeg: 39.8, longitudeDeg: 116.47, altitudeM: 31.3, utcOffsetHours: 8 },
      array: {
        mounting: { type: 'fixed', tiltDeg: 33, azimuthDeg: 180 },
        dcAcRatio: 1.2,
        inverterEfficiency: 0.96,
        gammaPerC: -0.0037,
        temperature: cellTemperatureParams('sapm', 'open-rack-glass-glass'),
        transposition: 'perez',
        iamModel: 'physical',
        albedo: 0.2,
      },
      weather: w,
    }).annualKWhPerKWp;
    expect(typeof physical.plan.yield.fullLoadHours).toBe('number');
    expectClose(physical.plan.yield.fullLoadHours as number, expected, { rel: 1e-12 }, 'full-load hours');
    // A PVWatts-default array on a 1401 kWh/m² year: about 1190 kWh/kWp (docs/pv-yield.md).
    expect(expected).toBeGreaterThan(1100);
    expect(expected).toBeLessThan(1300);
  });

  it('keeps the capacity path and scales every year of energy by the ratio of the yields (degradation by age alike)', () => {
    const a = runReport(base);
    const b = runReport(physical);
    const ratio = (physical.plan.yield.fullLoadHours as number) / 1135;
    expect(b.years.map((y) => y.capacityMW)).toEqual(a.years.map((y) => y.capacityMW));
    a.years.forEach((y, i) => expectClose(b.years[i]!.energyMWh, y.energyMWh * ratio, { rel: 1e-12 }, `${y.year}`));
    expect(b.scenario.hash).not.toBe(a.scenario.hash);
  });
});

describe('physical yield sections', () => {
  it('run a synthetic year from monthly means: deterministic, and seeded variability changes it reproducibly', () => {
    const dir = tmp();
    const plain = loadScenario(write(dir, 'a.yaml', scenarioText(SYNTHETIC)));
    const again = loadScenario(write(dir, 'b.yaml', scenarioText(SYNTHETIC)));
    expect(again.plan.yield.fullLoadHours).toBe(plain.plan.yield.fullLoadHours);
    const varied = (seed: number) => loadScenario(write(dir, `v${seed}.yaml`, scenarioText(`${SYNTHETIC}\n    variability: 0.3\n    seed: ${seed}`))).plan.yield.fullLoadHours;
    expect(varied(7)).toBe(varied(7));
    expect(varied(7)).not.toBe(varied(8));
    expect(varied(7)).not.toBe(plain.plan.yield.fullLoadHours);
    const hours = plain.plan.yield.fullLoadHours as number;
    expect(hours).toBeGreaterThan(1000);
    expect(hours).toBeLessThan(1500);
  });

  it('resolve a weather path against the file of the chain that names it', () => {
    const root = tmp();
    const parentDir = join(root, 'parent');
    const childDir = join(root, 'elsewhere', 'child');
    mkdirSync(join(parentDir, 'weather'), { recursive: true });
    mkdirSync(childDir, { recursive: true });
    copyFileSync(weatherPath(GREENSBORO_TMY3), join(parentDir, 'weather', 'greensboro.csv'));
    write(parentDir, 'parent.yaml', scenarioText('  model: physical\n  array: { tilt: 30 }\n  weather: { file: weather/greensboro.csv }'));
    const parent = loadScenario(join(parentDir, 'parent.yaml'));
    // The child changes the tilt only; the weather path stays the parent's, relative to the parent's folder.
    const child = loadScenario(write(childDir, 'child.yaml', 'extends: ../../parent/parent.yaml\nname: child\nyield:\n  array: { tilt: 20 }\n'));
    expect(child.plan.yield.fullLoadHours).not.toBe(parent.plan.yield.fullLoadHours);
    expect(child.plan.yield.fullLoadHours as number).toBeGreaterThan(1200);
    // A child that names its own file resolves it against its own folder.
    copyFileSync(weatherPath(GREENSBORO_TMY3), join(childDir, 'mine.csv'));
    const own = loadScenario(write(childDir, 'own.yaml', 'extends: ../../parent/parent.yaml\nname: own\nyield:\n  weather: { file: mine.csv }\n'));
    expect(own.plan.yield.fullLoadHours).toBe(parent.plan.yield.fullLoadHours);
  });

  it('report each problem at its field and line', () => {
    const dir = tmp();
    const cases: Array<[string, string, RegExp]> = [
      ['no-array', '  model: physical\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }\n  site: { lat: 30, lon: 120 }', /yield\.array: missing required field 'array'/],
      ['both-weathers', `  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 30 }\n  weather: { file: x.epw, monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }`, /yield\.weather: expected exactly one of 'file'/],
      ['value-too', `${SYNTHETIC}\n  value: 1135 h`, /yield\.value: the physical model computes the yield/],
      ['site-with-hours', '  model: full-load-hours\n  value: 1135 h\n  site: { lat: 30, lon: 120 }', /yield\.site: 'site' belongs to the physical model/],
      ['no-value', '  model: full-load-hours', /yield\.value: missing required field 'value'/],
      ['no-tilt', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { mounting: fixed }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.tilt: missing required field 'tilt'/],
      ['gcr-on-fixed', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20, gcr: 0.4 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.gcr: 'gcr' applies to a single-axis tracker only/],
      ['tilt-on-tracker', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { mounting: single-axis, tilt: 20 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.tilt: 'tilt' applies to a fixed rack only/],
      ['no-site-synthetic', '  model: physical\n  array: { tilt: 20 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.site: missing required field 'site'/],
      ['eleven-months', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1] }', /yield\.weather\.monthlyGhi: expected at least 12 items, got 11/],
      ['typo', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20, dcAcRatoi: 1.2 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /unknown field 'dcAcRatoi' \(did you mean 'dcAcRatio'\?\)/],
      ['gamma-bare', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20, gamma: -0.0037 }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.gamma: expected a percentage such as '2 %', got the bare number -0.0037/],
      ['losses-100', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20, losses: 100 % }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.losses: expected a total loss from 0 % to below 100 %/],
      ['missing-file', '  model: physical\n  array: { tilt: 20 }\n  weather: { file: nowhere.epw }', /yield\.weather\.file: cannot read the weather file 'nowhere\.epw' .*: no such file/],
      ['racking-faiman', '  model: physical\n  site: { lat: 30, lon: 120 }\n  array: { tilt: 20, temperatureModel: faiman, racking: close-mount-glass-glass }\n  weather: { monthlyGhi: [1,1,1,1,1,1,1,1,1,1,1,1] }', /yield\.array\.racking: 'racking' selects SAPM coefficients/],
    ];
    for (const [name, yieldYaml, expected] of cases) {
      const problems = problemsOf(write(dir, `${name}.yaml`, scenarioText(yieldYaml)));
      expect(problems.join('\n'), name).toMatch(expected);
      expect(problems.every((p) => !p.endsWith('@?')), `${name} has lines: ${problems.join('; ')}`).toBe(true);
    }
  });

  it('refuse a site far east or west of its weather file, and accept one nearby', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'greensboro.csv'), weatherText(GREENSBORO_TMY3));
    // Greensboro is at 79.95° W: 7.5° (half an hour of solar time) is the most a site may lie east or west of it.
    const far = problemsOf(write(dir, 'far.yaml', scenarioText('  model: physical\n  site: { lat: 37.2, lon: 122.1 }\n  array: { tilt: 30 }\n  weather: { file: greensboro.csv }')));
    expect(far.join('\n')).toMatch(/yield\.weather\.file: the weather 'greensboro\.csv' was recorded at longitude -79\.95°, 158\.0° from the site's 122\.10°/);
    expect(problemsOf(write(dir, 'near.yaml', scenarioText('  model: physical\n  site: { lat: 36.1, lon: -73 }\n  array: { tilt: 30 }\n  weather: { file: greensboro.csv }')))).toEqual([]);
    expect(problemsOf(write(dir, 'beyond.yaml', scenarioText('  model: physical\n  site: { lat: 36.1, lon: -71.45 }\n  array: { tilt: 30 }\n  weather: { file: greensboro.csv }'))).join('\n')).toMatch(/8\.5° from the site's -71\.45°/);
  });

  it('name the weather file and its line when the file is malformed', () => {
    const dir = tmp();
    const lines = weatherText(GREENSBORO_TMY3).split('\n');
    const cells = lines[102]!.split(',');
    cells[4] = 'abc'; // GHI of the 101st data row, line 103
    lines[102] = cells.join(',');
    writeFileSync(join(dir, 'broken.csv'), lines.join('\n'));
    const problems = problemsOf(write(dir, 's.yaml', scenarioText('  model: physical\n  array: { tilt: 20 }\n  weather: { file: broken.csv }')));
    expect(problems.join('\n')).toMatch(/yield\.weather\.file: broken\.csv line 103: column 'GHI \(W\/m\^2\)': expected/);
  });

  it('work without a scenario file for synthetic years, and ask for one for relative weather paths', () => {
    const dir = tmp();
    const written = loadScenario(write(dir, 's.yaml', scenarioText(SYNTHETIC))).written;
    const bare = resolvePlan(written);
    expect(bare.issues).toEqual([]);
    expect(bare.plan.yield.fullLoadHours).toBeGreaterThan(1000);
    const withFile: Scenario = { ...written, yield: { model: 'physical', array: { tilt: 20 }, weather: { file: 'weather.epw' } } };
    expect(resolvePlan(withFile).issues.map((i) => i.message).join('\n')).toMatch(/relative to the scenario file: resolve the scenario with loadScenario/);
  });

  it('reuse a cached run when nothing changed', () => {
    const section = { array: { tilt: 25 }, weather: { file: weatherPath(GREENSBORO_TMY3) }, weatherBaseDir: '/' };
    const a = physicalFullLoadHours(section, (p) => weatherText(p === weatherPath(GREENSBORO_TMY3) ? GREENSBORO_TMY3 : p));
    const b = physicalFullLoadHours(section, (p) => weatherText(p === weatherPath(GREENSBORO_TMY3) ? GREENSBORO_TMY3 : p));
    expect(a.run).toBeDefined();
    expect(b.run).toBe(a.run);
    const tilted = physicalFullLoadHours({ ...section, array: { tilt: 35 } }, () => weatherText(GREENSBORO_TMY3));
    expect(tilted.run).not.toBe(a.run);
  });
});

describe('yield.preset: pvwatts-v5', () => {
  const weatherBaseDir = join(process.cwd(), 'scenarios');
  const weather = { file: 'weather/723170TYA.CSV' };

  it('builds the PVWatts v5 array from moduleType and arrayType and runs it', () => {
    const { fullLoadHours, run, issues } = physicalFullLoadHours(
      { preset: 'pvwatts-v5', moduleType: 'thin-film', arrayType: 'one-axis-backtracking', array: { gcr: 0.3, losses: '10 %' }, weather, weatherBaseDir },
      readTextFromDiskForTest,
    );
    expect(issues).toEqual([]);
    expect(run!.input.array.gammaPerC).toBe(-0.002);
    expect(run!.input.array.mounting).toMatchObject({ type: 'single-axis', axisTiltDeg: 0, backtrack: true, gcr: 0.3, maxAngleDeg: 45 });
    expect(run!.input.array.losses).toEqual({ kind: 'total', totalFrac: 0.1 });
    expect(fullLoadHours).toBeGreaterThan(1500);
    // A tracker needs no 'array' section: the axis tilt defaults to 0°, as in PVWatts.
    const bare = physicalFullLoadHours({ preset: 'pvwatts-v5', arrayType: 'two-axis', weather, weatherBaseDir }, readTextFromDiskForTest);
    expect(bare.issues).toEqual([]);
    expect(bare.run!.input.array.mounting).toEqual({ type: 'two-axis' });
  });

  it('names every field the preset decides, and moduleType without the preset', () => {
    const { issues } = physicalFullLoadHours(
      { preset: 'pvwatts-v5', array: { tilt: 20, gamma: '-0.4 %', temperatureModel: 'faiman', gcr: 0.3 }, weather, weatherBaseDir },
      readTextFromDiskForTest,
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual(['yield.array.gamma', 'yield.array.temperatureModel', 'yield.array.gcr']);
    const noPreset = physicalFullLoadHours({ moduleType: 'premium', array: { tilt: 20 }, weather, weatherBaseDir }, readTextFromDiskForTest);
    expect(noPreset.issues).toEqual([{ path: ['yield', 'moduleType'], message: "'moduleType' applies to preset: pvwatts-v5 (add yield.preset: pvwatts-v5)" }]);
    const noTilt = physicalFullLoadHours({ preset: 'pvwatts-v5', array: {}, weather, weatherBaseDir }, readTextFromDiskForTest);
    expect(noTilt.issues[0]!.path).toEqual(['yield', 'array', 'tilt']);
    const noArray = physicalFullLoadHours({ preset: 'pvwatts-v5', arrayType: 'fixed-roof', weather, weatherBaseDir }, readTextFromDiskForTest);
    expect(noArray.issues[0]!.path).toEqual(['yield', 'array']);
  });

  it('reports a bad combination in a scenario file with its field and line', () => {
    const dir = tmp();
    copyFileSync(join(SCENARIOS, 'weather', '723170TYA.CSV'), join(dir, 'g.csv'));
    const yaml = `  model: physical
  preset: pvwatts-v5
  moduleType: premium
  arrayType: fixed-roof
  array:
    tilt: 25
    gcr: 0.4
  weather: { file: g.csv }`;
    expect(problemsOf(write(dir, 'bad.yaml', scenarioText(yaml)))).toEqual(["yield.array.gcr: 'gcr' applies to the one-axis array types only (arrayType is fixed-roof) @13"]);
    const good = loadScenario(write(dir, 'good.yaml', scenarioText(yaml.replace('    gcr: 0.4\n', ''))));
    expect(good.plan.yield.fullLoadHours as number).toBeGreaterThan(1000);
    const stray = `  model: full-load-hours
  value: 1200 h
  moduleType: premium`;
    expect(problemsOf(write(dir, 'stray.yaml', scenarioText(stray)))[0]).toMatch(/^yield\.moduleType: 'moduleType' belongs to the physical model .* @9$/);
  });
});
