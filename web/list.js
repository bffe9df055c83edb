// The scenario list: ticking scenarios, fetching their run results and Monte Carlo reports as they are needed.

import { api, ApiError } from './api.js';
import { assignColorSlots, swatchClass } from './charts.js';
import { renderAll, renderResults } from './results.js';
import { $, el, savePrefs, state, tr } from './state.js';
import { glance } from './units.js';

/** The colour slot of a ticked scenario (distinct for up to 12 ticked), or null for one not ticked. */
export function colorIndexOf(id) {
  state.colorSlots = assignColorSlots(state.selected, state.colorSlots);
  return state.colorSlots.get(id) ?? null;
}

function targetText(item) {
  if (item.targetCapacityMW === undefined || item.targetCapacityMW === null) return tr('noTarget');
  return `${tr('target')} ${glance(item.targetCapacityMW, state.meta, state.units, 'power', state.lang)} · ${item.target.year}`;
}

/** Warnings the list gives for a scenario (a count, or the list itself), 0 when none. */
function warningCountOf(item) {
  if (typeof item.warnings === 'number') return item.warnings;
  if (Array.isArray(item.warnings)) return item.warnings.length;
  return typeof item.warningCount === 'number' ? item.warningCount : 0;
}

export function renderList() {
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
          el('span', { class: checked ? swatchClass({ colorIndex: colorIndexOf(item.id) }) : 'sw sw-off', 'aria-hidden': 'true' }),
          el('span', { class: 'name' }, item.name),
          el('small', { class: 'meta' }, `${item.id} · ${targetText(item)}`),
          warningCountOf(item) > 0 ? el('small', { class: 'warn-badge', 'data-testid': `warnings-${item.id}` }, `⚠ ${tr('warningCount', { count: warningCountOf(item) })}`) : null,
        ),
      );
    }),
  );
}

async function toggle(id, on) {
  state.selected = on ? [...state.selected.filter((s) => s !== id), id] : state.selected.filter((s) => s !== id);
  savePrefs();
  // Only the row's look changes: rebuilding the list would take the keyboard focus away from the checkbox.
  const row = document.querySelector(`[data-testid="pick-${id}"]`)?.closest('li');
  row?.classList.toggle('on', on);
  const swatch = row?.querySelector('.sw');
  if (swatch) swatch.className = on ? swatchClass({ colorIndex: colorIndexOf(id) }) : 'sw sw-off';
  // The Monte Carlo is asked for at once, beside the run result: its band then often comes with the first redraw.
  ensureMc(state.selected, performance.now());
  await ensureReports(state.selected);
  renderAll();
  noteBandsDrawn();
}

/** Fetches the results not yet held; a scenario that fails (its file became invalid meanwhile) is unticked and its error shown. */
export async function ensureReports(ids) {
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
export function ensureMc(ids, startedAt) {
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
export function noteBandsDrawn() {
  const now = performance.now();
  for (const [id, job] of state.mc) {
    if (job.status !== 'ready' || job.drawnMs !== undefined || !state.selected.includes(id) || !state.reports.has(id)) continue;
    job.drawnMs = now - job.startedAt;
    state.timings.bands.push({ id, ms: job.drawnMs });
  }
  document.body.dataset.bands = [...state.mc].filter(([, j]) => j.drawnMs !== undefined).map(([k]) => k).join(' ');
}
