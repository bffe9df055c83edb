/**
 * Levelized cost of electricity, two ways: the discounted form over the yearly flows, and the fixed-charge-rate form
 * of SAM's simple LCOE calculator (for comparison). Both are costs: taxes and financing excluded.
 */
import { KWH_PER_MWH } from '../units.ts';
import { capitalRecoveryFactor } from './metrics.ts';

/**
 * Discounted LCOE: Σ cost_t v^t ÷ Σ E_t v^t with v = 1/(1+r), t = i − offset, in 元/kWh from costs in 元 and energy
 * in MWh (÷ 1000 kWh/MWh). NaN when no energy is delivered. Short, Packey & Holt (1995), NREL/TP-462-5173, eq. 4-1
 * (the "simple" real levelized cost, without taxes).
 * @example levelizedCostYuanPerKWh([100, 10, 10], [0, 50, 50], 0, 0) // (100 + 20) / (100 × 1000) = 0.0012
 */
export function levelizedCostYuanPerKWh(costsYuan: ArrayLike<number>, energyMWh: ArrayLike<number>, rateFrac: number, offset: number, length = costsYuan.length): number {
  const x = 1 / (1 + rateFrac);
  let cost = 0;
  let energy = 0;
  for (let i = length - 1; i >= 0; i--) {
    cost = cost * x + costsYuan[i]!;
    energy = energy * x + energyMWh[i]!;
  }
  // The common factor (1+r)^offset cancels in the ratio.
  return energy > 0 ? cost / (energy * KWH_PER_MWH) : Number.NaN;
}

/**
 * Fixed charge rate without taxes, depreciation or construction financing: FCR = CRF(r, N) = r(1+r)^N/((1+r)^N − 1).
 * SAM's LCOE calculator computes FCR = CRF × PFF × CFF (project and construction financing factors); with no tax and
 * no construction financing PFF = CFF = 1 (SAM Help, "LCOE Calculator"; NREL ssc cmod_lcoefcr).
 */
export function fixedChargeRateFrac(discountRateFrac: number, lifetimeYears: number): number {
  return capitalRecoveryFactor(discountRateFrac, lifetimeYears);
}

/**
 * LCOE by the fixed-charge-rate method, 元/kWh: (FCR × capex + fixed O&M) / annual energy + variable O&M, with
 * capex in 元, fixed O&M in 元/yr, energy in MWh/yr (first year, undegraded) and variable O&M in 元/MWh.
 * NREL SAM ssc `lcoefcr`: lcoe = (fcr·icc + foc)/aep + voc. Equals the discounted LCOE when construction takes one
 * year, nothing degrades or escalates and there are no replacements.
 * @example lcoeFixedChargeRateYuanPerKWh(0.1, 1000, 20, 100, 5) // (100 + 20)/100 000 + 0.005 = 0.0062
 */
export function lcoeFixedChargeRateYuanPerKWh(fcrFrac: number, capexYuan: number, fixedOpexYuanPerYear: number, annualEnergyMWh: number, variableOpexYuanPerMWh: number): number {
  if (!(annualEnergyMWh > 0)) return Number.NaN;
  return (fcrFrac * capexYuan + fixedOpexYuanPerYear) / (annualEnergyMWh * KWH_PER_MWH) + variableOpexYuanPerMWh / KWH_PER_MWH;
}
