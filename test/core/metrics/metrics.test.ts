/** The metric registry: consistent with itself and with the kernel's rows, and the evaluation of metrics the kernel does not compute. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allMetrics, deriveValue, DISPLAY_UNITS, isKernelMetric, metricById, metricValueAt, monteCarloMetrics, runningTotalOf, tableMetrics, withDerivedMetrics, type Metric } from '../../../src/core/metrics/metrics.ts';
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
    expect(tableMetrics().map((m) => m.header)).toEqual(['capacity', 'operating', 'additions', 'retirements', 'energy', 'coal saved', 'CO2 avoided', 'cum. energy', 'cum. coal', 'cum. CO2']);
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
