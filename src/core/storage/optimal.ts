/**
 * Perfect-foresight dispatch ("optimal") as one linear programme per window, built here as plain arrays and
 * solved by an injected solver (the core does no I/O and loads no WebAssembly; src/scenario/lp-solver.ts wires
 * HiGHS). The LP, per step t with Δt in h (docs/system.md writes it out):
 *
 *   maximise Σ_t w_t·Δt·(g_t + d_t) − ε·Δt·(c_t + d_t)      w_t = price (yuan/MWh), or 1 without prices
 *   plant:    g_t + c_t ≤ G_t                               (curtailed k_t = G_t − g_t − c_t ≥ 0)
 *   grid:     g_t + d_t ≤ L                                 (export x_t = g_t + d_t, 0 ≤ x_t ≤ L)
 *   balance:  s_t − k·s_{t−1} − ηc·Δt·c_t + Δt/ηd·d_t = (1 − k)·s_min
 *   bounds:   0 ≤ g_t, 0 ≤ c_t ≤ P, 0 ≤ d_t ≤ P, s_min ≤ s_t ≤ s_max
 *
 * g is plant output sent to the grid, c the plant output sent to the storage (so charging only from the plant),
 * d the storage output. This is the LP x = G − c + d − k with k ≥ 0 and x ≥ d (discharge goes to the grid, not
 * back into the storage), written with g = x − d so each row is short. No terminal condition on s. The ε term
 * (10⁻⁶ of the largest |w|) breaks ties against charging and discharging in the same step, which only turns
 * energy into losses; it changes the objective by at most ε per MWh moved.
 */
import { allocateDispatchHourly, type DispatchHourly } from './greedy.ts';
import { checkDispatchSystem, selfDischargeKeepFrac, splitRoundTripEfficiency, type DispatchSystem } from './system.ts';

/**
 * A linear programme in the column-wise (CSC) layout LP solvers take: maximise colCost·x subject to
 * rowLower ≤ A·x ≤ rowUpper and colLower ≤ x ≤ colUpper. Infinite bounds are ±Infinity.
 */
export interface LinearProgram {
  readonly numCols: number;
  readonly numRows: number;
  readonly sense: 'maximize';
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** Column j's entries are indices/values[starts[j] .. starts[j + 1]) (row index, coefficient). */
  readonly matrix: { readonly starts: Int32Array; readonly indices: Int32Array; readonly values: Float64Array };
}

/** What a solver returns: its status in its own words, whether that status is a proven optimum, and x. */
export interface LpSolution {
  readonly status: string;
  readonly optimal: boolean;
  readonly colValue: Float64Array;
}

/** Solves one LP (synchronously: the window loop needs each end SOC before the next window). */
export type LpSolver = (lp: LinearProgram) => LpSolution;

/** An LP the solver did not solve to optimality; `status` is the solver's own word for what happened. */
export class LpSolveError extends Error {
  readonly status: string;
  constructor(status: string, where: string) {
    super(`optimal dispatch: the LP solver ended with status '${status}' ${where}; no dispatch was produced`);
    this.name = 'LpSolveError';
    this.status = status;
  }
}

/** Columns per step: plant to grid g, charge c, discharge d, SOC s. */
const COLS_PER_STEP = 4;
/** Rows per step: plant, grid, balance. */
const ROWS_PER_STEP = 3;
/** Tie-break weight against simultaneous charge and discharge, relative to the largest |price|. */
const TIE_BREAK_REL = 1e-6;

/** Objective weight of each step: the price (yuan/MWh) when given, else 1 (maximise exported MWh). */
function weightAt(system: DispatchSystem, t: number): number {
  return system.priceYuanPerMWh === undefined ? 1 : system.priceYuanPerMWh[t]!;
}

function tieBreakWeight(system: DispatchSystem): number {
  let largest = 1;
  const price = system.priceYuanPerMWh;
  if (price !== undefined) for (let i = 0; i < price.length; i++) largest = Math.max(largest, Math.abs(price[i]!));
  return TIE_BREAK_REL * largest;
}

/**
 * The dispatch LP (module doc) of steps [start, start + steps) starting from `socStartMWh`. Column 4j + {0,1,2,3}
 * is g, c, d, s of step start + j; rows 3j + {0,1,2} are its plant, grid and balance rows. Pure; O(steps).
 */
export function buildDispatchLp(system: DispatchSystem, start: number, steps: number, socStartMWh: number): LinearProgram {
  const { generationMW: gen, stepHours: dt, exportLimitMW: limit, storage } = system;
  const { chargeFrac: etaC, dischargeFrac: etaD } = splitRoundTripEfficiency(storage.roundTripEfficiencyFrac);
  const keep = selfDischargeKeepFrac(storage.selfDischargeFracPerHour, dt);
  const socMin = storage.socMinFrac * storage.energyMWh;
  const socMax = storage.socMaxFrac * storage.energyMWh;
  const power = storage.energyMWh > 0 ? storage.powerMW : 0;
  const epsilon = tieBreakWeight(system);
  const numCols = COLS_PER_STEP * steps;
  const numRows = ROWS_PER_STEP * steps;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  // Two entries for each of g, c and d, two for s (one for the last s).
  const nonZeros = 8 * steps - 1;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let k = 0;
  for (let j = 0; j < steps; j++) {
    const t = start + j;
    const g = gen[t]!;
    const w = weightAt(system, t) * dt;
    const col = COLS_PER_STEP * j;
    const row = ROWS_PER_STEP * j;
    // g: plant → grid
    colCost[col] = w;
    colUpper[col] = Math.min(g, limit);
    starts[col] = k;
    indices[k] = row;
    values[k++] = 1;
    indices[k] = row + 1;
    values[k++] = 1;
    // c: plant → storage
    colCost[col + 1] = -epsilon * dt;
    colUpper[col + 1] = Math.min(power, g);
    starts[col + 1] = k;
    indices[k] = row;
    values[k++] = 1;
    indices[k] = row + 2;
    values[k++] = -etaC * dt;
    // d: storage → grid
    colCost[col + 2] = w - epsilon * dt;
    colUpper[col + 2] = Math.min(power, limit);
    starts[col + 2] = k;
    indices[k] = row + 1;
    values[k++] = 1;
    indices[k] = row + 2;
    values[k++] = dt / etaD;
    // s: SOC at the end of the step, carried into the next step's balance with the keep fraction
    colLower[col + 3] = socMin;
    colUpper[col + 3] = socMax;
    starts[col + 3] = k;
    indices[k] = row + 2;
    values[k++] = 1;
    if (j + 1 < steps) {
      indices[k] = row + 2 + ROWS_PER_STEP;
      values[k++] = -keep;
    }
    rowLower[row] = Number.NEGATIVE_INFINITY;
    rowUpper[row] = g;
    rowLower[row + 1] = Number.NEGATIVE_INFINITY;
    rowUpper[row + 1] = limit;
    const rhs = (1 - keep) * socMin + (j === 0 ? keep * socStartMWh : 0);
    rowLower[row + 2] = rhs;
    rowUpper[row + 2] = rhs;
  }
  starts[numCols] = k;
  return { numCols, numRows, sense: 'maximize', colCost, colLower, colUpper, rowLower, rowUpper, matrix: { starts, indices, values } };
}

/** x within [low, high]; low when x is NaN or when rounding left high a hair below low. */
const clamp = (x: number, low: number, high: number): number => (x > low ? (x < high ? x : high > low ? high : low) : low);

/**
 * Writes the first `commit` steps of a window's solution into `out` from step `start`, and returns the SOC
 * (MWh) at the end of them. The solver's values are clamped into their bounds (it meets them only within its
 * tolerances) and the SOC is recomputed from the flows, so conservation and the balance hold to rounding.
 */
export function readDispatchSolution(system: DispatchSystem, colValue: Float64Array, start: number, commit: number, socStartMWh: number, out: DispatchHourly): number {
  const { generationMW: gen, stepHours: dt, exportLimitMW: limit, storage } = system;
  const { chargeFrac: etaC, dischargeFrac: etaD } = splitRoundTripEfficiency(storage.roundTripEfficiencyFrac);
  const keep = selfDischargeKeepFrac(storage.selfDischargeFracPerHour, dt);
  const socMin = storage.socMinFrac * storage.energyMWh;
  const socMax = storage.socMaxFrac * storage.energyMWh;
  const power = storage.energyMWh > 0 ? storage.powerMW : 0;
  let soc = socStartMWh;
  for (let j = 0; j < commit; j++) {
    const t = start + j;
    const G = gen[t]!;
    const col = COLS_PER_STEP * j;
    soc = socMin + keep * (soc - socMin);
    const charge = clamp(colValue[col + 1]!, 0, Math.min(power, G, (socMax - soc) / (etaC * dt)));
    const discharge = clamp(colValue[col + 2]!, 0, Math.min(power, limit, ((soc + etaC * charge * dt - socMin) * etaD) / dt));
    const toGrid = clamp(colValue[col]!, 0, Math.min(G - charge, limit - discharge));
    soc += etaC * charge * dt - (discharge * dt) / etaD;
    out.chargeMW[t] = charge;
    out.dischargeMW[t] = discharge;
    out.exportMW[t] = toGrid + discharge;
    out.curtailedMW[t] = G - toGrid - charge;
    out.socMWh[t] = soc;
  }
  return soc;
}

/** Options of {@link dispatchOptimal}. */
export interface OptimalDispatchOptions {
  /**
   * Rolling horizon: solve windows of this many steps, keep the first `commitSteps` of each and start the next
   * window from the SOC reached. Absent: one LP over the whole series (perfect foresight).
   */
  readonly horizonSteps?: number;
  /** Steps kept from each window; default half the horizon, rounded up. */
  readonly commitSteps?: number;
}

/**
 * Optimal dispatch: the LP of the module doc solved by `solve` over the whole series, or over rolling windows.
 * Throws {@link LpSolveError} with the solver's status when a window is not solved to optimality.
 */
export function dispatchOptimal(system: DispatchSystem, solve: LpSolver, options: OptimalDispatchOptions = {}): DispatchHourly {
  checkDispatchSystem(system);
  const n = system.generationMW.length;
  const out = allocateDispatchHourly(n);
  const horizon = options.horizonSteps ?? n;
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new Error(`dispatchOptimal: horizonSteps must be a whole number ≥ 1, got ${horizon}`);
  const commit = options.commitSteps ?? Math.ceil(horizon / 2);
  if (!(Number.isInteger(commit) && commit >= 1 && commit <= horizon)) throw new Error(`dispatchOptimal: commitSteps must be a whole number from 1 to the horizon, got ${commit}`);
  let soc = system.storage.socInitialFrac * system.storage.energyMWh;
  for (let start = 0; start < n; ) {
    const steps = Math.min(horizon, n - start);
    const keepSteps = start + steps >= n ? steps : commit;
    const lp = buildDispatchLp(system, start, steps, soc);
    const solution = solve(lp);
    if (!solution.optimal) {
      throw new LpSolveError(solution.status, steps === n ? `on the whole series (${n} steps)` : `on the window of steps ${start + 1}–${start + steps}`);
    }
    soc = readDispatchSolution(system, solution.colValue, start, keepSteps, soc, out);
    start += keepSteps;
  }
  return out;
}

/**
 * The dispatch objective: Σ price·export·Δt in yuan with prices, else the exported energy Σ export·Δt in MWh.
 * The LP maximises it (less its tie-break), so it is the number on which optimal ≥ greedy.
 */
export function dispatchObjective(system: DispatchSystem, hourly: DispatchHourly): number {
  let total = 0;
  for (let t = 0; t < system.generationMW.length; t++) total += weightAt(system, t) * hourly.exportMW[t]! * system.stepHours;
  return total;
}
