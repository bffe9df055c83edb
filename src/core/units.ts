/**
 * Conversion constants between pvplan's internal units and common ones.
 * Internal units: MW, MWh, h, t, t/MWh, fractions in [0, 1], degrees, W/m², °C.
 * Conversions to and from text (SI or Chinese magnitudes) happen in src/scenario and src/cli.
 */

/** Hours in a non-leap year; capacity factor ↔ full-load hours uses this (IEC 61724 reports on 8760 h). */
export const HOURS_PER_YEAR = 8760;
/** kWh in one MWh. */
export const KWH_PER_MWH = 1000;
/** kW in one MW. */
export const KW_PER_MW = 1000;
/** W in one kW. */
export const W_PER_KW = 1000;
/** Grams of coal per kWh → tonnes per MWh: 1 g/kWh = 1 kg/MWh = 0.001 t/MWh. */
export const TONNES_PER_MWH_PER_G_PER_KWH = 0.001;
/** Mass of carbon in a mass of CO2: molar masses 12.011 / 44.009, rounded to 12/44 as inventories do (IPCC 2006 GL Vol. 2, ch. 2). */
export const CARBON_PER_CO2 = 12 / 44;
/** 万 (wàn) = 10^4, used only at the edges for Chinese magnitudes. */
export const WAN = 1e4;
/** 亿 (yì) = 10^8, used only at the edges for Chinese magnitudes. */
export const YI = 1e8;

/** Full-load hours (h/yr) from a capacity factor (0–1): h = CF × 8760. */
export function fullLoadHoursFromCapacityFactor(capacityFactorFrac: number): number {
  return capacityFactorFrac * HOURS_PER_YEAR;
}
