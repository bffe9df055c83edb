/**
 * PVWatts version 5 power models: DC power from effective irradiance and cell temperature, system losses, and the
 * inverter's part-load efficiency with clipping. A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641 (2014).
 * Power in W, irradiance in W/m², temperature in °C, losses as fractions 0–1 (percent only at the edges).
 */

/** Irradiance at standard test conditions, W/m² (IEC 61215); the PVWatts nameplate is rated at it. */
export const STC_IRRADIANCE_WM2 = 1000;
/** Cell temperature at standard test conditions, °C. */
export const STC_CELL_TEMP_C = 25;

/**
 * PVWatts DC power (W): P = (E/1000) · P_dc0 · (1 + γ (T_c − T_ref)), effective irradiance E in W/m², cell temperature
 * in °C, nameplate P_dc0 in W, γ in 1/°C (e.g. −0.0037), T_ref default 25 °C. Dobos 2014, NREL/TP-6A20-62641, eq. 2.
 * @example pvwattsDcW(800, 55, 1000, -0.004) // 704
 */
export function pvwattsDcW(
  effectiveIrradianceWm2: number,
  cellTempC: number,
  dcNameplateW: number,
  gammaPerC: number,
  referenceTempC: number = STC_CELL_TEMP_C,
): number {
  return (effectiveIrradianceWm2 / STC_IRRADIANCE_WM2) * dcNameplateW * (1 + gammaPerC * (cellTempC - referenceTempC));
}

/** The PVWatts system-loss categories, each a fraction 0–1 of DC energy lost. */
export interface PvwattsLossesFrac {
  readonly soilingFrac: number;
  readonly shadingFrac: number;
  readonly snowFrac: number;
  readonly mismatchFrac: number;
  readonly wiringFrac: number;
  readonly connectionsFrac: number;
  readonly lightInducedDegradationFrac: number;
  readonly nameplateRatingFrac: number;
  readonly ageFrac: number;
  readonly availabilityFrac: number;
}

export const PVWATTS_LOSS_CATEGORIES: readonly (keyof PvwattsLossesFrac)[] = [
  'soilingFrac',
  'shadingFrac',
  'snowFrac',
  'mismatchFrac',
  'wiringFrac',
  'connectionsFrac',
  'lightInducedDegradationFrac',
  'nameplateRatingFrac',
  'ageFrac',
  'availabilityFrac',
];

/**
 * PVWatts default losses (Dobos 2014, NREL/TP-6A20-62641, Table 2): soiling 2 %, shading 3 %, snow 0 %, mismatch 2 %,
 * wiring 2 %, connections 0.5 %, light-induced degradation 1.5 %, nameplate rating 1 %, age 0 %, availability 3 %.
 */
export const PVWATTS_DEFAULT_LOSSES_FRAC: PvwattsLossesFrac = Object.freeze({
  soilingFrac: 0.02,
  shadingFrac: 0.03,
  snowFrac: 0,
  mismatchFrac: 0.02,
  wiringFrac: 0.02,
  connectionsFrac: 0.005,
  lightInducedDegradationFrac: 0.015,
  nameplateRatingFrac: 0.01,
  ageFrac: 0,
  availabilityFrac: 0.03,
});

/**
 * Total system loss (fraction 0–1) from the PVWatts categories (each 0–1) combined multiplicatively:
 * L = 1 − Π(1 − l_i). Dobos 2014, NREL/TP-6A20-62641, eq. 1; the defaults give 0.14075660688 (14.08 %).
 * @example combinedLossFrac(PVWATTS_DEFAULT_LOSSES_FRAC) // 0.1407566
 */
export function combinedLossFrac(losses: PvwattsLossesFrac): number {
  let kept = 1;
  for (const category of PVWATTS_LOSS_CATEGORIES) {
    const loss = losses[category];
    if (!(loss >= 0 && loss <= 1)) throw new Error(`combinedLossFrac: ${category} must be within [0, 1], got ${loss}`);
    kept *= 1 - loss;
  }
  return 1 - kept;
}

/** System losses as written in an array description: one total, or the PVWatts categories (missing ones 0). */
export type SystemLosses =
  | { readonly kind: 'total'; readonly totalFrac: number }
  | { readonly kind: 'categories'; readonly categories: Partial<PvwattsLossesFrac> };

/** Total system loss (fraction 0–1) of a {@link SystemLosses}: the total itself, or the categories by {@link combinedLossFrac}. */
export function systemLossFrac(losses: SystemLosses): number {
  switch (losses.kind) {
    case 'total':
      if (!(losses.totalFrac >= 0 && losses.totalFrac < 1)) {
        throw new Error(`systemLossFrac: the total loss must be within [0, 1), got ${losses.totalFrac}`);
      }
      return losses.totalFrac;
    case 'categories': {
      const full = { ...ZERO_LOSSES, ...losses.categories };
      return combinedLossFrac(full);
    }
    default: {
      const unknown: never = losses;
      throw new Error(`systemLossFrac: unknown losses kind '${String((unknown as { kind: unknown }).kind)}'`);
    }
  }
}

const ZERO_LOSSES: PvwattsLossesFrac = Object.freeze({
  soilingFrac: 0,
  shadingFrac: 0,
  snowFrac: 0,
  mismatchFrac: 0,
  wiringFrac: 0,
  connectionsFrac: 0,
  lightInducedDegradationFrac: 0,
  nameplateRatingFrac: 0,
  ageFrac: 0,
  availabilityFrac: 0,
});

/** PVWatts nominal inverter efficiency η_nom (dimensionless), Dobos 2014, NREL/TP-6A20-62641, §8. */
export const PVWATTS_ETA_INV_NOM = 0.96;
/** PVWatts reference inverter efficiency η_ref (dimensionless) of the efficiency curve, Dobos 2014, §8. */
export const PVWATTS_ETA_INV_REF = 0.9637;

// The efficiency curve η(ζ) = (η_nom/η_ref)(C_LINEAR ζ + C_INVERSE/ζ + C_CONSTANT), Dobos 2014 eq. 9.
const CURVE_LINEAR = -0.0162;
const CURVE_INVERSE = -0.0059;
const CURVE_CONSTANT = 0.9858;

/** A PVWatts inverter resolved once per array; the hot path only reads it. */
export interface PvwattsInverter {
  /** AC nameplate (maximum AC output), W. */
  readonly acRatingW: number;
  /** DC input rating P_dc0 = P_ac0 / η_nom, W. */
  readonly dcRatingW: number;
  readonly etaInvNom: number;
  readonly etaInvRef: number;
  /** η_nom / η_ref, the scale of the part-load curve. */
  readonly efficiencyScale: number;
  /** DC input power at which the AC output first reaches the AC nameplate, W (= dcRatingW when η_ref = 0.9637). */
  readonly clippingThresholdDcW: number;
}

/**
 * Resolve a PVWatts inverter from its AC nameplate (W) and efficiencies (dimensionless): P_dc0 = P_ac0/η_nom, and the DC
 * power where the curve reaches P_ac0, the smaller root of (η_nom/η_ref)(C_L ζ² + C_C ζ + C_I) P_dc0 = P_ac0.
 * Dobos 2014, NREL/TP-6A20-62641, eqs. 8–9. With a DC/AC ratio r, P_ac0 = DC nameplate / r.
 * @example pvwattsInverter(1000).dcRatingW // 1041.667
 */
export function pvwattsInverter(acRatingW: number, etaInvNom: number = PVWATTS_ETA_INV_NOM, etaInvRef: number = PVWATTS_ETA_INV_REF): PvwattsInverter {
  if (!(acRatingW > 0)) throw new Error(`pvwattsInverter: the AC rating must be positive, got ${acRatingW} W`);
  if (!(etaInvNom > 0 && etaInvNom <= 1)) throw new Error(`pvwattsInverter: η_nom must be within (0, 1], got ${etaInvNom}`);
  if (!(etaInvRef > 0 && etaInvRef <= 1)) throw new Error(`pvwattsInverter: η_ref must be within (0, 1], got ${etaInvRef}`);
  const dcRatingW = acRatingW / etaInvNom;
  // (η_nom/η_ref)(C_L ζ² + C_C ζ + C_I) = η_nom  ⇔  C_L ζ² + C_C ζ + (C_I − η_ref) = 0, with C_L < 0.
  const discriminant = CURVE_CONSTANT * CURVE_CONSTANT - 4 * CURVE_LINEAR * (CURVE_INVERSE - etaInvRef);
  if (!(discriminant >= 0)) throw new Error(`pvwattsInverter: η_ref = ${etaInvRef} leaves the efficiency curve below η_nom at every load`);
  const clippingZeta = (-CURVE_CONSTANT + Math.sqrt(discriminant)) / (2 * CURVE_LINEAR);
  return { acRatingW, dcRatingW, etaInvNom, etaInvRef, efficiencyScale: etaInvNom / etaInvRef, clippingThresholdDcW: clippingZeta * dcRatingW };
}

/**
 * PVWatts inverter AC output (W) from DC input (W): ζ = P_dc/P_dc0, η = (η_nom/η_ref)(−0.0162 ζ − 0.0059/ζ + 0.9858),
 * P_ac = min(η P_dc, P_ac0), and 0 where that is negative (η < 0 below ζ ≈ 0.006) or P_dc ≤ 0.
 * Dobos 2014, NREL/TP-6A20-62641, eqs. 8–10; the 0 floor as pvlib `inverter.pvwatts`.
 * @example pvwattsInverterAcW(500, pvwattsInverter(1000)) // 481.0123
 */
export function pvwattsInverterAcW(dcPowerW: number, inverter: PvwattsInverter): number {
  if (!(dcPowerW > 0)) return Number.isNaN(dcPowerW) ? Number.NaN : 0;
  const zeta = dcPowerW / inverter.dcRatingW;
  const efficiency = inverter.efficiencyScale * (CURVE_LINEAR * zeta + CURVE_INVERSE / zeta + CURVE_CONSTANT);
  const acW = efficiency * dcPowerW;
  if (acW > inverter.acRatingW) return inverter.acRatingW;
  return acW > 0 ? acW : 0;
}

/**
 * DC power (W) the inverter cannot use because its AC output is at the nameplate: max(P_dc − P_dc,clip, 0), P_dc in W,
 * P_dc,clip from {@link pvwattsInverter}. Summed over hours it is the clipping loss on the DC side (Dobos 2014, §8).
 */
export function pvwattsClippedDcW(dcPowerW: number, inverter: PvwattsInverter): number {
  const excess = dcPowerW - inverter.clippingThresholdDcW;
  return excess > 0 ? excess : 0;
}
