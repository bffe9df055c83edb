/**
 * What a tonne of CO2 or coal saved costs: the abatement cost of a low-carbon project against a counterfactual supply,
 * and the capital spent per tonne of coal saved over a project's life.
 */

/**
 * Abatement cost, 元/t: (LCOE − counterfactual cost) ÷ tonnes avoided per MWh, with the cost gap in 元/MWh and the
 * factor in t/MWh (CO2 or standard coal). Negative when the project is cheaper than the counterfactual (it saves money
 * on every tonne). NaN for a zero factor. The marginal-abatement-cost definition of McKinsey (2009), "Pathways to a
 * Low-Carbon Economy", and IPCC AR5 WG3 Annex II (levelized cost of conserved carbon).
 * @example abatementCostYuanPerTonne((0.35 - 0.3949) * 1000, 0.5703) // −78.7 元/t CO2
 */
export function abatementCostYuanPerTonne(costGapYuanPerMWh: number, tonnesPerMWh: number): number {
  return tonnesPerMWh > 0 ? costGapYuanPerMWh / tonnesPerMWh : Number.NaN;
}

/**
 * Capital spent per tonne saved over the life, 元/t: total capex ÷ (lifetime energy × tonnes per MWh), undiscounted,
 * as the "total investment per tonne of coal saved" (a simple ratio, not a levelized cost). NaN when nothing
 * is saved.
 * @example capexYuanPerTonneSaved(3.3e8, 2.7e6, 0.3) // 407.4 元/t
 */
export function capexYuanPerTonneSaved(capexYuan: number, lifetimeEnergyMWh: number, tonnesPerMWh: number): number {
  const saved = lifetimeEnergyMWh * tonnesPerMWh;
  return saved > 0 ? capexYuan / saved : Number.NaN;
}
