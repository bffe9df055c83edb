// The what-if panel: a form over the base scenario's key inputs (GET /api/scenarios/:id → parameters), run as
// the user types (one request in flight, latest edits win) and saved as a scenario file.

import { api, ApiError } from './api.js';
import { ensureMc, ensureReports, noteBandsDrawn, renderList } from './list.js';
import { renderAll } from './results.js';
import { $, ctx, el, savePrefs, state, tr } from './state.js';
import { fromDisplay, fromInputUnit, toDisplay, toInputUnit } from './units.js';
import { EDITABLE_MODELS, hasEdits, panelState, slugify, whatIfBody } from './whatif.js';

/** Input pairs (slider + number) and how their displayed value maps to the edit in internal units. */
function pairs() {
  const du = state.meta.displayUnits;
  const power = {
    toShown: (mw) => toDisplay(mw, du, state.units, 'power'),
    fromShown: (x) => fromDisplay(x, du, state.units, 'power'),
  };
  const inputUnit = (id) => ({ toShown: (x) => toInputUnit(x, state.meta.inputUnits[id]), fromShown: (x) => fromInputUnit(x, state.meta.inputUnits[id]) });
  const percent = inputUnit('percent');
  const same = { toShown: (x) => x, fromShown: (x) => x };
  const coal = inputUnit('gramsPerKWh');
  return {
    rate: { ids: ['wi-rate', 'wi-rate-num'], map: percent, param: 'rateFrac', group: 'growth', solvedIn: 'cagr' },
    additions: { ids: ['wi-additions', 'wi-additions-num'], map: power, param: 'additionsMWPerYear', group: 'growth', solvedIn: 'linear' },
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

/** The run the panel's values stand for: the what-if's while it has edits, else the base scenario's. */
function shownReport() {
  const w = state.whatIf;
  return hasEdits(w.edits) ? w.report : state.reports.get(w.baseId) ?? null;
}

/** What the panel shows now (panelState in whatif.js): edits, base values, and solved values as the run used them. */
export function currentPanel() {
  const w = state.whatIf;
  return panelState(w.detail.parameters, w.edits, w.growthDefaults, shownReport());
}

function setSliderRange(id, value, lowFactor, highFactor) {
  const input = document.getElementById(id);
  if (!input || input.type !== 'range' || !Number.isFinite(value)) return;
  const hi = Math.max(value * highFactor, 1);
  input.min = String(Math.max(0, Number((value * lowFactor).toPrecision(2))));
  input.max = String(Number(hi.toPrecision(2)));
  input.step = String(Number((hi / 400).toPrecision(1)));
}

export function fillForm() {
  const w = state.whatIf;
  if (!w.detail) return;
  const p = w.detail.parameters;
  const panel = currentPanel();
  const model = panel.model;
  const modelSelect = $('#wi-model');
  const options = [...(EDITABLE_MODELS.includes(p.growthModel) ? [] : [['keep', tr('keepModel', { model: p.growthModel })]]), ...EDITABLE_MODELS.map((m) => [m, tr(`model_${m}`)])];
  modelSelect.replaceChildren(...options.map(([v, label]) => el('option', { value: v, selected: v === model }, label)));
  for (const node of document.querySelectorAll('[data-show-for]')) node.hidden = node.dataset.showFor !== model;
  for (const [name, pair] of Object.entries(pairs())) {
    const shown = pair.map.toShown(panel[pair.param]);
    for (const id of pair.ids) document.getElementById(id).value = shownValue(shown);
    if (name === 'additions' || name === 'saturation') setSliderRange(pair.ids[0], pair.map.toShown(w.growthDefaults[pair.param] ?? 0), 0, 3);
  }
  $('#wi-solve-rate').checked = panel.solve;
  $('#wi-solve-additions').checked = panel.solve;
  $('#wi-rate').disabled = $('#wi-rate-num').disabled = panel.solve && model === 'cagr';
  $('#wi-additions').disabled = $('#wi-additions-num').disabled = panel.solve && model === 'linear';
  const ty = $('#wi-target-year');
  ty.min = String(p.baseYear + 1);
  ty.max = String(p.endYear);
  $('#wi-show').checked = w.show;
}

/** After a run: the solved growth input (disabled while solved) shows the value the run used. */
function showSolvedValues() {
  const panel = currentPanel();
  if (!panel.solve) return;
  for (const pair of Object.values(pairs())) {
    if (pair.solvedIn !== panel.model) continue;
    for (const id of pair.ids) document.getElementById(id).value = shownValue(pair.map.toShown(panel[pair.param]));
  }
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

export async function chooseBase(id, redraw = true) {
  const w = state.whatIf;
  w.baseId = id;
  w.loading = true;
  w.detail = await api.scenario(id);
  w.loading = false;
  w.growthDefaults = growthDefaults(w.detail.parameters);
  w.edits = {};
  w.report = null;
  w.body = null;
  w.error = null;
  $('#save-name').value = tr('whatIfName', { name: w.detail.name });
  $('#save-id').value = slugify(`${id}-what-if`, 'what-if', state.meta.idPattern);
  $('#save-status').textContent = '';
  showError(null);
  fillForm();
  if (redraw) renderAll();
}

export function renderBaseSelect() {
  const select = $('#wi-base');
  select.replaceChildren(...state.list.filter((s) => s.valid).map((s) => el('option', { value: s.id, selected: s.id === state.whatIf.baseId }, `${s.name} (${s.id})`)));
}

/** Shows a refused what-if's message next to its field (marked invalid), or under the form when no field is named. */
function showError(error) {
  const box = $('#wi-error');
  for (const node of document.querySelectorAll('#whatif-form [aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of document.querySelectorAll('#whatif-form .field-error')) node.remove();
  box.hidden = true;
  box.textContent = '';
  if (!error) return;
  const message = `${tr('error')}: ${error.message}`;
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
  const input = fieldInput ? document.getElementById(fieldInput) : null;
  const field = input?.closest('.field, .field.two > div');
  if (!input || !field || field.hidden || field.closest('[hidden]')) {
    box.hidden = false;
    box.textContent = message;
    return;
  }
  input.setAttribute('aria-invalid', 'true');
  const note = el('p', { class: 'field-error', id: `${fieldInput}-error`, role: 'alert', 'data-testid': 'whatif-field-error' }, message);
  input.setAttribute('aria-describedby', note.id);
  field.append(note);
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
    fillForm();
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
    showSolvedValues();
    $('#wi-status').textContent = tr('upToDate');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    // The charts no longer show a what-if that is not the one in the form.
    w.report = null;
    w.body = null;
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

/** The growth edit as the panel shows it: a solved rate or addition that is then unticked starts from the value in use. */
function currentGrowth() {
  const { model, rateFrac, additionsMWPerYear, saturationMW, solve } = currentPanel();
  return { model, rateFrac, additionsMWPerYear, saturationMW, solve };
}

export function wireWhatIf() {
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
