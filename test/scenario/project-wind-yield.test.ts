/**
 * A wind project's yield from the wind chain (docs/portfolio.md, docs/wind.md): `yield:` with turbine, hub height
 * and weather gives the project's full-load hours; the reference is `pvplan wind` on the same file and settings
 * (the built CLI, whose chain test/core/wind checks against an independent numpy implementation). Bad input is
 * reported with its file, line and field.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.ts';
import { loadPortfolio, resolvePortfolioSections } from '../../src/scenario/projects.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { pvplan } from '../cli/run-cli.ts';
import { expectClose } from '../helpers/expect-close.ts';

const EPW = resolve(import.meta.dirname, '..', '..', 'scenarios', 'weather', 'NLD_Amsterdam062400_IWEC.epw');

const HEAD = `name: t
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - id: w
    technology: wind-onshore
    capacity: 300 MW
    stage: approved
    constructionStart: 2023
    commissioning: 2024
`;
/** Line of `yield:` in a scenario made of HEAD and a yield block. */
const YIELD_LINE = 15;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pvplan-project-wind-'));
  copyFileSync(EPW, join(dir, 'amsterdam.epw'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the scenario (HEAD + `yieldBlock`) beside the weather file and loads it. */
function load(yieldBlock: string, head = HEAD) {
  const file = join(dir, 's.yaml');
  writeFileSync(file, `${head}${yieldBlock}`);
  return { file, loaded: () => loadPortfolio(file) };
}

function problems(yieldBlock: string, head = HEAD): { file: string; found: ScenarioProblem[] } {
  const { file, loaded } = load(yieldBlock, head);
  try {
    loaded();
  } catch (e) {
    if (e instanceof ScenarioError) return { file, found: [...e.problems] };
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

async function windCli(args: string[]): Promise<{ annualKWhPerKW: number }> {
  const r = await pvplan(['wind', '--weather', join(dir, 'amsterdam.epw'), ...args, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { annualKWhPerKW: number };
}

describe('a wind project with its yield from the wind chain', () => {
  it('has the full-load hours pvplan wind gives on the same weather, turbine and hub height', async () => {
    const { loaded } = load('    yield:\n      turbine: VS112/2500\n      hubHeight: 93.5\n      weather: { file: amsterdam.epw }\n');
    const project = loaded().portfolio.projects[0]!;
    const cli = await windCli(['--turbine', 'VS112/2500', '--hub-height', '93.5']);
    // A typical year of 8760 h: CF × 8760 h is the year's kWh per kW.
    expectClose(project.fullLoadHours, cli.annualKWhPerKW, { rel: 1e-12 });
    expect(project.fullLoadHours).toBeGreaterThan(1000);
  });

  it('applies losses, availability, the power law and the density model as pvplan wind does', async () => {
    const { loaded } = load('    yield:\n      turbine: V112/3075\n      hubHeight: 119\n      shearExponent: 0.2\n      densityModel: ideal-gas\n      densityCorrection: true\n      losses: 5 %\n      availability: 97 %\n      weather: { file: amsterdam.epw, height: 10 }\n');
    const project = loaded().portfolio.projects[0]!;
    const cli = await windCli(['--turbine', 'V112/3075', '--hub-height', '119', '--shear-exponent', '0.2', '--density-model', 'ideal-gas', '--density-correction', '--losses', '5', '--availability', '97']);
    expectClose(project.fullLoadHours, cli.annualKWhPerKW, { rel: 1e-12 });
    // Losses and availability multiply the gross hours: (1 − 0.05) × 0.97 = 0.9215 (by hand).
    const gross = await windCli(['--turbine', 'V112/3075', '--hub-height', '119', '--shear-exponent', '0.2', '--density-model', 'ideal-gas', '--density-correction']);
    expectClose(project.fullLoadHours, gross.annualKWhPerKW * 0.9215, { rel: 1e-12 });
  });

  it('takes an inline power curve, and a second load of the same settings gives the same hours', () => {
    const block = '    yield:\n      powerCurve: [{ windSpeed: 3, power: 0 }, { windSpeed: 12, power: 2000 }, { windSpeed: 25, power: 2000 }]\n      hubHeight: 100\n      weather: { file: amsterdam.epw }\n';
    const first = load(block).loaded().portfolio.projects[0]!.fullLoadHours;
    const again = load(block).loaded().portfolio.projects[0]!.fullLoadHours;
    expect(again).toBe(first);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(8760);
  });

  it('keeps given full-load hours and the technology default', () => {
    expect(load('    yield: { fullLoadHours: 2500 h }\n').loaded().portfolio.projects[0]!.fullLoadHours).toBe(2500);
    expect(load('').loaded().portfolio.projects[0]!.fullLoadHours).toBe(2221);
  });

  it('without a scenario file (resolvePortfolioSections alone) the wind chain is refused by field, not run', () => {
    const s = { years: { start: 2022, end: 2030 }, capacity: { baseline: { capacity: '1000 MW', year: 2022 } }, projects: [{ id: 'w', technology: 'wind-onshore', capacity: '300 MW', stage: 'approved', constructionStart: 2023, commissioning: 2024, yield: { turbine: 'VS112/2500', hubHeight: 93.5, weather: { file: 'amsterdam.epw' } } }] } as unknown as Scenario;
    const sections = resolvePortfolioSections(s, 2022, 1000);
    expect(sections.issues).toEqual([{ path: ['projects', '0', 'yield'], message: expect.stringMatching(/needs the scenario file/) }]);
  });
});

describe('bad wind-chain yields: file, line, field', () => {
  const cases: Array<[string, string, Partial<ScenarioProblem>, RegExp, string?]> = [
    ['a hub below the wind data', '    yield:\n      turbine: VS112/2500\n      hubHeight: 5\n      weather: { file: amsterdam.epw }\n', { line: YIELD_LINE + 2, field: 'projects.0.yield.hubHeight' }, /below the height of the wind data \(10 m/],
    ['an unknown turbine', '    yield:\n      turbine: VS112/250\n      hubHeight: 93.5\n      weather: { file: amsterdam.epw }\n', { line: YIELD_LINE + 1, field: 'projects.0.yield.turbine' }, /did you mean 'VS112\/2500'/],
    ['roughness ≤ 0', '    yield:\n      turbine: VS112/2500\n      hubHeight: 93.5\n      roughness: 0\n      weather: { file: amsterdam.epw }\n', { line: YIELD_LINE + 3, field: 'projects.0.yield.roughness' }, /roughness length above 0 m/],
    ['a power curve not increasing', '    yield:\n      powerCurve: [{ windSpeed: 3, power: 0 }, { windSpeed: 3, power: 10 }]\n      hubHeight: 93.5\n      weather: { file: amsterdam.epw }\n', { field: 'projects.0.yield.powerCurve.1.windSpeed' }, /increas/],
    ['no weather', '    yield:\n      turbine: VS112/2500\n      hubHeight: 93.5\n', { line: YIELD_LINE, field: 'projects.0.yield.weather' }, /missing required field 'weather'/],
    ['a missing weather file', '    yield:\n      turbine: VS112/2500\n      hubHeight: 93.5\n      weather: { file: nowhere.epw }\n', { field: 'projects.0.yield.weather.file' }, /cannot read 'nowhere.epw'.*no such file/],
    ['both hours and the chain', '    yield:\n      fullLoadHours: 2500 h\n      turbine: VS112/2500\n      hubHeight: 93.5\n      weather: { file: amsterdam.epw }\n', { line: YIELD_LINE + 1, field: 'projects.0.yield.fullLoadHours' }, /either 'fullLoadHours' or the wind chain/],
    ['the chain on a PV project', '    yield:\n      turbine: VS112/2500\n      hubHeight: 93.5\n      weather: { file: amsterdam.epw }\n', { line: YIELD_LINE + 1, field: 'projects.0.yield.turbine' }, /wind-onshore and wind-offshore projects; a pv-utility project takes 'fullLoadHours'/, HEAD.replace('wind-onshore', 'pv-utility')],
    ['an empty yield', '    yield: {}\n', { line: YIELD_LINE, field: 'projects.0.yield' }, /expected 'fullLoadHours'/],
    ['a misspelt field', '    yield:\n      turbine: VS112/2500\n      hubHight: 93.5\n      weather: { file: amsterdam.epw }\n', { field: 'projects.0.yield.hubHight' }, /hubHeight/],
  ];
  for (const [what, block, where, message, head] of cases) {
    it(what, () => {
      const { file, found } = problems(block, head);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file, ...where });
      expect(found[0]!.message).toMatch(message);
    });
  }
});
