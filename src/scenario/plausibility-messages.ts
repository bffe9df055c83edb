/**
 * The texts of the plausibility warnings, all in this one module: each warning is a code and its parameters
 * (plain data), and its message is made here from them, so a translation (`--lang zh`) adds a second table keyed by
 * the same codes. Parameters are already formatted with their units ('450 MW', '1837.5 h').
 */

export type WarningCode =
  | 'target-below-baseline'
  | 'growth-rate-high'
  | 'coal-intensity-outside'
  | 'co2-factor-outside'
  | 'degradation-high'
  | 'first-year-degradation-high'
  | 'curtailment-high'
  | 'pv-hours-outside-practice'
  | 'pv-hours-above-ceiling'
  | 'wind-hours-outside-practice'
  | 'solved-hours-implausible'
  | 'solved-capacity-implausible'
  | 'tariff-implausible'
  | 'capex-implausible'
  | 'opex-implausible'
  | 'energy-target-implausible';

export const WARNING_CODES: readonly WarningCode[] = [
  'target-below-baseline',
  'growth-rate-high',
  'coal-intensity-outside',
  'co2-factor-outside',
  'degradation-high',
  'first-year-degradation-high',
  'curtailment-high',
  'pv-hours-outside-practice',
  'pv-hours-above-ceiling',
  'wind-hours-outside-practice',
  'solved-hours-implausible',
  'solved-capacity-implausible',
  'tariff-implausible',
  'capex-implausible',
  'opex-implausible',
  'energy-target-implausible',
];

/** A warning's parameters: formatted values by name; `intent` is the likely meant value, when one fits. */
export type WarningParams = Readonly<Record<string, string | number>>;

type Template = (p: WarningParams) => string;

const where = (p: WarningParams) => (p.place === undefined ? '' : ` in ${p.place}`);

/** English texts by code. */
export const WARNING_TEXT_EN: Readonly<Record<WarningCode, Template>> = {
  'target-below-baseline': (p) => `target ${p.value} is below the ${p.baseYear} baseline of ${p.baseline}`,
  'growth-rate-high': (p) => `${p.what} is ${p.value} a year, more than ${p.max} (doubling every year)`,
  'coal-intensity-outside': (p) => `coal factor ${p.value} is outside the plausible ${p.range}`,
  'co2-factor-outside': (p) => `CO2 factor ${p.value} is outside the plausible ${p.range}`,
  'degradation-high': (p) => `degradation of ${p.value} a year is above ${p.max} a year`,
  'first-year-degradation-high': (p) => `first-year degradation of ${p.value} is above ${p.max}`,
  'curtailment-high': (p) => `curtailment of ${p.value} is above ${p.max}, the worst any Chinese province has reported`,
  'pv-hours-outside-practice': (p) => `full-load hours of ${p.value} a year are implausible for PV${where(p)}: plants ${p.place === undefined ? 'anywhere' : 'there'} give ${p.range}`,
  'pv-hours-above-ceiling': (p) => `full-load hours of ${p.value} a year are more than PV can produce at latitude ${p.latitude} (at most ${p.max} even under the clearest skies, on a tracker)`,
  'wind-hours-outside-practice': (p) => `full-load hours of ${p.value} a year are implausible for wind: farms give ${p.range}`,
  'solved-hours-implausible': (p) => `the solved full-load hours of ${p.value} a year are implausible for PV${where(p)} (plants ${p.place === undefined ? 'anywhere' : 'there'} give ${p.range}): meeting the target needs more capacity, or check the target`,
  'tariff-implausible': (p) => `tariff of ${p.value} is outside the plausible ${p.range}`,
  'capex-implausible': (p) => `capital cost of ${p.value} is outside the plausible ${p.range}`,
  'opex-implausible': (p) => `fixed O&M of ${p.value} a year is outside the plausible ${p.range} a year`,
  'energy-target-implausible': (p) => `energy target ${p.energy} asks ${p.value} a year of the ${p.capacity} it counts operating in ${p.year} (plausible: ${p.range})`,
  'solved-capacity-implausible': (p) => `the solved ${p.value} in ${p.year} means growing ${p.rate} a year from the ${p.baseYear} baseline, above ${p.max} a year: check the target`,
};

/** The English message of a warning: its text, and the likely intent when there is one ("did you mean …?"). */
export function warningMessage(code: WarningCode, params: WarningParams): string {
  const text = WARNING_TEXT_EN[code](params);
  return params.intent === undefined ? text : `${text}: did you mean ${params.intent}?`;
}
