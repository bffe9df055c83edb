/**
 * Wind speed, temperature and air density at hub height from measurements at other heights, following
 * windpowerlib's modules `wind_speed`, `temperature` and `density` (oemof developer group, windpowerlib v0.2,
 * https://windpowerlib.readthedocs.io).
 */

/** Roughness length of windpowerlib's examples and pvplan's default (m): open farmland with few obstacles. */
export const DEFAULT_ROUGHNESS_LENGTH_M = 0.1;
/** Hellmann exponent for neutral stability over open land (1/7), windpowerlib `wind_speed.hellman`'s default. */
export const DEFAULT_HELLMAN_EXPONENT = 1 / 7;
/** Temperature lapse rate of the ICAO standard atmosphere (K/m), windpowerlib `temperature.linear_gradient`. */
export const TEMPERATURE_GRADIENT_K_PER_M = 0.0065;
/** Pressure gradient near the ground (hPa/m) assumed by windpowerlib's barometric formula: 1 hPa per 8 m (Hau 2008, p. 560). */
export const PRESSURE_GRADIENT_HPA_PER_M = 1 / 8;
/** Density of the standard atmosphere at sea level (kg/m³), ISO 2533; the reference density of power curves (IEC 61400-12-1). */
export const STANDARD_AIR_DENSITY_KG_PER_M3 = 1.225;
/** Temperature of the standard atmosphere at sea level (K), ISO 2533. */
export const STANDARD_TEMPERATURE_K = 288.15;
/** Reference pressure p0 of windpowerlib's barometric formula (Pa): 101,330 Pa as written there (not ISO's 101,325). */
export const BAROMETRIC_REFERENCE_PRESSURE_PA = 101_330;
/** Specific gas constant of dry air (J/(kg·K)) used by windpowerlib `density.ideal_gas`. */
export const DRY_AIR_GAS_CONSTANT_J_PER_KG_K = 287.058;
/** Kelvin at 0 °C. */
export const KELVIN_AT_0_C = 273.15;
const PA_PER_HPA = 100;

/** Ways to carry the wind speed from the measurement height to the hub (windpowerlib's `wind_speed_model`). */
export type WindProfileModel = 'logarithmic' | 'hellman';
export const WIND_PROFILE_MODELS: readonly WindProfileModel[] = ['logarithmic', 'hellman'];

/** Air density models (windpowerlib's `density_model`, with `ideal_gas` spelled `ideal-gas` on pvplan's command line). */
export type DensityModel = 'barometric' | 'ideal-gas';
export const DENSITY_MODELS: readonly DensityModel[] = ['barometric', 'ideal-gas'];

/**
 * Ratio v_hub / v_data of the logarithmic wind profile: ln(h_hub / z0) / ln(h_data / z0), heights and roughness
 * length z0 in m (windpowerlib `wind_speed.logarithmic_profile` without obstacle height; neutral stratification).
 * @example logarithmicProfileFactor(100, 10, 0.1) // 2 (ln 1000 / ln 100)
 */
export function logarithmicProfileFactor(hubHeightM: number, dataHeightM: number, roughnessLengthM: number): number {
  return Math.log(hubHeightM / roughnessLengthM) / Math.log(dataHeightM / roughnessLengthM);
}

/**
 * Wind speed at hub height by the logarithmic profile (m/s): v · ln(h_hub / z0) / ln(h_data / z0), heights and z0 in m
 * (windpowerlib `wind_speed.logarithmic_profile`).
 * @example logarithmicProfileMPerS(5, 10, 100, 0.1) // 10
 */
export function logarithmicProfileMPerS(windSpeedMPerS: number, dataHeightM: number, hubHeightM: number, roughnessLengthM: number): number {
  return windSpeedMPerS * logarithmicProfileFactor(hubHeightM, dataHeightM, roughnessLengthM);
}

/**
 * Ratio v_hub / v_data of the power law: (h_hub / h_data)^α, heights in m, Hellmann exponent α dimensionless
 * (windpowerlib `wind_speed.hellman`; Hellmann 1914).
 * @example hellmanFactor(80, 10, 1 / 3) // 2
 */
export function hellmanFactor(hubHeightM: number, dataHeightM: number, exponent: number): number {
  return (hubHeightM / dataHeightM) ** exponent;
}

/**
 * Wind speed at hub height by the power law (m/s): v · (h_hub / h_data)^α (windpowerlib `wind_speed.hellman`).
 * @example hellmanMPerS(5, 10, 80, 1 / 3) // 10
 */
export function hellmanMPerS(windSpeedMPerS: number, dataHeightM: number, hubHeightM: number, exponent: number): number {
  return windSpeedMPerS * hellmanFactor(hubHeightM, dataHeightM, exponent);
}

/**
 * Temperature at hub height by the standard-atmosphere lapse rate (K, or °C alike): T − 0.0065 K/m · (h_hub − h_T),
 * heights in m (windpowerlib `temperature.linear_gradient`; ICAO standard atmosphere).
 * @example linearGradientTemperatureK(288.15, 2, 102) // 287.5
 */
export function linearGradientTemperatureK(temperatureK: number, temperatureHeightM: number, hubHeightM: number): number {
  return temperatureK - TEMPERATURE_GRADIENT_K_PER_M * (hubHeightM - temperatureHeightM);
}

/**
 * Pressure at hub height (Pa) with a gradient of −1/8 hPa per m: (p/100 − (h_hub − h_p)/8) · 100, p in Pa, heights in m
 * (the pressure term of windpowerlib `density.barometric` and `density.ideal_gas`; Hau 2008, p. 560).
 * @example hubPressurePa(101325, 0, 80) // 100325
 */
export function hubPressurePa(pressurePa: number, pressureHeightM: number, hubHeightM: number): number {
  return (pressurePa / PA_PER_HPA - (hubHeightM - pressureHeightM) * PRESSURE_GRADIENT_HPA_PER_M) * PA_PER_HPA;
}

/**
 * Air density at hub height by the barometric height formula (kg/m³):
 * ρ = (p/100 − (h_hub − h_p)/8) · 1.225 · 288.15 · 100 / (101330 · T_hub), p in Pa at height h_p, heights in m, T_hub in K
 * (windpowerlib `density.barometric`; Hau, Windkraftanlagen, Springer 2008, p. 560).
 * @example barometricDensityKgPerM3(101330, 0, 0, 288.15) // 1.225
 */
export function barometricDensityKgPerM3(pressurePa: number, pressureHeightM: number, hubHeightM: number, hubTemperatureK: number): number {
  return (hubPressurePa(pressurePa, pressureHeightM, hubHeightM) * STANDARD_AIR_DENSITY_KG_PER_M3 * STANDARD_TEMPERATURE_K) / (BAROMETRIC_REFERENCE_PRESSURE_PA * hubTemperatureK);
}

/**
 * Air density at hub height by the ideal gas law (kg/m³): ρ = p_hub / (R_s · T_hub), with p_hub from the same −1/8 hPa/m
 * height correction as the barometric formula and R_s = 287.058 J/(kg·K); p in Pa, heights in m, T_hub in K
 * (windpowerlib `density.ideal_gas`).
 * @example idealGasDensityKgPerM3(101325, 0, 0, 288.15) // 1.2250
 */
export function idealGasDensityKgPerM3(pressurePa: number, pressureHeightM: number, hubHeightM: number, hubTemperatureK: number): number {
  return hubPressurePa(pressurePa, pressureHeightM, hubHeightM) / (DRY_AIR_GAS_CONSTANT_J_PER_KG_K * hubTemperatureK);
}

/** Air density at hub height (kg/m³) by the chosen model; arguments as {@link barometricDensityKgPerM3}. */
export function airDensityKgPerM3(model: DensityModel, pressurePa: number, pressureHeightM: number, hubHeightM: number, hubTemperatureK: number): number {
  return model === 'barometric'
    ? barometricDensityKgPerM3(pressurePa, pressureHeightM, hubHeightM, hubTemperatureK)
    : idealGasDensityKgPerM3(pressurePa, pressureHeightM, hubHeightM, hubTemperatureK);
}
