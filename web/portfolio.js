// The portfolio view: for a scenario with projects, a timeline of the projects (construction start → commissioning,
// coloured by stage, grey when cancelled), the waterfall to each target with P(target met), a stacked area of
// capacity by technology, and the project table (sortable, filterable by stage and technology). Editing a project
// (commissioning, stage, probability, cancel) posts a what-if child that `extends` the scenario and lists only the
// changed projects by id (the server's merge rule, GET /api/meta → mergeRules.mergeListsByKey); it can be saved
// as a scenario file. Data: GET /api/scenarios/:id/portfolio and POST /api/portfolio.

import { ApiError } from './api.js';
import { pt } from './portfolio-strings.js';
import { $, el, state } from './state.js';
import { formatNumber, formatQuantity, toDisplay } from './units.js';
import { addStylesheet, chartIn, scenarioOptions } from './view.js';

/** Colours by stage (Okabe–Ito, colour-blind safe), cancelled grey. */
const STAGE_COLORS = { prospect: '#CC79A7', signed: '#E69F00', approved: '#56B4E9', 'under-construction': '#0072B2', operating: '#009E73', cancelled: '#B8B8B8' };
const TECH_COLORS = { unnamed: '#8C6D1F', 'pv-utility': '#E69F00', 'pv-distributed': '#F0E442', 'pv-offshore': '#56B4E9', 'wind-onshore': '#009E73', 'wind-offshore': '#0072B2', storage: '#CC79A7' };
const SVG_NS = 'http://www.w3.org/2000/svg';

const view = {
  /** List items of scenarios with projects. */
  choices: [],
  id: null,
  base: null,
  shown: null,
  /** Project id → { commissioning?, stage?, completionProbability? } as written in the child. */
  edits: new Map(),
  path: 'expected',
  filter: { stage: '', technology: '' },
  sort: { key: 'commissioningDecimalYear', dir: 1 },
  charts: new Map(),
  seq: 0,
  error: null,
  saved: null,
};
window.__pvplanPortfolio = view;

const p = (key, vars) => pt(state.lang, key, vars);
const power = (mw) => formatQuantity(mw, state.meta.displayUnits, state.units, 'power', state.lang);
const money = (yuan) => formatQuantity(yuan, state.meta.displayUnits, state.units, 'money', state.lang);

/**
 * A target's numbers in its own dimension: a capacity target in power (MW fields), an energy target in energy a year
 * (MWh fields), both shown in the display units of GET /api/meta.
 */
function targetMeasure(t) {
  const energy = t.kind === 'energy';
  const dimension = energy ? 'energy' : 'power';
  const u = energy ? 'MWh' : 'MW';
  return {
    dimension,
    step: (s, path) => s[`${path}${u}`],
    total: (path) => t[`${path}${u}`],
    gap: (path) => t[path === 'planned' ? `gapPlanned${u}` : `gapExpected${u}`],
    goal: energy ? t.energyMWh : t.capacityMW,
    show: (x) => formatQuantity(x, state.meta.displayUnits, state.units, dimension, state.lang),
  };
}
const label = (kind, key) => view.shown?.labels[kind][key]?.[state.lang] ?? key;
const pct = (frac) => `${formatNumber(frac * 100, state.lang)} %`;

async function requestJson(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const json = await res.json();
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** The what-if child: `extends` the scenario's file and lists only the changed projects by id. */
export function whatIfBody(base, edits, name) {
  const key = state.meta?.mergeRules?.mergeListsByKey?.projects ?? 'id';
  return {
    extends: base.file,
    name,
    projects: [...edits.entries()].map(([id, change]) => ({ [key]: id, ...change })),
  };
}

// ---- drawing -------------------------------------------------------------------------------------------

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function visibleProjects() {
  const { stage, technology } = view.filter;
  const rows = view.shown.projects.filter((x) => (!stage || x.stage === stage) && (!technology || x.technology === technology));
  const { key, dir } = view.sort;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' && typeof y === 'number') return dir * (x - y) || a.id.localeCompare(b.id);
    return dir * String(x ?? '').localeCompare(String(y ?? '')) || a.id.localeCompare(b.id);
  });
}

/** One bar per project from construction start to commissioning, on a year axis; stage colours, cancelled grey. */
function renderTimeline(host) {
  const rows = visibleProjects();
  const years = view.shown.years.map((y) => y.year);
  const first = Math.min(years[0], ...rows.map((r) => Math.floor(r.constructionStartDecimalYear)));
  const last = Math.max(years[years.length - 1] + 1, ...rows.map((r) => Math.ceil(r.commissioningDecimalYear)));
  const width = Math.max(320, host.clientWidth || 640);
  const labelW = Math.min(180, width * 0.3);
  const rowH = 22;
  const top = 22;
  const height = top + rows.length * rowH + 6;
  const x = (t) => labelW + ((t - first) / (last - first)) * (width - labelW - 8);
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': p('timeline'), 'data-testid': 'portfolio-timeline' });
  for (let yr = first; yr <= last; yr++) {
    root.append(svg('line', { x1: x(yr), x2: x(yr), y1: top - 4, y2: height, stroke: '#d9dee4' }));
    if ((yr - first) % (width < 600 ? 2 : 1) === 0 && yr < last) root.append(svg('text', { x: x(yr) + 2, y: 14, 'font-size': 11, fill: '#5a6472' }, String(yr)));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const color = STAGE_COLORS[r.stage];
    const x0 = x(r.constructionStartDecimalYear);
    const x1 = Math.max(x(r.commissioningDecimalYear), x0 + 4);
    const name = r.id.length > 24 ? `${r.id.slice(0, 23)}…` : r.id;
    root.append(svg('text', { x: 4, y: y + 15, 'font-size': 12, fill: r.stage === 'cancelled' ? '#8a8a8a' : '#17202a' }, name));
    const bar = svg('rect', { x: x0, y: y + 4, width: x1 - x0, height: rowH - 8, rx: 3, fill: color, 'data-stage': r.stage, 'data-project': r.id, class: 'pf-bar' });
    bar.append(svg('title', {}, `${r.name} — ${label('stages', r.stage)}, ${power(r.capacityMW)}, ${r.constructionStartYear} → ${r.plannedCommissioningYear}`));
    root.append(bar);
  });
  host.replaceChildren(root);
}

function chart(host, key) {
  return chartIn(view.charts, key, host);
}

/** Waterfall of a target: invisible base + visible step, so each step floats where the last one ended. */
function waterfallOption(t) {
  const m = targetMeasure(t);
  const scale = (v) => toDisplay(v, state.meta.displayUnits, state.units, m.dimension);
  const cats = [];
  const base = [];
  const value = [];
  const colors = [];
  let run = 0;
  for (const s of t.steps) {
    cats.push(s.step === 'today' ? p('today') : `+ ${label('stages', s.step)}`);
    base.push(scale(run));
    value.push(scale(m.step(s, view.path)));
    colors.push(s.step === 'today' ? '#6B6B6B' : STAGE_COLORS[s.step]);
    run += m.step(s, view.path);
  }
  cats.push(p('namedTotal'), p('gap'), p('target'));
  base.push(0, scale(run), 0);
  value.push(scale(run), scale(m.gap(view.path)), scale(m.goal));
  colors.push('#17202a', '#B00020', '#0b5cad');
  const { unit } = state.meta.displayUnits[state.units][m.dimension];
  return {
    animation: false,
    // Room above the plot for the axis's unit name (万千瓦 was clipped at 24 px).
    grid: { left: 56, right: 12, top: 36, bottom: 64 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps) => ps.filter((x) => x.seriesId === 'step').map((x) => `${x.name}: ${formatNumber(x.value, state.lang)} ${unit}`).join('') },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: 11 } },
    series: [
      { id: 'base', type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, silent: true },
      { id: 'step', type: 'bar', stack: 'w', data: value.map((v, i) => ({ value: v, itemStyle: { color: colors[i] } })), barMaxWidth: 42 },
    ],
  };
}

/** Stacked area: the unnamed path, then each generating technology's named capacity. */
function areaOption() {
  const kind = view.path === 'planned' ? 'plannedCapacityMW' : 'expectedCapacityMW';
  const years = view.shown.years;
  const scale = (v) => toDisplay(v, state.meta.displayUnits, state.units, 'power');
  const techs = view.shown.technologies.filter((tch) => tch !== 'storage' && view.shown.projects.some((x) => x.technology === tch));
  const series = [
    { id: 'unnamed', name: p('unnamed'), data: years.map((y) => scale(y.unnamedCapacityMW)), color: TECH_COLORS.unnamed },
    ...techs.map((tch) => ({ id: tch, name: label('technologies', tch), data: years.map((y) => scale(y.byTechnology[tch]?.[kind] ?? 0)), color: TECH_COLORS[tch] })),
  ].map((s) => ({ ...s, type: 'line', stack: 'cap', areaStyle: { opacity: 0.75 }, symbol: 'none', lineStyle: { width: 1 } }));
  const { unit } = state.meta.displayUnits[state.units].power;
  return {
    animation: false,
    // The legend takes the top 24 px; the unit name sits below it, not under it.
    grid: { left: 56, right: 12, top: 56, bottom: 28 },
    legend: { top: 0, type: 'scroll', textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: years.map((y) => String(y.year)) },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: 11 } },
    series,
  };
}

function targetBlock(t, i) {
  const mc = t.monteCarlo;
  const last = view.shown.years[view.shown.years.length - 1].year;
  const firstMet = mc ? mc.yearMetDistribution.filter((r) => r.probability > 0).map((r) => `${r.year ?? p('never', { end: last })} ${pct(r.probability)}`).join(', ') : '';
  const measure = targetMeasure(t);
  const host = el('div', { class: 'pf-chart', id: `pf-waterfall-${i}`, 'data-testid': `portfolio-waterfall-${i}`, 'data-dimension': measure.dimension });
  const block = el(
    'div',
    { class: 'pf-target' },
    el('h4', {}, p('waterfall', { target: t.name })),
    el('p', { class: 'pf-line', 'data-testid': `portfolio-target-${i}` }, p('targetLine', { name: t.name, planned: measure.show(measure.total('planned')), expected: measure.show(measure.total('expected')), target: measure.show(measure.goal) })),
    mc ? el('p', { class: 'pf-odds', 'data-testid': `portfolio-probability-${i}` }, p('probability', { year: t.year, p: pct(mc.probabilityMetFrac) })) : null,
    mc ? el('p', { class: 'pf-line' }, p('firstMet', { years: firstMet })) : null,
    host,
  );
  return { block, host, t };
}

function onEdit(id, change) {
  const prev = view.edits.get(id) ?? {};
  const next = { ...prev, ...change };
  const original = view.base.projects.find((x) => x.id === id);
  // A field set back to the scenario's value is no change.
  if (next.stage === original.stage) delete next.stage;
  if (next.commissioning === original.plannedCommissioningYear && Math.floor(original.commissioningDecimalYear) === original.commissioningDecimalYear - 0.5) delete next.commissioning;
  if (Object.keys(next).length === 0) view.edits.delete(id);
  else view.edits.set(id, next);
  void refresh();
}

function tableSection() {
  const stages = view.shown.stages;
  const techs = view.shown.technologies.filter((tch) => view.shown.projects.some((x) => x.technology === tch));
  const select = (testid, value, options, onchange) =>
    el('select', { 'data-testid': testid, onchange }, el('option', { value: '', selected: value === '' }, p('all')), ...options.map((o) => el('option', { value: o, selected: o === value }, o === value ? label(testid.endsWith('stage') ? 'stages' : 'technologies', o) : label(testid.endsWith('stage') ? 'stages' : 'technologies', o))));
  const filters = el(
    'div',
    { class: 'pf-filters' },
    el('label', {}, p('filterStage'), ' ', select('portfolio-filter-stage', view.filter.stage, stages, (e) => ((view.filter.stage = e.target.value), render()))),
    el('label', {}, p('filterTechnology'), ' ', select('portfolio-filter-technology', view.filter.technology, techs, (e) => ((view.filter.technology = e.target.value), render()))),
  );
  const cols = [
    ['id', 'id'],
    ['stage', 'stage'],
    ['technology', 'technology'],
    ['capacityMW', 'capacity'],
    ['constructionStartDecimalYear', 'start'],
    ['commissioningDecimalYear', 'commissioning'],
    ['completionProbabilityFrac', 'probabilityCol'],
    ['investmentYuan', 'investment'],
  ];
  const head = el(
    'tr',
    {},
    ...cols.map(([key, text]) =>
      el(
        'th',
        { scope: 'col', 'aria-sort': view.sort.key === key ? (view.sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        el('button', { type: 'button', class: 'pf-sort', 'data-testid': `portfolio-sort-${key}`, title: p('sortBy', { column: p(text) }), onclick: () => ((view.sort = { key, dir: view.sort.key === key ? -view.sort.dir : 1 }), render()) }, p(text), view.sort.key === key ? (view.sort.dir > 0 ? ' ▲' : ' ▼') : ''),
      ),
    ),
    el('th', { scope: 'col' }, p('cancel')),
  );
  const body = visibleProjects().map((r) => {
    const edited = view.edits.has(r.id);
    const stageSelect = el('select', { 'data-testid': `portfolio-stage-${r.id}`, 'aria-label': `${p('stage')} ${r.id}`, onchange: (e) => onEdit(r.id, { stage: e.target.value }) }, ...stages.map((s) => el('option', { value: s, selected: s === r.stage }, label('stages', s))));
    const year = el('input', { type: 'number', step: 1, min: 1990, max: 2100, value: r.plannedCommissioningYear, class: 'pf-year', 'data-testid': `portfolio-commissioning-${r.id}`, 'aria-label': `${p('commissioning')} ${r.id}`, onchange: (e) => Number.isInteger(Number(e.target.value)) && onEdit(r.id, { commissioning: Number(e.target.value) }) });
    const prob = el('input', { type: 'number', step: 1, min: 0, max: 100, value: Number((r.completionProbabilityFrac * 100).toFixed(1)), class: 'pf-prob', 'data-testid': `portfolio-probability-input-${r.id}`, 'aria-label': `${p('probabilityCol')} ${r.id}`, disabled: r.stage === 'cancelled', onchange: (e) => onEdit(r.id, { completionProbability: `${Number(e.target.value)} %` }) });
    const cancel = el('input', { type: 'checkbox', checked: r.stage === 'cancelled', 'data-testid': `portfolio-cancel-${r.id}`, 'aria-label': `${p('cancel')} ${r.id}`, onchange: (e) => onEdit(r.id, { stage: e.target.checked ? 'cancelled' : view.base.projects.find((x) => x.id === r.id).stage === 'cancelled' ? 'prospect' : view.base.projects.find((x) => x.id === r.id).stage }) });
    return el(
      'tr',
      { class: `${r.stage === 'cancelled' ? 'pf-cancelled' : ''} ${edited ? 'pf-edited' : ''}`.trim(), 'data-testid': `portfolio-row-${r.id}` },
      el('th', { scope: 'row', title: r.name }, el('span', { class: `pf-dot pf-${r.stage}` }), r.id),
      el('td', {}, stageSelect),
      el('td', {}, label('technologies', r.technology)),
      el('td', { class: 'num' }, power(r.capacityMW)),
      el('td', { class: 'num' }, String(r.constructionStartYear)),
      el('td', { class: 'num' }, year),
      el('td', { class: 'num' }, prob, ' %'),
      el('td', { class: 'num' }, money(r.investmentYuan)),
      el('td', {}, cancel),
    );
  });
  return el('div', { class: 'pf-table-wrap' }, el('h3', {}, p('table')), filters, el('div', { class: 'pf-scroll' }, el('table', { class: 'pf-table', 'data-testid': 'portfolio-table' }, el('thead', {}, head), el('tbody', {}, ...body))));
}

function saveForm() {
  const idInput = el('input', { type: 'text', maxlength: 64, 'data-testid': 'portfolio-save-id', value: `${view.id}-what-if`, spellcheck: 'false', 'aria-label': p('saveId') });
  const status = el('span', { class: 'status', role: 'status', 'data-testid': 'portfolio-save-status' }, view.saved ? p('saved', { file: view.saved }) : '');
  const save = async () => {
    try {
      const res = await requestJson('POST', '/api/scenarios', { id: idInput.value.trim(), scenario: whatIfBody(currentChoice(), view.edits, `${view.base.scenario.name} (what-if)`) });
      view.saved = res.file;
      status.textContent = p('saved', { file: res.file });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status.textContent = e.message;
    }
  };
  return el(
    'div',
    { class: 'pf-save' },
    el('span', { 'data-testid': 'portfolio-changed' }, p('changed', { n: view.edits.size })),
    el('button', { type: 'button', class: 'ghost', 'data-testid': 'portfolio-reset', disabled: view.edits.size === 0, onclick: () => (view.edits.clear(), void refresh()) }, p('reset')),
    el('label', {}, p('saveId'), ' ', idInput),
    el('button', { type: 'button', 'data-testid': 'portfolio-save', disabled: view.edits.size === 0, onclick: () => void save() }, p('save')),
    status,
  );
}

function currentChoice() {
  return view.choices.find((c) => c.id === view.id);
}

/** Draws the whole view from `view.shown`. */
function render() {
  const section = $('#portfolio');
  if (!section) return;
  section.hidden = view.choices.length === 0;
  if (view.choices.length === 0) return;
  const picker = el(
    'select',
    { 'data-testid': 'portfolio-scenario', onchange: (e) => void choose(e.target.value) },
    ...scenarioOptions(view.choices, view.id),
  );
  const pathSwitch = el(
    'fieldset',
    { class: 'seg', 'data-testid': 'portfolio-path' },
    el('legend', {}, p('path')),
    ...['planned', 'expected'].map((k) => el('label', {}, el('input', { type: 'radio', name: 'pf-path', value: k, checked: view.path === k, onchange: () => ((view.path = k), render()) }), el('span', {}, p(k)))),
  );
  const head = el('div', { class: 'pf-head' }, el('h2', { id: 'portfolio-title' }, p('title')), el('label', {}, p('scenario'), ' ', picker), pathSwitch);
  if (!view.shown) {
    section.replaceChildren(head, el('p', { class: 'hint' }, p('intro')));
    return;
  }
  const timeline = el('div', { class: 'pf-timeline' });
  const targets = view.shown.targets.map(targetBlock);
  const area = el('div', { class: 'pf-chart', id: 'pf-area', 'data-testid': 'portfolio-area' });
  const parts = [
    head,
    el('p', { class: 'hint' }, p('intro')),
    view.error ? el('p', { class: 'error', role: 'alert', 'data-testid': 'portfolio-error' }, view.error) : null,
    saveForm(),
    el('h3', {}, p('timeline')),
    el('div', { class: 'pf-legend' }, ...view.shown.stages.map((s) => el('span', {}, el('span', { class: `pf-dot pf-${s}` }), label('stages', s)))),
    timeline,
    el('div', { class: 'pf-grid' }, ...targets.map((x) => x.block), el('div', { class: 'pf-target' }, el('h4', {}, p('area', { path: p(view.path) })), area)),
    tableSection(),
  ];
  section.replaceChildren(...parts.filter((x) => x !== null));
  renderTimeline(timeline);
  for (const [i, x] of targets.entries()) chart(x.host, `waterfall-${i}`).setOption(waterfallOption(x.t), { notMerge: true });
  chart(area, 'area').setOption(areaOption(), { notMerge: true });
  section.dataset.seq = String(view.seq);
}

/** Fetches the view of the scenario with the current edits (GET when there are none, else POST the child). */
async function refresh() {
  const seq = ++view.seq;
  try {
    const shown = view.edits.size === 0 ? view.base : await requestJson('POST', '/api/portfolio', whatIfBody(currentChoice(), view.edits, `${view.base.scenario.name} (what-if)`));
    if (seq !== view.seq) return;
    view.shown = shown;
    view.error = null;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (seq !== view.seq) return;
    view.error = e.message;
  }
  render();
}

async function choose(id) {
  view.id = id;
  view.edits.clear();
  view.saved = null;
  view.base = await requestJson('GET', `/api/scenarios/${encodeURIComponent(id)}/portfolio`);
  view.shown = null;
  await refresh();
}

/** Adds the view to the page (after the charts) for the scenarios with projects; call once at start. */
export async function initPortfolio() {
  addStylesheet('/portfolio.css');
  let section = $('#portfolio');
  if (!section) {
    section = el('section', { class: 'panel portfolio', id: 'portfolio', 'aria-labelledby': 'portfolio-title', 'data-testid': 'portfolio', hidden: true });
    const differs = document.querySelector('section.differs');
    differs.parentNode.insertBefore(section, differs);
  }
  view.choices = state.list.filter((s) => s.valid && s.projects > 0);
  if (view.choices.length === 0) return render();
  await choose(view.choices[0].id);
}

/** Redraws in the current language and units. */
export function renderPortfolio() {
  render();
}

window.addEventListener('resize', () => {
  for (const c of view.charts.values()) c.resize();
  const host = document.querySelector('.pf-timeline');
  if (host && view.shown) renderTimeline(host);
});
