/**
 * MERGE_RULES.mergeListsByKey: a child's `projects` merge with the parent's by id — an item whose id the parent
 * has is merged onto it in its place, a new id is appended, other lists are still replaced whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPortfolio } from '../../src/scenario/projects.ts';
import { MERGE_RULES, mergeScenario } from '../../src/scenario/load.ts';

const PARENT = `name: parent
years: { start: 2022, end: 2030 }
capacity:
  baseline: { capacity: 1000 MW, year: 2022 }
  growth: { model: linear, additionsPerYear: 10 MW }
yield: { model: full-load-hours, value: 1135 h }
savings: { coal: 300 g/kWh, co2: 0.5 t/MWh }
projects:
  - { id: a, technology: pv-utility, capacity: 100 MW, stage: signed, constructionStart: 2023, commissioning: 2024 }
  - { id: b, technology: wind-onshore, capacity: 50 MW, stage: approved, constructionStart: 2023, commissioning: 2025 }
`;

function load(child: string) {
  const files = new Map([['/m/parent.yaml', PARENT], ['/m/child.yaml', child]]);
  return loadPortfolio('/m/child.yaml', (p) => {
    const t = files.get(p);
    if (t === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return t;
  });
}

describe('a child overrides one project of its parent by id', () => {
  it('the rule is data served to the page', () => {
    expect(MERGE_RULES.mergeListsByKey).toEqual({ projects: 'id' });
  });

  it('changes only the named fields of that project, keeps the others and their order, appends new ids', () => {
    const { portfolio } = load(`extends: parent.yaml
name: child
projects:
  - { id: b, commissioning: 2027, stage: cancelled }
  - { id: c, technology: pv-distributed, capacity: 20 MW, stage: prospect, constructionStart: 2024, commissioning: 2024 }
`);
    expect(portfolio.projects.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    const b = portfolio.projects[1]!;
    expect(b.technology).toBe('wind-onshore');
    expect(b.capacityMW).toBe(50);
    expect(b.stage).toBe('cancelled');
    expect(b.commissioningYear).toBe(2027.5);
    expect(portfolio.projects[0]!.commissioningYear).toBe(2024.5);
  });

  it('a new id missing its required fields is an error with file and field', () => {
    expect(() => load(`extends: parent.yaml
name: child
projects:
  - { id: z, commissioning: 2027 }
`)).toThrow(/projects\.2\.technology: missing required field 'technology'/);
  });

  it('property: merging the parent list with an empty child list, or with the parent itself, gives the parent list', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.integer(), (ids, v) => {
        const parent = { projects: ids.map((id) => ({ id, v })) };
        expect(mergeScenario(parent, { projects: [] })).toEqual(parent);
        expect(mergeScenario(parent, parent)).toEqual(parent);
        expect(mergeScenario({ other: [1, 2] }, { other: [3] })).toEqual({ other: [3] });
      }),
    );
  });
});
