/** run, compare and mc on a scenario with projects: the portfolio parts of their outputs and JSON contracts (docs/portfolio.md). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, ROOT, tmpDir } from './run-cli.ts';

const FILE = 'scenarios/wendeng-portfolio.yaml';
type Metrics = Record<'capacityMW' | 'operatingMW' | 'energyMWh' | 'coalTonnes' | 'co2Tonnes', number>;
interface PathSet { total: Metrics; named: Metrics; unnamed: Metrics; byTechnology: Record<string, Metrics> }
interface RunJson { years: Array<{ year: number; capacityMW: number; energyMWh: number }>; portfolio?: { technologies: string[]; years: Array<{ year: number; planned: PathSet; expected: PathSet }> } }

describe.concurrent('portfolio in run, compare and mc', () => {
  it('run --format json adds `portfolio` and keeps every existing field', async () => {
    const r = await pvplan(['run', FILE, '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as RunJson;
    const p = json.portfolio!;
    expect(p.technologies).toEqual(['pv-utility', 'pv-offshore', 'wind-onshore', 'storage']);
    expect(p.years.map((y) => y.year)).toEqual(json.years.map((y) => y.year));
    for (const [i, y] of p.years.entries()) {
      // The unnamed part is the run's own row; the total adds the named generation.
      expect(y.planned.unnamed.capacityMW).toBe(json.years[i]!.capacityMW);
      expect(y.expected.unnamed.energyMWh).toBe(json.years[i]!.energyMWh);
      expect(y.planned.total.capacityMW).toBeCloseTo(y.planned.unnamed.capacityMW + y.planned.named.capacityMW, 6);
      expect(y.expected.total.capacityMW).toBeLessThanOrEqual(y.planned.total.capacityMW + 1e-6);
      expect(Object.keys(y.planned.byTechnology)).toEqual(p.technologies);
      expect(y.planned.byTechnology.storage!.energyMWh).toBe(0);
    }
    // The Datang project (100 MW at 1135 h, commissioned mid-December 2023) alone in 2024, on plan: 113.5 GWh.
    const y2024 = p.years.find((y) => y.year === 2024)!;
    expect(y2024.planned.byTechnology['pv-utility']!.energyMWh).toBeCloseTo(113500, 6);
  });

  it('run table, markdown and csv show the portfolio', async () => {
    const [table, md, csv] = await Promise.all([pvplan(['run', FILE]), pvplan(['run', FILE, '--format', 'markdown', '--units', 'cn']), pvplan(['run', FILE, '--format', 'csv'])]);
    expect(table.stdout).toContain('Portfolio: unnamed plan + named projects');
    expect(table.stdout).toContain('capacity risk-weighted (MW)');
    expect(md.stdout).toContain('### Named projects by technology, energy:');
    expect(md.stdout).toContain('万千瓦');
    const header = csv.stdout.split('\n')[0]!;
    expect(header.startsWith('year,capacity (MW),operating (MW)')).toBe(true);
    expect(header).toContain('portfolio energy risk-weighted (GWh)');
    expect(header).toContain('wind-onshore capacity planned (MW)');
  });

  it('a scenario without projects has no portfolio part', async () => {
    const r = await pvplan(['run', 'scenarios/wendeng-2025.yaml', '--format', 'json']);
    expect(JSON.parse(r.stdout).portfolio).toBeUndefined();
  });

  it('compare: a child that moves one project by id differs in that field only, and the portfolio paths show it', async () => {
    const dir = tmpDir();
    const child = join(dir, 'late.yaml');
    writeFileSync(child, `extends: ${join(ROOT, FILE)}\nname: late\nprojects:\n  - { id: datang-base-pv, constructionStart: 2025, commissioning: 2026 }\n`);
    const r = await pvplan(['compare', FILE, child, '--metric', 'capacity']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/projects\.datang-base-pv\.commissioning\s+2025\s+2026/);
    expect(r.stdout).toContain('Named pv-utility, capacity');
    const json = JSON.parse((await pvplan(['compare', FILE, child, '--format', 'json'])).stdout) as RunJson[];
    const at = (k: number, year: number) => json[k]!.portfolio!.years.find((y) => y.year === year)!.planned.total.capacityMW;
    expect(at(0, 2024) - at(1, 2024)).toBeCloseTo(1595, 6);
    expect(at(0, 2025)).toBeCloseTo(at(1, 2025), 6);
  });

  it('mc reports P(target met) and the year first met for each target', async () => {
    const r = await pvplan(['mc', FILE, '--draws', '2000', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { portfolio: { years: unknown[]; targets: Array<{ name: string; probabilityMet: number; yearMetDistribution: Array<{ year: number | null; probability: number }> }> } };
    expect(json.portfolio.targets.length).toBe(1);
    const t = json.portfolio.targets[0]!;
    expect(t.probabilityMet).toBe(0);
    expect(t.yearMetDistribution.at(-1)!.year).toBe(null);
    const text = await pvplan(['mc', FILE, '--draws', '2000']);
    expect(text.stdout).toContain('portfolio target');
  });
});
