/**
 * Discounted-cash-flow metrics of a yearly cash-flow series: capital recovery factor, NPV, IRR and payback.
 * Flows are at year ends; index i of a series is year t = i − offset, so year 0 (the last construction year) sits
 * at index `offset` and construction years before it are negative t. Sources: Short, Packey & Holt (1995),
 * "A Manual for the Economic Evaluation of Energy Efficiency and Renewable Energy Technologies", NREL/TP-462-5173
 * (CRF, NPV, IRR, payback, §4–5); Brealey, Myers & Allen, Principles of Corporate Finance (multiple IRRs).
 */

/**
 * Capital recovery factor: CRF = r(1+r)^N / ((1+r)^N − 1), the level annual payment per unit of present value over
 * N years at rate r; 1/N at r = 0 (its limit). Short et al. (1995) eq. 4-6; SAM's LCOE calculator (FCR method).
 * @example capitalRecoveryFactor(0.06, 25) // 0.078227
 */
export function capitalRecoveryFactor(rateFrac: number, years: number): number {
  if (!(years > 0)) throw new Error(`capitalRecoveryFactor: years must be positive, got ${years}`);
  if (!(rateFrac > -1)) throw new Error(`capitalRecoveryFactor: the rate must be above −100 %, got ${rateFrac}`);
  if (rateFrac === 0) return 1 / years;
  // (1+r)^N − 1 by expm1(N·log1p r), exact for rates near 0 where the subtraction would cancel.
  const logGrowth = years * Math.log1p(rateFrac);
  return (rateFrac * Math.exp(logGrowth)) / Math.expm1(logGrowth);
}

/**
 * Net present value at year 0 of flows c_i at years t = i − offset: NPV = Σ c_i (1+r)^−t, 元 (or whatever the flows
 * are in). Short et al. (1995) eq. 5-1.
 * @example npvAt([-100, 60, 60], 0.1, 0) // 4.132
 */
export function npvAt(flows: ArrayLike<number>, rateFrac: number, offset = 0, length = flows.length): number {
  const x = 1 / (1 + rateFrac);
  // Horner in x over the series, then shift by x^−offset: Σ c_i x^(i − offset).
  let sum = 0;
  for (let i = length - 1; i >= 0; i--) sum = sum * x + flows[i]!;
  return offset === 0 ? sum : sum * Math.pow(1 + rateFrac, offset);
}

/** The IRR of a cash-flow series, or null with the reason there is none (never a rate that is not a root). */
export interface IrrResult {
  /** The rate r > −1 at which NPV = 0, or null. */
  readonly rateFrac: number | null;
  /** Sign changes of the series (zeros skipped): more than one allows several roots (Descartes' rule of signs). */
  readonly signChanges: number;
  /** Every root found on the search grid, in increasing order. */
  readonly rootsFrac: readonly number[];
  /** Why rateFrac is null, or a warning about it (several sign changes); absent for a plain single root. */
  readonly note?: string;
}

/**
 * Rates at which NPV is evaluated to bracket roots, from −99 % to 10^6 %. Dense near usual project returns; two roots
 * closer together than the spacing can be missed (both sign changes fall in one interval and cancel).
 */
const IRR_GRID: readonly number[] = [
  -0.99, -0.95, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.15, -0.1, -0.07, -0.05, -0.03, -0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06,
  0.07, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 100, 1e3, 1e4,
];
/** Relative width of the bracket at which polishing stops. */
const IRR_RATE_TOLERANCE = 1e-13;
const IRR_MAX_ITERATIONS = 200;

/** Sign changes in a series, zeros skipped. */
export function signChanges(flows: ArrayLike<number>, length = flows.length): number {
  let changes = 0;
  let last = 0;
  for (let i = 0; i < length; i++) {
    const c = flows[i]!;
    if (c === 0) continue;
    if (last !== 0 && (c > 0) !== (last > 0)) changes++;
    last = c;
  }
  return changes;
}

/** f(r) = Σ c_i (1+r)^−i and its derivative df/dr = Σ −i c_i (1+r)^(−i−1), by Horner in x = 1/(1+r). */
function npvAndSlope(flows: ArrayLike<number>, length: number, rateFrac: number, out: Float64Array): void {
  const x = 1 / (1 + rateFrac);
  let f = 0;
  let g = 0; // Σ i c_i x^(i−1)
  for (let i = length - 1; i >= 0; i--) {
    g = g * x + f;
    f = f * x + flows[i]!;
  }
  out[0] = f;
  // d/dr x^i = i x^(i−1) · dx/dr, dx/dr = −x².
  out[1] = -g * x * x;
}

const scratch = new Float64Array(2);

/**
 * The root of f in [lo, hi] where f(lo) and f(hi) have opposite signs: Newton steps kept inside the bracket, a bisection
 * whenever Newton would leave it or shrink the bracket too slowly (a safeguarded Newton–bisection hybrid, as in
 * Press et al., Numerical Recipes §9.4). Converges always; quadratically near a simple root.
 */
function polishRoot(flows: ArrayLike<number>, length: number, lo: number, hi: number, fLo: number): number {
  let a = lo;
  let b = hi;
  let fa = fLo;
  let r = 0.5 * (a + b);
  let stepBefore = b - a;
  for (let iter = 0; iter < IRR_MAX_ITERATIONS; iter++) {
    npvAndSlope(flows, length, r, scratch);
    const f = scratch[0]!;
    const slope = scratch[1]!;
    if (f === 0) return r;
    if ((f > 0) === (fa > 0)) {
      a = r;
      fa = f;
    } else b = r;
    const tolerance = IRR_RATE_TOLERANCE * (1 + Math.abs(r));
    if (b - a <= tolerance) return r;
    const step = f / slope;
    const newton = r - step;
    // Bisect when Newton leaves the bracket or does not at least halve the previous step.
    if (!(newton > a && newton < b) || Math.abs(step) > 0.5 * Math.abs(stepBefore)) {
      stepBefore = 0.5 * (b - a);
      r = a + stepBefore;
    } else {
      stepBefore = step;
      r = newton;
      if (Math.abs(step) <= tolerance) return r;
    }
  }
  return r;
}

/** Every root bracketed on IRR_GRID, polished. */
function gridRoots(flows: ArrayLike<number>, length: number): number[] {
  const roots: number[] = [];
  let prevRate = IRR_GRID[0]!;
  let prevF = npvAt(flows, prevRate, 0, length);
  if (prevF === 0) roots.push(prevRate);
  for (let k = 1; k < IRR_GRID.length; k++) {
    const rate = IRR_GRID[k]!;
    const f = npvAt(flows, rate, 0, length);
    if (f === 0) roots.push(rate);
    else if (prevF !== 0 && (f > 0) !== (prevF > 0)) roots.push(polishRoot(flows, length, prevRate, rate, prevF));
    prevRate = rate;
    prevF = f;
  }
  return roots;
}

/**
 * With one sign change there is exactly one root in x = 1/(1+r) > 0 (Descartes' rule of signs), and NPV changes sign
 * only there: walk outward from 10 % along IRR_GRID until NPV changes sign, then polish. Same bracket and answer as
 * the full grid, in a few evaluations.
 */
function singleRoot(flows: ArrayLike<number>, length: number): number[] {
  const start = IRR_GRID.indexOf(0.1);
  const fStart = npvAt(flows, IRR_GRID[start]!, 0, length);
  if (fStart === 0) return [IRR_GRID[start]!];
  // NPV at r → −1⁺ takes the sign of the last nonzero flow, at r → ∞ that of the first: the root lies on the side where
  // the sign differs from fStart's.
  let first = 0;
  for (let i = 0; i < length && first === 0; i++) first = flows[i]!;
  const step = (first > 0) === (fStart > 0) ? -1 : 1;
  let prev = start;
  let fPrev = fStart;
  for (let k = start + step; k >= 0 && k < IRR_GRID.length; k += step) {
    const f = npvAt(flows, IRR_GRID[k]!, 0, length);
    if (f === 0) return [IRR_GRID[k]!];
    if ((f > 0) !== (fPrev > 0)) {
      const [lo, hi, fLo] = step > 0 ? [IRR_GRID[prev]!, IRR_GRID[k]!, fPrev] : [IRR_GRID[k]!, IRR_GRID[prev]!, f];
      return [polishRoot(flows, length, lo, hi, fLo)];
    }
    prev = k;
    fPrev = f;
  }
  return [];
}

/**
 * Internal rate of return: the rate r > −1 with Σ c_i (1+r)^−i = 0 (the same roots as with any year offset).
 * Roots are bracketed on a fixed grid of rates (IRR_GRID) and each bracket is polished by safeguarded Newton–
 * bisection. One root → that rate (with a note when the series changes sign more than once); no sign change, no
 * bracket, or several roots → null with the reason (several roots make "the" IRR meaningless: use NPV).
 * Short et al. (1995) §5.3; Descartes' rule of signs bounds the number of roots by the sign changes.
 * @example internalRateOfReturn([-100, 60, 60]).rateFrac // 0.130662: x = 1/(1+r) solves 60x² + 60x − 100 = 0
 */
export function internalRateOfReturn(flows: ArrayLike<number>, length = flows.length): IrrResult {
  const changes = signChanges(flows, length);
  if (changes === 0) {
    return { rateFrac: null, signChanges: 0, rootsFrac: [], note: 'the cash flows never change sign, so no rate makes NPV zero' };
  }
  const roots = changes === 1 ? singleRoot(flows, length) : gridRoots(flows, length);
  if (roots.length === 0) {
    return {
      rateFrac: null,
      signChanges: changes,
      rootsFrac: [],
      note: `NPV does not change sign between ${IRR_GRID[0]! * 100} % and ${IRR_GRID[IRR_GRID.length - 1]! * 100} %: no IRR`,
    };
  }
  if (roots.length > 1) {
    const shown = roots.map((r) => `${Number((r * 100).toPrecision(6))} %`).join(', ');
    return { rateFrac: null, signChanges: changes, rootsFrac: roots, note: `NPV is zero at several rates (${shown}): the IRR is ambiguous, use NPV` };
  }
  return changes > 1
    ? { rateFrac: roots[0]!, signChanges: changes, rootsFrac: roots, note: `the cash flows change sign ${changes} times; one root was found` }
    : { rateFrac: roots[0]!, signChanges: changes, rootsFrac: roots };
}

/**
 * Payback: years from commissioning (the end of year 0, index `offset`) until the cumulative flow Σ_{j≤i} c_j first
 * reaches 0, interpolated linearly within the year that crosses it (the year's flow taken as spread evenly over it):
 * payback = (t − 1) + (−cum_{t−1}) / c_t. 0 if the cumulative flow is already ≥ 0 at year 0; null if it never
 * reaches 0. Pass discounted flows for the discounted payback. Short et al. (1995) §5.5.
 * @example paybackYears([-100, 30, 30, 60], 0) // 2.6667
 */
export function paybackYears(flows: ArrayLike<number>, offset: number, length = flows.length): number | null {
  let cumulative = 0;
  for (let i = 0; i <= offset; i++) cumulative += flows[i]!;
  if (cumulative >= 0) return 0;
  for (let i = offset + 1; i < length; i++) {
    const c = flows[i]!;
    const next = cumulative + c;
    if (next >= 0) return i - offset - 1 + -cumulative / c;
    cumulative = next;
  }
  return null;
}
