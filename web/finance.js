// The finance view: for the ticked scenarios with a `finance:` section, a card each (LCOE, IRR, NPV, payback,
// investment against the amount signed), the whole plan's cash flows by year (capex, opex, revenue, net and the
// cumulative net), the LCOE of every ticked finance scenario side by side, and a tariff what-if that re-runs the
// shown scenario at another fixed tariff (POST /api/finance, a body that `extends` the file and sets
// finance.tariff). Data: GET /api/scenarios/:id/finance (the JSON of `pvplan finance FILE`), fetched once per
// scenario for the page's life. Metric labels come from the registry (GET /api/meta → financeMetrics when served,
// else the labels below); money is shown in the registry's display magnitudes (亿元 in Chinese units).

import { api } from './api.js';
import { colorOf } from './charts.js';
import { colorIndexOf } from './list.js';
import { $, el, state } from './state.js';
import { formatNumber, glance, magnitudeOfAll } from './units.js';
import { addStylesheet, chartIn, nameOf, redrawOnResize, redrawOnSwitches, renderHeadText, renderStatus, scenarioCard, startDraw, viewHead } from './view.js';

const STRINGS = {
  en: {
    title: 'Finance: what the plan costs and earns',
    intro: 'The whole plan of each ticked scenario with a finance section (named projects and the aggregate path), real money; LCOE excludes tax and financing.',
    shown: 'Scenario shown',
    loading: 'computing the finance…',
    error: 'finance failed: {message}',
    lcoe: 'LCOE',
    npv: 'NPV',
    irr: 'IRR (real)',
    payback: 'payback',
    years: 'years',
    investment: 'investment, named projects',
    signed: 'signed',
    share: 'named: {share}',
    noIrr: 'none',
    cashflows: 'Whole plan, cash flows by year ({unit}, real money of {year})',
    capex: 'capex',
    opex: 'opex',
    revenue: 'revenue',
    net: 'net',
    cumulative: 'cumulative net',
    compare: 'LCOE side by side ({unit})',
    tariff: 'Tariff what-if (CNY/kWh)',
    tariffRun: 'Re-run',
    tariffHint: 'The shown scenario at one fixed tariff for every project.',
    tariffResult: 'at {tariff} CNY/kWh: LCOE {lcoe}, NPV {npv}, IRR {irr}',
    tariffBad: 'give a tariff above 0, in CNY/kWh (e.g. 0.45)',
    running: 'running…',
    noneTicked: '',
  },
  zh: {
    title: '财务：规划的投资与收益',
    intro: '所勾选、含财务部分的情景的整体规划（具名项目与总量路径），实际价格；平准化度电成本不含税费与融资。',
    shown: '显示的情景',
    loading: '正在计算财务…',
    error: '财务计算失败：{message}',
    lcoe: '平准化度电成本',
    npv: '净现值',
    irr: '内部收益率',
    payback: '投资回收期',
    years: '年',
    investment: '具名项目投资',
    signed: '签约投资',
    share: '具名占 {share}',
    noIrr: '无',
    cashflows: '整体规划逐年现金流（{unit}，{year} 年实际价格）',
    capex: '投资',
    opex: '运维',
    revenue: '收入',
    net: '净现金流',
    cumulative: '累计净现金流',
    compare: '平准化度电成本对比（{unit}）',
    tariff: '电价假设（元/千瓦时）',
    tariffRun: '重新计算',
    tariffHint: '所显示情景，全部项目按同一固定电价。',
    tariffResult: '电价 {tariff} 元/千瓦时：度电成本 {lcoe}，净现值 {npv}，内部收益率 {irr}',
    tariffBad: '请输入大于 0 的电价，单位元/千瓦时（如 0.45）',
    running: '计算中…',
    noneTicked: '',
  },
};

function ft(key, vars = {}) {
  return STRINGS[state.lang === 'zh' ? 'zh' : 'en'][key].replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

const view = {
  /** id → { status: 'pending' | 'ready' | 'error', report?, error? } */
  jobs: new Map(),
  shownId: null,
  /** The last tariff what-if: { id, tariff, status, report?, error? } */
  whatIf: null,
  charts: new Map(),
};


const units = () => ({ displayUnits: state.meta.displayUnits, magnitudes: state.meta.magnitudes });
const money = (yuan) => glance(yuan, units(), state.units, 'money', state.lang);
/** LCOE in the display unit of moneyPerEnergy (元/千瓦时 or CNY/kWh), four significant digits. */
function lcoeText(v) {
  if (v === null || v === undefined) return '—';
  return `${formatNumber(v / state.meta.displayUnits[state.units].moneyPerEnergy.divisor, state.lang)} ${state.meta.displayUnits[state.units].moneyPerEnergy.unit}`;
}
function percent(frac) {
  if (frac === null || frac === undefined) return ft('noIrr');
  const text = formatNumber(frac * 100, state.lang);
  return state.lang === 'zh' ? `${text}%` : `${text} %`;
}
const yearsText = (y) => (y === null || y === undefined ? '—' : `${formatNumber(y, state.lang)} ${ft('years')}`);

function build() {
  addStylesheet('/finance.css');
  const section = el(
    'section',
    { class: 'panel finance', id: 'finance', 'data-testid': 'finance', 'aria-labelledby': 'fin-heading', hidden: true },
    ...viewHead('fin', (id) => ((view.shownId = id), draw())),
    el('div', { class: 'fin-cards', 'data-testid': 'fin-cards' }),
    el(
      'div',
      { class: 'fin-grid' },
      el('div', { class: 'chart-card wide' }, el('header', {}, el('h3', { id: 'fin-title-cashflows' })), el('div', { class: 'chart', id: 'fin-chart-cashflows', 'data-testid': 'fin-chart-cashflows', role: 'img', 'aria-labelledby': 'fin-title-cashflows' })),
      el('div', { class: 'chart-card' }, el('header', {}, el('h3', { id: 'fin-title-compare' })), el('div', { class: 'chart', id: 'fin-chart-compare', 'data-testid': 'fin-chart-compare', role: 'img', 'aria-labelledby': 'fin-title-compare' })),
      el(
        'form',
        { class: 'chart-card fin-tariff', 'data-testid': 'fin-tariff', onsubmit: (e) => (e.preventDefault(), runTariff()) },
        el('label', { for: 'fin-tariff-input', id: 'fin-tariff-label' }),
        el('div', { class: 'fin-tariff-row' }, el('input', { id: 'fin-tariff-input', 'data-testid': 'fin-tariff-input', type: 'number', step: '0.0001', min: '0', inputmode: 'decimal' }), el('button', { type: 'submit', id: 'fin-tariff-run', 'data-testid': 'fin-tariff-run' })),
        el('p', { class: 'hint', id: 'fin-tariff-hint' }),
        el('p', { class: 'fin-tariff-result', id: 'fin-tariff-result', 'data-testid': 'fin-tariff-result', role: 'status', 'aria-live': 'polite' }),
      ),
    ),
  );
  const anchor = $('#system') ?? $('.panel.differs');
  anchor.before(section);
  redrawOnResize(section, view.charts, draw);
}

function runTariff() {
  const id = view.shownId;
  const input = $('#fin-tariff-input');
  const tariff = Number(input.value);
  const base = state.list.find((s) => s.id === id);
  if (!base || !(tariff > 0) || !Number.isFinite(tariff)) {
    view.whatIf = { id, tariff: input.value, status: 'error', error: ft('tariffBad') };
    draw();
    return;
  }
  const job = { id, tariff, status: 'pending' };
  view.whatIf = job;
  draw();
  api
    .financeWhatIf({ extends: base.file, finance: { tariff: `${tariff}元/kWh` } })
    .then(
      (report) => Object.assign(job, { status: 'ready', report }),
      (e) => Object.assign(job, { status: 'error', error: e.message }),
    )
    .then(() => view.whatIf === job && draw());
}

function chartOf(kind) {
  return chartIn(view.charts, kind, document.getElementById(`fin-chart-${kind}`));
}

function card(id, report) {
  const t = report.total;
  const inv = report.investment;
  const row = (key, value) => [ft(key), value, `fin-${id}-${key}`];
  return scenarioCard(
    id,
    { class: 'card fin-card', 'data-testid': `fin-card-${id}`, 'data-lcoe': t.lcoeYuanPerKWh, 'data-npv': t.npvYuan, 'data-irr': t.irrFrac },
    { label: ft('lcoe'), value: lcoeText(t.lcoeYuanPerKWh), testid: `fin-${id}-lcoe` },
    [
      row('npv', money(t.npvYuan)),
      row('irr', percent(t.irrFrac)),
      row('payback', yearsText(t.paybackYears)),
      row('investment', money(inv.namedYuan)),
      ...(inv.signedYuan === undefined ? [] : [row('signed', `${money(inv.signedYuan)} (${ft('share', { share: percent(inv.namedShareOfSignedFrac) })})`)]),
    ],
  );
}

function textStyle() {
  return { fontFamily: getComputedStyle(document.body).fontFamily };
}

function cashflowOption(report, widthPx) {
  const rows = report.total.cashflows;
  const m = magnitudeOfAll(rows.flatMap((r) => [r.capexYuan, r.revenueYuan, r.cumulativeNetYuan]), units(), state.units, 'money');
  const v = (x) => Number((x / m.divisor).toPrecision(6));
  const narrow = widthPx < 600;
  const bar = (key, values, color) => ({ id: key, name: ft(key), type: 'bar', stack: key === 'revenue' ? 'in' : 'out', data: values, itemStyle: { color }, barMaxWidth: 18 });
  return {
    textStyle: textStyle(),
    animation: false,
    grid: { left: narrow ? 48 : 72, right: 16, top: narrow ? 84 : 48, bottom: 32 },
    legend: { top: 0, type: 'plain', itemWidth: 14, textStyle: { fontSize: narrow ? 11 : 12 } },
    tooltip: { trigger: 'axis', valueFormatter: (x) => `${formatNumber(x, state.lang)} ${m.unit}` },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: m.unit, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (x) => formatNumber(x, state.lang) } },
    series: [
      bar('capex', rows.map((r) => -v(r.capexYuan)), '#b2182b'),
      bar('opex', rows.map((r) => -v(r.opexYuan)), '#ef8a62'),
      bar('revenue', rows.map((r) => v(r.revenueYuan)), '#2166ac'),
      { id: 'net', name: ft('net'), type: 'line', data: rows.map((r) => v(r.netYuan)), symbol: 'none', lineStyle: { width: 2, color: '#1b7837' }, itemStyle: { color: '#1b7837' } },
      { id: 'cumulative', name: ft('cumulative'), type: 'line', data: rows.map((r) => v(r.cumulativeNetYuan)), symbol: 'none', lineStyle: { width: 2, type: 'dashed', color: '#000' }, itemStyle: { color: '#000' } },
    ],
  };
}

function compareOption(entries, widthPx) {
  const du = state.meta.displayUnits[state.units].moneyPerEnergy;
  const narrow = widthPx < 600;
  return {
    textStyle: textStyle(),
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x) => `${formatNumber(x, state.lang)} ${du.unit}` },
    xAxis: { type: 'value', axisLabel: { formatter: (x) => formatNumber(x, state.lang), hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: entries.map((e) => e.name), axisLabel: { width: narrow ? 110 : 220, overflow: 'truncate' } },
    series: [
      {
        id: 'lcoe',
        type: 'bar',
        barMaxWidth: 28,
        data: entries.map((e) => ({ value: e.lcoe === null ? null : Number((e.lcoe / du.divisor).toPrecision(6)), itemStyle: { color: e.color } })),
        label: { show: true, position: 'right', formatter: (p) => formatNumber(p.value, state.lang) },
      },
    ],
  };
}

function renderText() {
  renderHeadText('fin', ft('title'), ft('intro'), ft('shown'));
  $('#fin-tariff-label').textContent = ft('tariff');
  $('#fin-tariff-run').textContent = ft('tariffRun');
  $('#fin-tariff-hint').textContent = ft('tariffHint');
  $('#fin-title-compare').textContent = ft('compare', { unit: state.meta.displayUnits[state.units].moneyPerEnergy.unit });
}

function renderWhatIf() {
  const out = $('#fin-tariff-result');
  const w = view.whatIf;
  out.classList.toggle('error-text', w?.status === 'error');
  delete out.dataset.npv;
  if (!w || w.id !== view.shownId) return (out.textContent = '');
  if (w.status === 'pending') return (out.textContent = ft('running'));
  if (w.status === 'error') return (out.textContent = w.error);
  const t = w.report.total;
  Object.assign(out.dataset, { npv: t.npvYuan, lcoe: t.lcoeYuanPerKWh, irr: t.irrFrac ?? '' });
  out.textContent = ft('tariffResult', { tariff: formatNumber(w.tariff, state.lang), lcoe: lcoeText(t.lcoeYuanPerKWh), npv: money(t.npvYuan), irr: percent(t.irrFrac) });
}

/** Redraws the view from what is held: hidden without a ticked finance scenario. */
function draw() {
  const ids = startDraw('finance', 'fin', view, api.finance, draw);
  if (ids === null) return;
  renderText();
  renderStatus('fin', ids, view.jobs, (message) => ft('error', { message }), ft('loading'));

  const ready = ids.filter((id) => view.jobs.get(id)?.status === 'ready');
  $('[data-testid="fin-cards"]').replaceChildren(...ready.map((id) => card(id, view.jobs.get(id).report)));
  const shown = view.jobs.get(view.shownId);
  const report = shown?.status === 'ready' ? shown.report : null;
  const widthOf = (kind) => document.getElementById(`fin-chart-${kind}`).clientWidth;
  if (report) {
    const m = magnitudeOfAll(report.total.cashflows.flatMap((r) => [r.capexYuan, r.revenueYuan, r.cumulativeNetYuan]), units(), state.units, 'money');
    $('#fin-title-cashflows').textContent = ft('cashflows', { unit: m.unit, year: report.referenceYear });
    chartOf('cashflows').setOption(cashflowOption(report, widthOf('cashflows')), { notMerge: true });
  } else {
    $('#fin-title-cashflows').textContent = '';
    view.charts.get('cashflows')?.clear();
  }
  const entries = ready.map((id) => ({ name: nameOf(id), lcoe: view.jobs.get(id).report.total.lcoeYuanPerKWh, color: colorOf({ id, colorIndex: colorIndexOf(id) }) }));
  $('#fin-chart-compare').style.height = `${Math.max(120, 44 * entries.length + 24)}px`;
  if (entries.length > 0) {
    chartOf('compare').resize();
    chartOf('compare').setOption(compareOption(entries, widthOf('compare')), { notMerge: true });
  } else view.charts.get('compare')?.clear();
  renderWhatIf();
  // For tests: the scenarios whose finance is drawn.
  document.body.dataset.finance = report ? ready.join(' ') : '';
}

/** Builds the view (hidden until a finance scenario is ticked) and follows the list and the switches. */
export function initFinanceView() {
  build();
  redrawOnSwitches(draw);
  window.__pvplan.financeOption = (kind) => view.charts.get(kind)?.getOption();
  draw();
}
