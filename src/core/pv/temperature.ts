/**
 * Module and cell temperature from plane-of-array irradiance, air temperature and wind speed: the Sandia (SAPM)
 * and Faiman steady-state models. Irradiance in W/m², temperatures in °C, wind speed in m/s at the weather station's
 * height (usually 10 m), as both models were fitted.
 */

/** Cell-temperature models. */
export type TemperatureModel = 'sapm' | 'faiman';
export const TEMPERATURE_MODELS: readonly TemperatureModel[] = ['sapm', 'faiman'];

/** SAPM mounting and module-construction combinations with published coefficients. */
export type SapmMounting = 'open-rack-glass-glass' | 'close-mount-glass-glass' | 'open-rack-glass-polymer' | 'insulated-back-glass-polymer';
export const SAPM_MOUNTINGS: readonly SapmMounting[] = [
  'open-rack-glass-glass',
  'close-mount-glass-glass',
  'open-rack-glass-polymer',
  'insulated-back-glass-polymer',
];

/** SAPM thermal coefficients: T_m = E·exp(a + b·WS) + T_a, T_c = T_m + (E/1000)·ΔT. */
export interface SapmTemperatureParams {
  /** Dimensionless: ln of the module's temperature rise per W/m² at zero wind. */
  readonly a: number;
  /** Wind dependence, s/m. */
  readonly bSPerM: number;
  /** Cell − back-of-module temperature difference at 1000 W/m², °C. */
  readonly deltaTC: number;
}

/**
 * SAPM coefficients by mounting. D. L. King, W. E. Boyson, J. A. Kratochvil, "Photovoltaic Array Performance Model",
 * Sandia National Laboratories, SAND2004-3535 (2004), Table 1 (also pvlib `TEMPERATURE_MODEL_PARAMETERS['sapm']`).
 */
export const SAPM_TEMPERATURE_PARAMETERS: Readonly<Record<SapmMounting, SapmTemperatureParams>> = Object.freeze({
  'open-rack-glass-glass': Object.freeze({ a: -3.47, bSPerM: -0.0594, deltaTC: 3 }),
  'close-mount-glass-glass': Object.freeze({ a: -2.98, bSPerM: -0.0471, deltaTC: 1 }),
  'open-rack-glass-polymer': Object.freeze({ a: -3.56, bSPerM: -0.075, deltaTC: 3 }),
  'insulated-back-glass-polymer': Object.freeze({ a: -2.81, bSPerM: -0.0455, deltaTC: 0 }),
});

/** Irradiance at which the SAPM ΔT is defined, W/m² (SAND2004-3535 eq. 12). */
export const SAPM_REFERENCE_IRRADIANCE_WM2 = 1000;

/** Faiman heat-loss coefficients: T_m = T_a + E / (U0 + U1·WS). */
export interface FaimanParams {
  /** Constant heat-transfer component, W/(m²·K). */
  readonly u0WPerM2K: number;
  /** Convective (wind) component, W·s/(m³·K). */
  readonly u1WsPerM3K: number;
}

/** Faiman (2008) fit for c-Si modules as used in IEC 61853-2 and pvlib's defaults: U0 = 25.0, U1 = 6.84. */
export const FAIMAN_DEFAULTS: FaimanParams = Object.freeze({ u0WPerM2K: 25.0, u1WsPerM3K: 6.84 });

/**
 * SAPM back-of-module temperature (°C): T_m = E·exp(a + b·WS) + T_a; E in W/m², T_a in °C, WS in m/s, a dimensionless, b in s/m.
 * King et al., SAND2004-3535 (2004) eq. 11.
 * @example sapmModuleTempC(1000, 25, 1, -3.47, -0.0594) // 54.3225
 */
export function sapmModuleTempC(poaGlobalWm2: number, airTempC: number, windSpeedMPerS: number, a: number, bSPerM: number): number {
  return sapmModuleTempFromWindFactorC(poaGlobalWm2, airTempC, sapmWindFactor(windSpeedMPerS, a, bSPerM));
}

/**
 * The SAPM module temperature's wind factor exp(a + b·WS) (°C per W/m²), WS in m/s: it depends on the weather and the
 * mounting only, so a run over many arrays on one weather series computes it once per hour. King et al. (2004) eq. 11.
 */
export function sapmWindFactor(windSpeedMPerS: number, a: number, bSPerM: number): number {
  return Math.exp(a + bSPerM * windSpeedMPerS);
}

/** SAPM module temperature (°C) from E (W/m²), T_a (°C) and the hour's {@link sapmWindFactor}: T_m = E·factor + T_a (eq. 11). */
export function sapmModuleTempFromWindFactorC(poaGlobalWm2: number, airTempC: number, windFactor: number): number {
  return poaGlobalWm2 * windFactor + airTempC;
}

/**
 * SAPM cell temperature (°C) from back-of-module temperature (°C): T_c = T_m + (E/1000 W/m²)·ΔT, E in W/m², ΔT in °C.
 * King et al., SAND2004-3535 (2004) eq. 12.
 */
export function sapmCellTempFromModuleC(moduleTempC: number, poaGlobalWm2: number, deltaTC: number): number {
  return moduleTempC + (poaGlobalWm2 / SAPM_REFERENCE_IRRADIANCE_WM2) * deltaTC;
}

/**
 * SAPM cell temperature (°C): T_c = E·exp(a + b·WS) + T_a + (E/1000)·ΔT, E in W/m², T_a in °C, WS in m/s;
 * coefficients default to open rack, glass/glass. King et al., SAND2004-3535 (2004) eqs. 11–12.
 * @example sapmCellTempC(1000, 25, 1) // 57.3225
 */
export function sapmCellTempC(
  poaGlobalWm2: number,
  airTempC: number,
  windSpeedMPerS: number,
  params: SapmTemperatureParams = SAPM_TEMPERATURE_PARAMETERS['open-rack-glass-glass'],
): number {
  const moduleTempC = sapmModuleTempC(poaGlobalWm2, airTempC, windSpeedMPerS, params.a, params.bSPerM);
  return sapmCellTempFromModuleC(moduleTempC, poaGlobalWm2, params.deltaTC);
}

/**
 * Faiman module temperature (°C), used as the cell temperature: T = T_a + E/(U0 + U1·WS), E in W/m², T_a in °C,
 * WS in m/s, U0 in W/(m²·K), U1 in W·s/(m³·K). D. Faiman, "Assessing the outdoor operating temperature of
 * photovoltaic modules", Progress in Photovoltaics 16(4) (2008) 307–315, doi:10.1002/pip.813, eq. 4.
 * @example faimanModuleTempC(1000, 25, 1) // 56.4070
 */
export function faimanModuleTempC(
  poaGlobalWm2: number,
  airTempC: number,
  windSpeedMPerS: number,
  u0WPerM2K: number = FAIMAN_DEFAULTS.u0WPerM2K,
  u1WsPerM3K: number = FAIMAN_DEFAULTS.u1WsPerM3K,
): number {
  return airTempC + poaGlobalWm2 / (u0WPerM2K + u1WsPerM3K * windSpeedMPerS);
}

/** A resolved cell-temperature model with its coefficients, picked once per array and used every hour. */
export type CellTemperatureParams =
  | ({ readonly model: 'sapm' } & SapmTemperatureParams)
  | ({ readonly model: 'faiman' } & FaimanParams);

/**
 * Resolved coefficients for a temperature model: SAPM by mounting (SAND2004-3535 Table 1, default open rack
 * glass/glass) or Faiman (2008) defaults. For custom coefficients build a {@link CellTemperatureParams} directly.
 */
export function cellTemperatureParams(model: TemperatureModel, mounting: SapmMounting = 'open-rack-glass-glass'): CellTemperatureParams {
  switch (model) {
    case 'sapm': {
      const params = SAPM_TEMPERATURE_PARAMETERS[mounting];
      if (params === undefined) throw new Error(`cellTemperatureParams: unknown SAPM mounting '${String(mounting)}'`);
      return { model, ...params };
    }
    case 'faiman':
      return { model, ...FAIMAN_DEFAULTS };
    default: {
      const unknown: never = model;
      throw new Error(`cellTemperatureParams: unknown temperature model '${String(unknown)}'`);
    }
  }
}

/**
 * Cell temperature (°C) of the chosen model: SAPM cell temperature (King et al. 2004, SAND2004-3535 eqs. 11–12) or
 * Faiman module temperature (Faiman 2008, Prog. Photovolt. 16, 307–315); E in W/m², T_a in °C, WS in m/s.
 * @example cellTemperatureC(cellTemperatureParams('faiman'), 1000, 25, 1) // 56.4070
 */
export function cellTemperatureC(params: CellTemperatureParams, poaGlobalWm2: number, airTempC: number, windSpeedMPerS: number): number {
  switch (params.model) {
    case 'sapm':
      return sapmCellTempC(poaGlobalWm2, airTempC, windSpeedMPerS, params);
    case 'faiman':
      return faimanModuleTempC(poaGlobalWm2, airTempC, windSpeedMPerS, params.u0WPerM2K, params.u1WsPerM3K);
    default: {
      const unknown: never = params;
      throw new Error(`cellTemperatureC: unknown temperature model '${String((unknown as { model: unknown }).model)}'`);
    }
  }
}
