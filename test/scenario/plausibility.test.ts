/**
 * Plausibility warnings: each reproduced slip of issue 10 ends in a warning with its file, line, field, value, range
 * and likely intent (before, each ran green with exit 0), and the shipped scenarios have none.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { solvePlan } from '../../src/core/plan/solve.ts';
import { checkPlausibility, checkSolution, likelyIntent } from '../../src/scenario/plausibility.ts';
import { plausibilityTableMarkdown, provinceOf } from '../../src/scenario/plausibility-ranges.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import { readFileSync } from 'node:fs';

const ROOT = join(import.meta.dirname, '..', '..');
const WENDENG = join(ROOT, 'scenarios', 'wendeng-2025.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pvplan-plausible-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = () => loadScenario(WENDENG);

/** A variant of the Wendeng scenario with `body` (YAML) merged over it. */
function variant(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `extends: ${WENDENG}\n${body}`);
  return file;
}

describe('plausibility warnings', () => {
  it('target 450 MW where 450万千瓦 was meant: below the 2022 baseline, did you mean 450万千瓦 = 4500 MW?', () => {
    const s = loadScenario(variant('t450', 'capacity:\n  target: { capacity: 450 MW, year: 2025 }\n'));
    expect(s.warnings).toHaveLength(1);
    const w = s.warnings[0]!;
    expect(w).toMatchObject({ code: 'target-below-baseline', path: 'capacity.target.capacity', line: 3, value: 450, range: { min: 1125, unit: 'MW' }, hint: '450万千瓦 = 4500 MW' });
    expect(w.message).toBe('target 450 MW is below the 2022 baseline of 1125 MW: did you mean 450万千瓦 = 4500 MW?');
  });

  it('coal 4035 g/kWh: outside 250–450 g/kWh, did you mean 403.5 g/kWh?', () => {
    const s = loadScenario(variant('coal', 'savings:\n  coal: 4035 g/kWh\n'));
    expect(s.warnings.map((w) => [w.code, w.path, w.value, w.hint])).toEqual([['coal-intensity-outside', 'savings.coal', 4035, '403.5 g/kWh']]);
    expect(s.warnings[0]!.range).toEqual({ min: 250, max: 450, unit: 'g/kWh' });
  });

  it('growth above 100 % a year, degradation above 3 %/yr, curtailment above 30 %, CO2 outside 0.3–1.2 t/MWh, PV hours outside Shandong practice', () => {
    const s = loadScenario(
      variant(
        'many',
        'capacity:\n  target: { capacity: 4500万千瓦, year: 2025 }\nyield:\n  value: 3135 h\n  degradation: { annual: 5 % }\n  curtailment: 45 %\nsavings:\n  co2: 5703 g/kWh\n',
      ),
    );
    expect(s.warnings.map((w) => [w.code, w.path, w.hint])).toEqual([
      ['growth-rate-high', 'capacity.target.capacity', '450万千瓦 = 4500 MW'],
      ['pv-hours-outside-practice', 'yield.value', undefined],
      ['degradation-high', 'yield.degradation.annual', '0.5 %'],
      ['curtailment-high', 'yield.curtailment', '4.5 %'],
      ['co2-factor-outside', 'savings.co2', '570.3 g/kWh'],
    ]);
    expect(s.warnings[1]!.message).toMatch(/implausible for PV in Shandong: plants there give 600–1650 h/);
  });

  it('a given growth rate of 587 % a year warns with 58.7 %', () => {
    const s = loadScenario(variant('rate', 'capacity:\n  growth: { model: cagr, rate: 587 %, until: 2025 }\n'));
    const w = s.warnings.find((x) => x.path === 'capacity.growth.rate');
    expect(w?.code).toBe('growth-rate-high');
    expect(w?.hint).toBe('58.7 %');
  });

  it('full-load hours outside the worldwide range (a slip of ×10) warn with the intent', () => {
    const s = loadScenario(variant('hours', 'region: somewhere\nyield:\n  value: 8000 h\n'));
    // No province: the worldwide range, 600–2400 h; 8000 h → 800 h lands in it.
    expect(s.warnings.map((w) => [w.code, w.hint])).toEqual([['pv-hours-outside-practice', '800 h']]);
  });

  it('solve: 1837.5 h is implausible for PV in Shandong', () => {
    const s = loadScenario(variant('energy', 'capacity:\n  target: { energy: 1亿千瓦时, year: 2030 }\n'));
    // Energy is linear in full-load hours (docs/model.md), so a target of planned × 1837.5 / 1135 needs 1837.5 h.
    const target = (solvePlan(s.plan).energy!.plannedEnergyMWh * 1837.5) / 1135;
    const s2 = loadScenario(variant('energy2', `capacity:\n  target: { energy: ${target} MWh, year: 2030 }\n`));
    const sol = solvePlan(s2.plan);
    expect(sol.energy!.requiredFullLoadHoursH).toBeCloseTo(1837.5, 6);
    const issues = checkSolution(s2.written, s2.plan, sol);
    expect(issues.map((i) => i.code)).toContain('solved-hours-implausible');
    expect(issues.find((i) => i.code === 'solved-hours-implausible')!.params).toMatchObject({ value: '1837.5 h', place: 'Shandong' });
  });

  it('the shipped scenarios have no warnings', () => {
    for (const f of readdirSync(join(ROOT, 'scenarios')).filter((n) => n.endsWith('.yaml'))) {
      expect(loadScenario(join(ROOT, 'scenarios', f)).warnings, f).toEqual([]);
    }
  });

  it('full-load hours above what PV can do at the physical site\'s latitude warn as such', () => {
    const written = { ...base().written, region: 'Tromsø', yield: { model: 'physical', site: { lat: 60, lon: 10 } } } as never;
    const plan = { ...base().plan, yield: { ...base().plan.yield, fullLoadHours: 2500 } };
    // Ceiling at 60°: H0 = 2047 kWh/m² (Duffie & Beckman eq. 1.10.3, summed in python) × 0.82 × 1.5 × 0.9 ≈ 2266 h.
    const [w] = checkPlausibility(written, plan);
    expect(w).toMatchObject({ code: 'pv-hours-above-ceiling', path: ['yield', 'weather'], range: { max: 2266, unit: 'h' } });
  });

  it('provinces are found in Chinese and English region texts', () => {
    expect(provinceOf('山东省威海市文登区 (Wendeng, Weihai, Shandong)')?.zone).toBe('III');
    expect(provinceOf('Qinghai, Haixi')?.zone).toBe('I');
    expect(provinceOf('陕西榆林')?.en[0]).toBe('Shaanxi');
    expect(provinceOf('Mars')).toBeUndefined();
  });

  it('the likely intent prefers a 万 rewrite, and is undefined when nothing fits', () => {
    expect(likelyIntent('450 MW', 'power', (mw) => mw > 1125 && mw < 9000)).toBe('450万千瓦 = 4500 MW');
    expect(likelyIntent('450 MW', 'power', () => false)).toBeUndefined();
    expect(likelyIntent({ normal: {} }, 'power', () => true)).toBeUndefined();
  });

  it('docs/plausibility.md shows the registry table as generated', () => {
    expect(readFileSync(join(ROOT, 'docs', 'plausibility.md'), 'utf8')).toContain(plausibilityTableMarkdown());
  });
});
