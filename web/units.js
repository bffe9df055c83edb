// Showing internal values (MW, MWh, t, t/MWh) in SI or Chinese units, and what-if inputs in their units. The
// divisors and factors come from the server (GET /api/meta → displayUnits and inputUnits, the tables the CLI and
// the scenario parser use), so the page never has its own copy.

/** The display unit and divisor of a dimension in a unit system. */
export function displayUnit(displayUnits, system, dimension) {
  return displayUnits[system][dimension];
}

/** An internal value in display units (a number), or null for a missing value. */
export function toDisplay(value, displayUnits, system, dimension) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return value / displayUnit(displayUnits, system, dimension).divisor;
}

/** Display units → internal value. */
export function fromDisplay(shown, displayUnits, system, dimension) {
  return shown * displayUnit(displayUnits, system, dimension).divisor;
}

/**
 * An internal value in its display unit, e.g. '450 万千瓦' or '4,500 MW' (portfolio.js and system.js use it; it went
 * missing from this module when glance() came in, which stopped the page from loading).
 */
export function formatQuantity(value, displayUnits, system, dimension, lang) {
  const shown = toDisplay(value, displayUnits, system, dimension);
  if (shown === null) return '—';
  return `${formatNumber(shown, lang)} ${displayUnit(displayUnits, system, dimension).unit}`;
}

/** Significant digits of a number read at a glance (cards, axes, tooltips): three or four, never more. */
export const GLANCE_SIGNIFICANT_DIGITS = 4;

/** A number for a label: grouped thousands, at most four significant figures (12,345 → 12,350; 247.1625 → 247.2). */
export function formatNumber(x, lang) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: GLANCE_SIGNIFICANT_DIGITS });
}

/**
 * The magnitude a value is read in at a glance (GET /api/meta → magnitudes: the registry's DISPLAY_MAGNITUDES):
 * the largest whose divisor |value| reaches, else the smallest; 0 and non-finite values take the table's display
 * unit. The same rule as magnitudeFor in src/core/metrics/metrics.ts (test/web/units.test.ts checks they agree).
 */
export function magnitudeFor(value, units, system, dimension) {
  const list = units.magnitudes[system][dimension];
  const a = Math.abs(value);
  if (a === 0 || !Number.isFinite(a)) return list.find((m) => m.unit === units.displayUnits[system][dimension].unit) ?? list[0];
  let chosen = list[0];
  for (const m of list) if (a >= m.divisor) chosen = m;
  return chosen;
}

/**
 * An internal value read at a glance, in its natural magnitude with at most four significant digits:
 * glance(4500, meta, 'si', 'power', 'en') → '4.5 GW'; glance(22419490, meta, 'cn', 'mass', 'zh') → '2,242 万吨'.
 * `units` is { displayUnits, magnitudes } (GET /api/meta).
 */
export function glance(value, units, system, dimension, lang) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const m = magnitudeFor(value, units, system, dimension);
  return `${formatNumber(value / m.divisor, lang)} ${m.unit}`;
}

/** The magnitude of a set of values (a chart's axis, a range): the one of the largest |value|. */
export function magnitudeOfAll(values, units, system, dimension) {
  let max = 0;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return magnitudeFor(max, units, system, dimension);
}

/** A quantity string the scenario parser reads back, e.g. quantityText(450, 'cn', 'power') → '450万千瓦'. */
export function quantityText(shown, displayUnits, system, dimension) {
  const { unit } = displayUnit(displayUnits, system, dimension);
  const n = Number(shown.toPrecision(12));
  return system === 'cn' ? `${n}${unit}` : `${n} ${unit}`;
}

/** An internal value in a what-if input unit (GET /api/meta → inputUnits[id]), e.g. 0.3 t/MWh → 300 for g/kWh. */
export function toInputUnit(value, inputUnit) {
  return value * inputUnit.perInternal;
}

/** A value in a what-if input unit → internal value. */
export function fromInputUnit(shown, inputUnit) {
  return shown / inputUnit.perInternal;
}

/** A what-if input as text the scenario parser reads back, e.g. inputText(0.3, inputUnits.gramsPerKWh) → '300 g/kWh'. */
export function inputText(value, inputUnit) {
  return `${Number(toInputUnit(value, inputUnit).toPrecision(10))} ${inputUnit.unit}`;
}
