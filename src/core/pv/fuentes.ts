/**
 * Fuentes (1987) cell-temperature model as PVWatts v5 runs it: a one-node heat balance of the module (absorbed sun,
 * convection, long-wave exchange with sky and ground) with thermal capacitance, so each hour starts from the one
 * before. M. K. Fuentes, "A Simplified Thermal Model for Flat-Plate Photovoltaic Arrays", Sandia National Laboratories,
 * SAND85-0330 (1987); constants and the "installed NOCT" calibration as in PVWatts (A. P. Dobos, "PVWatts Version 5
 * Manual", NREL/TP-6A20-62641 (2014), §3.3, and its implementation, NREL SSC `shared/lib_pvwatts.cpp`); the same model
 * is pvlib's `temperature.fuentes`, whose documented defaults these are.
 * Temperatures in °C at the interface (kelvin inside), irradiance W/m², wind m/s, time step h.
 */

/** Installed-NOCT model inputs; the defaults are PVWatts' fixed geometry. */
export interface FuentesParams {
  /** Installed nominal operating cell temperature (°C): PVWatts 45 for racks and trackers, 49 for roof mounts. */
  readonly noctInstalledC: number;
  /** Height of the module's centre above ground (m); PVWatts 5. */
  readonly moduleHeightM: number;
  /** Height of the wind measurement (m); PVWatts 9.144 (30 ft, the TMY anemometer height it assumes). */
  readonly windHeightM: number;
  /** Long-wave emissivity of the module's surfaces (dimensionless); 0.84. */
  readonly emissivity: number;
  /** Short-wave absorptance of the module (dimensionless); 0.83. */
  readonly absorptance: number;
  /** Tilt used for free convection (deg); PVWatts fixes 30° whatever the array's tilt. */
  readonly convectionTiltDeg: number;
  /** Hydraulic length of the module (m), 2wL/(w + L); PVWatts 0.5 (w = 0.31579 m, L = 1.2 m in pvlib). */
  readonly hydraulicLengthM: number;
}

/** PVWatts v5's fixed values (Dobos 2014; SSC lib_pvwatts.cpp; pvlib `fuentes` defaults), NOCT 45 °C. */
export const FUENTES_PVWATTS_DEFAULTS: FuentesParams = Object.freeze({
  noctInstalledC: 45,
  moduleHeightM: 5,
  windHeightM: 9.144,
  emissivity: 0.84,
  absorptance: 0.83,
  convectionTiltDeg: 30,
  hydraulicLengthM: 0.5,
});

const KELVIN = 273.15;
/** Stefan–Boltzmann constant as Fuentes wrote it (W/(m²·K⁴)). */
const STEFAN_BOLTZMANN = 5.669e-8;
/** NOCT conditions: 800 W/m², air 20 °C, wind 1 m/s, sky 282.21 K (Fuentes 1987 §2). */
const NOCT_IRRADIANCE_WM2 = 800;
const NOCT_AIR_K = 293.15;
const NOCT_WIND_M_PER_S = 1;
const NOCT_SKY_K = 282.21;
/** Heat capacity of the module per area (J/(m²·K)), raised for hot-running (insulated) mounts above NOCT 48 °C. */
const CAPACITANCE_J_PER_M2K = 11_000;
const CAPACITANCE_NOCT_K = 321.15;
const CAPACITANCE_SLOPE_K = 12;
const SECONDS_PER_HOUR = 3600;
/** Air properties of Fuentes' fit: density 0.003484·p/T (kg/m³), viscosity, conductivity; p = 101325 Pa. */
const AIR_DENSITY_COEFF = 0.003484 * 101_325;
const AIR_SPECIFIC_HEAT_J_PER_KGK = 1007;
const PRANDTL = 0.71;
const GRAVITY_M_PER_S2 = 9.8;
/** Reynolds number above which the turbulent correlation replaces the laminar one. */
const TURBULENT_REYNOLDS = 1.2e5;
/** Wind speed floor (m/s) that keeps the Reynolds number positive in calm air. */
const WIND_FLOOR_M_PER_S = 1e-4;
/** Hellmann exponent of the wind profile from the anemometer to the module (Menicucci & Hall, SAND84-2530). */
const WIND_SHEAR_EXPONENT = 0.2;
/** Fixed-point iterations per step at most, as in Fuentes' code (10). */
const ITERATIONS = 10;
/** The iteration stops once the module temperature moves less than this (K): the remaining ones change nothing visible. */
const CONVERGED_K = 1e-6;
/** exp(eigen) is taken as 0 below this (the step is many time constants long). */
const MIN_EIGEN = -10;

/** Coefficients derived once from the installed NOCT. */
export interface FuentesModel extends FuentesParams {
  /** Ratio of total to top-side convection at NOCT (dimensionless). */
  readonly convectionRatio: number;
  /** (T_ground − T_air) / (T_module − T_air) at NOCT (dimensionless, 0–1). */
  readonly groundTempRatio: number;
  readonly capacitanceJPerM2K: number;
  readonly sinConvectionTilt: number;
  /** (module height / wind height)^0.2: the wind at the module per m/s at the anemometer. */
  readonly windShearFactor: number;
  /** Laminar forced convection per v^½ T_m^−0.12 (W/(m²·K) at v in m/s, T_m in K): 0.86 ρ₀ c_p (ν₀/L)^½ / Pr^0.67. */
  readonly laminarCoeff: number;
  /** Turbulent forced convection per v^0.8 T_m^−0.648: 0.0282 ρ₀ c_p (ν₀/L)^0.2 / Pr^0.4. */
  readonly turbulentCoeff: number;
  /** ln(L/(ν₀·1.2e5)): the flow is turbulent where ln v + this exceeds 1.76 ln T_m. */
  readonly turbulentLogOffset: number;
  /** Free convection per |ΔT|^0.32 T_m^−0.6064: 0.21 (k₀/L)(g L³ sin β Pr / ν₀²)^0.32. */
  readonly freeConvectionCoeff: number;
}

/** The model's memory between steps: module temperature and absorbed irradiance of the previous step. */
export interface FuentesState {
  moduleTempK: number;
  absorbedWm2: number;
  /**
   * The previous step's total heat-loss coefficient (W/(m²·K)), where it was solved by Newton's method: only a start
   * for the next step's solution, no part of the model (absent or NaN: start from the previous temperature).
   */
  heatLossWm2K?: number;
}

const PRANDTL_LAMINAR = PRANDTL ** 0.67;
const PRANDTL_TURBULENT = PRANDTL ** 0.4;
/** Viscosity 0.24237e-6·T^0.76/ρ and conductivity 2.1695e-4·T^0.84 of Fuentes' air fits, with ρ = AIR_DENSITY_COEFF/T. */
const VISCOSITY_COEFF = 0.24237e-6 / AIR_DENSITY_COEFF;
const CONDUCTIVITY_COEFF = 2.1695e-4;

/**
 * Forced (laminar or turbulent flat plate) and free convection combined as (h_free³ + h_forced³)^(1/3), W/(m²·K), at
 * mean film temperature T (K), module − air difference ΔT (K), wind v (m/s), length L (m) (Fuentes 1987 eqs. 16–21).
 * The powers of T share one logarithm (x^a = e^(a ln x)): this runs ten times an hour.
 */
function topConvection(meanTempK: number, deltaK: number, windMPerS: number, lengthM: number, sinTilt: number, turbulent: boolean): number {
  const logT = Math.log(meanTempK);
  const density = AIR_DENSITY_COEFF / meanTempK;
  const viscosity = VISCOSITY_COEFF * Math.exp(1.76 * logT);
  const conductivity = CONDUCTIVITY_COEFF * Math.exp(0.84 * logT);
  const reynolds = (windMPerS * lengthM) / viscosity;
  const flux = density * windMPerS * AIR_SPECIFIC_HEAT_J_PER_KGK;
  const forced =
    turbulent && reynolds > TURBULENT_REYNOLDS
      ? (0.0282 * Math.exp(-0.2 * Math.log(reynolds)) * flux) / PRANDTL_TURBULENT
      : (0.86 / Math.sqrt(reynolds)) * flux / PRANDTL_LAMINAR;
  const grashof = ((GRAVITY_M_PER_S2 / meanTempK) * Math.abs(deltaK) * lengthM * lengthM * lengthM) / (viscosity * viscosity) * sinTilt;
  const free = grashof > 0 ? (0.21 * Math.exp(0.32 * Math.log(grashof * PRANDTL)) * conductivity) / lengthM : 0;
  return Math.cbrt(free * free * free + forced * forced * forced);
}

/**
 * Calibrates the Fuentes model to an installed NOCT (°C): at NOCT conditions (800 W/m², 20 °C, 1 m/s) the heat balance
 * fixes the ratio of total to top-side convection and the ground temperature ratio (Fuentes 1987 §3, SAND85-0330).
 * @example fuentesModel({ ...FUENTES_PVWATTS_DEFAULTS, noctInstalledC: 49 }).capacitanceJPerM2K // 11000
 */
export function fuentesModel(params: FuentesParams = FUENTES_PVWATTS_DEFAULTS): FuentesModel {
  const noctK = params.noctInstalledC + KELVIN;
  if (!(noctK > NOCT_AIR_K)) throw new Error(`fuentesModel: the installed NOCT must be above 20 °C, got ${params.noctInstalledC}`);
  const sinConvectionTilt = Math.sin((params.convectionTiltDeg * Math.PI) / 180);
  const { emissivity: e, absorptance: a, hydraulicLengthM: length } = params;
  const hConv = topConvection((noctK + NOCT_AIR_K) / 2, noctK - NOCT_AIR_K, NOCT_WIND_M_PER_S, length, sinConvectionTilt, false);
  const hGround = e * STEFAN_BOLTZMANN * (noctK ** 2 + NOCT_AIR_K ** 2) * (noctK + NOCT_AIR_K);
  const rise = noctK - NOCT_AIR_K;
  const backRatio = (a * NOCT_IRRADIANCE_WM2 - e * STEFAN_BOLTZMANN * (noctK ** 4 - NOCT_SKY_K ** 4) - hConv * rise) / ((hGround + hConv) * rise);
  let groundK = (noctK ** 4 - backRatio * (noctK ** 4 - NOCT_AIR_K ** 4)) ** 0.25;
  groundK = Math.min(Math.max(groundK, NOCT_AIR_K), noctK);
  const groundTempRatio = (groundK - NOCT_AIR_K) / rise;
  const convectionRatio = (a * NOCT_IRRADIANCE_WM2 - e * STEFAN_BOLTZMANN * (2 * noctK ** 4 - NOCT_SKY_K ** 4 - groundK ** 4)) / (hConv * rise);
  const capacitanceJPerM2K = noctK > CAPACITANCE_NOCT_K ? CAPACITANCE_J_PER_M2K * (1 + (noctK - CAPACITANCE_NOCT_K) / CAPACITANCE_SLOPE_K) : CAPACITANCE_J_PER_M2K;
  const windShearFactor = (params.moduleHeightM / params.windHeightM) ** WIND_SHEAR_EXPONENT;
  // ρ = ρ₀/T_m, ν = ν₀ T_m^1.76, k = k₀ T_m^0.84 (Fuentes' fits): the coefficients of the correlations as powers of T_m.
  const laminarCoeff = ((0.86 * AIR_DENSITY_COEFF * AIR_SPECIFIC_HEAT_J_PER_KGK) / PRANDTL_LAMINAR) * Math.sqrt(VISCOSITY_COEFF / length);
  const turbulentCoeff = ((0.0282 * AIR_DENSITY_COEFF * AIR_SPECIFIC_HEAT_J_PER_KGK) / PRANDTL_TURBULENT) * (VISCOSITY_COEFF / length) ** 0.2;
  const turbulentLogOffset = Math.log(length / (VISCOSITY_COEFF * TURBULENT_REYNOLDS));
  const freeConvectionCoeff =
    sinConvectionTilt > 0 ? ((0.21 * CONDUCTIVITY_COEFF) / length) * ((GRAVITY_M_PER_S2 * length ** 3 * sinConvectionTilt * PRANDTL) / VISCOSITY_COEFF ** 2) ** 0.32 : 0;
  return Object.freeze({
    ...params,
    convectionRatio,
    groundTempRatio,
    capacitanceJPerM2K,
    sinConvectionTilt,
    windShearFactor,
    laminarCoeff,
    turbulentCoeff,
    turbulentLogOffset,
    freeConvectionCoeff,
  });
}

/** The state before the first step: module at 20 °C, no sun (PVWatts' initial values). */
export function createFuentesState(): FuentesState {
  return { moduleTempK: NOCT_AIR_K, absorbedWm2: 0, heatLossWm2K: Number.NaN };
}

/**
 * Module (= cell) temperature (°C) at the end of a step of `stepHours` h with plane-of-array irradiance E (W/m²), air
 * temperature (°C) and wind speed (m/s, at the anemometer), updating `state`. The heat balance
 * C dT/dt = αE − h_conv(T − T_a) − h_sky(T − T_sky) − h_gnd(T − T_gnd), with the absorbed sun ramping linearly over the
 * step, solved exactly for constant coefficients: T = T₀e^λ + [(1 − e^λ)(Σh·T_x + S₀ + (S − S₀)/λ) + S − S₀]/Σh,
 * λ = −Σh·Δt/C; the coefficients depend on T, and T is their fixed point (Fuentes 1987, SAND85-0330, eqs. 9–15;
 * sky at 0.68·0.0552·T_a^1.5 + 0.32·T_a; wind scaled by (height/9.144 m)^0.2). Fuentes iterates the fixed point
 * (up to 10 times); this finds the same point by Newton's method ({@link fuentesNewton}) and falls back to Fuentes'
 * iteration ({@link fuentesFixedPoint}) in the steps where that iteration would stop short of the fixed point. With
 * E ≤ 0 the module is put at air temperature and the absorbed sun at 0, as PVWatts does (the model has no night-time
 * cooling there).
 * @example fuentesStep(fuentesModel(), createFuentesState(), 1000, 20, 1, 1) // ≈ 47.85 (pvlib's documented value)
 */
export function fuentesStep(model: FuentesModel, state: FuentesState, poaGlobalWm2: number, airTempC: number, windSpeedMPerS: number, stepHours: number): number {
  if (!(poaGlobalWm2 > 0)) {
    state.moduleTempK = airTempC + KELVIN;
    state.absorbedWm2 = 0;
    return airTempC;
  }
  const absorbed = poaGlobalWm2 * model.absorptance;
  let moduleK = fuentesNewton(model, state, absorbed, airTempC, windSpeedMPerS, stepHours);
  if (Number.isNaN(moduleK)) moduleK = fuentesFixedPoint(model, state, absorbed, airTempC, windSpeedMPerS, stepHours);
  state.moduleTempK = moduleK;
  state.absorbedWm2 = absorbed;
  return moduleK - KELVIN;
}

/** Effective sky temperature (K) at air temperature T_a (K): 0.68·0.0552·T_a^1.5 + 0.32·T_a (Fuentes 1987). */
function skyTempK(airK: number): number {
  return 0.68 * (0.0552 * airK * Math.sqrt(airK)) + 0.32 * airK;
}

/**
 * Fuentes' own solution of a step (module temperature, K): the fixed-point iteration T ← T_next(h(T)) from the previous
 * step's temperature, at most 10 times, stopping once T moves less than 1e-6 K (SAND85-0330; pvlib `fuentes`). The
 * convection is {@link topConvection}'s written as powers of the film temperature, as in {@link fuentesNewton}.
 */
export function fuentesFixedPoint(model: FuentesModel, state: FuentesState, absorbedWm2: number, airTempC: number, windSpeedMPerS: number, stepHours: number): number {
  const airK = airTempC + KELVIN;
  const skyK = skyTempK(airK);
  const wind = Math.max(windSpeedMPerS, 0) * model.windShearFactor + WIND_FLOOR_M_PER_S;
  const logWind = Math.log(wind);
  const laminar = model.laminarCoeff * Math.sqrt(wind);
  const turbulent = model.turbulentCoeff * Math.exp(0.8 * logWind);
  const turbulentBelowLogTm = (logWind + model.turbulentLogOffset) / 1.76;
  const eSigma = model.emissivity * STEFAN_BOLTZMANN;
  const freeCoeff = model.freeConvectionCoeff;
  const dtPerC = (stepHours * SECONDS_PER_HOUR) / model.capacitanceJPerM2K;
  const previousK = state.moduleTempK;
  const previousSun = state.absorbedWm2;
  let moduleK = previousK;
  for (let j = 0; j < ITERATIONS; j++) {
    const meanK = 0.5 * (moduleK + airK);
    const logMean = Math.log(meanK);
    const forced = logMean < turbulentBelowLogTm ? turbulent * Math.exp(TURBULENT_TM_EXPONENT * logMean) : laminar * Math.exp(LAMINAR_TM_EXPONENT * logMean);
    const delta = moduleK - airK;
    const free = delta !== 0 && freeCoeff > 0 ? freeCoeff * Math.exp(FREE_DELTA_EXPONENT * Math.log(Math.abs(delta)) + FREE_TM_EXPONENT * logMean) : 0;
    const hConv = model.convectionRatio * Math.cbrt(free * free * free + forced * forced * forced);
    const hSky = eSigma * (moduleK * moduleK + skyK * skyK) * (moduleK + skyK);
    const groundK = airK + model.groundTempRatio * delta;
    const hGround = eSigma * (moduleK * moduleK + groundK * groundK) * (moduleK + groundK);
    const hTotal = hConv + hSky + hGround;
    const eigen = -hTotal * dtPerC;
    const decay = eigen > MIN_EIGEN ? Math.exp(eigen) : 0;
    const next =
      previousK * decay +
      ((1 - decay) * (hConv * airK + hSky * skyK + hGround * groundK + previousSun + (absorbedWm2 - previousSun) / eigen) + absorbedWm2 - previousSun) / hTotal;
    const change = next - moduleK;
    moduleK = next;
    if (change < CONVERGED_K && change > -CONVERGED_K) break;
  }
  return moduleK;
}

/** Exponents of the mean film temperature T_m (K) in the convection coefficients, from the air fits' powers. */
const LAMINAR_TM_EXPONENT = 0.5 * 1.76 - 1;
const TURBULENT_TM_EXPONENT = 0.2 * 1.76 - 1;
const FREE_TM_EXPONENT = -0.32 * (1 + 2 * 1.76) + 0.84;
const FREE_DELTA_EXPONENT = 0.32;
/** Newton steps at most; the step is accepted once the correction is below NEWTON_CONVERGED_K. */
const NEWTON_STEPS = 8;
const NEWTON_CONVERGED_K = 1e-3;
/**
 * Newton's answer stands for Fuentes' iteration when that iteration, whose moves shrink by |G′| a step from its first
 * move |G(T₀) − T₀| ≈ |T − T₀|·|1 − G′| (T₀ the previous step's temperature, where it starts), is already this close
 * by its ninth step; otherwise the step is solved by the iteration itself.
 */
const FIXED_POINT_SETTLED_K = 1e-7;

/**
 * The fixed point of Fuentes' step by Newton's method (module temperature, K), or NaN where Fuentes' own iteration
 * would not have reached it (then {@link fuentesFixedPoint} answers). Solves F(T) = G(T) − T = 0 with G the step's
 * update, G(T) = T₀e^λ + [(1 − e^λ)(Σ + S₀ + ΔS/λ) + ΔS]/H, Σ = h_c T_a + h_s T_sky + h_g T_g, H = h_c + h_s + h_g,
 * λ = −HΔt/C, and its exact derivative. The convection coefficients are Fuentes' correlations written as powers of the
 * mean film temperature T_m = (T + T_a)/2 (density ∝ T_m⁻¹, viscosity ∝ T_m^1.76, conductivity ∝ T_m^0.84):
 * laminar h ∝ v^½ T_m^−0.12, turbulent h ∝ v^0.8 T_m^−0.648, free h ∝ |T − T_a|^0.32 T_m^−0.6064, combined as
 * (h_free³ + h_forced³)^(1/3) (SAND85-0330 eqs. 16–21).
 */
export function fuentesNewton(model: FuentesModel, state: FuentesState, absorbedWm2: number, airTempC: number, windSpeedMPerS: number, stepHours: number): number {
  const airK = airTempC + KELVIN;
  const skyK = skyTempK(airK);
  const wind = Math.max(windSpeedMPerS, 0) * model.windShearFactor + WIND_FLOOR_M_PER_S;
  const logWind = Math.log(wind);
  const laminar = model.laminarCoeff * Math.sqrt(wind);
  const turbulent = model.turbulentCoeff * Math.exp(0.8 * logWind);
  // Re = vL/ν > 1.2e5 ⟺ ln T_m < (ln v + ln(L/(ν₀·1.2e5)))/1.76: the turbulent correlation's range in T_m.
  const turbulentBelowLogTm = (logWind + model.turbulentLogOffset) / 1.76;
  const eSigma = model.emissivity * STEFAN_BOLTZMANN;
  const groundRatio = model.groundTempRatio;
  const ratio = model.convectionRatio;
  const freeCoeff = model.freeConvectionCoeff;
  const dtPerC = (stepHours * SECONDS_PER_HOUR) / model.capacitanceJPerM2K;
  const previousK = state.moduleTempK;
  const previousSun = state.absorbedWm2;
  const sunChange = absorbedWm2 - previousSun;
  // Start from the steady state under the previous step's heat-loss coefficient H (the sky's exchange linearised at
  // T_a), T ≈ T_a + (S − 4εσT_a³(T_a − T_sky))/H: within a kelvin or so of the answer, where the previous step's
  // temperature may be tens of kelvins off; else from that temperature.
  const previousH = state.heatLossWm2K;
  let moduleK = previousK;
  if (previousH !== undefined && previousH > 0) moduleK = airK + (absorbedWm2 - 4 * eSigma * airK * airK * airK * (airK - skyK)) / previousH;
  for (let j = 0; j < NEWTON_STEPS; j++) {
    const t = moduleK;
    const meanK = 0.5 * (t + airK);
    const logMean = Math.log(meanK);
    const isTurbulent = logMean < turbulentBelowLogTm;
    const forcedExponent = isTurbulent ? TURBULENT_TM_EXPONENT : LAMINAR_TM_EXPONENT;
    const forced = (isTurbulent ? turbulent : laminar) * Math.exp(forcedExponent * logMean);
    const dForced = (forced * forcedExponent) / (2 * meanK);
    const delta = t - airK;
    let free = 0;
    let dFree = 0;
    if (delta !== 0 && freeCoeff > 0) {
      free = freeCoeff * Math.exp(FREE_DELTA_EXPONENT * Math.log(Math.abs(delta)) + FREE_TM_EXPONENT * logMean);
      dFree = free * (FREE_DELTA_EXPONENT / delta + FREE_TM_EXPONENT / (2 * meanK));
    }
    const cubes = free * free * free + forced * forced * forced;
    const root = Math.cbrt(cubes);
    const hConv = ratio * root;
    const dhConv = cubes > 0 ? (ratio * (free * free * dFree + forced * forced * dForced)) / (root * root) : 0;
    const hSky = eSigma * (t * t + skyK * skyK) * (t + skyK);
    const dhSky = eSigma * (3 * t * t + 2 * t * skyK + skyK * skyK);
    const groundK = airK + groundRatio * delta;
    const hGround = eSigma * (t * t + groundK * groundK) * (t + groundK);
    const dhGround = eSigma * ((2 * t + 2 * groundK * groundRatio) * (t + groundK) + (t * t + groundK * groundK) * (1 + groundRatio));
    const hTotal = hConv + hSky + hGround;
    const dhTotal = dhConv + dhSky + dhGround;
    const eigen = -hTotal * dtPerC;
    const dEigen = -dhTotal * dtPerC;
    const decay = eigen > MIN_EIGEN ? Math.exp(eigen) : 0;
    const dDecay = decay * dEigen;
    const weighted = hConv * airK + hSky * skyK + hGround * groundK;
    const dWeighted = dhConv * airK + dhSky * skyK + dhGround * groundK + hGround * groundRatio;
    const bracket = weighted + previousSun + sunChange / eigen;
    const dBracket = dWeighted - (sunChange * dEigen) / (eigen * eigen);
    const numerator = (1 - decay) * bracket + sunChange;
    const dNumerator = -dDecay * bracket + (1 - decay) * dBracket;
    const next = previousK * decay + numerator / hTotal;
    const dNext = previousK * dDecay + (dNumerator * hTotal - numerator * dhTotal) / (hTotal * hTotal);
    const correction = (next - t) / (1 - dNext);
    moduleK = t + correction;
    if (correction < NEWTON_CONVERGED_K && correction > -NEWTON_CONVERGED_K) {
      state.heatLossWm2K = hTotal;
      const rate = Math.abs(dNext);
      const rate2 = rate * rate;
      const rate8 = rate2 * rate2 * rate2 * rate2;
      return Math.abs(moduleK - previousK) * Math.abs(1 - dNext) * rate8 < FIXED_POINT_SETTLED_K ? moduleK : Number.NaN;
    }
  }
  return Number.NaN;
}

/**
 * Module temperatures (°C) of a series of steps (each `stepHours` h) from the PVWatts initial state, by
 * {@link fuentesStep}; inputs are parallel arrays (W/m², °C, m/s). Written to `out` (allocated when omitted).
 * @example fuentesSeries(fuentesModel(), Float64Array.of(1000, 1000, 1000), Float64Array.of(20, 20, 20), Float64Array.of(1, 1, 1), 1) // ≈ [47.85, 50.85, 50.85]
 */
export function fuentesSeries(
  model: FuentesModel,
  poaGlobalWm2: Float64Array,
  airTempC: Float64Array,
  windSpeedMPerS: Float64Array,
  stepHours: number,
  out: Float64Array = new Float64Array(poaGlobalWm2.length),
): Float64Array {
  const state = createFuentesState();
  for (let i = 0; i < poaGlobalWm2.length; i++) out[i] = fuentesStep(model, state, poaGlobalWm2[i]!, airTempC[i]!, windSpeedMPerS[i]!, stepHours);
  return out;
}
