// What the ticked scenarios show: their cards (with the Monte Carlo's chance of meeting the target), the charts
// the metric registry asks for, and the table of inputs that differ.

import { api } from './api.js';
import { chartHasData, chartOption, swatchClass } from './charts.js';
import { downloadChart } from './download.js';
import { colorIndexOf } from './list.js';
import { $, ctx, el, state, tr } from './state.js';
import { formatNumber, glance, magnitudeOfAll, toInputUnit } from './units.js';
import { hasEdits } from './whatif.js';

export function whatIfShown() {
  const w = state.whatIf;
  return w.show && w.report !== null && hasEdits(w.edits);
}

export function entries() {
  const list = state.selected
    .filter((id) => state.reports.has(id))
    .map((id) => ({ id, name: state.reports.get(id).scenario.name, report: state.reports.get(id), colorIndex: colorIndexOf(id), mc: state.mc.get(id) }));
  // An unsaved what-if gets no colour slot (it is drawn in near-black) and no Monte Carlo.
  if (whatIfShown()) list.push({ id: 'what-if', name: state.whatIf.report.scenario.name, report: state.whatIf.report, whatIf: true, colorIndex: 0 });
  return list;
}

/**
 * What a report warns of: the plausibility warnings of the run JSON (`warnings: [{ code, path, file, line, column,
 * message, value, range, hint }]`) and the run's own notes (summary.warnings, e.g. capped additions), as
 * [{ message, hint?, where? }], each message once.
 */
export function warningsOf(report) {
  const out = [];
  const seen = new Set();
  const add = (w) => {
    if (!w.message || seen.has(w.message)) return;
    seen.add(w.message);
    out.push(w);
  };
  for (const w of report.warnings ?? []) {
    const where = w.file ? `${w.file}${w.line ? `:${w.line}${w.column ? `:${w.column}` : ''}` : ''}${w.path ? `: ${w.path}` : ''}` : w.path;
    add({ message: String(w.message ?? ''), hint: w.hint, where });
  }
  for (const m of report.summary?.warnings ?? []) add({ message: String(m) });
  return out;
}

/** The sum of an optional yearly metric over the report's years, or undefined when the report has none. */
function totalOf(report, field) {
  if (!report.years.some((row) => typeof row[field] === 'number')) return undefined;
  return report.years.reduce((sum, row) => sum + (row[field] ?? 0), 0);
}

function cardFor(entry) {
  const r = entry.report;
  const q = (v, dim) => glance(v, state.meta, state.units, dim, state.lang);
  const s = r.summary;
  const tg = r.target;
  const warnings = warningsOf(r);
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
  // A result with warnings is never a plain green "target met": amber, and the warnings say why.
  if (warnings.length > 0) {
    if (statusClass === 'ok') status = tr('cardWarned', { status });
    if (statusClass !== 'miss') statusClass = 'warn';
  }
  const span = { start: s.startYear, end: s.endYear };
  const so2 = totalOf(r, 'so2Tonnes');
  const nox = totalOf(r, 'noxTonnes');
  return el(
    'article',
    { class: `card${entry.whatIf ? ' what-if' : ''}${warnings.length > 0 ? ' warned' : ''}`, 'data-testid': `card-${entry.id}` },
    el('h3', {}, el('span', { class: swatchClass(entry), 'aria-hidden': 'true' }), el('span', { class: 'name', title: entry.name }, entry.name), entry.whatIf ? el('span', { class: 'tag' }, tr('whatIfSeries')) : null),
    el('p', { class: 'headline' }, el('span', { class: 'label' }, headline[0]), el('strong', { 'data-testid': `card-${entry.id}-capacity` }, headline[1])),
    el('p', { class: `status ${statusClass}`, 'data-testid': `card-${entry.id}-status` }, status),
    warnings.length > 0
      ? el(
          'ul',
          { class: 'warnings', 'data-testid': `card-${entry.id}-warnings`, 'aria-label': tr('warningsTitle') },
          ...warnings.map((w) => el('li', {}, w.message, w.hint ? el('span', { class: 'hint-text' }, ` ${w.hint}`) : null, w.where ? el('small', { class: 'where' }, w.where) : null)),
        )
      : null,
    el(
      'dl',
      {},
      el('dt', {}, tr('cardCoal', span)),
      el('dd', { 'data-testid': `card-${entry.id}-coal` }, q(s.totalCoalTonnes, 'mass')),
      el('dt', {}, tr('cardCo2', span)),
      el('dd', { 'data-testid': `card-${entry.id}-co2` }, q(s.totalCo2Tonnes, 'mass')),
      so2 === undefined ? null : el('dt', {}, tr('cardSo2', span)),
      so2 === undefined ? null : el('dd', { 'data-testid': `card-${entry.id}-so2` }, q(so2, 'mass')),
      nox === undefined ? null : el('dt', {}, tr('cardNox', span)),
      nox === undefined ? null : el('dd', { 'data-testid': `card-${entry.id}-nox` }, q(nox, 'mass')),
      el('dt', {}, tr('cardEnergy', span)),
      el('dd', { 'data-testid': `card-${entry.id}-energy` }, q(s.totalEnergyMWh, 'energy')),
    ),
    entry.mc ? mcBlock(entry) : null,
  );
}

/** A probability as a whole percentage, never rounded to a certainty it is not: '< 1 %', '> 99 %'. */
function percentText(p) {
  const pct = toInputUnit(p, state.meta.inputUnits.percent);
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
  // Both ends in one magnitude, so the range reads as one quantity.
  const m = row ? magnitudeOfAll([row.energyMWh.p10, row.energyMWh.p90], state.meta, state.units, 'energy') : null;
  const energy = (v) => formatNumber(v / m.divisor, state.lang);
  return el(
    'div',
    { class: 'mc', 'data-testid': `card-${id}-mc` },
    tg ? el('p', { class: 'prob', 'data-testid': `card-${id}-probability` }, tr('mcProbability', { year: tg.year }), el('strong', {}, percentText(tg.probabilityMet))) : null,
    row
      ? el(
          'p',
          { class: 'band', 'data-testid': `card-${id}-energy-band` },
          el('span', { class: 'label' }, tr('mcEnergyBand', { year })),
          el('span', { class: 'value' }, `${energy(row.energyMWh.p10)} – ${energy(row.energyMWh.p90)} ${m.unit}`),
        )
      : null,
    el('p', { class: 'note', 'data-testid': `card-${id}-mc-note` }, tr('mcNote', { draws: r.draws.toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-US'), drawsPlain: r.draws, seed: r.seed })),
  );
}

function renderCards(list) {
  $('.cards').replaceChildren(...list.map(cardFor));
  $('#empty').hidden = list.length > 0;
}

export function buildChartCards() {
  const host = $('#charts');
  for (const c of state.chartDefs) {
    const titleId = `chart-title-${c.kind}`;
    const box = el('div', { class: 'chart', id: `chart-${c.kind}`, role: 'img', 'aria-labelledby': titleId, 'data-testid': `chart-${c.kind}` });
    const card = el(
      'section',
      { class: `chart-card${c.wide ? ' wide' : ''}` },
      el(
        'header',
        {},
        el('h3', { id: titleId, 'data-chart-title': c.kind }),
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

function renderCharts(list, kinds = state.chartDefs.map((c) => c.kind)) {
  const c = ctx();
  for (const kind of kinds) {
    const def = state.chartDefs.find((d) => d.kind === kind);
    // An optional metric (SO2, NOx) gets its chart only when a shown scenario declares it.
    const card = document.getElementById(`chart-${kind}`).closest('.chart-card');
    const wanted = !def.metric.optional || chartHasData(def, list);
    const wasHidden = card.hidden;
    card.hidden = !wanted;
    if (wasHidden && wanted) state.charts.get(kind)?.resize();
    if (!wanted) {
      state.options.delete(kind);
      continue;
    }
    const option = chartOption(kind, list, { ...c, widthPx: document.getElementById(`chart-${kind}`).clientWidth });
    state.options.set(kind, option);
    chartOf(kind).setOption(option, { notMerge: true });
  }
  for (const node of document.querySelectorAll('.chart-card .tools button')) {
    const title = state.chartDefs.find((ch) => ch.kind === node.dataset.kind).title[state.lang];
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
export function renderResults() {
  const list = entries();
  renderCards(list);
  renderCharts(list, state.chartDefs.filter((c) => c.band).map((c) => c.kind));
}

/** Redraws cards, charts and the table of differences; `first` draws the wide charts (above the fold) now and the rest just after. */
export function renderAll(first = false) {
  const list = entries();
  renderCards(list);
  if (first) {
    const firstView = state.chartDefs.filter((c) => c.wide).map((c) => c.kind);
    renderCharts(list, firstView);
    setTimeout(() => {
      renderCharts(entries(), state.chartDefs.map((c) => c.kind).filter((k) => !firstView.includes(k)));
      document.body.dataset.charts = 'all';
    }, 0);
  } else {
    renderCharts(list);
  }
  void renderDiffers(list);
}
