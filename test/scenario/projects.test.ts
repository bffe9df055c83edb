/**
 * The portfolio sections of a scenario: projects, pipeline and targets resolved to core objects, and each kind of
 * bad input reported with its file, line and field.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.ts';
import { loadPortfolio } from '../../src/scenario/projects.ts';

const HEAD = `name: t
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
`;

const PROJECT = `  - id: a
    technology: pv-utility
    capacity: 100 MW
    stage: signed
    constructionStart: 2023
    commissioning: 2024-06-30
    investment: 4.13亿元
`;

function load(text: string) {
  return loadPortfolio('/mem/s.yaml', (p) => {
    if (p === '/mem/s.yaml') return text;
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  });
}

function problems(text: string): ScenarioProblem[] {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('projects in a scenario', () => {
  it('resolves a project: money with 亿, a date as the middle of its day, stage defaults', () => {
    const { portfolio } = load(`${HEAD}projects:\n${PROJECT}`);
    const p = portfolio.projects[0]!;
    expect(p.investmentYuan).toBe(4.13e8);
    expect(p.constructionStartYear).toBe(2023.5);
    // 30 June 2024: 181 days before it in a leap year, middle of day 182 → 2024 + 181.5/366.
    expect(p.commissioningYear).toBeCloseTo(2024 + 181.5 / 366, 12);
    expect(p.completionProbabilityFrac).toBe(0.5);
    expect(p.delayYears).toEqual({ kind: 'triangular', min: 0, mode: 1, max: 3 });
    expect(portfolio.unnamed.capacityMW.slice(0, 3)).toEqual([1000, 1010, 1020]);
  });

  it('overrides stage defaults and a project\'s own probability and delay', () => {
    const { portfolio } = load(`${HEAD}pipeline:\n  stages:\n    signed: { completionProbability: 70 %, delayYears: 0.5 }\nprojects:\n${PROJECT}  - id: b\n    technology: wind-onshore\n    capacity: 50 MW\n    stage: signed\n    constructionStart: 2024\n    commissioning: 2025\n    completionProbability: 90 %\n    delayYears: { uniform: { min: 0, max: 2 } }\n`);
    expect(portfolio.projects[0]!.completionProbabilityFrac).toBe(0.7);
    expect(portfolio.projects[0]!.delayYears).toEqual({ kind: 'constant', value: 0.5 });
    expect(portfolio.projects[1]!.completionProbabilityFrac).toBe(0.9);
    expect(portfolio.projects[1]!.delayYears).toEqual({ kind: 'uniform', min: 0, max: 2 });
  });

  it('turns the single capacity.target into a target on all PV, built + under construction', () => {
    const { portfolio } = load(HEAD.replace('  growth:', '  target: { capacity: 450万千瓦, year: 2025 }\n  growth:'));
    expect(portfolio.targets).toEqual([{ kind: 'capacity', name: 'PV 2025', technologies: ['pv-utility', 'pv-distributed', 'pv-offshore'], year: 2025, counts: 'built-plus-under-construction', capacityMW: 4500, includeUnnamed: true }]);
  });

  it('warns (does not fail) when a project is commissioned before the baseline year', () => {
    const { warnings } = load(`${HEAD}projects:\n${PROJECT.replace('constructionStart: 2023', 'constructionStart: 2020').replace('commissioning: 2024-06-30', 'commissioning: 2021')}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: '/mem/s.yaml', line: 14, field: 'projects.0.commissioning' });
    expect(warnings[0]!.message).toMatch(/before the baseline year 2022/);
  });
});

describe('bad portfolio input: file, line, field', () => {
  const cases: Array<[string, string, Partial<ScenarioProblem>, RegExp]> = [
    ['duplicate ids', `${HEAD}projects:\n${PROJECT}${PROJECT}`, { line: 16, field: 'projects.1.id' }, /duplicate project id 'a'/],
    ['commissioning before construction start', `${HEAD}projects:\n${PROJECT.replace('commissioning: 2024-06-30', 'commissioning: 2022-12')}`, { line: 14, field: 'projects.0.commissioning' }, /not before the construction start/],
    ['storage without energy', `${HEAD}projects:\n${PROJECT.replace('pv-utility', 'storage')}`, { line: 9, field: 'projects.0.energy' }, /missing required field 'energy' for storage/],
    ['unknown technology', `${HEAD}projects:\n${PROJECT.replace('pv-utility', 'pv-utilty')}`, { line: 10, field: 'projects.0.technology' }, /did you mean 'pv-utility'/],
    ['unknown stage', `${HEAD}projects:\n${PROJECT.replace('stage: signed', 'stage: singed')}`, { line: 12, field: 'projects.0.stage' }, /did you mean 'signed'/],
    ['probability above 100 %', `${HEAD}projects:\n${PROJECT}    completionProbability: 120 %\n`, { line: 16, field: 'projects.0.completionProbability' }, /between 0 % and 100 %/],
    ['a bad date', `${HEAD}projects:\n${PROJECT.replace('2024-06-30', '2024-02-30')}`, { line: 14, field: 'projects.0.commissioning' }, /expected a year such as 2024 or a date/],
    ['money without a currency', `${HEAD}projects:\n${PROJECT.replace('4.13亿元', '4.13亿')}`, { line: 15, field: 'projects.0.investment' }, /expected an amount of money such as '1.5亿元'/],
    ['a negative delay', `${HEAD}projects:\n${PROJECT}    delayYears: { uniform: { min: -1, max: 1 } }\n`, { field: 'projects.0.delayYears.uniform.min' }, /at least 0/],
    [
      'a target counting a technology nothing has',
      `${HEAD}projects:\n${PROJECT}targets:\n  - technologies: [pv-utility, wind-offshore]\n    capacity: 2 GW\n    year: 2025\n`,
      { line: 17, field: 'targets.0.technologies.1' },
      /counts 'wind-offshore', but no project has it/,
    ],
  ];
  for (const [what, text, where, message] of cases) {
    it(what, () => {
      const found = problems(text);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ file: '/mem/s.yaml', ...where });
      expect(found[0]!.message).toMatch(message);
    });
  }

  it('reports problems of the plan and of the projects together', () => {
    const found = problems(`${HEAD.replace('1135 h', '-5 h')}projects:\n${PROJECT}${PROJECT}`);
    expect(found.map((p) => p.field)).toEqual(expect.arrayContaining(['yield.value', 'projects.1.id']));
  });
});
