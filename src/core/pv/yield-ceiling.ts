/**
 * What PV cannot exceed at a latitude, whatever the weather: an upper bound on the specific yield (kWh/kWp a year,
 * = full-load hours) from the sunlight reaching the top of the atmosphere there. The plausibility checks use it to
 * tell a slip of magnitude ("11350 h") from a sunny site.
 */
import { SOLAR_CONSTANT_WM2 } from './extraterrestrial.ts';

const DEG = Math.PI / 180;
const SECONDS_PER_DAY = 86_400;
const J_PER_KWH = 3.6e6;
const DAYS_PER_YEAR = 365;

/**
 * Daily extraterrestrial irradiation on a horizontal surface, kWh/m²:
 * H0 = (24·3600·Gsc/π)·(1 + 0.033·cos(360n/365))·(cos φ cos δ sin ωs + (π ωs/180) sin φ sin δ),
 * δ = 23.45°·sin(360(284 + n)/365), ωs = arccos(−tan φ tan δ) (0 in polar night, 180° in midnight sun).
 * Source: Duffie & Beckman, Solar Engineering of Thermal Processes, 4th ed. (2013), eqs. 1.4.1b, 1.6.1a, 1.6.10, 1.10.3.
 * @param latitudeDeg latitude, ° (north positive), −90 to 90
 * @param dayOfYear 1 (1 January) to 365
 * @example dailyExtraterrestrialHorizontalKWhPerM2(0, 80) // ≈ 10.3 (equator at the March equinox)
 */
export function dailyExtraterrestrialHorizontalKWhPerM2(latitudeDeg: number, dayOfYear: number): number {
  const phi = latitudeDeg * DEG;
  const delta = 23.45 * DEG * Math.sin(((2 * Math.PI) / DAYS_PER_YEAR) * (284 + dayOfYear));
  const cosWs = Math.min(1, Math.max(-1, -Math.tan(phi) * Math.tan(delta)));
  const ws = Math.acos(cosWs);
  const eccentricity = 1 + 0.033 * Math.cos(((2 * Math.PI) / DAYS_PER_YEAR) * dayOfYear);
  const shape = Math.cos(phi) * Math.cos(delta) * Math.sin(ws) + ws * Math.sin(phi) * Math.sin(delta);
  return ((SECONDS_PER_DAY * SOLAR_CONSTANT_WM2) / Math.PI) * eccentricity * Math.max(0, shape) / J_PER_KWH;
}

/**
 * Yearly extraterrestrial irradiation on a horizontal surface, kWh/m²: Σ of H0 over days 1–365 (Duffie & Beckman
 * 2013, eq. 1.10.3). About 3,650 at the equator, 2,970 at 37° and 2,390 at 52°.
 */
export function annualExtraterrestrialHorizontalKWhPerM2(latitudeDeg: number): number {
  if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) throw new RangeError(`annualExtraterrestrialHorizontalKWhPerM2: expected a latitude from -90 to 90°, got ${latitudeDeg}`);
  let sum = 0;
  for (let n = 1; n <= DAYS_PER_YEAR; n++) sum += dailyExtraterrestrialHorizontalKWhPerM2(latitudeDeg, n);
  return sum;
}

/**
 * Highest yearly clearness index (GHI / extraterrestrial horizontal) of any site on Earth: the Atacama desert's
 * high plateau receives about 2,700 kWh/m² a year at 24° S, where H0 is 3,350 (Rondanelli et al. 2015, "The
 * Atacama surface solar maximum", BAMS 96:405–418): 0.81, rounded up.
 */
export const CLEARNESS_INDEX_MAX = 0.82;
/**
 * Highest ratio of plane-of-array to horizontal irradiation a year: a two-axis tracker under the clearest skies
 * collects about 1.3–1.45 × GHI (Duffie & Beckman 2013, §2.20; PVWatts two-axis runs in desert climates); 1.5 bounds it.
 */
export const POA_GAIN_MAX = 1.5;
/** Highest performance ratio of a PV system a year (best plants measure 0.85–0.90: Reich et al. 2012, Prog. Photovolt. 20:717–726). */
export const PERFORMANCE_RATIO_MAX = 0.9;

/**
 * Ceiling on PV specific yield at a latitude, kWh/kWp a year (= full-load hours): no PV plant there produces more.
 * Y_max = H0,year(φ) × K_T,max × (H_poa/H)_max × PR_max, with H0,year from Duffie & Beckman (2013) eq. 1.10.3 and
 * each factor at the highest value measured anywhere (see the constants), so their product bounds every site.
 * @param latitudeDeg latitude, ° (north positive)
 * @example pvYieldCeilingKWhPerKWp(37) // ≈ 3,285 (Shandong's latitude; real plants there give 1,100–1,450)
 */
export function pvYieldCeilingKWhPerKWp(latitudeDeg: number): number {
  return annualExtraterrestrialHorizontalKWhPerM2(latitudeDeg) * CLEARNESS_INDEX_MAX * POA_GAIN_MAX * PERFORMANCE_RATIO_MAX;
}
