// ECharts options for the comparison charts, built by pure functions from run reports (the JSON of
// GET /api/scenarios/:id/result and POST /api/run) so the same option draws on screen and in an SVG export.

import { displayUnit, formatNumber, toDisplay } from './units.js';

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), yellow left out for projectors. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C6D1F', '#6B6B6B'];
/** The unsaved what-if is always drawn in near-black, thicker, so it stands out from every saved scenario. */
export const WHAT_IF_COLOR = '#1B1B1B';
export const TARGET_COLOR = '#B00020';
/** Legend entries are cut to this width, so three fit on a row of the full-width chart on a laptop. */
const LEGEND_TEXT_WIDTH_PX = 280;
/** Room a legend entry takes besides its text (symbol and gap), to count how many fit on a row. */
const LEGEND_ICON_AND_GAP_PX = 60;
/** Chart width assumed when the caller does not say (an SVG export, a test). */
const LEGEND_ROW_FALLBACK_PX = 1000;
/** The metric whose chart carries the capacity target's marker (the run report's target is a capacity). */
const TARGET_METRIC = 'capacity';

/**
 * The page's charts, from the metric registry (GET /api/meta → metrics): one for every metric with a `chart`,
 * each yearly metric followed by its running total's, so annual and cumulative sit side by side. Each has its
 * kind (the metric id), metric, title, whether it spans the page's width, whether a scenario with distributions
 * gets its P10–P90 band there, and the metric drawn dashed on it, if any.
 */
export function chartsOf(metrics) {
  const charted = metrics.filter((m) => m.chart);
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const def = (m) => ({ kind: m.id, metric: m, title: m.chart.title, wide: m.chart.wide === true, band: m.chart.band === true && m.monteCarlo, dashed: m.chart.dashed ? byId.get(m.chart.dashed) : undefined });
  const out = [];
  for (const m of charted) {
    if (m.cumulativeOf && charted.some((y) => y.id === m.cumulativeOf)) continue;
    out.push(def(m));
    const total = charted.find((t) => t.cumulativeOf === m.id);
    if (total) out.push(def(total));
  }
  return out;
}

/** Opacity of a P10–P90 band's fill: light enough that overlapping bands and the lines on them stay readable. */
const BAND_OPACITY = 0.16;
/** Dash pattern of a P50 path (px): longer than the operating capacity's dashes, so the two never look alike. */
const P50_DASH_PX = [12, 5];
/** Legend width, in narrow-character units (a CJK character counts two), kept for a band's scenario name before '…'. */
const BAND_LEGEND_NAME_UNITS = 30;

/** Colour of a shown series: the scenario's palette slot, or the what-if colour. */
export function colorOf(entry) {
  return entry.whatIf ? WHAT_IF_COLOR : PALETTE[entry.colorIndex % PALETTE.length];
}

/** CSS class of a swatch, matching colorOf (the tooltip uses classes: the CSP forbids inline styles). */
export function swatchClass(entry) {
  return entry.whatIf ? 'sw sw-w' : `sw sw-${entry.colorIndex % PALETTE.length}`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Every year any shown report covers, ascending. */
export function unionYears(entries) {
  const years = new Set();
  for (const e of entries) for (const row of e.report.years) years.add(row.year);
  return [...years].sort((a, b) => a - b);
}

/** A field by year, aligned on `years`, in display units (null where a report has no such year). */
export function alignedValues(report, field, years, scale) {
  const byYear = new Map(report.years.map((r) => [r.year, r[field]]));
  return years.map((y) => (byYear.has(y) ? scale(byYear.get(y)) : null));
}

/**
 * P10, P50 and P90 of a field by year from a Monte Carlo report (GET /api/scenarios/:id/mc, the JSON of
 * `pvplan mc --format json`): [{ year, p10, p50, p90 }], or [] when there is no report.
 */
export function bandsOf(mcReport, field) {
  if (!Array.isArray(mcReport?.years)) return [];
  return mcReport.years.filter((y) => y[field]).map((y) => ({ year: y.year, p10: y[field].p10, p50: y[field].p50, p90: y[field].p90 }));
}

/** Legend and series name of a scenario's band, e.g. 'Wendeng … P10–P90'. */
export function bandName(entry, ctx) {
  return ctx.t('bandLegend', { name: entry.name });
}

/** A name cut to about `units` narrow characters (a CJK character counts two), with '…' when cut. */
function shorten(name, units) {
  let used = 0;
  for (let i = 0; i < name.length; i++) {
    used += name.charCodeAt(i) > 0x2e7f ? 2 : 1;
    if (used > units) return `${name.slice(0, i).trimEnd()}…`;
  }
  return name;
}

/**
 * A scenario's P10–P90 band and P50 path on one chart: two stacked lines, the lower edge (P10) invisible and the
 * width (P90 − P10) filled in the scenario's colour, then the P50 dashed. All three share the band's name, so
 * one legend entry shows or hides them together. [] when the entry has no Monte Carlo report (yet).
 */
export function bandSeries(entry, kind, field, years, scale, ctx) {
  const bands = bandsOf(entry.mc?.report, field);
  if (bands.length === 0) return [];
  const byYear = new Map(bands.map((b) => [b.year, b]));
  const at = (y, q) => (byYear.has(y) ? scale(byYear.get(y)[q]) : null);
  const lower = years.map((y) => at(y, 'p10'));
  const width = years.map((y, i) => (lower[i] === null || at(y, 'p90') === null ? null : at(y, 'p90') - lower[i]));
  const color = colorOf(entry);
  const name = bandName(entry, ctx);
  const stack = `band:${kind}:${entry.id}`;
  const edge = { type: 'line', name, stack, symbol: 'none', silent: true, lineStyle: { width: 0, opacity: 0 }, emphasis: { disabled: true }, z: 1 };
  return [
    { ...edge, id: `${stack}:p10`, data: lower },
    { ...edge, id: `${stack}:width`, data: width, color, areaStyle: { color, opacity: BAND_OPACITY } },
    {
      id: `p50:${kind}:${entry.id}`,
      name,
      type: 'line',
      data: years.map((y) => at(y, 'p50')),
      color,
      symbol: 'none',
      silent: true,
      lineStyle: { width: 2, type: P50_DASH_PX, color },
      emphasis: { disabled: true },
      z: 2,
    },
  ];
}

function lineSeries(entry, kind, field, years, scale, extra = {}) {
  const color = colorOf(entry);
  return {
    id: `${kind}:${entry.id}`,
    name: entry.name,
    type: 'line',
    data: alignedValues(entry.report, field, years, scale),
    color,
    symbol: 'circle',
    symbolSize: entry.whatIf ? 7 : 5,
    lineStyle: { width: entry.whatIf ? 3.5 : 2.5, color },
    itemStyle: { color },
    connectNulls: false,
    z: entry.whatIf ? 4 : 3,
    ...extra,
  };
}

/** Distinct capacity targets of the shown scenarios (same year and value drawn once). */
export function targetsOf(entries) {
  const seen = new Map();
  for (const e of entries) {
    const t = e.report.target;
    if (!t || t.capacityMW === undefined || t.capacityMW === null) continue;
    const key = `${t.year}:${t.capacityMW}`;
    if (!seen.has(key)) seen.set(key, { year: t.year, capacityMW: t.capacityMW });
  }
  return [...seen.values()];
}

/**
 * The ECharts option of one chart.
 * @param kind one of ctx.charts[].kind
 * @param entries [{ id, name, report, colorIndex, whatIf? }]
 * @param ctx { lang, units, displayUnits, charts (chartsOf), t, fontSize, widthPx? }
 */
export function chartOption(kind, entries, ctx) {
  const chart = ctx.charts.find((c) => c.kind === kind);
  const { field, dimension } = chart.metric;
  const { unit } = displayUnit(ctx.displayUnits, ctx.units, dimension);
  const scale = (v) => toDisplay(v, ctx.displayUnits, ctx.units, dimension);
  const years = unionYears(entries);
  const fontSize = ctx.fontSize ?? 13;
  const series = [];
  const banded = chart.band ? entries.filter((e) => bandsOf(e.mc?.report, field).length > 0) : [];
  for (const e of entries) {
    if (banded.includes(e)) series.push(...bandSeries(e, kind, field, years, scale, ctx));
    series.push(lineSeries(e, kind, field, years, scale));
    if (chart.dashed) {
      series.push(
        lineSeries(e, chart.dashed.id, chart.dashed.field, years, scale, {
          symbol: 'none',
          lineStyle: { width: e.whatIf ? 2.5 : 1.8, type: 'dashed', color: colorOf(e) },
          z: 2,
        }),
      );
    }
  }
  if (kind === TARGET_METRIC) {
    const targets = targetsOf(entries);
    if (targets.length > 0) {
      series.push({
        id: 'target',
        name: ctx.t('target'),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 16,
        z: 5,
        color: TARGET_COLOR,
        itemStyle: { color: TARGET_COLOR, borderColor: '#fff', borderWidth: 1.5 },
        data: targets.map((tg) => ({ value: [String(tg.year), scale(tg.capacityMW)], targetYear: tg.year })),
        label: {
          show: true,
          position: 'top',
          distance: 8,
          color: TARGET_COLOR,
          fontWeight: 'bold',
          fontSize,
          formatter: (p) => ctx.t('targetLabel', { value: `${formatNumber(p.value[1], ctx.lang)} ${unit}`, year: p.value[0] }),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: TARGET_COLOR, type: 'dotted', width: 1.5 },
          label: { show: false },
          data: targets.map((tg) => ({ yAxis: scale(tg.capacityMW) })),
        },
      });
    }
  }
  const nameOf = new Map(entries.map((e) => [e.name, e]));
  const bandRows = banded.map((e) => ({ entry: e, byYear: new Map(bandsOf(e.mc.report, field).map((b) => [String(b.year), b])) }));
  const bandNames = new Map(banded.map((e) => [bandName(e, ctx), e]));
  // One legend, on the first chart: every chart uses the same colours, and the cards name them too.
  const withLegend = kind === ctx.charts[0].kind;
  const legendItems = [
    ...entries.map((e) => ({ name: e.name, itemStyle: { color: colorOf(e) } })),
    ...banded.map((e) => ({ name: bandName(e, ctx), icon: 'roundRect', itemStyle: { color: colorOf(e), opacity: 0.45 } })),
    ...(kind === TARGET_METRIC && targetsOf(entries).length ? [{ name: ctx.t('target'), icon: 'diamond' }] : []),
  ];
  const perRow = Math.max(1, Math.floor((ctx.widthPx ?? LEGEND_ROW_FALLBACK_PX) / (LEGEND_TEXT_WIDTH_PX + LEGEND_ICON_AND_GAP_PX)));
  const legendRows = Math.ceil(legendItems.length / perRow);
  return {
    animation: false,
    textStyle: { fontSize, fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' },
    color: entries.map(colorOf),
    grid: { left: 12, right: 28, top: withLegend ? 40 + legendRows * (fontSize + 12) : 36, bottom: 8, containLabel: true },
    legend: {
      show: withLegend,
      type: 'plain',
      top: 4,
      left: 0,
      right: 0,
      itemGap: 18,
      textStyle: { fontSize, width: LEGEND_TEXT_WIDTH_PX, overflow: 'truncate' },
      // A band's entry keeps its 'P10–P90': the scenario name is cut, not the suffix.
      formatter: (name) => (bandNames.has(name) ? bandName({ name: shorten(bandNames.get(name).name, BAND_LEGEND_NAME_UNITS) }, ctx) : name),
      data: legendItems,
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      className: 'pv-tooltip',
      formatter: (params) => tooltipHtml(params, chart, unit, ctx, nameOf, bandRows, scale),
    },
    xAxis: {
      type: 'category',
      data: years.map(String),
      boundaryGap: false,
      axisLabel: { fontSize },
    },
    yAxis: {
      type: 'value',
      name: unit,
      nameLocation: 'end',
      nameGap: 14,
      nameTextStyle: { fontSize, fontWeight: 'bold', align: 'left' },
      axisLabel: { fontSize, formatter: (v) => formatNumber(v, ctx.lang) },
      splitLine: { lineStyle: { color: '#e3e6ea' } },
    },
    series,
  };
}

function tooltipHtml(params, chart, unit, ctx, nameOf, bandRows, scale) {
  const list = Array.isArray(params) ? params : [params];
  if (list.length === 0) return '';
  const rows = [];
  const year = String(list[0].axisValueLabel ?? list[0].name);
  const number = (v) => escapeHtml(formatNumber(v, ctx.lang));
  for (const p of list) {
    const id = String(p.seriesId);
    if (id === 'target' || id.startsWith('band:') || id.startsWith('p50:')) continue;
    const entry = nameOf.get(p.seriesName);
    // On a chart with a dashed metric, each row says which of the two it is.
    const what = chart.dashed ? ` · ${(id.startsWith(`${chart.dashed.id}:`) ? chart.dashed : chart.metric).label[ctx.lang]}` : '';
    const value = Array.isArray(p.value) ? p.value[1] : p.value;
    rows.push(
      `<tr><td><span class="${entry ? swatchClass(entry) : 'sw'}"></span>${escapeHtml(p.seriesName)}${escapeHtml(what)}</td><td class="num">${number(value)} ${escapeHtml(unit)}</td></tr>`,
    );
  }
  for (const { entry, byYear } of bandRows) {
    const b = byYear.get(year);
    if (!b) continue;
    rows.push(
      `<tr class="band"><td><span class="${swatchClass(entry)} band"></span>${escapeHtml(bandName(entry, ctx))}</td><td class="num">${number(scale(b.p10))} – ${number(scale(b.p90))} ${escapeHtml(unit)} <span class="p50">(${escapeHtml(ctx.t('tooltipP50'))} ${number(scale(b.p50))})</span></td></tr>`,
    );
  }
  return `<div class="tt-year">${escapeHtml(year)}</div><table>${rows.join('')}</table>`;
}
