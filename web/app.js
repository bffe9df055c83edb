// The pvplan page: tick scenarios to overlay their growth paths, switch units and language, try a what-if
// and save it. This module starts the page and wires the switches; state.js holds the state and preferences,
// list.js the scenario list, results.js the cards and charts, whatif-panel.js the what-if, download.js the
// downloads; charts.js builds chart options, whatif.js request bodies, api.js talks to the server.

import { api } from './api.js';
import { downloadCsv, exportedChart } from './download.js';
import { ensureMc, ensureReports, noteBandsDrawn, renderList } from './list.js';
import { initPortfolio, renderPortfolio } from './portfolio.js';
import { buildChartCards, renderAll } from './results.js';
import { $, el, loadPrefs, savePrefs, setMeta, state, tr } from './state.js';
import { initSystemView } from './system.js';
import { initFinanceView } from './finance.js';
import { chooseBase, fillForm, renderBaseSelect, wireWhatIf } from './whatif-panel.js';

// ---- static text ------------------------------------------------------------------------------------------

function renderText() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `pvplan — ${tr('title')}`;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = tr(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-unit]')) node.textContent = state.meta.displayUnits[state.units][node.dataset.unit].unit;
  for (const node of document.querySelectorAll('[data-input-unit]')) node.textContent = state.meta.inputUnits[node.dataset.inputUnit].unit;
  for (const node of document.querySelectorAll('[data-chart-title]')) node.textContent = state.chartDefs.find((c) => c.kind === node.dataset.chartTitle).title[state.lang];
  for (const input of document.querySelectorAll('input[type=number][id$="-num"]')) {
    const label = document.querySelector(`label[for="${input.id.replace(/-num$/, '')}"]`);
    if (label) input.setAttribute('aria-label', label.textContent.trim());
  }
  for (const r of document.querySelectorAll('input[name=lang]')) r.checked = r.value === state.lang;
  for (const r of document.querySelectorAll('input[name=units]')) r.checked = r.value === state.units;
  const metricSelect = $('#csv-metric');
  const choices = state.meta.metrics.filter((m) => m.compare);
  metricSelect.replaceChildren(...choices.map((m) => el('option', { value: m.id, selected: m.id === state.csvMetric }, m.label[state.lang])));
  $('#footer').textContent = tr('footer', { version: state.meta.pvplanVersion });
}

// ---- start -----------------------------------------------------------------------------------------------

function wireSwitches() {
  for (const r of document.querySelectorAll('input[name=lang]')) {
    r.addEventListener('change', () => {
      state.lang = r.value;
      savePrefs();
      rerender();
    });
  }
  for (const r of document.querySelectorAll('input[name=units]')) {
    r.addEventListener('change', () => {
      state.units = r.value;
      savePrefs();
      rerender();
    });
  }
  $('#csv-metric').addEventListener('change', (e) => {
    state.csvMetric = e.target.value;
    savePrefs();
  });
  $('#csv-download').addEventListener('click', () => void downloadCsv());
}

function rerender() {
  renderText();
  renderList();
  renderBaseSelect();
  if (state.whatIf.detail) {
    const keepName = $('#save-name').value;
    fillForm();
    $('#save-name').value = keepName;
  }
  renderAll();
  renderPortfolio();
}

/** The first scenario with a capacity target (else the first valid one): something useful on first view. */
function defaultSelection() {
  const valid = state.list.filter((s) => s.valid);
  const withTarget = valid.find((s) => s.targetCapacityMW !== undefined);
  return (withTarget ?? valid[0]) ? [(withTarget ?? valid[0]).id] : [];
}

async function start() {
  state.timings.scriptsMs = performance.now();
  const prefs = loadPrefs();
  state.lang = prefs.lang ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en');
  state.units = prefs.units ?? (state.lang === 'zh' ? 'cn' : 'si');
  state.csvMetric = prefs.csvMetric ?? 'capacity';
  const [meta, list] = await Promise.all([api.meta(), api.list()]);
  state.timings.listMs = performance.now();
  setMeta(meta);
  if (!meta.metrics.some((m) => m.compare && m.id === state.csvMetric)) state.csvMetric = meta.metrics.find((m) => m.compare).id;
  state.list = list.scenarios;
  const valid = new Set(state.list.filter((s) => s.valid).map((s) => s.id));
  state.selected = (prefs.selected ?? defaultSelection()).filter((id) => valid.has(id));
  state.whatIf.baseId = state.selected[0] ?? [...valid][0] ?? null;
  // Ask for the results while the page is being built; Monte Carlo bands follow when they arrive.
  const data = Promise.all([ensureReports(state.selected), state.whatIf.baseId ? chooseBase(state.whatIf.baseId, false) : null]);
  ensureMc(state.selected, 0);
  buildChartCards();
  renderText();
  renderList();
  wireSwitches();
  wireWhatIf();
  renderBaseSelect();
  await data;
  state.timings.dataMs = performance.now();
  renderAll(true);
  initSystemView();
  initFinanceView();
  state.rendered = true;
  noteBandsDrawn();
  state.timings.interactiveMs = performance.now();
  document.body.dataset.ready = 'true';
  // The portfolio view (scenarios with projects) loads after the page is interactive.
  initPortfolio().then(() => (document.body.dataset.portfolio = 'ready'), (e) => ((document.body.dataset.portfolio = 'error'), console.error(e)));
}

/** For tests: what a chart's export holds (its size, titles, legend, axis unit, series names). */
window.__pvplan.exported = (kind) => {
  const { option, width, height } = exportedChart(kind);
  return { width, height, titles: option.title.map((t) => t.text), legend: option.legend.data.map((d) => d.name), unit: option.yAxis.name, series: option.series.map((x) => x.name) };
};

start().catch((e) => {
  document.body.dataset.ready = 'error';
  const box = el('p', { class: 'fatal', role: 'alert' }, `${e.message}`);
  document.body.prepend(box);
  throw e;
});
