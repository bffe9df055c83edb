/**
 * A metric added to the registry appears in `run`, `compare`, `mc`, `sensitivity`, CSV, JSON, the server and the
 * page's charts without any other edit. The registry module (pure data) is extended for this file only with
 * "capacity under construction" (built + under construction − operating, MW, 在建容量) and its running total;
 * everything else is the shipped code. Expected values are the definition applied to the run's own rows:
 * under construction = capacityMW − operatingMW, its total the sum of those from years.start.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Metric } from '../../src/core/metrics/registry.ts';

const { UNDER_CONSTRUCTION, UNDER_CONSTRUCTION_TOTAL } = vi.hoisted(() => {
  const UNDER_CONSTRUCTION: Metric = {
  id: 'underConstruction',
  field: 'underConstructionMW',
  dimension: 'power',
  header: 'under construction',
  label: { en: 'capacity under construction', zh: '在建容量' },
  derive: { op: 'difference', of: ['capacityMW', 'operatingMW'] },
  table: true,
  compare: true,
  monteCarlo: true,
  chart: { title: { en: 'Capacity under construction', zh: '在建容量' }, band: true },
};
  const UNDER_CONSTRUCTION_TOTAL: Metric = {
  id: 'underConstructionCum',
  field: 'cumulativeUnderConstructionMW',
  dimension: 'power',
  header: 'cum. under construction',
  label: { en: 'cumulative capacity under construction', zh: '累计在建容量' },
  cumulativeOf: 'underConstruction',
  table: true,
  compare: false,
  monteCarlo: true,
};
  return { UNDER_CONSTRUCTION, UNDER_CONSTRUCTION_TOTAL };
});

vi.mock('../../src/core/metrics/registry.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/metrics/registry.ts')>();
  return { ...original, METRICS: [...original.METRICS, UNDER_CONSTRUCTION, UNDER_CONSTRUCTION_TOTAL] };
});

// The page's own chart module (plain JavaScript, pure functions): typed here by what the test uses.
const { chartOption, chartsOf } = (await import('../../web/charts.js' as string)) as {
  chartOption: (kind: string, entries: unknown[], ctx: unknown) => unknown;
  chartsOf: (metrics: readonly Metric[]) => unknown[];
};
const { compareCsv } = await import('../../src/server/csv.ts');
const { renderMc } = await import('../../src/cli/commands/mc.ts');
const { renderRun } = await import('../../src/cli/commands/run.ts');
const { outputsFor, renderSensitivity } = await import('../../src/cli/commands/sensitivity.ts');
const { runMonteCarlo } = await import('../../src/mc/run.ts');
const { runSensitivity } = await import('../../src/mc/sensitivity.ts');
const { COMPARE_METRICS, comparePaths, compareSummary } = await import('../../src/report/compare.ts');
const { runReport } = await import('../../src/report/run.ts');
const { loadScenario } = await import('../../src/scenario/resolve.ts');
const { copyScenarios, quietApp } = await import('../server/helpers.ts');

const FILE = 'scenarios/wendeng-2025-delayed.yaml';
const UNCERTAIN = 'scenarios/wendeng-2025-uncertain.yaml';
type Row = Record<string, number>;
const si = { format: 'csv', units: 'si' } as const;

/** The rows' capacity under construction, MW, and its running total. */
function expected(rows: readonly Row[]): { yearly: number[]; total: number[] } {
  const yearly = rows.map((r) => r.capacityMW! - r.operatingMW!);
  let sum = 0;
  return { yearly, total: yearly.map((v) => (sum += v)) };
}

describe('a metric added to the registry', () => {
  const report = runReport(loadScenario(FILE));
  const rows = report.years as unknown as Row[];
  const want = expected(rows);

  it('is in the run JSON rows, after the kernel fields, and the existing fields are unchanged', () => {
    // The delayed scenario builds faster than it commissions: some capacity is under construction.
    expect(Math.max(...want.yearly)).toBeGreaterThan(100);
    expect(Object.keys(rows[0]!).slice(-2)).toEqual(['underConstructionMW', 'cumulativeUnderConstructionMW']);
    expect(rows.map((r) => r.underConstructionMW)).toEqual(want.yearly);
    expect(rows.map((r) => r.cumulativeUnderConstructionMW)).toEqual(want.total);
    const json = JSON.parse(renderRun(report, { format: 'json', units: 'si' })) as { years: Row[] };
    expect(json.years.map((r) => r.underConstructionMW)).toEqual(want.yearly);
  });

  it('is a column of the run table and CSV, in SI and Chinese units', () => {
    const csv = renderRun(report, si).trim().split('\n');
    expect(csv[0]).toBe('year,capacity (MW),operating (MW),additions (MW),retirements (MW),energy (GWh),coal saved (t),CO2 avoided (t),cum. energy (GWh),cum. coal (t),cum. CO2 (t),under construction (MW),cum. under construction (MW)');
    csv.slice(1).forEach((line, k) => expect(Number(line.split(',').at(-2))).toBeCloseTo(want.yearly[k]!, 6));
    expect(renderRun(report, { format: 'csv', units: 'cn' }).split('\n')[0]).toContain(',under construction (万千瓦),');
    expect(renderRun(report, { format: 'table', units: 'si' })).toContain('under construction (MW)');
  });

  it('is a compare metric: paths, summary with its running total, CSV', () => {
    expect(COMPARE_METRICS).toContain('underConstruction');
    const reports = [report, runReport(loadScenario('scenarios/wendeng-2025.yaml'))];
    const paths = comparePaths(reports, 'underConstruction' as never);
    expect(paths.map((p) => p.values[0])).toEqual(want.yearly);
    expect(compareSummary(reports, 'underConstruction' as never)[0]!.toEndYear).toBe(want.total.at(-1));
    expect(compareCsv(reports, 'underConstruction' as never, 'si').split('\n')[0]).toBe('year,wendeng-2025-delayed (MW),wendeng-2025 (MW),Δ wendeng-2025 (MW)');
  });

  it('is summarised by the Monte Carlo (JSON, table, CSV): with no spread, every statistic is the run value', async () => {
    const resolved = loadScenario(FILE);
    const mc = await runMonteCarlo(resolved, { draws: 50, seed: 7, threads: 1 });
    mc.years.forEach((y, k) => {
      const stats = (y as unknown as Record<string, Record<string, number>>).underConstructionMW!;
      expect(stats).toEqual({ mean: want.yearly[k], sd: 0, p10: want.yearly[k], p50: want.yearly[k], p90: want.yearly[k] });
      expect((y as unknown as Record<string, Record<string, number>>).cumulativeUnderConstructionMW!.p50).toBeCloseTo(want.total[k]!, 9);
    });
    expect(renderMc(mc, resolved, { format: 'table', units: 'si' })).toContain('\ncapacity under construction:\n');
    const csv = renderMc(mc, resolved, si);
    expect(csv).toContain(`\n${report.years[0]!.year},underConstruction,MW,`);
    expect(csv).toContain(`\n${report.years[0]!.year},underConstructionCum,MW,`);
  });

  it('is a sensitivity output, and its running total with --cumulative', async () => {
    const resolved = loadScenario(UNCERTAIN);
    const outputs = [...outputsFor(resolved, { metric: 'underConstruction', year: 2024 }), ...outputsFor(resolved, { metric: 'underConstruction', cumulative: true })];
    expect(outputs.map((o) => o.metric)).toEqual(['underConstructionMW', 'cumulativeUnderConstructionMW']);
    const sensitivity = await runSensitivity(resolved, { outputs, draws: 16, seed: 1 });
    const central = runReport(resolved).years as unknown as Row[];
    expect(sensitivity.outputs[0]!.central).toBeCloseTo(central.find((r) => r.year === 2024)!.underConstructionMW!, 9);
    expect(sensitivity.outputs[1]!.central).toBeCloseTo(central.at(-1)!.cumulativeUnderConstructionMW!, 9);
    expect(renderSensitivity(sensitivity, resolved, { format: 'table', units: 'si' })).toContain('capacity under construction in 2024: tornado');
  });

  describe('on the server and the page', () => {
    let folder: ReturnType<typeof copyScenarios>;
    let app: FastifyInstance;
    beforeAll(async () => {
      folder = copyScenarios();
      app = await quietApp(folder.dir);
    });
    afterAll(async () => {
      await app?.close();
      folder?.cleanup();
    });

    it('is listed by GET /api/meta, served in results, comparisons and CSV downloads', async () => {
      const meta = (await app.inject('/api/meta')).json() as { metrics: Metric[]; displayUnits: unknown };
      expect(meta.metrics.at(-2)).toEqual(UNDER_CONSTRUCTION);
      const result = (await app.inject('/api/scenarios/wendeng-2025-delayed/result')).json() as { years: Row[] };
      expect(result.years.map((r) => r.underConstructionMW)).toEqual(want.yearly);
      const compare = (await app.inject('/api/compare?ids=wendeng-2025-delayed,wendeng-2025&metric=underConstruction')).json() as { dimension: string; rows: Array<{ values: number[] }> };
      expect(compare.dimension).toBe('power');
      expect(compare.rows.map((r) => r.values[0])).toEqual(want.yearly);
      expect((await app.inject('/api/scenarios/wendeng-2025-delayed/result.csv?units=cn')).body.split('\n')[0]).toMatch(/,under construction \(万千瓦\),cum\. under construction \(万千瓦\)$/);
    });

    it('gets a chart on the page, after the registry\'s own, drawn from the run rows', async () => {
      const meta = (await app.inject('/api/meta')).json() as { metrics: Metric[]; displayUnits: Record<string, unknown>; magnitudes: Record<string, unknown> };
      const charts = chartsOf(meta.metrics) as Array<{ kind: string; band: boolean }>;
      expect(charts.map((c) => c.kind)).toEqual(['capacity', 'energy', 'coal', 'coalCum', 'co2', 'co2Cum', 'so2', 'underConstruction']);
      expect(charts.at(-1)!.band).toBe(true);
      const entries = [{ id: 'wendeng-2025-delayed', name: 'delayed', report: result(), colorIndex: 0 }];
      const ctx = { lang: 'zh', units: 'cn', displayUnits: meta.displayUnits, magnitudes: meta.magnitudes, charts, t: (k: string) => k };
      const option = chartOption('underConstruction', entries, ctx) as { yAxis: { name: string }; series: Array<{ id: string; data: Array<number | null> }> };
      expect(option.yAxis.name).toBe('万千瓦');
      const series = option.series.find((s) => s.id === 'underConstruction:wendeng-2025-delayed')!;
      series.data.forEach((v, k) => expect(v).toBeCloseTo(want.yearly[k]! / 10, 9));
    });

    const result = () => report;
  });
});
