// Showing internal values (MW, MWh, t, t/MWh) in SI or Chinese units. The divisors come from the server
// (GET /api/meta → displayUnits, the same table the CLI uses), so the page never has its own copy.

/** Metric → the report's year-row field and its dimension. */
export const METRICS = {
  capacity: { field: 'capacityMW', dimension: 'power' },
  operating: { field: 'operatingMW', dimension: 'power' },
  energy: { field: 'energyMWh', dimension: 'energy' },
  coal: { field: 'coalTonnes', dimension: 'mass' },
  coalCum: { field: 'cumulativeCoalTonnes', dimension: 'mass' },
  co2: { field: 'co2Tonnes', dimension: 'mass' },
  co2Cum: { field: 'cumulativeCo2Tonnes', dimension: 'mass' },
};

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
