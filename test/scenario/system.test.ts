/**
 * The scenario's `system:` section: resolution (PV, wind, given series, storage by power/energy or ratio/hours), the
 * plan's yield from it (delivered full-load hours), reference values computed by hand, properties of the scenario
 * path (delivered ≤ generated, more storage never raises greedy curtailment, coal and CO2 follow delivered energy),
 * and every bad input of issue 13 reported at file:line with its field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../src/core/plan/simulate.ts';
import { applyParameter } from '../../src/core/uncertainty/parameters.ts';
import { deliveredFullLoadHours, dispatchSystemGreedy, type SystemYield } from '../../src/core/storage/system-yield.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { expectClose } from '../helpers/expect-close.ts';

const dir = mkdtempSync(join(tmpdir(), 'pvplan-system-'));
const HOURS = 8760;

/** A generation CSV of one 2025 year: `mw(hour of day)` every day, UTC+8. */
function generationCsv(name: string, mw: (hourOfDay: number) => number, rows = HOURS, skipRow = -1): string {
  const start = Date.UTC(2025, 0, 1, 0, 0, 0) - 8 * 3600e3;
  const lines = ['time,generation_mw'];
  for (let i = 0; i < rows; i++) {
    if (i === skipRow) continue;
    const t = new Date(start + i * 3600e3 + 8 * 3600e3).toISOString().slice(0, 19);
    lines.push(`${t}+08:00,${mw(i % 24)}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function pricesCsv(name: string, rows: number): string {
  const start = Date.UTC(2025, 0, 1, 0, 0, 0);
  const lines = ['time,price_yuan_per_mwh'];
  for (let i = 0; i < rows; i++) lines.push(`${new Date(start + i * 3600e3).toISOString().slice(0, 19)}+08:00,400`);
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// 12 h at 80 MW then 12 h at 0 MW, every day, from a plant of 100 MW.
const HALF_DAY = generationCsv('half-day.csv', (h) => (h < 12 ? 80 : 0));

/** A scenario file around a system section (YAML text), written to the temp folder. */
function scenarioFile(name: string, system: string, yieldModel = 'system'): string {
  const text = `name: ${name}
years: { start: 2025, end: 2027 }
capacity:
  baseline: { capacity: 100 MW, year: 2025 }
  growth: { model: cagr, rate: 0 % }
yield:
  model: ${yieldModel}
${yieldModel === 'system' ? '' : '  value: 1000 h\n'}  degradation: { firstYear: 0 %, annual: 0 % }
  commissioning: full-year
savings:
  coal: 300 g/kWh
  co2: 0.6 t/MWh
system:
${system}`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

const otherGenerator = (file = HALF_DAY) => `  generators:
    - { name: plant, kind: other, capacity: 100 MW, file: ${file} }
  exportLimit: 60 MW
`;

describe('system section: reference values computed by hand', () => {
  it('without storage: 12 h × 60 MW a day delivered, 12 h × 20 MW curtailed', () => {
    const r = loadScenario(scenarioFile('ref-none', otherGenerator()));
    // 365 d × 12 h × 60 MW = 262,800 MWh from 100 MW → 2628 h.
    expectClose(r.plan.yield.fullLoadHours as number, 2628, { rel: 1e-12 });
    const { hourly } = dispatchSystemGreedy(r.system!);
    const curtailed = hourly.curtailedMW.reduce((a, b) => a + b, 0);
    expectClose(curtailed, 365 * 12 * 20, { rel: 1e-12 }); // 87,600 MWh
  });

  it('10 MW / 20 MWh at η = 81 % from 0 %: 20 MWh stored each morning, 18 MWh delivered each evening', () => {
    const r = loadScenario(scenarioFile('ref-storage', `${otherGenerator()}  storage: { power: 10 MW, energy: 20 MWh, roundTripEfficiency: 81 %, socMin: 0 %, socMax: 100 %, socInitial: 0 % }\n`));
    // √0.81 = 0.9: full after 20/0.9 = 22.2 MWh drawn; 20 × 0.9 = 18 MWh out. Day: 720 + 18 = 738 MWh; × 365 / 100 MW.
    expectClose(r.plan.yield.fullLoadHours as number, (365 * 738) / 100, { rel: 1e-12 });
    const { hourly } = dispatchSystemGreedy(r.system!);
    expectClose(hourly.curtailedMW.reduce((a, b) => a + b, 0), 365 * (12 * 20 - 20 / 0.9), { rel: 1e-12 });
  });

  it('the sizing rule: 10 % of 100 MW for 2 h is 10 MW / 20 MWh, the same as written out', () => {
    const a = loadScenario(scenarioFile('ref-ratio', `${otherGenerator()}  storage: { ratio: 10 %, hours: 2 h, roundTripEfficiency: 81 %, socMin: 0 %, socInitial: 0 % }\n`));
    expectClose(a.plan.yield.fullLoadHours as number, (365 * 738) / 100, { rel: 1e-12 });
  });

  it('coal and CO2 count delivered energy: energy = P·h_del, coal = energy × factor', () => {
    const r = loadScenario(scenarioFile('ref-coal', otherGenerator()));
    const row = simulatePlan(r.plan).years.find((y) => y.year === 2026)!;
    expectClose(row.energyMWh, 100 * 2628, { rel: 1e-12 });
    expectClose(row.coalTonnes, 100 * 2628 * 0.3, { rel: 1e-12 });
    expectClose(row.co2Tonnes, 100 * 2628 * 0.6, { rel: 1e-12 });
  });

  it('a system section with another yield model is resolved but leaves the plan alone', () => {
    const r = loadScenario(scenarioFile('ref-other-model', otherGenerator(), 'full-load-hours'));
    expect(r.plan.yield.fullLoadHours).toBe(1000);
    expect(r.plan.yield.system).toBeUndefined();
    expect(r.system).toBeDefined();
  });
});

describe('system section: the shipped Wendeng multi-energy scenarios', () => {
  const load = (f: string) => loadScenario(join(__dirname, '../../scenarios', f));
  it('more storage never lowers the delivered hours; each variant below its generation', () => {
    const [none, ten, twenty] = ['wendeng-multi-energy-no-storage.yaml', 'wendeng-multi-energy-storage-10pct.yaml', 'wendeng-multi-energy-storage-20pct.yaml'].map(load);
    const h = [none, ten, twenty].map((r) => r!.plan.yield.fullLoadHours as number);
    expect(h[0]).toBeLessThan(h[1]!);
    expect(h[1]).toBeLessThan(h[2]!);
    // PV at 1135 h and wind: generation per MW is the same in all three; delivered stays below it.
    const { dispatch } = dispatchSystemGreedy(none!.system!);
    const generatedPerMW = dispatch.generationMW.reduce((a, b) => a + b, 0) / 1000;
    for (const x of h) expect(x).toBeLessThanOrEqual(generatedPerMW);
  });
});

/**
 * A small SystemYield as the scenario step builds it: one given profile, a limit and storage by ratio. It starts at
 * its SOC minimum: energy stored before the year is not the year's generation (a fuller start can deliver more).
 */
function systemOf(profile: number[], limitFrac: number, ratio: number, hours: number): SystemYield {
  const perMW = new Float64Array(HOURS);
  for (let t = 0; t < HOURS; t++) perMW[t] = profile[t % profile.length]!;
  return {
    generators: [{ kind: 'other', name: 'g', capacityMW: 100, perMW }],
    unixTimeS: Float64Array.from({ length: HOURS }, (_, t) => 1735660800 + t * 3600),
    utcOffsetHours: 8,
    stepHours: 1,
    exportLimitMW: 100 * limitFrac,
    storage: { powerMW: 0, energyMWh: 0, roundTripEfficiencyFrac: 0.85, socMinFrac: 0.1, socMaxFrac: 0.95, socInitialFrac: 0.1, selfDischargeFracPerHour: 0 },
    storageSizing: { powerRatioFrac: ratio, durationHours: hours },
    windSpeedScaleFrac: 1,
    strategy: 'greedy',
  };
}

describe('system section: properties of the scenario path', () => {
  const profile = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 });
  it('delivered ≤ generated, and drawing more storage (applyParameter) never raises curtailment under greedy', () => {
    const plan = loadScenario(scenarioFile('prop-base', otherGenerator())).plan;
    fc.assert(
      fc.property(profile, fc.double({ min: 0.2, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }), (p, limit, r1, r2) => {
        const system = systemOf(p, limit, 0, 2);
        const base = { ...plan, yield: { ...plan.yield, system, fullLoadHours: deliveredFullLoadHours(system) } };
        const param = { name: 'system.storage.ratio', field: 'yield.system.storageSizing.powerRatioFrac' as const, unit: { dimension: 'fraction' as const, internalUnit: '' }, distribution: { kind: 'uniform' as const, min: 0, max: 1 } };
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const a = applyParameter(base, param, lo);
        const b = applyParameter(base, param, hi);
        const curtailed = (s: SystemYield) => dispatchSystemGreedy(s).hourly.curtailedMW.reduce((x, y) => x + y, 0);
        const generatedPerMW = p.reduce((x, y) => x + y, 0) * (HOURS / 24);
        // Tolerances: sums of 8760 rounded flows.
        expect(a.yield.fullLoadHours as number).toBeLessThanOrEqual(generatedPerMW * (1 + 1e-12) + 1e-9);
        expect(curtailed(b.yield.system!)).toBeLessThanOrEqual(curtailed(a.yield.system!) * (1 + 1e-12) + 1e-6);
      }),
      { numRuns: 25 },
    );
  });

  it('energy, coal and CO2 of a year scale with the delivered hours', () => {
    const plan = loadScenario(scenarioFile('prop-coal', otherGenerator())).plan;
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 1, noNaN: true }), (limit) => {
        const param = { name: 'system.exportLimit', field: 'yield.system.exportLimitMW' as const, unit: { dimension: 'power' as const, internalUnit: 'MW' }, distribution: { kind: 'uniform' as const, min: 0, max: 100 } };
        const drawn = applyParameter(plan, param, 100 * limit);
        const row = simulatePlan(drawn).years.find((y) => y.year === 2026)!;
        const hours = drawn.yield.fullLoadHours as number;
        // Half-day profile at 80 MW: delivered per day 12·min(80, L) MWh.
        expectClose(hours, (365 * 12 * Math.min(80, 100 * limit)) / 100, { rel: 1e-9 });
        expectClose(row.energyMWh, 100 * hours, { rel: 1e-12 });
        expectClose(row.coalTonnes / row.energyMWh, 0.3, { rel: 1e-12 });
        expectClose(row.co2Tonnes / row.energyMWh, 0.6, { rel: 1e-12 });
      }),
      { numRuns: 10 },
    );
  });
});

describe('system section: bad input, each at file:line with its field', () => {
  const fails = (name: string, system: string, field: RegExp, message: RegExp) => {
    const file = scenarioFile(name, system);
    let error: unknown;
    try {
      loadScenario(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const text = (error as Error).message;
    expect(text).toMatch(new RegExp(`${name}\\.yaml:\\d+:\\d+: ${field.source}`));
    expect(text).toMatch(message);
  };
  const windWith = (extra: string, hubHeightM = 90) => `  generators:
    - name: farm
      kind: wind
      count: 10
      hubHeight: ${hubHeightM}${extra}
      weather: { file: ${join(__dirname, '../../scenarios/weather/NLD_Amsterdam062400_IWEC.epw')} }
  exportLimit: 20 MW
`;
  it('a power curve not increasing in wind speed', () =>
    fails('bad-curve-order', windWith('\n      powerCurve: [{ windSpeed: 3, power: 0 }, { windSpeed: 12, power: 2000 }, { windSpeed: 10, power: 2000 }]'), /system\.generators\.0\.powerCurve\.2\.windSpeed/, /strictly increasing/));
  it('negative power', () => fails('bad-curve-negative', windWith('\n      powerCurve: [{ windSpeed: 3, power: -5 }, { windSpeed: 12, power: 2000 }]'), /system\.generators\.0\.powerCurve\.0\.power/, /≥ 0 kW/));
  it('a hub below the data height', () =>
    fails('bad-hub', windWith('\n      turbine: V112/3075', 5), /system\.generators\.0\.hubHeight/, /below the height of the wind data/));
  it('roughness ≤ 0', () => fails('bad-roughness', windWith('\n      turbine: V112/3075\n      roughness: 0'), /system\.generators\.0\.roughness/, /above 0 m/));
  it('SOC minimum above maximum', () => fails('bad-soc', `${otherGenerator()}  storage: { power: 10 MW, energy: 20 MWh, socMin: 90 %, socMax: 80 %, socInitial: 85 % }\n`, /system\.storage\.socMin/, /above the maximum/));
  it('efficiency 0 %', () => fails('bad-eff-zero', `${otherGenerator()}  storage: { power: 10 MW, energy: 20 MWh, roundTripEfficiency: 0 % }\n`, /system\.storage\.roundTripEfficiency/, /above 0 %/));
  it('efficiency above 100 %', () => fails('bad-eff-high', `${otherGenerator()}  storage: { power: 10 MW, energy: 20 MWh, roundTripEfficiency: 120 % }\n`, /system\.storage\.roundTripEfficiency/, /at most 100 %/));
  it('a generation file with a gap', () =>
    fails('bad-gap', otherGenerator(generationCsv('gap.csv', () => 5, HOURS, 100)), /system\.generators\.0\.file/, /gap\.csv:102:1: time: .*a gap/));
  it('prices of a different length', () => fails('bad-prices', `${otherGenerator()}  prices: ${pricesCsv('short-prices.csv', 100)}\n`, /system\.prices/, /short-prices\.csv:\d+:1: rows: expected one row for each of the 8760 steps/));
  it('yield.model: system without a system section, or with its own curtailment', () => {
    const file = join(dir, 'bad-model.yaml');
    writeFileSync(file, 'name: x\nyears: { start: 2025, end: 2026 }\ncapacity:\n  baseline: { capacity: 1 MW, year: 2025 }\n  growth: { model: cagr, rate: 0 % }\nyield:\n  model: system\n  curtailment: 2 %\nsavings: { coal: 300 g/kWh, co2: 0.6 t/MWh }\n');
    expect(() => loadScenario(file)).toThrow(/bad-model\.yaml:8:\d+: yield\.curtailment: 'curtailment' comes from the system section/);
    expect(() => loadScenario(file)).toThrow(/bad-model\.yaml:7:\d+: yield\.model: yield\.model: system needs a 'system' section/);
  });
});
