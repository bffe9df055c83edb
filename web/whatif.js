// What-ifs: the panel's edits (internal units) applied to a scenario as written, and the smallest body that
// says so — `extends: <base file>` plus the fields that changed, following the server's merge rules (child
// values win; a year series or a mapping whose `model` changes is replaced whole). When an edit removes a
// field (e.g. "solve the rate" on a scenario that gives one), a merge cannot express it and the body carries
// the whole scenario instead.

import { quantityText } from './units.js';

/** Percent per fraction, for writing rates as '58.7 %'. */
const PERCENT_PER_FRACTION = 100;
/** g/kWh per t/MWh (1 t/MWh = 10^6 g / 10^3 kWh). */
const G_PER_KWH_PER_T_PER_MWH = 1000;

const YEAR_KEY = /^[12][0-9]{3}$/;
const DELETE = Symbol('delete');

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

/** A number written without binary noise: 0.1 + 0.2 → 0.3. */
function tidy(x) {
  return Number(x.toPrecision(10));
}

export function percentText(frac) {
  return `${tidy(frac * PERCENT_PER_FRACTION)} %`;
}

/** The scenario with the panel's edits applied. `edits` holds only what the user touched; `units` picks how powers are written. */
export function applyEdits(scenario, edits, ctx) {
  const s = clone(scenario);
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
    s.yield = { ...s.yield, model: 'full-load-hours', value: `${tidy(edits.fullLoadHours)} h` };
  }
  if (edits.firstYearDegradationFrac !== undefined || edits.annualDegradationFrac !== undefined) {
    const d = { ...(s.yield.degradation ?? {}) };
    if (edits.firstYearDegradationFrac !== undefined) d.firstYear = percentText(edits.firstYearDegradationFrac);
    if (edits.annualDegradationFrac !== undefined) d.annual = percentText(edits.annualDegradationFrac);
    s.yield.degradation = d;
  }
  if (edits.coalTonnesPerMWh !== undefined) s.savings.coal = `${tidy(edits.coalTonnesPerMWh * G_PER_KWH_PER_T_PER_MWH)} g/kWh`;
  if (edits.co2TonnesPerMWh !== undefined) s.savings.co2 = `${tidy(edits.co2TonnesPerMWh)} t/MWh`;
  return s;
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a child must say so that merging it onto `parent` gives `child`; DELETE when a field would have to vanish. */
export function overrides(parent, child) {
  if (sameJson(parent, child)) return undefined;
  if (!isObject(parent) || !isObject(child)) return child;
  const keys = Object.keys(child);
  if (keys.length > 0 && keys.every((k) => YEAR_KEY.test(k))) return child;
  if ('model' in parent && 'model' in child && parent.model !== child.model) return child;
  if (Object.keys(parent).some((k) => !(k in child))) return DELETE;
  const out = {};
  for (const k of keys) {
    const d = overrides(parent[k], child[k]);
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
  const diff = overrides(detail.scenario, edited);
  if (diff === DELETE) return edited;
  return { extends: detail.file, ...(diff ?? {}), name };
}

/** A file id from a name: lowercase ASCII letters, digits and '-', as the server's id pattern wants. */
export function slugify(text, fallback = 'what-if') {
  const slug = String(text)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64);
  return slug || fallback;
}
