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

/** Digits after the point that keep about four significant figures without clutter. */
function fractionDigits(x) {
  const a = Math.abs(x);
  if (a >= 1000) return 0;
  if (a >= 100) return 1;
  if (a >= 1) return 2;
  return 3;
}

/** A number for a label: grouped thousands, about four significant figures. */
export function formatNumber(x, lang) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const digits = fractionDigits(x);
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** An internal value with its display unit, e.g. '450 万千瓦' or '4,500 MW'. */
export function formatQuantity(value, displayUnits, system, dimension, lang) {
  const shown = toDisplay(value, displayUnits, system, dimension);
  if (shown === null) return '—';
  const { unit } = displayUnit(displayUnits, system, dimension);
  return `${formatNumber(shown, lang)} ${unit}`;
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
