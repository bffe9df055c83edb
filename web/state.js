// The page's state and what every part of it shares: the state object, the translation and chart context, a
// tiny DOM builder, and the preferences kept in localStorage. `window.__pvplan` exposes state, chart options and
// timings for tests and debugging.

import { chartsOf } from './charts.js';
import { t } from './i18n.js';

const STORAGE_KEY = 'pvplan.page.v1';
/** Viewport width from which the page is taken to be on a projector or large screen (bigger chart fonts). */
const LARGE_SCREEN_PX = 1600;

export const $ = (sel) => document.querySelector(sel);

export const state = {
  /** GET /api/meta: the metric registry, display and input units, merge rules, limits. */
  meta: null,
  /** The charts the registry asks for (chartsOf(meta.metrics)), in page order. */
  chartDefs: [],
  lang: 'en',
  units: 'si',
  list: [],
  selected: [],
  reports: new Map(),
  /** Monte Carlo of each ticked scenario with distributions: id → { status: 'pending'|'ready'|'error', report?, error?, startedAt }. */
  mc: new Map(),
  csvMetric: 'capacity',
  charts: new Map(),
  /** Colour slot of each ticked scenario (charts.js assignColorSlots): kept while it stays ticked. */
  colorSlots: new Map(),
  options: new Map(),
  whatIf: { baseId: null, loading: false, detail: null, edits: {}, report: null, body: null, show: true, error: null, inflight: false, pending: false, seq: 0 },
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

export function tr(key, vars) {
  return t(state.lang, key, vars);
}

/** Today as YYYY-MM-DD (the date of an export's source line). */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ctx() {
  const { displayUnits, magnitudes, inputUnits, mergeRules, pvplanVersion } = state.meta;
  return {
    lang: state.lang,
    units: state.units,
    displayUnits,
    magnitudes,
    inputUnits,
    mergeRules,
    charts: state.chartDefs,
    t: tr,
    fontSize: window.innerWidth >= LARGE_SCREEN_PX ? 16 : 13,
    version: pvplanVersion,
    date: today(),
  };
}

export function el(tag, attrs = {}, ...children) {
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

/** Takes in GET /api/meta's answer: the registry and units every part of the page reads. */
export function setMeta(meta) {
  state.meta = meta;
  state.chartDefs = chartsOf(meta.metrics);
}

// ---- preferences ----------------------------------------------------------------------------------------

export function loadPrefs() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
}

export function savePrefs() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ lang: state.lang, units: state.units, selected: state.selected, csvMetric: state.csvMetric }));
  } catch {
    // Private windows may refuse storage; the page works without it.
  }
}
