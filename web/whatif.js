// What-ifs: the panel's edits (internal units) applied to a scenario as written, and the smallest body that
// says so — `extends: <base file>` plus the fields that changed, following the server's merge rules as it serves
// them (GET /api/meta → mergeRules: child values win; a year series or a mapping whose `model` changes is
// replaced whole; a child's null removes the inherited field when mergeRules.nullRemoves). When an edit removes
// a field (e.g. "solve the rate" on a scenario that gives one), the body says `field: null`; without that rule a
// merge cannot express it and the body carries the whole scenario instead. Input units come from meta.inputUnits.

import { inputText, quantityText } from './units.js';

const DELETE = Symbol('delete');

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

/** The scenario with the panel's edits applied. `edits` holds only what the user touched; `ctx.units` picks how powers are written, `ctx.inputUnits` the other inputs. */
export function applyEdits(scenario, edits, ctx) {
  const s = clone(scenario);
  const u = ctx.inputUnits;
  const percentText = (frac) => inputText(frac, u.percent);
  const power = (mw) => quantityText(mw / ctx.displayUnits[ctx.units].power.divisor, ctx.displayUnits, ctx.units, 'power');
  if (edits.growth && edits.growth.model !== 'keep') {
    const g = edits.growth;
    const base = s.capacity.growth;
    const growth = g.model === base.model ? { ...base } : { model: g.model };
    if (g.model === 'cagr') {
      delete growth.rate;
      if (!g.solve) growth.rate = percentText(g.rateFrac);
    } else if (g.model === 'linear') {
      delete growth.additionsPerYear;
      if (!g.solve) growth.additionsPerYear = power(g.additionsMWPerYear);
    } else if (g.model === 'logistic') {
      growth.saturation = power(g.saturationMW);
      delete growth.steepness;
    }
    s.capacity.growth = growth;
  }
  if (edits.targetCapacityMW !== undefined || edits.targetYear !== undefined) {
    const target = { ...(s.capacity.target ?? {}) };
    if (edits.targetYear !== undefined) target.year = edits.targetYear;
    if (edits.targetCapacityMW !== undefined) target.capacity = power(edits.targetCapacityMW);
    s.capacity.target = target;
  }
  if (edits.lagYears !== undefined) s.capacity.constructionLagYears = edits.lagYears;
  if (edits.fullLoadHours !== undefined) {
    s.yield = { ...s.yield, model: 'full-load-hours', value: inputText(edits.fullLoadHours, u.hours) };
  }
  if (edits.firstYearDegradationFrac !== undefined || edits.annualDegradationFrac !== undefined) {
    const d = { ...(s.yield.degradation ?? {}) };
    if (edits.firstYearDegradationFrac !== undefined) d.firstYear = percentText(edits.firstYearDegradationFrac);
    if (edits.annualDegradationFrac !== undefined) d.annual = percentText(edits.annualDegradationFrac);
    s.yield.degradation = d;
  }
  if (edits.coalTonnesPerMWh !== undefined) s.savings.coal = inputText(edits.coalTonnesPerMWh, u.gramsPerKWh);
  if (edits.co2TonnesPerMWh !== undefined) s.savings.co2 = inputText(edits.co2TonnesPerMWh, u.tonnesPerMWh);
  return s;
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What a child must say so that merging it onto `parent` by `rules` (meta.mergeRules) gives `child`: a field that
 * vanishes is `null` when the rules let null remove it, else the answer is DELETE (no merge can say it).
 */
export function overrides(parent, child, rules) {
  if (sameJson(parent, child)) return undefined;
  if (!isObject(parent) || !isObject(child)) return child;
  const keys = Object.keys(child);
  if (keys.length > 0 && keys.every((k) => new RegExp(rules.replaceWholeWhenKeysMatch, 'u').test(k))) return child;
  if (rules.replaceWholeWhenChanged.some((k) => k in parent && k in child && parent[k] !== child[k])) return child;
  const removed = Object.keys(parent).filter((k) => !(k in child));
  if (removed.length > 0 && !rules.nullRemoves) return DELETE;
  const out = {};
  for (const k of removed) out[k] = null;
  for (const k of keys) {
    const d = overrides(parent[k], child[k], rules);
    if (d === DELETE) return DELETE;
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/** Whether the edits change anything. */
export function hasEdits(edits) {
  return Object.keys(edits).some((k) => edits[k] !== undefined && !(k === 'growth' && edits.growth.model === 'keep'));
}

/** The body for POST /api/run and POST /api/scenarios: `extends` + overrides, or the whole scenario when a field must be removed. */
export function whatIfBody(detail, edits, name, ctx) {
  const edited = applyEdits(detail.scenario, edits, ctx);
  edited.name = name;
  const diff = overrides(detail.scenario, edited, ctx.mergeRules);
  if (diff === DELETE) return edited;
  return { extends: detail.file, ...(diff ?? {}), name };
}

/** Longest id the server takes, in bytes of UTF-8 (src/scenario/id.ts MAX_SCENARIO_ID_BYTES). */
const MAX_ID_BYTES = 200;

/**
 * A file id from a name by the server's id rule (src/scenario/id.ts): NFC, lowercase, letters of any script
 * (Chinese names stay Chinese), digits, '.', '_' and '-'; anything else becomes '-'. `idPattern` (meta.idPattern)
 * checks the result; a name that gives no valid id gets `fallback`.
 */
export function slugify(text, fallback = 'what-if', idPattern = undefined) {
  let slug = String(text)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lm}\p{Lo}\p{M}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^\p{Ll}\p{Lm}\p{Lo}\p{N}]+|[-.]+$/gu, '');
  const encoder = new TextEncoder();
  while (encoder.encode(slug).length > MAX_ID_BYTES) slug = Array.from(slug).slice(0, -1).join('').replace(/[-.]+$/u, '');
  if (!slug || (idPattern !== undefined && !new RegExp(idPattern, 'u').test(slug))) return fallback;
  return slug;
}

/** Growth models the what-if panel edits; other models are kept as the scenario has them. */
export const EDITABLE_MODELS = ['cagr', 'linear', 'logistic'];
/** Years from the base year to the target the form offers when a scenario has no target. */
export const DEFAULT_TARGET_SPAN_YEARS = 3;

/**
 * What the what-if panel shows, in internal units: the user's edits, else the base scenario's values
 * (GET /api/scenarios/:id → parameters, and `defaults` for growth inputs the base does not give), and, for a
 * growth input solved from the target, the value the run used (`report.summary.growth.parameters`: the rate in
 * compound mode, the yearly additions in linear mode), so the panel always shows what the chart draws and the
 * saved file gives. `report` is the run of these edits (the what-if's, or the base's when nothing is edited).
 */
export function panelState(params, edits, defaults, report) {
  const g = edits.growth;
  const model = g?.model ?? (EDITABLE_MODELS.includes(params.growthModel) ? params.growthModel : 'keep');
  const solve = g?.solve ?? defaults.solve;
  let rateFrac = g?.rateFrac ?? defaults.rateFrac;
  let additionsMWPerYear = g?.additionsMWPerYear ?? defaults.additionsMWPerYear;
  const used = report?.summary?.growth;
  if (solve && used && used.model === model) {
    if (model === 'cagr' && Number.isFinite(used.parameters?.rateFrac)) rateFrac = used.parameters.rateFrac;
    if (model === 'linear' && Number.isFinite(used.parameters?.additionsMWPerYear)) additionsMWPerYear = used.parameters.additionsMWPerYear;
  }
  return {
    model,
    solve,
    rateFrac,
    additionsMWPerYear,
    saturationMW: g?.saturationMW ?? defaults.saturationMW,
    targetCapacityMW: edits.targetCapacityMW ?? params.targetCapacityMW,
    targetYear: edits.targetYear ?? params.targetYear ?? Math.min(params.baseYear + DEFAULT_TARGET_SPAN_YEARS, params.endYear),
    fullLoadHours: edits.fullLoadHours ?? params.fullLoadHours,
    firstYearDegradationFrac: edits.firstYearDegradationFrac ?? params.firstYearDegradationFrac,
    annualDegradationFrac: edits.annualDegradationFrac ?? params.annualDegradationFrac,
    coalTonnesPerMWh: edits.coalTonnesPerMWh ?? params.coalTonnesPerMWh,
    co2TonnesPerMWh: edits.co2TonnesPerMWh ?? params.co2TonnesPerMWh,
    constructionLagYears: edits.lagYears ?? params.constructionLagYears,
  };
}
