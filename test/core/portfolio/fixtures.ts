/** Portfolios for the portfolio tests: a project builder and a fast-check arbitrary of small portfolios. */
import fc from 'fast-check';
import type { Distribution } from '../../../src/core/uncertainty/distributions.ts';
import type { Portfolio, Project, Stage, Technology, UnnamedPath } from '../../../src/core/portfolio/types.ts';

export const NO_DELAY: Distribution = { kind: 'constant', value: 0 };

/** A project with defaults: 100 MW of utility PV, under construction, certain, no delay, built in 2023. */
export function project(over: Partial<Project> = {}): Project {
  return {
    id: 'p',
    name: 'p',
    technology: 'pv-utility',
    capacityMW: 100,
    stage: 'under-construction',
    constructionStartYear: 2023.5,
    commissioningYear: 2023.5,
    investmentYuan: 0,
    completionProbabilityFrac: 1,
    delayYears: NO_DELAY,
    fullLoadHours: 1135,
    ...over,
  };
}

/** A flat unnamed path: `capacityMW` built and operating in every year from 2022, producing capacityMW × fullLoadHours MWh a year. */
export function flatUnnamed(capacityMW: number, years = 12, fullLoadHours = 1000): UnnamedPath {
  return { firstYear: 2022, baseYear: 2022, capacityMW: Array(years).fill(capacityMW), operatingMW: Array(years).fill(capacityMW), energyMWh: Array(years).fill(capacityMW * fullLoadHours) };
}

const GENERATING: Technology[] = ['pv-utility', 'pv-distributed', 'pv-offshore', 'wind-onshore', 'wind-offshore'];
const LIVE_STAGES: Stage[] = ['prospect', 'signed', 'approved', 'under-construction', 'operating'];

export const delayArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc.constant(NO_DELAY),
  fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true })).map(([a, b, c]): Distribution => {
    const min = Math.min(a, b);
    return { kind: 'triangular', min, mode: Math.max(a, b), max: Math.max(a, b) + c };
  }),
  fc.double({ min: 0.01, max: 3, noNaN: true }).map((max): Distribution => ({ kind: 'uniform', min: 0, max })),
  fc.constant<Distribution>({ kind: 'discrete', values: [0, 0.5, 1, 2], weights: [4, 3, 2, 1] }),
);

export const projectArb = (i: number): fc.Arbitrary<Project> =>
  fc
    .record({
      technology: fc.constantFrom(...GENERATING, 'storage' as Technology),
      stage: fc.constantFrom(...LIVE_STAGES, 'cancelled' as Stage),
      capacityMW: fc.double({ min: 0, max: 1000, noNaN: true }),
      start: fc.double({ min: 2021, max: 2030, noNaN: true }),
      build: fc.double({ min: 0, max: 3, noNaN: true }),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
      delay: delayArb,
      owner: fc.constantFrom('A', 'B', undefined),
    })
    .map((r) =>
      project({
        id: `p${i}`,
        technology: r.technology,
        stage: r.stage,
        capacityMW: r.capacityMW,
        ...(r.technology === 'storage' ? { energyMWh: 2 * r.capacityMW } : {}),
        constructionStartYear: r.start,
        commissioningYear: r.start + r.build,
        completionProbabilityFrac: r.stage === 'cancelled' ? 0 : r.p,
        delayYears: r.delay,
        ...(r.owner === undefined ? {} : { owner: r.owner }),
      }),
    );

export const projectsArb = (maxProjects = 6): fc.Arbitrary<Project[]> =>
  fc.integer({ min: 0, max: maxProjects }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => projectArb(i))));

/** A portfolio 2022–2033 with one PV target. */
export function portfolioOf(projects: readonly Project[], over: Partial<Portfolio> = {}): Portfolio {
  return {
    projects,
    targets: [{ kind: 'capacity' as const, name: 't', technologies: ['pv-utility', 'pv-distributed', 'pv-offshore'], year: 2026, counts: 'built-plus-under-construction', capacityMW: 1500, includeUnnamed: true }],
    unnamed: flatUnnamed(1000),
    startYear: 2022,
    endYear: 2033,
    ...over,
  };
}
