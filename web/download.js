// Downloads made in the page: a chart as PNG (from its canvas) or SVG (redrawn by ECharts' SVG renderer
// off-screen), and the comparison as the CSV the server renders.

import { api } from './api.js';
import { whatIfShown } from './results.js';
import { state } from './state.js';

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

/** The chart as a PNG at twice its screen resolution, on white (projector slides want an opaque image). */
export function chartPng(chart) {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
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

export function downloadChart(kind, type) {
  const name = `pvplan-${kind}-${state.units}`;
  if (type === 'png') {
    saveUrl(chartPng(state.charts.get(kind)), `${name}.png`);
    return;
  }
  const box = document.getElementById(`chart-${kind}`);
  const svg = chartSvg(window.echarts, state.options.get(kind), Math.max(box.clientWidth, 800), Math.max(box.clientHeight, 400));
  saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function downloadCsv() {
  const whatIfs = whatIfShown() && state.whatIf.body ? [state.whatIf.body] : [];
  const blob = await api.compareCsv(state.selected, whatIfs, state.csvMetric, state.units);
  saveBlob(blob, `pvplan-compare-${state.csvMetric}-${state.units}.csv`);
}
