// What the page's views (system.js, finance.js, portfolio.js) build the same way: their own stylesheet, the
// header with the "scenario shown" picker and the status line, the reports fetched once per scenario, the
// scenario cards, and the charts kept by key and resized when the view's width changes.

import { swatchClass } from './charts.js';
import { colorIndexOf } from './list.js';
import { $, el, state } from './state.js';

/** Adds a view's stylesheet to <head>, once (the shared style.css stays as it is). */
export function addStylesheet(href) {
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(el('link', { rel: 'stylesheet', href }));
}

/** The ticked scenarios whose list item has `key` (e.g. 'system', 'finance'), in the order they were ticked. */
function tickedWith(key) {
  const withKey = new Set(state.list.filter((s) => s.valid && s[key]).map((s) => s.id));
  return state.selected.filter((id) => withKey.has(id));
}

/** A scenario's name in the list, else its id. */
export function nameOf(id) {
  return state.list.find((s) => s.id === id)?.name ?? id;
}

/** The <option>s of a scenario picker: `choices` are { id, name? }, shown by name (else id). */
export function scenarioOptions(choices, selectedId) {
  return choices.map((c) => el('option', { value: c.id, selected: c.id === selectedId }, c.name ?? c.id));
}

/**
 * A view's header (heading, intro, the "scenario shown" picker) and its status line; every id starts with
 * `prefix` (`fin-heading`, `fin-shown`, `fin-status`, …). `onShow(id)` runs when another scenario is picked.
 */
export function viewHead(prefix, onShow) {
  return [
    el(
      'header',
      { class: `${prefix}-head` },
      el('div', {}, el('h2', { id: `${prefix}-heading` }), el('p', { class: 'hint', id: `${prefix}-intro` })),
      el('div', { class: `${prefix}-pick`, id: `${prefix}-pick` }, el('label', { for: `${prefix}-shown`, id: `${prefix}-shown-label` }), el('select', { id: `${prefix}-shown`, 'data-testid': `${prefix}-shown`, onchange: (e) => onShow(e.target.value) })),
    ),
    el('p', { class: 'status', id: `${prefix}-status`, role: 'status', 'aria-live': 'polite', 'data-testid': `${prefix}-status` }),
  ];
}

/** Writes the texts of viewHead in the current language: the heading, the intro and the picker's label. */
export function renderHeadText(prefix, heading, intro, shownLabel) {
  $(`#${prefix}-heading`).textContent = heading;
  $(`#${prefix}-intro`).textContent = intro;
  $(`#${prefix}-shown-label`).textContent = shownLabel;
}

/**
 * The start of a view's draw, for the ticked scenarios whose list item has `key` (the view's section has id `key`):
 * none, and the section is hidden, <body data-KEY> (for tests) emptied and null returned; else their reports are asked
 * for once (`fetch(id)`, each arrival redraws), `view.shownId` stays or becomes the first, the picker of viewHead is
 * filled (hidden for one scenario), and the ids are returned. `view` holds `jobs` and `shownId`.
 */
export function startDraw(key, prefix, view, fetch, redraw) {
  const ids = tickedWith(key);
  const section = document.getElementById(key);
  section.hidden = ids.length === 0;
  if (ids.length === 0) {
    document.body.dataset[key] = '';
    return null;
  }
  fetchMissing(view.jobs, ids, fetch, (id) => tickedWith(key).includes(id) && redraw());
  if (!ids.includes(view.shownId)) view.shownId = ids[0];
  const names = new Map(state.list.map((s) => [s.id, s.name]));
  $(`#${prefix}-shown`).replaceChildren(...scenarioOptions(ids.map((id) => ({ id, name: names.get(id) })), view.shownId));
  $(`#${prefix}-pick`).hidden = ids.length < 2;
  return ids;
}

/**
 * Asks `fetch(id)` once for every id without a job in `jobs` (id → { status: 'pending' | 'ready' | 'error',
 * report?, error? }, kept for the page's life); `arrived(id)` runs when each answer or failure is in.
 */
function fetchMissing(jobs, ids, fetch, arrived) {
  for (const id of ids) {
    if (jobs.has(id)) continue;
    const job = { status: 'pending' };
    jobs.set(id, job);
    fetch(id)
      .then(
        (report) => Object.assign(job, { status: 'ready', report }),
        (e) => Object.assign(job, { status: 'error', error: e.message }),
      )
      .then(() => arrived(id));
  }
}

/** The status line of viewHead: one line per failed scenario (`id: errorText(message)`), then `loadingText` while any is pending. */
export function renderStatus(prefix, ids, jobs, errorText, loadingText) {
  const status = $(`#${prefix}-status`);
  const failed = ids.map((id) => [id, jobs.get(id)]).filter(([, j]) => j?.status === 'error');
  const pending = ids.some((id) => jobs.get(id)?.status === 'pending');
  status.textContent = [...failed.map(([id, j]) => `${id}: ${errorText(j.error)}`), ...(pending ? [loadingText] : [])].join('\n');
  status.classList.toggle('error-text', failed.length > 0);
}

/**
 * A scenario's card: its colour swatch and name, one headline figure ({ label, value, testid }), then rows
 * [label, value, testid?] as a definition list.
 */
export function scenarioCard(id, attrs, headline, rows) {
  return el(
    'article',
    attrs,
    el('h3', {}, el('span', { class: swatchClass({ id, colorIndex: colorIndexOf(id) }), 'aria-hidden': 'true' }), el('span', { class: 'name' }, nameOf(id))),
    el('p', { class: 'headline' }, el('span', { class: 'label' }, headline.label), el('strong', { 'data-testid': headline.testid }, headline.value)),
    el('dl', {}, ...rows.flatMap(([label, value, testid]) => [el('dt', {}, label), el('dd', { 'data-testid': testid }, value)])),
  );
}

/** The ECharts instance kept under `key` in `charts`, made on `host` (again when the view has replaced the host). */
export function chartIn(charts, key, host) {
  let chart = charts.get(key);
  if (!chart || chart.getDom() !== host) {
    chart?.dispose();
    chart = window.echarts.init(host, null, { renderer: 'canvas' });
    charts.set(key, chart);
  }
  return chart;
}

/**
 * Resizes the charts and calls `redraw()` when the shown section's width changes (legends and labels wrap by
 * width, so the views rebuild their options for it).
 */
export function redrawOnResize(section, charts, redraw) {
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = section.clientWidth;
    if (width === lastWidth || section.hidden) return;
    lastWidth = width;
    for (const chart of charts.values()) chart.resize();
    redraw();
  }).observe(section);
}

/** Calls `draw()` after a tick in the list or a language or unit switch (bubbling: their own handlers ran first). */
export function redrawOnSwitches(draw) {
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (!(t instanceof HTMLInputElement)) return;
    if (t.name === 'lang' || t.name === 'units' || t.dataset.testid?.startsWith('pick-')) draw();
  });
}
