// The pvplan page: tick scenarios to overlay their growth paths, switch units and language, try a what-if
// and save it. State lives here; charts.js builds chart options, whatif.js builds request bodies, api.js
// talks to the server. `window.__pvplan` exposes state, chart options and timings for tests and debugging.

import { api, ApiError } from './api.js';
import { CHARTS, chartOption, swatchClass } from './charts.js';
import { chartPng, chartSvg, saveBlob, saveUrl } from './download.js';
import { t } from './i18n.js';
import { formatNumber, formatQuantity, fromDisplay, toDisplay } from './units.js';
import { hasEdits, slugify, whatIfBody } from './whatif.js';

const EDITABLE_MODELS = ['cagr', 'linear', 'logistic'];
/** Charts a laptop shows without scrolling; the others are drawn right after the page becomes interactive. */
const FIRST_VIEW_CHARTS = ['capacity', 'energy'];
const STORAGE_KEY = 'pvplan.page.v1';
/** Years from the base year to the target the form offers when a scenario has no target. */
const DEFAULT_TARGET_SPAN_YEARS = 3;
/** Viewport width from which the page is taken to be on a projector or large screen (bigger chart fonts). */
const LARGE_SCREEN_PX = 1600;
const PERCENT_PER_FRACTION = 100;
/** t/MWh → g/kWh for the coal input. */
const G_PER_KWH_PER_T_PER_MWH = 1000;

const $ = (sel) => document.querySelector(sel);

const state = {
  meta: null,
  lang: 'en',
  units: 'si',
  list: [],
  selected: [],
  reports: new Map(),
  /** Monte Carlo of each ticked scenario with distributions: id → { status: 'pending'|'ready'|'error', report?, error?, startedAt }. */
  mc: new Map(),
  csvMetric: 'capacity',
  charts: new Map(),
  options: new Map(),
  whatIf: { baseId: null, detail: null, edits: {}, report: null, body: null, show: true, error: null, inflight: false, pending: false, seq: 0 },
  timings: { interactiveMs: null, redrawMs: [], lastRedrawMs: null, bands: [] },
  redrawStartedAt: null,
  /** The first full render is done: later arrivals (Monte Carlo reports) redraw at once. */
  rendered: false,
};

window.__pvplan = {
  state,
  option: (kind) => state.charts.get(kind)?.getOption(),
  timings: state.timings,
};

function tr(key, vars) {
  return t(state.lang, key, vars);
}

function ctx() {
  return { lang: state.lang, units: state.units, displayUnits: state.meta.displayUnits, t: tr, fontSize: window.innerWidth >= LARGE_SCREEN_PX ? 16 : 13 };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

// ---- preferences ----------------------------------------------------------------------------------------

function loadPrefs() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
}

function savePrefs() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ lang: state.lang, units: state.units, selected: state.selected, csvMetric: state.csvMetric }));
  } catch {
    // Private windows may refuse storage; the page works without it.
  }
}

// ---- static text ------------------------------------------------------------------------------------------

function renderText() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `pvplan — ${tr('title')}`;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = tr(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-unit]')) node.textContent = state.meta.displayUnits[state.units][node.dataset.unit].unit;
  for (const input of document.querySelectorAll('input[type=number][id$="-num"]')) {
    const label = document.querySelector(`label[for="${input.id.replace(/-num$/, '')}"]`);
    if (label) input.setAttribute('aria-label', label.textContent.trim());
  }
  for (const r of document.querySelectorAll('input[name=lang]')) r.checked = r.value === state.lang;
  for (const r of document.querySelectorAll('input[name=units]')) r.checked = r.value === state.units;
  const metricSelect = $('#csv-metric');
  metricSelect.replaceChildren(...state.meta.metrics.map((m) => el('option', { value: m.id, selected: m.id === state.csvMetric }, tr(`metric_${m.id}`))));
  $('#footer').textContent = tr('footer', { version: state.meta.pvplanVersion });
}

// ---- scenario list ---------------------------------------------------------------------------------------

function colorIndexOf(id) {
  return Math.max(0, state.list.filter((s) => s.valid).findIndex((s) => s.id === id));
}

function targetText(item) {
  if (item.targetCapacityMW === undefined || item.targetCapacityMW === null) return tr('noTarget');
  return `${tr('target')} ${formatQuantity(item.targetCapacityMW, state.meta.displayUnits, state.units, 'power', state.lang)} · ${item.target.year}`;
}

function renderList() {
  const ul = $('.scenario-list');
  ul.setAttribute('aria-busy', 'false');
  ul.replaceChildren(
    ...state.list.map((item) => {
      if (!item.valid) {
        return el(
          'li',
          { class: 'invalid', 'data-testid': `invalid-${item.id}` },
          el('label', {}, el('input', { type: 'checkbox', disabled: true, 'aria-describedby': `err-${item.id}` }), el('span', { class: 'name' }, item.file), el('span', { class: 'badge' }, tr('invalid'))),
          el('p', { class: 'err', id: `err-${item.id}` }, item.error?.message ?? ''),
        );
      }
      const checked = state.selected.includes(item.id);
      return el(
        'li',
        { class: checked ? 'on' : '' },
        el(
          'label',
          { title: item.description ?? '' },
          el('input', { type: 'checkbox', checked, 'data-testid': `pick-${item.id}`, value: item.id, onchange: (e) => toggle(item.id, e.target.checked) }),
          el('span', { class: swatchClass({ colorIndex: colorIndexOf(item.id) }), 'aria-hidden': 'true' }),
          el('span', { class: 'name' }, item.name),
          el('small', { class: 'meta' }, `${item.id} · ${targetText(item)}`),
        ),
      );
    }),
  );
}

async function toggle(id, on) {
  state.selected = on ? [...state.selected.filter((s) => s !== id), id] : state.selected.filter((s) => s !== id);
  savePrefs();
  // Only the row's look changes: rebuilding the list would take the keyboard focus away from the checkbox.
  document.querySelector(`[data-testid="pick-${id}"]`)?.closest('li')?.classList.toggle('on', on);
  // The Monte Carlo is asked for at once, beside the run result: its band then often comes with the first redraw.
  ensureMc(state.selected, performance.now());
  await ensureReports(state.selected);
  renderAll();
  noteBandsDrawn();
}

/** Fetches the results not yet held; a scenario that fails (its file became invalid meanwhile) is unticked and its error shown. */
async function ensureReports(ids) {
  const failed = [];
  await Promise.all(
    ids.filter((id) => !state.reports.has(id)).map(async (id) => {
      try {
        state.reports.set(id, await api.result(id));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        failed.push(`${id}: ${e.message}`);
        state.selected = state.selected.filter((s) => s !== id);
      }
    }),
  );
  const notice = $('#notice');
  notice.hidden = failed.length === 0;
  notice.textContent = failed.join('\n');
  if (failed.length > 0) {
    savePrefs();
    renderList();
  }
}

/** Whether the list says a scenario declares distributions (so its Monte Carlo has a spread worth drawing). */
function isUncertain(id) {
  return state.list.find((s) => s.id === id)?.uncertain === true;
}

/**
 * Starts the Monte Carlo of every given scenario that declares distributions and has none yet (one request each,
 * kept for the page's life like the run results); cards and charts are redrawn as each arrives. `startedAt`
 * (performance.now() of the tick, 0 for the page load) times the first band.
 */
function ensureMc(ids, startedAt) {
  for (const id of ids) {
    if (!isUncertain(id) || state.mc.has(id)) continue;
    const job = { status: 'pending', startedAt };
    state.mc.set(id, job);
    api
      .mc(id)
      .then(
        (report) => Object.assign(job, { status: 'ready', report }),
        (e) => Object.assign(job, { status: 'error', error: e.message }),
      )
      .then(() => {
        // Before the first render, or before the scenario's run result, the render that follows draws it.
        if (state.mc.get(id) !== job || !state.rendered || !state.reports.has(id) || !state.selected.includes(id)) return;
        renderResults();
        noteBandsDrawn();
      });
  }
}

/** Records the time to each scenario's first band (from its tick, or from the page load) and lists the drawn ones on <body data-bands>, for tests. */
function noteBandsDrawn() {
  const now = performance.now();
  for (const [id, job] of state.mc) {
    if (job.status !== 'ready' || job.drawnMs !== undefined || !state.selected.includes(id) || !state.reports.has(id)) continue;
    job.drawnMs = now - job.startedAt;
    state.timings.bands.push({ id, ms: job.drawnMs });
  }
  document.body.dataset.bands = [...state.mc].filter(([, j]) => j.drawnMs !== undefined).map(([k]) => k).join(' ');
}

// ---- shown entries, cards, charts ---------------------------------------------------------------------------

function whatIfShown() {
  const w = state.whatIf;
  return w.show && w.report !== null && hasEdits(w.edits);
}

function entries() {
  const list = state.selected
    .filter((id) => state.reports.has(id))
    .map((id) => ({ id, name: state.reports.get(id).scenario.name, report: state.reports.get(id), colorIndex: colorIndexOf(id), mc: state.mc.get(id) }));
  if (whatIfShown()) list.push({ id: 'what-if', name: state.whatIf.report.scenario.name, report: state.whatIf.report, whatIf: true, colorIndex: 0 });
  return list;
}

function cardFor(entry) {
  const r = entry.report;
  const du = state.meta.displayUnits;
  const q = (v, dim) => formatQuantity(v, du, state.units, dim, state.lang);
  const s = r.summary;
  const tg = r.target;
  let headline;
  let status;
  let statusClass = '';
  if (tg && tg.capacityMW !== undefined && tg.capacityMW !== null) {
    headline = [tr('cardTargetYear', { year: tg.year }), q(tg.capacityInTargetYearMW, 'power')];
    if (tg.metInTargetYear) {
      status = tr('cardMet', { year: tg.metYear });
      statusClass = 'ok';
    } else if (tg.metYear !== null && tg.metYear !== undefined) {
      status = tr('cardMetLate', { year: tg.year, shortfall: q(tg.shortfallMW, 'power'), met: tg.metYear });
      statusClass = 'late';
    } else {
      status = tr('cardMissed', { shortfall: q(tg.shortfallMW, 'power'), end: s.endYear });
      statusClass = 'miss';
    }
  } else {
    headline = [tr('cardEndYear', { year: s.endYear }), q(s.capacityEndMW, 'power')];
    status = tr('cardNoTarget');
  }
  const span = { start: s.startYear, end: s.endYear };
  return el(
    'article',
    { class: `card${entry.whatIf ? ' what-if' : ''}`, 'data-testid': `card-${entry.id}` },
    el('h3', {}, el('span', { class: swatchClass(entry), 'aria-hidden': 'true' }), el('span', { class: 'name' }, entry.name), entry.whatIf ? el('span', { class: 'tag' }, tr('whatIfSeries')) : null),
    el('p', { class: 'headline' }, el('span', { class: 'label' }, headline[0]), el('strong', { 'data-testid': `card-${entry.id}-capacity` }, headline[1])),
    el('p', { class: `status ${statusClass}`, 'data-testid': `card-${entry.id}-status` }, status),
    el(
      'dl',
      {},
      el('dt', {}, tr('cardCoal', span)),
      el('dd', { 'data-testid': `card-${entry.id}-coal` }, q(s.totalCoalTonnes, 'mass')),
      el('dt', {}, tr('cardCo2', span)),
      el('dd', { 'data-testid': `card-${entry.id}-co2` }, q(s.totalCo2Tonnes, 'mass')),
      el('dt', {}, tr('cardEnergy', span)),
      el('dd', {}, q(s.totalEnergyMWh, 'energy')),
    ),
    entry.mc ? mcBlock(entry) : null,
  );
}

/** A probability as a whole percentage, never rounded to a certainty it is not: '< 1 %', '> 99 %'. */
function percentText(p) {
  const pct = p * PERCENT_PER_FRACTION;
  const text = p > 0 && pct < 0.5 ? '< 1' : p < 1 && pct > 99.5 ? '> 99' : formatNumber(Math.round(pct), state.lang);
  return state.lang === 'zh' ? `${text}%` : `${text} %`;
}

/** The card's uncertainty: computing…, or the probability of meeting the target and the P10–P90 of energy in the target (else end) year. */
function mcBlock(entry) {
  const job = entry.mc;
  const id = entry.id;
  if (job.status === 'pending') return el('p', { class: 'mc computing', 'data-testid': `card-${id}-mc`, 'aria-busy': 'true' }, tr('mcComputing'));
  if (job.status === 'error') return el('p', { class: 'mc error-text', 'data-testid': `card-${id}-mc` }, tr('mcError', { message: job.error }));
  const r = job.report;
  const tg = r.target;
  const year = tg?.year ?? r.years[r.years.length - 1].year;
  const row = r.years.find((y) => y.year === year);
  const du = state.meta.displayUnits;
  const energy = (v) => toDisplay(v, du, state.units, 'energy');
  const energyUnit = du[state.units].energy.unit;
  return el(
    'div',
    { class: 'mc', 'data-testid': `card-${id}-mc` },
    tg ? el('p', { class: 'prob', 'data-testid': `card-${id}-probability` }, tr('mcProbability', { year: tg.year }), el('strong', {}, percentText(tg.probabilityMet))) : null,
    row
      ? el(
          'p',
          { class: 'band', 'data-testid': `card-${id}-energy-band` },
          el('span', { class: 'label' }, tr('mcEnergyBand', { year })),
          el('span', { class: 'value' }, `${formatNumber(energy(row.energyMWh.p10), state.lang)} – ${formatNumber(energy(row.energyMWh.p90), state.lang)} ${energyUnit}`),
        )
      : null,
    el('p', { class: 'note' }, tr('mcNote', { draws: formatNumber(r.draws, state.lang) })),
  );
}

function renderCards(list) {
  $('.cards').replaceChildren(...list.map(cardFor));
  $('#empty').hidden = list.length > 0;
}

function buildChartCards() {
  const host = $('#charts');
  for (const c of CHARTS) {
    const titleId = `chart-title-${c.kind}`;
    const box = el('div', { class: 'chart', id: `chart-${c.kind}`, role: 'img', 'aria-labelledby': titleId, 'data-testid': `chart-${c.kind}` });
    const card = el(
      'section',
      { class: `chart-card${c.wide ? ' wide' : ''}` },
      el(
        'header',
        {},
        el('h3', { id: titleId, 'data-i18n': c.titleKey }),
        el(
          'div',
          { class: 'tools' },
          el('button', { type: 'button', class: 'ghost', 'data-testid': `png-${c.kind}`, 'data-kind': c.kind, 'data-format': 'png', onclick: () => downloadChart(c.kind, 'png') }, 'PNG'),
          el('button', { type: 'button', class: 'ghost', 'data-testid': `svg-${c.kind}`, 'data-kind': c.kind, 'data-format': 'svg', onclick: () => downloadChart(c.kind, 'svg') }, 'SVG'),
        ),
      ),
      box,
    );
    host.append(card);
  }
  new ResizeObserver(() => {
    for (const chart of state.charts.values()) chart.resize();
  }).observe(host);
}

/** The ECharts instance of a chart, created on first use (creating all six up front delays the first view). */
function chartOf(kind) {
  let chart = state.charts.get(kind);
  if (!chart) {
    chart = window.echarts.init(document.getElementById(`chart-${kind}`), null, { renderer: 'canvas' });
    chart.on('finished', () => onChartFinished(kind));
    state.charts.set(kind, chart);
  }
  return chart;
}

function renderCharts(list, kinds = CHARTS.map((c) => c.kind)) {
  const c = ctx();
  for (const kind of kinds) {
    const option = chartOption(kind, list, { ...c, widthPx: document.getElementById(`chart-${kind}`).clientWidth });
    state.options.set(kind, option);
    chartOf(kind).setOption(option, { notMerge: true });
  }
  for (const node of document.querySelectorAll('.chart-card .tools button')) {
    const title = tr(CHARTS.find((ch) => ch.kind === node.dataset.kind).titleKey);
    node.setAttribute('aria-label', tr(node.dataset.format === 'png' ? 'downloadPng' : 'downloadSvg', { chart: title }));
  }
}

function onChartFinished(kind) {
  if (kind !== 'capacity' || state.redrawStartedAt === null) return;
  const ms = performance.now() - state.redrawStartedAt;
  state.redrawStartedAt = null;
  state.timings.lastRedrawMs = ms;
  state.timings.redrawMs.push(ms);
  document.body.dataset.whatifSeq = String(++state.whatIf.seq);
}

let differsSeq = 0;
async function renderDiffers(list) {
  const box = $('#differs');
  const seq = ++differsSeq;
  const ids = state.selected.filter((id) => state.reports.has(id));
  const whatIfs = whatIfShown() && state.whatIf.body ? [state.whatIf.body] : [];
  if (ids.length + whatIfs.length < 2) {
    box.replaceChildren();
    $('.differs').hidden = true;
    return;
  }
  $('.differs').hidden = false;
  let cmp;
  try {
    cmp = await api.compare(ids, whatIfs, 'capacity');
  } catch {
    return;
  }
  if (seq !== differsSeq) return;
  if (cmp.differences.length === 0) {
    box.replaceChildren(el('p', { class: 'hint' }, tr('differsNone')));
    return;
  }
  const names = list.map((e) => e.name);
  box.replaceChildren(
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        {},
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, tr('input')), ...names.map((n, i) => el('th', { scope: 'col' }, el('span', { class: swatchClass(list[i]), 'aria-hidden': 'true' }), n)))),
        el('tbody', {}, ...cmp.differences.map((d) => el('tr', {}, el('th', { scope: 'row' }, el('code', {}, d.path)), ...d.values.map((v) => el('td', {}, v ?? '—'))))),
      ),
    ),
  );
}

/** Redraws the cards and the charts that carry bands (a Monte Carlo report arrived: nothing else changed). */
function renderResults() {
  const list = entries();
  renderCards(list);
  renderCharts(list, CHARTS.filter((c) => c.band).map((c) => c.kind));
}

/** Redraws cards, charts and the table of differences; `first` draws the charts above the fold now and the rest just after. */
function renderAll(first = false) {
  const list = entries();
  renderCards(list);
  if (first) {
    renderCharts(list, FIRST_VIEW_CHARTS);
    setTimeout(() => {
      renderCharts(entries(), CHARTS.map((c) => c.kind).filter((k) => !FIRST_VIEW_CHARTS.includes(k)));
      document.body.dataset.charts = 'all';
    }, 0);
  } else {
    renderCharts(list);
  }
  void renderDiffers(list);
}

// ---- downloads -------------------------------------------------------------------------------------------------

function downloadChart(kind, type) {
  const name = `pvplan-${kind}-${state.units}`;
  if (type === 'png') {
    saveUrl(chartPng(state.charts.get(kind)), `${name}.png`);
    return;
  }
  const box = document.getElementById(`chart-${kind}`);
  const svg = chartSvg(window.echarts, state.options.get(kind), Math.max(box.clientWidth, 800), Math.max(box.clientHeight, 400));
  saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
}

async function downloadCsv() {
  const whatIfs = whatIfShown() && state.whatIf.body ? [state.whatIf.body] : [];
  const blob = await api.compareCsv(state.selected, whatIfs, state.csvMetric, state.units);
  saveBlob(blob, `pvplan-compare-${state.csvMetric}-${state.units}.csv`);
}

// ---- what-if panel ---------------------------------------------------------------------------------------

/** Input pairs (slider + number) and how their displayed value maps to the edit in internal units. */
function pairs() {
  const du = state.meta.displayUnits;
  const power = {
    toShown: (mw) => toDisplay(mw, du, state.units, 'power'),
    fromShown: (x) => fromDisplay(x, du, state.units, 'power'),
  };
  const percent = { toShown: (f) => f * PERCENT_PER_FRACTION, fromShown: (x) => x / PERCENT_PER_FRACTION };
  const same = { toShown: (x) => x, fromShown: (x) => x };
  const coal = { toShown: (x) => x * G_PER_KWH_PER_T_PER_MWH, fromShown: (x) => x / G_PER_KWH_PER_T_PER_MWH };
  return {
    rate: { ids: ['wi-rate', 'wi-rate-num'], map: percent, param: 'rateFrac', group: 'growth' },
    additions: { ids: ['wi-additions', 'wi-additions-num'], map: power, param: 'additionsMWPerYear', group: 'growth' },
    saturation: { ids: ['wi-saturation', 'wi-saturation-num'], map: power, param: 'saturationMW', group: 'growth' },
    target: { ids: ['wi-target'], map: power, param: 'targetCapacityMW', edit: 'targetCapacityMW' },
    targetYear: { ids: ['wi-target-year'], map: same, param: 'targetYear', edit: 'targetYear' },
    flh: { ids: ['wi-flh', 'wi-flh-num'], map: same, param: 'fullLoadHours', edit: 'fullLoadHours' },
    deg1: { ids: ['wi-deg1'], map: percent, param: 'firstYearDegradationFrac', edit: 'firstYearDegradationFrac' },
    deg: { ids: ['wi-deg'], map: percent, param: 'annualDegradationFrac', edit: 'annualDegradationFrac' },
    coal: { ids: ['wi-coal', 'wi-coal-num'], map: coal, param: 'coalTonnesPerMWh', edit: 'coalTonnesPerMWh' },
    co2: { ids: ['wi-co2', 'wi-co2-num'], map: same, param: 'co2TonnesPerMWh', edit: 'co2TonnesPerMWh' },
    lag: { ids: ['wi-lag', 'wi-lag-num'], map: same, param: 'constructionLagYears', edit: 'lagYears' },
  };
}

/** Digits an input shows for a value (enough to round-trip what the user typed, no binary noise). */
function shownValue(x) {
  return x === undefined || x === null || !Number.isFinite(x) ? '' : String(Number(x.toPrecision(6)));
}

/** Current internal value of a parameter: the user's edit, or the base scenario's value. */
function currentValue(p) {
  const w = state.whatIf;
  const params = w.detail.parameters;
  if (p.group === 'growth') return w.edits.growth?.[p.param] ?? w.growthDefaults[p.param];
  if (p.edit === 'targetYear') return w.edits.targetYear ?? params.targetYear ?? Math.min(params.baseYear + DEFAULT_TARGET_SPAN_YEARS, params.endYear);
  return w.edits[p.edit] ?? params[p.param];
}

function setSliderRange(id, value, lowFactor, highFactor) {
  const input = document.getElementById(id);
  if (!input || input.type !== 'range' || !Number.isFinite(value)) return;
  const hi = Math.max(value * highFactor, 1);
  input.min = String(Math.max(0, Number((value * lowFactor).toPrecision(2))));
  input.max = String(Number(hi.toPrecision(2)));
  input.step = String(Number((hi / 400).toPrecision(1)));
}

function fillForm() {
  const w = state.whatIf;
  if (!w.detail) return;
  const p = w.detail.parameters;
  const model = w.edits.growth?.model ?? (EDITABLE_MODELS.includes(p.growthModel) ? p.growthModel : 'keep');
  const modelSelect = $('#wi-model');
  const options = [...(EDITABLE_MODELS.includes(p.growthModel) ? [] : [['keep', tr('keepModel', { model: p.growthModel })]]), ...EDITABLE_MODELS.map((m) => [m, tr(`model_${m}`)])];
  modelSelect.replaceChildren(...options.map(([v, label]) => el('option', { value: v, selected: v === model }, label)));
  for (const node of document.querySelectorAll('[data-show-for]')) node.hidden = node.dataset.showFor !== model;
  for (const [name, pair] of Object.entries(pairs())) {
    const shown = pair.map.toShown(currentValue(pair));
    for (const id of pair.ids) document.getElementById(id).value = shownValue(shown);
    if (name === 'additions' || name === 'saturation') setSliderRange(pair.ids[0], pair.map.toShown(w.growthDefaults[pair.param] ?? 0), 0, name === 'saturation' ? 3 : 3);
  }
  const solve = w.edits.growth?.solve ?? w.growthDefaults.solve;
  $('#wi-solve-rate').checked = solve;
  $('#wi-solve-additions').checked = solve;
  $('#wi-rate').disabled = $('#wi-rate-num').disabled = solve && model === 'cagr';
  $('#wi-additions').disabled = $('#wi-additions-num').disabled = solve && model === 'linear';
  const ty = $('#wi-target-year');
  ty.min = String(p.baseYear + 1);
  ty.max = String(p.endYear);
  $('#wi-show').checked = w.show;
}

/** Defaults of the growth group for the base scenario: its own values, else ones implied by its target. */
function growthDefaults(p) {
  const solvedByBase = p.growthModel === 'cagr' ? state.whatIf.detail.scenario.capacity.growth.rate === undefined : p.growthModel === 'linear' ? state.whatIf.detail.scenario.capacity.growth.additionsPerYear === undefined : false;
  return {
    rateFrac: p.rateFrac ?? 0.1,
    additionsMWPerYear: p.additionsMWPerYear ?? p.baselineMW * 0.1,
    saturationMW: p.saturationMW ?? Math.max((p.targetCapacityMW ?? p.baselineMW) * 1.5, p.baselineMW * 2),
    solve: p.targetCapacityMW !== undefined && (solvedByBase || !EDITABLE_MODELS.includes(p.growthModel)),
  };
}

async function chooseBase(id, redraw = true) {
  const w = state.whatIf;
  w.baseId = id;
  w.detail = await api.scenario(id);
  w.growthDefaults = growthDefaults(w.detail.parameters);
  w.edits = {};
  w.report = null;
  w.body = null;
  w.error = null;
  $('#save-name').value = tr('whatIfName', { name: w.detail.name });
  $('#save-id').value = slugify(`${id}-what-if`);
  $('#save-status').textContent = '';
  showError(null);
  fillForm();
  if (redraw) renderAll();
}

function renderBaseSelect() {
  const select = $('#wi-base');
  select.replaceChildren(...state.list.filter((s) => s.valid).map((s) => el('option', { value: s.id, selected: s.id === state.whatIf.baseId }, `${s.name} (${s.id})`)));
}

function showError(error) {
  const box = $('#wi-error');
  for (const node of document.querySelectorAll('#whatif-form [aria-invalid]')) node.removeAttribute('aria-invalid');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  box.textContent = `${tr('error')}: ${error.message}`;
  const fieldInput = {
    'capacity.growth.rate': 'wi-rate-num',
    'capacity.growth.additionsPerYear': 'wi-additions-num',
    'capacity.growth.saturation': 'wi-saturation-num',
    'capacity.target.capacity': 'wi-target',
    'capacity.target.year': 'wi-target-year',
    'yield.value': 'wi-flh-num',
    'yield.degradation.firstYear': 'wi-deg1',
    'yield.degradation.annual': 'wi-deg',
    'savings.coal': 'wi-coal-num',
    'savings.co2': 'wi-co2-num',
    'capacity.constructionLagYears': 'wi-lag-num',
  }[error.field];
  if (fieldInput) document.getElementById(fieldInput).setAttribute('aria-invalid', 'true');
}

function currentBody() {
  const w = state.whatIf;
  return whatIfBody(w.detail, w.edits, $('#save-name').value.trim() || tr('whatIfName', { name: w.detail.name }), ctx());
}

/** Runs the what-if now, or once the request in flight returns (latest edits win; never more than one in flight). */
function scheduleRun() {
  const w = state.whatIf;
  if (state.redrawStartedAt === null) state.redrawStartedAt = performance.now();
  if (w.inflight) {
    w.pending = true;
    return;
  }
  void runWhatIf();
}

async function runWhatIf() {
  const w = state.whatIf;
  if (!hasEdits(w.edits)) {
    w.report = null;
    w.body = null;
    showError(null);
    $('#wi-status').textContent = '';
    renderAll();
    return;
  }
  w.inflight = true;
  $('#wi-status').textContent = tr('recomputing');
  const body = currentBody();
  try {
    w.report = await api.run(body);
    w.body = body;
    showError(null);
    $('#wi-status').textContent = tr('upToDate');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    showError(e);
    $('#wi-status').textContent = '';
  } finally {
    w.inflight = false;
  }
  if (w.pending) {
    w.pending = false;
    void runWhatIf();
    return;
  }
  renderAll();
}

function onPairInput(pair, raw) {
  const x = Number(raw);
  if (raw === '' || !Number.isFinite(x)) return;
  const value = pair.map.fromShown(x);
  const w = state.whatIf;
  if (pair.group === 'growth') {
    w.edits.growth = { ...currentGrowth(), [pair.param]: value };
  } else {
    w.edits[pair.edit] = value;
  }
  // A target needs its year: a scenario without one gets the year shown in the form.
  if (pair.edit === 'targetCapacityMW' && w.detail.parameters.targetYear === undefined && w.edits.targetYear === undefined) {
    w.edits.targetYear = Number($('#wi-target-year').value);
  }
  for (const id of pair.ids) {
    const input = document.getElementById(id);
    if (input !== document.activeElement) input.value = raw;
  }
  scheduleRun();
}

function currentGrowth() {
  const w = state.whatIf;
  const p = w.detail.parameters;
  const d = w.growthDefaults;
  return w.edits.growth ?? { model: EDITABLE_MODELS.includes(p.growthModel) ? p.growthModel : 'keep', rateFrac: d.rateFrac, additionsMWPerYear: d.additionsMWPerYear, saturationMW: d.saturationMW, solve: d.solve };
}

function wireWhatIf() {
  $('#wi-base').addEventListener('change', (e) => void chooseBase(e.target.value));
  $('#wi-model').addEventListener('change', (e) => {
    state.whatIf.edits.growth = { ...currentGrowth(), model: e.target.value };
    fillForm();
    scheduleRun();
  });
  for (const id of ['wi-solve-rate', 'wi-solve-additions']) {
    document.getElementById(id).addEventListener('change', (e) => {
      state.whatIf.edits.growth = { ...currentGrowth(), solve: e.target.checked };
      fillForm();
      scheduleRun();
    });
  }
  // pairs() is read again on each input: its unit mapping follows the current unit system.
  for (const [name, pair] of Object.entries(pairs())) {
    for (const id of pair.ids) document.getElementById(id).addEventListener('input', (e) => onPairInput(pairs()[name], e.target.value));
  }
  $('#wi-show').addEventListener('change', (e) => {
    state.whatIf.show = e.target.checked;
    renderAll();
  });
  $('#wi-reset').addEventListener('click', () => void chooseBase(state.whatIf.baseId));
  $('#save-name').addEventListener('input', () => {
    if (hasEdits(state.whatIf.edits)) scheduleRun();
  });
  $('#whatif-form').addEventListener('submit', (e) => e.preventDefault());
  $('#save-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void saveWhatIf();
  });
}

async function saveWhatIf() {
  const status = $('#save-status');
  const id = $('#save-id').value.trim();
  if (!new RegExp(state.meta.idPattern, 'u').test(id)) {
    status.textContent = `${tr('error')}: ${tr('saveIdHint')}`;
    status.className = 'status error-text';
    $('#save-id').setAttribute('aria-invalid', 'true');
    $('#save-id').focus();
    return;
  }
  $('#save-id').removeAttribute('aria-invalid');
  try {
    const saved = await api.save(id, currentBody(), $('#save-overwrite').checked);
    status.textContent = tr('saved', { file: saved.file });
    status.className = 'status ok';
    state.reports.delete(saved.id);
    state.mc.delete(saved.id);
    state.list = (await api.list()).scenarios;
    if (!state.selected.includes(saved.id)) state.selected.push(saved.id);
    savePrefs();
    ensureMc(state.selected, performance.now());
    await ensureReports(state.selected);
    renderList();
    renderBaseSelect();
    renderAll();
    noteBandsDrawn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    status.textContent = `${tr('error')}: ${e.message}`;
    status.className = 'status error-text';
  }
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
  state.meta = meta;
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
  state.rendered = true;
  noteBandsDrawn();
  state.timings.interactiveMs = performance.now();
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  document.body.dataset.ready = 'error';
  const box = el('p', { class: 'fatal', role: 'alert' }, `${e.message}`);
  document.body.prepend(box);
  throw e;
});
