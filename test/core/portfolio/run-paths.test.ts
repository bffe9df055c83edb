/**
 * The portfolio's run paths (run-paths.ts): a project's energy as one cohort, its risk-weighted expectation over
 * completion and delay, and the totals by technology with coal and CO2 from the factors of the year.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayNodes, portfolioRunPaths, projectEnergyMWh, projectEnergyPathMWh, type UnnamedYear } from '../../../src/core/portfolio/run-paths.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { project, projectsArb } from './fixtures.ts';

const FIRST = 2022;
const YEARS = 12;
const unnamedRows: UnnamedYear[] = Array.from({ length: YEARS }, (_, i) => ({ year: FIRST + i, capacityMW: 1000, operatingMW: 1000, energyMWh: 1.135e6, coalTonnes: 1.135e6 * 0.3, co2Tonnes: 1.135e6 * 0.5 }));
const factors = { coalTonnesPerMWh: () => 0.3, co2TonnesPerMWh: () => 0.5 };

describe('a project as one cohort', () => {
  it('reference: 100 MW at 1135 h commissioned mid-2024, 0.5 %/yr (pv-utility)', () => {
    // By hand: 2024 half a year, 100·1135·0.5 = 56 750 MWh; 2025 a full year at age 0, 113 500 MWh;
    // 2026 age 1, 113 500·0.995 = 112 932.5 MWh; before 2024 nothing.
    const p = project({ commissioningYear: 2024.5, constructionStartYear: 2023.5 });
    expect(projectEnergyMWh(p, 2023, 2024.5)).toBe(0);
    expectClose(projectEnergyMWh(p, 2024, 2024.5), 56750, { rel: 1e-12 });
    expectClose(projectEnergyMWh(p, 2025, 2024.5), 113500, { rel: 1e-12 });
    expectClose(projectEnergyMWh(p, 2026, 2024.5), 112932.5, { rel: 1e-12 });
  });

  it('ends with its technology lifetime (wind-onshore: 20 years) and storage generates nothing', () => {
    // Commissioned at 2000.5, a 20-year life ends at 2020.5: half of 2020, nothing in 2021.
    const w = project({ technology: 'wind-onshore', fullLoadHours: 2221 });
    expectClose(projectEnergyMWh(w, 2020, 2000.5), 100 * 2221 * 0.5 * Math.pow(1 - 0.016, 19), { rel: 1e-12 });
    expect(projectEnergyMWh(w, 2021, 2000.5)).toBe(0);
    expect(projectEnergyMWh(project({ technology: 'storage', fullLoadHours: 0 }), 2025, 2024.5)).toBe(0);
  });

  it('risk-weighted, discrete delay: the exact mixture', () => {
    // D = 0 or 1 with ½ each, p = 0.8, planned 2024.5: 2024 gets 0.8·½·56 750 = 22 700 MWh;
    // 2025 gets 0.8·(½·113 500 + ½·56 750) = 68 100 MWh.
    const p = project({ commissioningYear: 2024.5, completionProbabilityFrac: 0.8, delayYears: { kind: 'discrete', values: [0, 1], weights: [1, 1] } });
    const e = projectEnergyPathMWh(p, 2024, 2, true);
    expectClose(e[0]!, 22700, { rel: 1e-12 });
    expectClose(e[1]!, 68100, { rel: 1e-12 });
  });

  it('risk-weighted, uniform(0, 1) delay: E[max(0, ½ − D)] = 1/8 of a year in 2024', () => {
    // ∫₀^½ (½ − x) dx = 1/8, so 100·1135/8 = 14 187.5 MWh. The midpoint rule is exact here: the integrand is
    // linear on every cell and its kink (x = ½) falls on a cell boundary of the 32 nodes.
    const p = project({ commissioningYear: 2024.5, delayYears: { kind: 'uniform', min: 0, max: 1 } });
    expectClose(projectEnergyPathMWh(p, 2024, 1, true)[0]!, 14187.5, { rel: 1e-12 });
  });

  it('the quadrature weights sum to one and the nodes lie in the support', () => {
    const n = delayNodes({ kind: 'triangular', min: 0, mode: 1, max: 3 });
    expectClose(n.weights.reduce((a, b) => a + b, 0), 1, { rel: 1e-12 });
    for (const v of n.values) expect(v > 0 && v < 3).toBe(true);
  });
});

describe('portfolio run paths', () => {
  it('property: the path is p · Σ w_k · projectEnergyMWh(year, c + D_k) over the delay nodes (the definition)', () => {
    fc.assert(
      fc.property(projectsArb(), (projects) => {
        for (const p of projects) {
          if (p.stage === 'cancelled') continue;
          const nodes = delayNodes(p.delayYears);
          const path = projectEnergyPathMWh(p, FIRST, YEARS, true);
          for (let i = 0; i < YEARS; i++) {
            let e = 0;
            for (let k = 0; k < nodes.values.length; k++) e += nodes.weights[k]! * projectEnergyMWh(p, FIRST + i, p.commissioningYear + nodes.values[k]!);
            expectClose(path[i]!, p.completionProbabilityFrac * e, { rel: 1e-9, abs: 1e-6 });
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: risk-weighted energy scales with the probability, and equals the planned energy when p = 1 with no delay', () => {
    fc.assert(
      fc.property(projectsArb(), fc.double({ min: 0, max: 1, noNaN: true }), (projects, scale) => {
        for (const p of projects) {
          const base = projectEnergyPathMWh({ ...p, completionProbabilityFrac: 1 }, FIRST, YEARS, true);
          const scaled = projectEnergyPathMWh({ ...p, completionProbabilityFrac: scale }, FIRST, YEARS, true);
          for (let i = 0; i < YEARS; i++) expectClose(scaled[i]!, scale * base[i]!, { rel: 1e-9, abs: 1e-9 });
          if (p.stage === 'cancelled') continue;
          const sure = projectEnergyPathMWh({ ...p, completionProbabilityFrac: 1, delayYears: { kind: 'constant', value: 0 } }, FIRST, YEARS, true);
          const planned = projectEnergyPathMWh(p, FIRST, YEARS, false);
          for (let i = 0; i < YEARS; i++) expectClose(sure[i]!, planned[i]!, { rel: 1e-12, abs: 1e-9 });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: totals = unnamed + the sum over generating technologies; coal and CO2 = energy × factor', () => {
    fc.assert(
      fc.property(projectsArb(), (projects) => {
        for (const row of portfolioRunPaths({ projects }, unnamedRows, factors)) {
          for (const set of [row.planned, row.expected]) {
            let capacity = 0;
            let energy = 0;
            for (const [tech, m] of Object.entries(set.byTechnology)) {
              if (tech === 'storage') {
                expect(m!.energyMWh).toBe(0);
                continue;
              }
              capacity += m!.capacityMW;
              energy += m!.energyMWh;
            }
            expectClose(set.named.capacityMW, capacity, { rel: 1e-9, abs: 1e-9 });
            expectClose(set.named.energyMWh, energy, { rel: 1e-9, abs: 1e-9 });
            expectClose(set.total.capacityMW, 1000 + capacity, { rel: 1e-9, abs: 1e-9 });
            expectClose(set.total.coalTonnes, 1.135e6 * 0.3 + 0.3 * energy, { rel: 1e-9, abs: 1e-6 });
            expectClose(set.total.co2Tonnes, 1.135e6 * 0.5 + 0.5 * energy, { rel: 1e-9, abs: 1e-6 });
          }
          for (const [tech, m] of Object.entries(row.expected.byTechnology)) expect(m!.capacityMW).toBeLessThanOrEqual(row.planned.byTechnology[tech as 'storage']!.capacityMW * (1 + 1e-9) + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with every project cancelled, only the unnamed path is left', () => {
    fc.assert(
      fc.property(projectsArb(), (projects) => {
        const cancelled = projects.map((p) => ({ ...p, stage: 'cancelled' as const, completionProbabilityFrac: 0 }));
        for (const row of portfolioRunPaths({ projects: cancelled }, unnamedRows, factors)) {
          for (const set of [row.planned, row.expected]) {
            expect(set.total.capacityMW).toBe(1000);
            expect(set.total.energyMWh).toBe(1.135e6);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
