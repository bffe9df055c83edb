// ECharts options for the comparison charts, built by pure functions from run reports (the JSON of
// GET /api/scenarios/:id/result and POST /api/run) so the same option draws on screen and in an SVG export.

import { formatNumber, magnitudeOfAll } from './units.js';

/**
 * Twelve scenario colours (the page compares up to 12), told apart with every common colour-vision deficiency:
 * Okabe & Ito's first five (Color Universal Design, 2008: blue, orange, bluish green, vermillion, reddish
 * purple), then seven from Paul Tol's schemes (Tol 2021, "Colour schemes", SRON/EPS/TN/09-002: muted indigo
 * and wine, bright cyan, dark red and dark yellow, muted olive, rainbow purple). Chosen greedily from those
 * schemes, none paler than CIELAB L* 78 (lines stay visible on white), so that every pair, and each colour
 * against the what-if's near-black and the target's red, differs by ΔE*ab ≥ 12 in normal vision and in
 * simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1);
 * test/web/palette.test.ts recomputes that.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#332288', '#882255', '#66CCEE', '#663333', '#666633', '#999933', '#882E72'];
/** The unsaved what-if is always drawn in near-black, thicker, so it stands out from every saved scenario. */
export const WHAT_IF_COLOR = '#1B1B1B';
export const TARGET_COLOR = '#B00020';
/** Legend entries are cut to this width, so three fit on a row of the full-width chart on a laptop. */
const LEGEND_TEXT_WIDTH_PX = 280;
/** Average advance of a narrow character, as a share of the font size (to fit a name in LEGEND_TEXT_WIDTH_PX). */
const NARROW_CHAR_EM = 0.6;
/** Height of a row of the legend besides the font size (ECharts' item height and the gap between rows), px. */
const LEGEND_ROW_EXTRA_PX = 20;
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

/** Legend and series name of a scenario's band, e.g. 'Wendeng … P10–P90' (`entry.label`: its legend label). */
export function bandName(entry, ctx) {
  return ctx.t('bandLegend', { name: shortenMiddle(entry.label ?? entry.name, BAND_LEGEND_NAME_UNITS) });
}

/** Width of a character in narrow units: a CJK (or other wide) character counts two. */
function charUnits(ch) {
  return ch.codePointAt(0) > 0x2e7f ? 2 : 1;
}

/**
 * A name cut from the middle to about `units` narrow characters, keeping its start and its end (where a what-if's
 * '— what-if' and a variant's distinguishing words usually are): 'Wendeng PV ×4 … — what-if'.
 */
export function shortenMiddle(name, units) {
  const chars = [...name];
  const total = chars.reduce((n, c) => n + charUnits(c), 0);
  if (total <= units) return name;
  const keep = units - 1;
  const headUnits = Math.ceil(keep / 2);
  let head = '';
  let used = 0;
  for (const c of chars) {
    if (used + charUnits(c) > headUnits) break;
    head += c;
    used += charUnits(c);
  }
  let tail = '';
  used = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (used + charUnits(chars[i]) > keep - headUnits) break;
    tail = chars[i] + tail;
    used += charUnits(chars[i]);
  }
  return `${head.trimEnd()}…${tail.trimStart()}`;
}

/**
 * The legend label of every shown entry, unique: each name shortened from the middle to fit the legend, and
 * where two would read the same (a what-if named like its base, two scenarios with one long name) the id is
 * added, '(what-if)' for the unsaved what-if. Labels are also the series names (ECharts keys legends by name).
 */
export function legendLabels(entries, units) {
  const short = entries.map((e) => shortenMiddle(e.name, units));
  const count = new Map();
  for (const n of short) count.set(n, (count.get(n) ?? 0) + 1);
  return entries.map((e, i) => {
    if (count.get(short[i]) === 1) return short[i];
    const tag = ` (${e.id})`;
    return `${shortenMiddle(e.name, Math.max(8, units - [...tag].length))}${tag}`;
  });
}

/**
 * Stable colour slots for the ticked scenarios: each keeps the slot it had (`previous`: id → slot) while it stays
 * ticked, a newly ticked one takes the lowest free slot, so up to PALETTE.length ticked scenarios never share a
 * colour. Returns the new id → slot map.
 */
export function assignColorSlots(selected, previous = new Map()) {
  const out = new Map();
  const taken = new Set();
  for (const id of selected) {
    const slot = previous.get(id);
    if (slot !== undefined && !taken.has(slot)) {
      out.set(id, slot);
      taken.add(slot);
    }
  }
  for (const id of selected) {
    if (out.has(id)) continue;
    let slot = 0;
    while (taken.has(slot)) slot++;
    out.set(id, slot);
    taken.add(slot);
  }
  return out;
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
    name: entry.label ?? entry.name,
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

/** Fonts of the charts: single quotes, so the list sits inside an SVG export's double-quoted style attribute. */
export const CHART_FONT_FAMILY = "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** Every value a chart draws for its entries (internal units): lines, dashed metric, bands, the target. */
function chartValues(entries, chart, banded) {
  const out = [];
  const fields = [chart.metric.field, ...(chart.dashed ? [chart.dashed.field] : [])];
  for (const e of entries) for (const row of e.report.years) for (const f of fields) out.push(row[f]);
  for (const e of banded) for (const b of bandsOf(e.mc.report, chart.metric.field)) out.push(b.p90, b.p10);
  if (chart.kind === TARGET_METRIC) for (const t of targetsOf(entries)) out.push(t.capacityMW);
  return out;
}

/** Whether any entry's report has the chart's metric (an optional one, SO2 and NOx, only when declared). */
export function chartHasData(chart, entries) {
  return entries.some((e) => e.report.years.some((row) => row[chart.metric.field] !== undefined && row[chart.metric.field] !== null));
}

/**
 * The ECharts option of one chart. Values are drawn in the natural magnitude of the largest one (GW, TWh, Mt;
 * 万千瓦, 亿千瓦时, 万吨), the axis named after it, and read with at most four significant digits.
 * @param kind one of ctx.charts[].kind
 * @param entries [{ id, name, report, colorIndex, whatIf?, mc? }]
 * @param ctx { lang, units, displayUnits, magnitudes, charts (chartsOf), t, fontSize, widthPx? }
 */
export function chartOption(kind, entries, ctx) {
  const chart = ctx.charts.find((c) => c.kind === kind);
  const { field, dimension } = chart.metric;
  const fontSize = ctx.fontSize ?? 13;
  const labels = legendLabels(entries, Math.floor(LEGEND_TEXT_WIDTH_PX / (fontSize * NARROW_CHAR_EM)));
  const shown = entries.map((e, i) => ({ ...e, label: labels[i] }));
  const banded = chart.band ? shown.filter((e) => bandsOf(e.mc?.report, field).length > 0) : [];
  const magnitude = magnitudeOfAll(chartValues(shown, chart, banded), ctx, ctx.units, dimension);
  const unit = magnitude.unit;
  const scale = (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v / magnitude.divisor);
  const years = unionYears(shown);
  const series = [];
  for (const e of shown) {
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
    const targets = targetsOf(shown);
    if (targets.length > 0) {
      series.push({
        id: 'target',
        name: ctx.t('target'),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 16,
        z: 5,
        color: TARGET_COLOR,
        // Opaque (ECharts draws scatter symbols at 0.8 by default): the target's red is the one in the legend and the label.
        itemStyle: { color: TARGET_COLOR, borderColor: '#fff', borderWidth: 1.5, opacity: 1 },
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
  const byLabel = new Map(shown.map((e) => [e.label, e]));
  const bandRows = banded.map((e) => ({ entry: e, byYear: new Map(bandsOf(e.mc.report, field).map((b) => [String(b.year), b])) }));
  // One legend, on the first chart: every chart uses the same colours, and the cards name them too.
  const withLegend = ctx.legend ?? kind === ctx.charts[0].kind;
  const legendItems = [
    ...shown.map((e) => ({ name: e.label, itemStyle: { color: colorOf(e) } })),
    ...banded.map((e) => ({ name: bandName(e, ctx), icon: 'roundRect', itemStyle: { color: colorOf(e), opacity: 0.45 } })),
    ...(kind === TARGET_METRIC && targetsOf(shown).length ? [{ name: ctx.t('target'), icon: 'diamond' }] : []),
  ];
  const perRow = Math.max(1, Math.floor((ctx.widthPx ?? LEGEND_ROW_FALLBACK_PX) / (LEGEND_TEXT_WIDTH_PX + LEGEND_ICON_AND_GAP_PX)));
  const legendRows = Math.ceil(legendItems.length / perRow);
  return {
    animation: false,
    textStyle: { fontSize, fontFamily: CHART_FONT_FAMILY },
    color: shown.map(colorOf),
    grid: { left: 12, right: 28, top: withLegend ? 40 + legendRows * (fontSize + LEGEND_ROW_EXTRA_PX) : 36, bottom: 8, containLabel: true },
    legend: {
      show: withLegend,
      type: 'plain',
      top: 4,
      left: 0,
      right: 0,
      itemGap: 18,
      textStyle: { fontSize, width: LEGEND_TEXT_WIDTH_PX, overflow: 'truncate' },
      data: legendItems,
    },
    tooltip: {
      trigger: 'axis',
      // Inside the chart's box, so it never widens the page on a phone.
      confine: true,
      className: 'pv-tooltip',
      formatter: (params) => tooltipHtml(params, chart, unit, ctx, byLabel, bandRows, scale),
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
      // Headroom above the target, so its label never meets the axis name.
      ...(kind === TARGET_METRIC ? { boundaryGap: [0, '12%'] } : {}),
      splitLine: { lineStyle: { color: '#e3e6ea' } },
    },
    series,
  };
}

/** Characters of a content hash shown in a source line (after 'sha256:'): enough to tell files apart. */
const SOURCE_HASH_CHARS = 12;

/**
 * The source line of an exported chart: the scenarios with their content hashes, the pvplan version and the date,
 * e.g. 'Source: pvplan 0.1.0 · wendeng-2025 sha256:6447b8e9befd · what-if (unsaved) sha256:… · 2026-05-01'.
 */
export function sourceLine(entries, ctx) {
  const items = entries.map((e) => {
    const hash = String(e.report.scenario?.hash ?? '').replace(/^(sha256:)?/, 'sha256:').slice(0, 'sha256:'.length + SOURCE_HASH_CHARS);
    return `${e.whatIf ? ctx.t('whatIfUnsaved') : e.id} ${hash}`;
  });
  return ctx.t('sourceLine', { version: ctx.version, scenarios: items.join(' · '), date: ctx.date });
}

/**
 * The option of a chart for export (PNG, SVG): the screen's option with the chart's title on top, a legend
 * naming every series, the unit on the axis, and the source line at the bottom. Returns { option, heightPx }:
 * the height that leaves the plot as tall as on screen (`ctx.heightPx`) once title, legend and source take room.
 */
export function exportOption(kind, entries, ctx) {
  const fontSize = ctx.fontSize ?? 13;
  const widthPx = ctx.widthPx ?? LEGEND_ROW_FALLBACK_PX;
  const base = chartOption(kind, entries, { ...ctx, legend: true, widthPx });
  const chart = ctx.charts.find((c) => c.kind === kind);
  const title = chart.title[ctx.lang];
  const source = sourceLine(entries, ctx);
  const sourceSize = Math.max(10, fontSize - 2);
  // Lines the source takes when broken at the chart's width (a narrow character is about 0.6 em).
  const sourceLines = Math.max(1, Math.ceil((source.length * sourceSize * NARROW_CHAR_EM) / (widthPx - 24)));
  const titleRoom = fontSize + 22;
  const legendRoom = base.grid.top - 36;
  const sourceRoom = sourceLines * (sourceSize + 5) + 14;
  const option = {
    ...base,
    backgroundColor: '#ffffff',
    title: [
      { text: title, left: 12, top: 8, textStyle: { fontSize: fontSize + 2, fontWeight: 'bold', color: '#17202a', width: widthPx - 24, overflow: 'break' } },
      { text: source, left: 12, bottom: 8, textStyle: { fontSize: sourceSize, fontWeight: 'normal', color: '#4a5563', width: widthPx - 24, overflow: 'break', lineHeight: sourceSize + 5 } },
    ],
    // Labels are already shortened from the middle to fit: the export never cuts them further.
    legend: { ...base.legend, show: true, top: titleRoom, textStyle: { fontSize, overflow: 'none' } },
    grid: { ...base.grid, top: titleRoom + legendRoom + 36, bottom: sourceRoom },
    tooltip: { show: false },
  };
  return { option, heightPx: (ctx.heightPx ?? 400) + titleRoom + sourceRoom };
}

function tooltipHtml(params, chart, unit, ctx, byLabel, bandRows, scale) {
  const list = Array.isArray(params) ? params : [params];
  if (list.length === 0) return '';
  const year = String(list[0].axisValueLabel ?? list[0].name);
  const number = (v) => escapeHtml(formatNumber(v, ctx.lang));
  // One row per scenario: its value, and on a chart with a dashed metric that one beside it (operating capacity).
  const byName = new Map();
  for (const p of list) {
    const id = String(p.seriesId);
    if (id === 'target' || id.startsWith('band:') || id.startsWith('p50:')) continue;
    const row = byName.get(p.seriesName) ?? { name: p.seriesName, entry: byLabel.get(p.seriesName) };
    const value = Array.isArray(p.value) ? p.value[1] : p.value;
    if (chart.dashed && id.startsWith(`${chart.dashed.id}:`)) row.dashed = value;
    else row.value = value;
    byName.set(p.seriesName, row);
  }
  const rows = [...byName.values()].map((r) => {
    const dashed = chart.dashed && r.dashed !== undefined ? ` <span class="sub">${escapeHtml(chart.dashed.label[ctx.lang])} ${number(r.dashed)}</span>` : '';
    return `<tr><td><span class="${r.entry ? swatchClass(r.entry) : 'sw'}"></span>${escapeHtml(r.name)}</td><td class="num">${number(r.value)} ${escapeHtml(unit)}${dashed}</td></tr>`;
  });
  for (const { entry, byYear } of bandRows) {
    const b = byYear.get(year);
    if (!b) continue;
    rows.push(
      `<tr class="band"><td><span class="${swatchClass(entry)} band"></span>${escapeHtml(bandName(entry, ctx))}</td><td class="num">${number(scale(b.p10))} – ${number(scale(b.p90))} ${escapeHtml(unit)} <span class="sub">${escapeHtml(ctx.t('tooltipP50'))} ${number(scale(b.p50))}</span></td></tr>`,
    );
  }
  return `<div class="tt-year">${escapeHtml(year)}</div><table>${rows.join('')}</table>`;
}
