/** Coal and emissions avoided by PV energy: mass = energy × factor (the avoided-generation method, e.g. 国家发改委 CDM/CCER "电量边际" practice and the rule of thumb in docs/factors.md). */

/** Mass avoided, t: E (MWh) × f (t/MWh). */
export function avoidedTonnes(energyMWh: number, factorTonnesPerMWh: number): number {
  return energyMWh * factorTonnesPerMWh;
}

/** Energy that avoids a given mass, MWh: m (t) / f (t/MWh) — the inverse of avoidedTonnes. */
export function energyForAvoidedTonnesMWh(massTonnes: number, factorTonnesPerMWh: number): number {
  if (!(factorTonnesPerMWh > 0)) throw new Error('energyForAvoidedTonnesMWh: the factor must be positive');
  return massTonnes / factorTonnesPerMWh;
}
