// ECharts options of the energy-system view, built by pure functions from the JSON of
// GET /api/scenarios/:id/system (= `pvplan system FILE --format json`): the duration curve of generation against
// the export limit, the 12 × 24 heatmap (month × hour) of curtailment or state of charge, the week as a stacked
// area, and the curtailment of several options side by side. Only the "common" ECharts build is loaded, which has
// no heatmap series: the heatmap is drawn as 24 stacked horizontal bars of width one hour, each cell coloured.

import { toDisplay } from './units.js';

const FONT_FAMILY = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
/** Colours of the flows (Okabe–Ito hues): PV orange, wind blue, other brown, storage green/purple, curtailed vermilion. */
export const FLOW_COLORS = { pv: '#E69F00', wind: '#0072B2', other: '#8C6D1F', discharge: '#009E73', charge: '#CC79A7', curtailed: '#D55E00', export: '#1B1B1B', limit: '#B00020' };
/** Lighter shades for a second and third generator of one kind. */
const SHADES = [1, 0.7, 0.5];
/** Colour ramps of the heatmap, from 0 to the largest cell: white to vermilion (curtailment), white to teal (SOC). */
const RAMPS = { curtailment: ['#FFFFFF', '#FDD0A2', '#F16913', '#A63603'], soc: ['#FFFFFF', '#C7E9C0', '#41AB5D', '#00441B'] };
const HOURS_PER_DAY = 24;
const MONTHS = 12;
/** Room kept under the heatmap for its colour scale, px. */
const SCALE_BAR_PX = 44;

/** Month names of a language ('Jan' / '1月'), from the browser's own calendar data. */
export function monthNames(lang) {
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: MONTHS }, (_, m) => fmt.format(new Date(Date.UTC(2001, m, 15))));
}

/** A number with about three significant figures (heatmap cells span several magnitudes; fixed decimals would show 0). */
export function formatSignificant(x, lang) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: 3 });
}

function base(ctx) {
  return { animation: false, textStyle: { fontSize: ctx.fontSize, fontFamily: FONT_FAMILY } };
}

function unitOf(ctx, dimension) {
  return ctx.displayUnits[ctx.units][dimension].unit;
}

function scaler(ctx, dimension) {
  return (v) => toDisplay(v, ctx.displayUnits, ctx.units, dimension);
}

/** How many rows a legend of `names` takes in `widthPx` (a CJK character counts two narrow ones). */
function legendRows(names, widthPx, fontSize) {
  const charPx = fontSize * 0.6;
  let rows = 1;
  let used = 0;
  for (const n of names) {
    let units = 0;
    for (const ch of n) units += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
    const w = units * charPx + 40;
    if (used > 0 && used + w > widthPx) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

function legend(names, ctx, colors) {
  return { show: true, type: 'plain', top: 0, left: 0, right: 0, itemGap: 14, textStyle: { fontSize: ctx.fontSize }, data: names.map((name, i) => ({ name, itemStyle: { color: colors[i] } })) };
}

/** Grid top under a legend of `rows` rows, leaving room for the y axis' name above the grid. */
function topUnder(rows, ctx) {
  return rows * (ctx.fontSize + 10) + ctx.fontSize + 22;
}

function legendTop(names, ctx) {
  return topUnder(legendRows(names, ctx.widthPx ?? 800, ctx.fontSize), ctx);
}

/**
 * The duration curve: generation sorted from the largest, against the share of the hours it is reached, with the
 * export limit; the part above the limit (what is curtailed without storage) shaded. Series ids: 'generation'
 * (the curve, display units), 'within', 'above' (the two fills).
 */
export function durationOption(report, ctx) {
  const power = scaler(ctx, 'power');
  const unit = unitOf(ctx, 'power');
  const curve = report.durationCurve.generationMWByExceedancePercent;
  const limit = report.durationCurve.exportLimitMW;
  const xs = curve.map((_, i) => (i * 100) / (curve.length - 1));
  const names = [ctx.t('sysGeneration'), ctx.t('sysWithinLimit'), ctx.t('sysAboveLimit')];
  const fill = (id, name, values, color, opacity) => ({ id, name, type: 'line', stack: 'dc', symbol: 'none', silent: true, lineStyle: { width: 0 }, areaStyle: { color, opacity }, color, data: values.map((v, i) => [xs[i], power(v)]) });
  return {
    ...base(ctx),
    grid: { left: 8, right: 20, top: legendTop(names, ctx), bottom: 26, containLabel: true },
    legend: legend(names, ctx, [FLOW_COLORS.export, FLOW_COLORS.wind, FLOW_COLORS.curtailed]),
    tooltip: { trigger: 'axis', confine: true, className: 'pv-tooltip', valueFormatter: (v) => `${formatSignificant(v, ctx.lang)} ${unit}` },
    xAxis: { type: 'value', min: 0, max: 100, interval: 20, name: ctx.t('sysHoursExceeded'), nameLocation: 'middle', nameGap: 24, axisLabel: { fontSize: ctx.fontSize } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: ctx.fontSize, fontWeight: 'bold', align: 'left' }, axisLabel: { fontSize: ctx.fontSize, formatter: (v) => formatSignificant(v, ctx.lang) }, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    series: [
      fill('within', names[1], curve.map((g) => Math.min(g, limit)), FLOW_COLORS.wind, 0.22),
      fill('above', names[2], curve.map((g) => Math.max(0, g - limit)), FLOW_COLORS.curtailed, 0.55),
      {
        id: 'generation',
        name: names[0],
        type: 'line',
        symbol: 'none',
        color: FLOW_COLORS.export,
        lineStyle: { width: 2, color: FLOW_COLORS.export },
        data: curve.map((g, i) => [xs[i], power(g)]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: FLOW_COLORS.limit, type: 'dashed', width: 1.5 },
          label: { position: 'insideEndTop', color: FLOW_COLORS.limit, fontSize: ctx.fontSize, formatter: () => ctx.t('sysLimit', { value: `${formatSignificant(power(limit), ctx.lang)} ${unit}` }) },
          data: [{ yAxis: power(limit) }],
        },
      },
    ],
  };
}

/** A colour of a ramp at t in [0, 1], interpolated linearly between its stops (sRGB). */
export function rampColor(stops, t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const rgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const a = rgb(stops[i]);
  const b = rgb(stops[i + 1]);
  return `#${a.map((v, k) => Math.round(v + f * (b[k] - v)).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The 12 × 24 heatmap of `mode` 'curtailment' (MWh summed per month and local hour, in display units) or 'soc'
 * (mean state of charge, %). Each of the 24 series is one hour of the day; its 12 cells carry `cell` (the value
 * shown) and their colour. The colour scale is drawn under the grid with its two ends labelled.
 */
export function heatmapOption(report, mode, ctx) {
  const months = monthNames(ctx.lang);
  const energy = scaler(ctx, 'energy');
  const pct = ctx.inputUnits.percent.perInternal;
  const matrix = mode === 'soc' ? report.heatmaps.meanSocFrac.map((row) => row.map((v) => v * pct)) : report.heatmaps.curtailedMWh.map((row) => row.map(energy));
  const unit = mode === 'soc' ? ctx.inputUnits.percent.unit : unitOf(ctx, 'energy');
  let max = 0;
  for (const row of matrix) for (const v of row) if (v > max) max = v;
  const ramp = RAMPS[mode === 'soc' ? 'soc' : 'curtailment'];
  const hourText = (h) => `${String(h).padStart(2, '0')}:00`;
  const series = Array.from({ length: HOURS_PER_DAY }, (_, h) => ({
    id: `hour-${h}`,
    name: hourText(h),
    type: 'bar',
    stack: 'day',
    barCategoryGap: 0,
    barGap: 0,
    emphasis: { itemStyle: { borderColor: '#17202a', borderWidth: 1 } },
    data: matrix.map((row, m) => ({ value: 1, cell: row[h], month: m, hour: h, itemStyle: { color: rampColor(ramp, max > 0 ? row[h] / max : 0) } })),
  }));
  const widthPx = ctx.widthPx ?? 600;
  const barLeft = 56;
  const barWidth = Math.max(120, Math.min(320, widthPx - barLeft - 16));
  const stops = ramp.map((color, i) => ({ offset: i / (ramp.length - 1), color }));
  const label = (text, place) => ({ type: 'text', ...place, bottom: 0, style: { text, fill: '#17202a', font: `${ctx.fontSize - 1}px ${FONT_FAMILY}` } });
  return {
    ...base(ctx),
    grid: { left: 8, right: 16, top: 12, bottom: SCALE_BAR_PX + 18, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      className: 'pv-tooltip',
      formatter: (p) => `${months[p.data.month]} ${hourText(p.data.hour)}–${hourText(p.data.hour + 1)}<br><b>${formatSignificant(p.data.cell, ctx.lang)} ${unit}</b>`,
    },
    xAxis: { type: 'value', min: 0, max: HOURS_PER_DAY, interval: 3, name: ctx.t('sysHour'), nameLocation: 'middle', nameGap: 22, axisLabel: { fontSize: ctx.fontSize }, splitLine: { show: false } },
    yAxis: { type: 'category', inverse: true, data: months, axisTick: { show: false }, axisLabel: { fontSize: ctx.fontSize } },
    graphic: [
      { type: 'rect', left: barLeft, bottom: 20, shape: { width: barWidth, height: 10 }, style: { fill: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: stops }, stroke: '#aab4bf' } },
      label('0', { left: barLeft }),
      label(`${formatSignificant(max, ctx.lang)} ${unit}`, { right: Math.max(0, widthPx - barLeft - barWidth) }),
    ],
    series,
  };
}

/** Local date and hour of step i of a week starting at `start` (ISO 8601 text on the site's clock). */
export function weekLabels(start, steps) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(start);
  const day0 = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const h0 = Number(m[4]);
  return Array.from({ length: steps }, (_, i) => {
    const d = new Date(day0 + Math.floor((h0 + i) / HOURS_PER_DAY) * 86_400_000);
    return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')} ${String((h0 + i) % HOURS_PER_DAY).padStart(2, '0')}:00`;
  });
}

/**
 * The week as a stacked area: above zero what reaches the connection's bus (each generator, then the storage's
 * discharge); below zero what does not go to the grid (the storage's charge, the curtailed output); the export as
 * a line, which is the upper stack less the lower one, and the export limit dashed. Series ids: 'gen-<i>',
 * 'discharge', 'charge', 'curtailed', 'export'.
 */
export function weekOption(report, ctx) {
  const power = scaler(ctx, 'power');
  const unit = unitOf(ctx, 'power');
  const w = report.week;
  const labels = weekLabels(w.start, w.exportMW.length);
  // Dates 'MM-DD' need about 45 px each: on a narrow screen every second midnight is labelled.
  const midnights = labels.map((v, i) => (v.endsWith(' 00:00') ? i : -1)).filter((i) => i >= 0);
  const every = (ctx.widthPx ?? 800) < 640 ? 2 : 1;
  const labelled = new Set(midnights.filter((_, k) => k % every === 0));
  const seen = { pv: 0, wind: 0, other: 0 };
  const genColors = w.generators.map((g) => {
    const shade = SHADES[Math.min(SHADES.length - 1, seen[g.kind]++)];
    return shade === 1 ? FLOW_COLORS[g.kind] : rampColor(['#FFFFFF', FLOW_COLORS[g.kind]], shade);
  });
  const area = (id, name, values, color, stack, sign = 1) => ({
    id,
    name,
    type: 'line',
    stack,
    symbol: 'none',
    color,
    lineStyle: { width: 0 },
    areaStyle: { color, opacity: 0.85 },
    emphasis: { disabled: true },
    data: values.map((v) => power(sign * v)),
  });
  const series = [
    ...w.generators.map((g, i) => area(`gen-${i}`, g.name, g.generationMW, genColors[i], 'supply')),
    area('discharge', ctx.t('sysDischarge'), w.dischargeMW, FLOW_COLORS.discharge, 'supply'),
    area('charge', ctx.t('sysCharge'), w.chargeMW, FLOW_COLORS.charge, 'sink', -1),
    area('curtailed', ctx.t('sysCurtailed'), w.curtailedMW, FLOW_COLORS.curtailed, 'sink', -1),
    {
      id: 'export',
      name: ctx.t('sysExport'),
      type: 'line',
      symbol: 'none',
      color: FLOW_COLORS.export,
      lineStyle: { width: 2, color: FLOW_COLORS.export },
      z: 4,
      data: w.exportMW.map(power),
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: FLOW_COLORS.limit, type: 'dashed', width: 1.5 },
        label: { position: 'insideEndTop', color: FLOW_COLORS.limit, fontSize: ctx.fontSize, formatter: () => ctx.t('sysLimit', { value: `${formatSignificant(power(report.exportLimitMW), ctx.lang)} ${unit}` }) },
        data: [{ yAxis: power(report.exportLimitMW) }],
      },
    },
  ];
  const names = series.map((s) => s.name);
  const colors = series.map((s) => s.color);
  return {
    ...base(ctx),
    grid: { left: 8, right: 20, top: legendTop(names, ctx), bottom: 8, containLabel: true },
    legend: legend(names, ctx, colors),
    tooltip: { trigger: 'axis', confine: true, className: 'pv-tooltip', valueFormatter: (v) => `${formatSignificant(v, ctx.lang)} ${unit}` },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: false,
      // A label and a tick at each local midnight: the day's date.
      axisLabel: { fontSize: ctx.fontSize, interval: (i) => labelled.has(i), formatter: (v) => v.slice(0, 5) },
      axisTick: { interval: (_, v) => v.endsWith(' 00:00') },
    },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: ctx.fontSize, fontWeight: 'bold', align: 'left' }, axisLabel: { fontSize: ctx.fontSize, formatter: (v) => formatSignificant(v, ctx.lang) }, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    series,
  };
}

/**
 * Curtailment of several options side by side: curtailed energy by month, one bar per option in its scenario's
 * colour. `options` is [{ id, name, report, color }]. Series ids: 'curtailed:<id>'.
 */
export function compareOption(options, ctx) {
  const energy = scaler(ctx, 'energy');
  const unit = unitOf(ctx, 'energy');
  const names = options.map((o) => o.name);
  return {
    ...base(ctx),
    grid: { left: 8, right: 16, top: topUnder(names.length, ctx), bottom: 8, containLabel: true },
    // One option a row: the names are long (the scenario's own), cut to the chart's width.
    legend: { ...legend(names, ctx, options.map((o) => o.color)), orient: 'vertical', itemGap: 10, textStyle: { fontSize: ctx.fontSize, width: Math.max(120, (ctx.widthPx ?? 800) - 60), overflow: 'truncate' } },
    tooltip: { trigger: 'axis', confine: true, className: 'pv-tooltip', valueFormatter: (v) => `${formatSignificant(v, ctx.lang)} ${unit}` },
    xAxis: { type: 'category', data: monthNames(ctx.lang), axisLabel: { fontSize: ctx.fontSize } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: ctx.fontSize, fontWeight: 'bold', align: 'left' }, axisLabel: { fontSize: ctx.fontSize, formatter: (v) => formatSignificant(v, ctx.lang) }, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    series: options.map((o) => ({ id: `curtailed:${o.id}`, name: o.name, type: 'bar', color: o.color, itemStyle: { color: o.color }, data: o.report.monthly.curtailedMWh.map(energy) })),
  };
}
