/** The metric registry: consistent with itself and with the kernel's rows, and the evaluation of metrics the kernel does not compute. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMetrics, deriveValue, DISPLAY_MAGNITUDES, DISPLAY_UNITS, isKernelMetric, magnitudeFor, metricById, metricValueAt, monteCarloMetrics, runningTotalOf, tableMetrics, withDerivedMetrics, type Metric } from '../../../src/core/metrics/metrics.ts';
import { simulatePlan } from '../../../src/core/plan/simulate.ts';
import { CUMULATIVE_OF, MC_METRICS, STORED_METRICS } from '../../../src/core/uncertainty/monte-carlo.ts';
import { loadScenario } from '../../../src/scenario/resolve.ts';

describe('the registry', () => {
  const metrics = allMetrics();

  it('has unique ids and fields, and every reference names a metric of the same kind', () => {
    expect(new Set(metrics.map((m) => m.id)).size).toBe(metrics.length);
    expect(new Set(metrics.map((m) => m.field)).size).toBe(metrics.length);
    for (const m of metrics) {
      if (m.cumulativeOf !== undefined) {
        const yearly = metricById(m.cumulativeOf);
        expect(yearly.cumulativeOf, m.id).toBeUndefined();
        expect(yearly.dimension, m.id).toBe(m.dimension);
        // The Monte Carlo rebuilds a running total from its yearly metric's draws.
        if (m.monteCarlo) expect(yearly.monteCarlo, m.id).toBe(true);
        expect(m.compare, `${m.id}: a running total is reached through its yearly metric`).toBe(false);
      }
      if (m.chart?.dashed) expect(metricById(m.chart.dashed).dimension).toBe(m.dimension);
      if (m.chart?.band) expect(m.monteCarlo, m.id).toBe(true);
      expect(DISPLAY_UNITS.si[m.dimension]).toBeDefined();
    }
  });

  it('lists, in order, exactly the fields of a simulated year row (optional ones when the scenario gives their factors)', () => {
    const datang = simulatePlan(loadScenario('scenarios/datang-100mw.yaml').plan).years[0]!;
    expect(Object.keys(datang)).toEqual(['year', ...metrics.map((m) => m.field)]);
    const wendeng = simulatePlan(loadScenario('scenarios/wendeng-2025.yaml').plan).years[0]!;
    expect(Object.keys(wendeng)).toEqual(['year', ...metrics.filter((m) => !m.optional).map((m) => m.field)]);
  });

  it('keeps the documented lists: the run table columns, the Monte Carlo metrics and their running totals', () => {
    expect(tableMetrics().map((m) => m.header)).toEqual(['capacity', 'operating', 'additions', 'retirements', 'energy', 'coal saved', 'CO2 avoided', 'SO2 avoided', 'NOx avoided', 'cum. energy', 'cum. coal', 'cum. CO2']);
    expect(MC_METRICS).toEqual(['capacityMW', 'operatingMW', 'energyMWh', 'coalTonnes', 'co2Tonnes', 'cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes']);
    expect(STORED_METRICS).toEqual(['capacityMW', 'operatingMW', 'energyMWh', 'coalTonnes', 'co2Tonnes']);
    expect(CUMULATIVE_OF).toEqual({ cumulativeEnergyMWh: 'energyMWh', cumulativeCoalTonnes: 'coalTonnes', cumulativeCo2Tonnes: 'co2Tonnes' });
    expect(runningTotalOf(metricById('energy'))?.id).toBe('energyCum');
    expect(runningTotalOf(metricById('capacity'))).toBeUndefined();
    expect(monteCarloMetrics().every(isKernelMetric)).toBe(true);
  });

  it('leaves kernel rows as they are when it has no derived metric', () => {
    const rows = simulatePlan(loadScenario('scenarios/wendeng-2025.yaml').plan).years;
    const out = withDerivedMetrics(rows);
    expect(out).toHaveLength(rows.length);
    out.forEach((r, k) => expect(r).toBe(rows[k]));
  });
});

describe('derived metrics', () => {
  it('derives a − b, a + b and a / b (NaN for a / 0)', () => {
    expect(deriveValue('difference', 450, 300)).toBe(150);
    expect(deriveValue('sum', 450, 300)).toBe(750);
    expect(deriveValue('ratio', 1135, 4.5)).toBeCloseTo(252.2222222, 6);
    expect(deriveValue('ratio', 1, 0)).toBeNaN();
  });

  const headroom: Metric = { id: 'uc', field: 'ucMW', dimension: 'power', header: 'uc', label: { en: 'uc', zh: 'uc' }, derive: { op: 'difference', of: ['capacityMW', 'operatingMW'] }, table: false, compare: false, monteCarlo: false };

  it('reads a derived value from a workspace (running totals of derived metrics: test/report/new-metric.test.ts)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 30 }), fc.nat(), (pairs, from) => {
        const arrays = { capacityMW: Float64Array.from(pairs, (p) => p[0]), operatingMW: Float64Array.from(pairs, (p) => p[1]) };
        const i = pairs.length - 1;
        const start = from % pairs.length;
        expect(metricValueAt(arrays, headroom, i, start)).toBe(pairs[i]![0] - pairs[i]![1]);
      }),
    );
  });
});

describe('magnitudes for reading at a glance', () => {
  const systems = ['si', 'cn'] as const;
  const dimensions = Object.keys(DISPLAY_UNITS.si) as Array<keyof typeof DISPLAY_UNITS.si>;

  it('list each dimension smallest first and include the table unit, so tables and glances agree on one unit', () => {
    for (const system of systems) {
      for (const d of dimensions) {
        const list = DISPLAY_MAGNITUDES[system][d];
        for (let i = 1; i < list.length; i++) expect(list[i]!.divisor, `${system} ${d}`).toBeGreaterThan(list[i - 1]!.divisor);
        expect(list.find((m) => m.unit === DISPLAY_UNITS[system][d].unit)?.divisor, `${system} ${d}`).toBe(DISPLAY_UNITS[system][d].divisor);
      }
    }
  });

  it('picks the natural magnitude: kt, Mt, GWh, TWh in SI; 万吨, 亿千瓦时, 万千瓦 in Chinese units', () => {
    // By hand: 1 kt = 1e3 t, 1 Mt = 1e6 t; 1 GWh = 1e3 MWh, 1 TWh = 1e6 MWh; 1 万吨 = 1e4 t; 1 亿千瓦时 = 1e8 kWh = 1e5 MWh; 1 万千瓦 = 1e4 kW = 10 MW.
    expect(magnitudeFor(22_419_490, 'si', 'mass').unit).toBe('Mt');
    expect(magnitudeFor(45_797, 'si', 'mass').unit).toBe('kt');
    expect(magnitudeFor(851, 'si', 'mass').unit).toBe('t');
    expect(magnitudeFor(5_108_000, 'si', 'energy').unit).toBe('TWh');
    expect(magnitudeFor(113_500, 'si', 'energy').unit).toBe('GWh');
    expect(magnitudeFor(4500, 'si', 'power').unit).toBe('GW');
    expect(magnitudeFor(22_419_490, 'cn', 'mass').unit).toBe('万吨');
    expect(magnitudeFor(2e8, 'cn', 'mass').unit).toBe('亿吨');
    expect(magnitudeFor(113_500, 'cn', 'energy').unit).toBe('亿千瓦时');
    expect(magnitudeFor(56_750, 'cn', 'energy').unit).toBe('万千瓦时');
    expect(magnitudeFor(4500, 'cn', 'power').unit).toBe('万千瓦');
    // Below the smallest magnitude: the smallest (5 MW = 0.5 万千瓦); zero: the table unit.
    expect(magnitudeFor(5, 'cn', 'power').unit).toBe('万千瓦');
    expect(magnitudeFor(0, 'si', 'energy').unit).toBe('GWh');
  });

  it('leaves between 1 and the next step (1000 in SI, 1e4 between 万 and 亿) in the chosen unit, for any value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...systems), fc.constantFrom('power', 'energy', 'mass') as fc.Arbitrary<'power' | 'energy' | 'mass'>, fc.double({ min: 1e-3, max: 1e12, noNaN: true }), fc.boolean(), (system, d, x, negative) => {
        const value = negative ? -x : x;
        const list = DISPLAY_MAGNITUDES[system][d];
        const m = magnitudeFor(value, system, d);
        const shown = Math.abs(value) / m.divisor;
        const i = list.indexOf(m);
        if (i > 0) expect(shown).toBeGreaterThanOrEqual(1);
        if (i < list.length - 1) expect(shown).toBeLessThan(list[i + 1]!.divisor / m.divisor);
        // The sign does not change the choice.
        expect(magnitudeFor(-value, system, d)).toBe(m);
      }),
    );
  });
});
