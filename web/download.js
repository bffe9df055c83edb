// Downloads made in the page: a chart as PNG or SVG, redrawn off-screen with its title, a full legend and a
// source line (ECharts' canvas renderer for PNG, its SVG renderer for SVG), and the comparison as the CSV the
// server renders.

import { api } from './api.js';
import { exportOption } from './charts.js';
import { entries, whatIfShown } from './results.js';
import { ctx, state } from './state.js';

/** Saves a URL (data: or blob:) under a file name. */
export function saveUrl(url, fileName) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  saveUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Pixel ratio of a PNG export: twice the screen's resolution, sharp on a projector and in a printed report. */
const PNG_PIXEL_RATIO = 2;
/** Smallest export size (px): a chart read on a phone still exports at a size fit for a slide. */
const EXPORT_MIN_WIDTH_PX = 800;
const EXPORT_MIN_HEIGHT_PX = 400;

/** An option drawn off-screen by ECharts' canvas renderer, as a PNG data URL on white. */
export function chartPng(echarts, option, width, height) {
  const stage = document.createElement('div');
  stage.className = 'export-stage';
  document.body.append(stage);
  const chart = echarts.init(stage, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.getDataURL({ type: 'png', pixelRatio: PNG_PIXEL_RATIO, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
    stage.remove();
  }
}

/** The same option drawn by the SVG renderer in server-side-rendering mode (no DOM needed), as SVG text. */
export function chartSvg(echarts, option, width, height) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * A chart ready to export: the title, a legend with every series, the unit on the axis and the source line
 * (exportOption in charts.js), at the chart's size on screen (at least 800 × 400) plus room for those.
 */
export function exportedChart(kind) {
  const box = document.getElementById(`chart-${kind}`);
  const width = Math.max(box.clientWidth, EXPORT_MIN_WIDTH_PX);
  const { option, heightPx } = exportOption(kind, entries(), { ...ctx(), widthPx: width, heightPx: Math.max(box.clientHeight, EXPORT_MIN_HEIGHT_PX) });
  return { option, width, height: heightPx };
}

export function downloadChart(kind, type) {
  const name = `pvplan-${kind}-${state.units}`;
  const { option, width, height } = exportedChart(kind);
  if (type === 'png') {
    saveUrl(chartPng(window.echarts, option, width, height), `${name}.png`);
    return;
  }
  saveBlob(new Blob([chartSvg(window.echarts, option, width, height)], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function downloadCsv() {
  const whatIfs = whatIfShown() && state.whatIf.body ? [state.whatIf.body] : [];
  const blob = await api.compareCsv(state.selected, whatIfs, state.csvMetric, state.units);
  saveBlob(blob, `pvplan-compare-${state.csvMetric}-${state.units}.csv`);
}
