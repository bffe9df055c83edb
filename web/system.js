// The energy-system view: for the ticked scenarios with a `system:` section (PV, wind and storage behind one grid
// connection), the duration curve of generation against the export limit, the month × hour heatmap of curtailment
// or of the storage's state of charge, the week with the most curtailment as a stacked area, and the curtailment
// of every ticked option side by side. Data: GET /api/scenarios/:id/system (the JSON of `pvplan system FILE`),
// fetched once per scenario for the page's life; options from system-charts.js. The view wires itself to the
// scenario list and the language and unit switches, so app.js only calls initSystemView() once.

import { api } from './api.js';
import { colorOf } from './charts.js';
import { colorIndexOf } from './list.js';
import { $, ctx, el, state, tr } from './state.js';
import { compareOption, durationOption, heatmapOption, weekOption } from './system-charts.js';
import { formatNumber, formatQuantity, toInputUnit } from './units.js';
import { addStylesheet, chartIn, nameOf, redrawOnResize, redrawOnSwitches, renderHeadText, renderStatus, scenarioCard, startDraw, viewHead } from './view.js';

const CHARTS = ['duration', 'heatmap', 'week', 'compare'];

const view = {
  /** id → { status: 'pending' | 'ready' | 'error', report?, error? } */
  jobs: new Map(),
  shownId: null,
  heat: 'curtailment',
  charts: new Map(),
  options: new Map(),
};


function entryOf(id) {
  return { id, colorIndex: colorIndexOf(id) };
}

function percentText(frac) {
  const text = formatNumber(toInputUnit(frac, state.meta.inputUnits.percent), state.lang);
  return state.lang === 'zh' ? `${text}%` : `${text} %`;
}

function build() {
  addStylesheet('/system.css');
  const chartBox = (kind, extra = {}) => el('div', { class: 'chart', id: `sys-chart-${kind}`, 'data-testid': `sys-chart-${kind}`, role: 'img', 'aria-labelledby': `sys-title-${kind}`, ...extra });
  const title = (kind) => el('h3', { id: `sys-title-${kind}` });
  const heatSwitch = el(
    'fieldset',
    { class: 'sys-switch', 'data-testid': 'sys-heat-switch' },
    el('legend', { id: 'sys-heat-legend' }),
    ...['curtailment', 'soc'].map((mode) =>
      el('label', {}, el('input', { type: 'radio', name: 'sys-heat', value: mode, 'data-testid': `sys-heat-${mode}`, checked: mode === view.heat, onchange: () => setHeat(mode) }), el('span', { id: `sys-heat-${mode}-label` })),
    ),
  );
  const section = el(
    'section',
    { class: 'panel system', id: 'system', 'data-testid': 'system', 'aria-labelledby': 'sys-heading', hidden: true },
    ...viewHead('sys', show),
    el(
      'div',
      { class: 'sys-grid' },
      el('div', { class: 'chart-card' }, el('header', {}, title('duration')), chartBox('duration')),
      el('div', { class: 'chart-card' }, el('header', {}, title('heatmap'), heatSwitch), chartBox('heatmap'), el('p', { class: 'hint sys-note', id: 'sys-heat-note', 'data-testid': 'sys-heat-note', hidden: true })),
      el('div', { class: 'chart-card wide' }, el('header', {}, title('week')), chartBox('week')),
      el('div', { class: 'chart-card wide' }, el('header', {}, title('compare')), chartBox('compare'), el('div', { class: 'sys-options', 'data-testid': 'sys-options' })),
    ),
  );
  $('.panel.differs').before(section);
  redrawOnResize(section, view.charts, draw);
}

function setHeat(mode) {
  view.heat = mode;
  draw();
}

function show(id) {
  view.shownId = id;
  draw();
}

function chartOf(kind) {
  return chartIn(view.charts, kind, document.getElementById(`sys-chart-${kind}`));
}

function setChart(kind, option) {
  view.options.set(kind, option);
  chartOf(kind).setOption(option, { notMerge: true });
}

function clearChart(kind) {
  view.options.delete(kind);
  view.charts.get(kind)?.clear();
}

function renderText(report) {
  renderHeadText('sys', tr('sysTitle'), tr('sysIntro'), tr('sysShown'));
  $('#sys-title-duration').textContent = tr('sysDuration');
  $('#sys-title-heatmap').textContent = tr('sysHeatmap');
  $('#sys-heat-legend').textContent = tr('sysHeatShow');
  $('#sys-heat-curtailment-label').textContent = tr('sysHeatCurtailment');
  $('#sys-heat-soc-label').textContent = tr('sysHeatSoc');
  $('#sys-title-week').textContent = report ? tr('sysWeek', { start: report.week.start.slice(0, 10) }) : '';
  $('#sys-title-compare').textContent = tr('sysCompare');
}

function optionCard(id, report) {
  const du = state.meta.displayUnits;
  const q = (v, dim) => formatQuantity(v, du, state.units, dim, state.lang);
  const st = report.storage;
  const storage = st.energyMWh > 0 ? `${q(st.powerMW, 'power')} / ${q(st.energyMWh, 'energy')}` : tr('sysStorageNone');
  const hours = `${formatNumber(report.deliveredFullLoadHours, state.lang)} ${du[state.units].duration.unit}`;
  return scenarioCard(
    id,
    { class: 'card sys-option', 'data-testid': `sys-option-${id}`, 'data-curtailment-frac': report.curtailmentFrac, 'data-curtailed-mwh': report.curtailedMWh },
    { label: tr('sysCurtailment'), value: percentText(report.curtailmentFrac), testid: `sys-option-${id}-curtailment` },
    [
      [tr('sysStorage'), storage],
      [tr('sysCurtailedEnergy'), q(report.curtailedMWh, 'energy'), `sys-option-${id}-curtailed`],
      [tr('sysWithoutStorage'), percentText(report.withoutStorage.curtailmentFrac)],
      [tr('sysDeliveredHours'), hours, `sys-option-${id}-hours`],
      [tr('sysCycles'), formatNumber(report.equivalentFullCycles, state.lang)],
    ],
  );
}

/** Redraws the view from what is held: hidden without a ticked system scenario. */
function draw() {
  const ids = startDraw('system', 'sys', view, api.system, draw);
  if (ids === null) return;
  const shown = view.jobs.get(view.shownId);
  const report = shown?.status === 'ready' ? shown.report : null;
  renderText(report);
  renderStatus('sys', ids, view.jobs, (message) => tr('sysError', { message }), tr('sysLoading'));

  const c = ctx();
  const widthOf = (kind) => document.getElementById(`sys-chart-${kind}`).clientWidth;
  for (const r of document.querySelectorAll('input[name=sys-heat]')) r.checked = r.value === view.heat;
  const note = $('#sys-heat-note');
  if (report) {
    setChart('duration', durationOption(report, { ...c, widthPx: widthOf('duration') }));
    setChart('heatmap', heatmapOption(report, view.heat, { ...c, widthPx: widthOf('heatmap') }));
    setChart('week', weekOption(report, { ...c, widthPx: widthOf('week') }));
    note.hidden = !(view.heat === 'soc' && report.storage.energyMWh === 0);
    note.textContent = tr('sysNoStorage');
  } else {
    for (const kind of ['duration', 'heatmap', 'week']) clearChart(kind);
    note.hidden = true;
  }
  const ready = ids.filter((id) => view.jobs.get(id)?.status === 'ready');
  const options = ready.map((id) => ({ id, name: nameOf(id), report: view.jobs.get(id).report, color: colorOf(entryOf(id)) }));
  if (options.length > 0) setChart('compare', compareOption(options, { ...c, widthPx: widthOf('compare') }));
  else clearChart('compare');
  $('[data-testid="sys-options"]').replaceChildren(...options.map((o) => optionCard(o.id, o.report)));
  // For tests: the scenarios whose systems are drawn, the one shown first.
  document.body.dataset.system = report ? [view.shownId, ...ready.filter((id) => id !== view.shownId)].join(' ') : '';
}

/** Builds the view (hidden until a system scenario is ticked) and follows the list and the switches. */
export function initSystemView() {
  build();
  redrawOnSwitches(draw);
  window.__pvplan.systemOption = (kind) => view.charts.get(kind)?.getOption();
  window.__pvplan.systemCharts = CHARTS;
  draw();
}
