/**
 * Finance over a plan's Monte Carlo draws (issue 14): each draw's plan (the drawer's applyParameters of the same
 * uniforms as the yearly metrics, so draw i is the same draw everywhere) is evaluated by planFinanceSummary; the
 * report keeps P10/P50/P90 of LCOE, NPV and IRR and P(NPV > 0). Deterministic by seed.
 */
import { createDrawer, summarizeValues, type McStats, type UncertainPlan } from '../uncertainty/monte-carlo.ts';
import { applyParameter, applyParameters } from '../uncertainty/parameters.ts';
import { quantile } from '../uncertainty/distributions.ts';
import type { TornadoBar } from '../uncertainty/sensitivity.ts';
import { growthPath } from '../plan/growth.ts';
import { createPlanWorkspace, simulatePlanInto } from '../plan/simulate.ts';
import { fillUniforms } from '../uncertainty/random.ts';
import { planFinanceSummary } from './plan-finance.ts';

/** Finance statistics over the draws; IRR over the draws that have one (`irrDraws` of them). */
export interface FinanceMcSummary {
  readonly lcoeYuanPerKWh: McStats | null;
  readonly npvYuan: McStats;
  readonly irrFrac: McStats | null;
  readonly irrDraws: number;
  /** Share of draws with NPV > 0. */
  readonly probabilityNpvPositive: number;
}

/** Values of each draw 0 … draws − 1 under `seed`: LCOE, NPV and IRR columns (NaN where a draw has none). */
export function financeDraws(input: UncertainPlan, seed: number, draws: number): { lcoeYuanPerKWh: Float64Array; npvYuan: Float64Array; irrFrac: Float64Array } {
  const drawer = createDrawer(input);
  const finance = input.plan.finance;
  if (!finance) throw new RangeError('financeDraws: the plan has no finance section');
  const { dimension, streams } = drawer;
  const columns = new Float64Array(dimension * draws);
  for (let s = 0; s < dimension; s++) fillUniforms(seed, streams[s]!, 0, columns.subarray(s * draws, (s + 1) * draws));
  const u = new Float64Array(dimension);
  const out = { lcoeYuanPerKWh: new Float64Array(draws), npvYuan: new Float64Array(draws), irrFrac: new Float64Array(draws) };
  const params = input.uncertainty.parameters;
  for (let d = 0; d < draws; d++) {
    for (let s = 0; s < dimension; s++) u[s] = columns[s * draws + d]!;
    const ws = drawer.evaluate(u, true);
    const plan = applyParameters(input.plan, params, drawer.values);
    const f = planFinanceSummary(plan.finance!, plan, { firstYear: drawer.baseYear, additionsMW: ws.additionsMW });
    out.lcoeYuanPerKWh[d] = f.lcoeYuanPerKWh;
    out.npvYuan[d] = f.npvYuan;
    out.irrFrac[d] = f.irrFrac;
  }
  return out;
}

/** The finites of a column. */
function finiteValues(values: Float64Array): Float64Array {
  return values.filter((v) => Number.isFinite(v));
}

/**
 * P10/P50/P90 (and mean, sd) of LCOE, NPV and IRR over `draws` draws, and P(NPV > 0).
 * @example financeMonteCarlo(resolved, 42, 2000).probabilityNpvPositive
 */
export function financeMonteCarlo(input: UncertainPlan, seed: number, draws: number): FinanceMcSummary {
  const v = financeDraws(input, seed, draws);
  const lcoe = finiteValues(v.lcoeYuanPerKWh);
  const irr = finiteValues(v.irrFrac);
  let positive = 0;
  for (const x of v.npvYuan) if (x > 0) positive++;
  return {
    lcoeYuanPerKWh: lcoe.length > 0 ? summarizeValues(lcoe) : null,
    npvYuan: summarizeValues(v.npvYuan),
    irrFrac: irr.length > 0 ? summarizeValues(irr) : null,
    irrDraws: irr.length,
    probabilityNpvPositive: positive / draws,
  };
}

/** The whole plan's LCOE (元/kWh) with every input central (each plan field at its median). */
function planLcoe(plan: UncertainPlan['plan']): number {
  const ws = createPlanWorkspace(plan);
  simulatePlanInto(plan, growthPath(plan), undefined, ws);
  return planFinanceSummary(plan.finance!, plan, { firstYear: plan.capacity.baseYear, additionsMW: ws.additionsMW }).lcoeYuanPerKWh;
}

/**
 * Tornado of the whole plan's LCOE: each uncertain input (capex, yield, tariff, discount rate, curtailment… whatever
 * the scenario makes uncertain) at its P10 and its P90 with the others at their medians; bars by swing, largest first.
 * A tariff moves NPV, not LCOE (a cost): its bar has swing 0.
 * @example financeTornado({ plan, uncertainty }).bars[0].input // e.g. 'finance.unnamed.capex'
 */
export function financeTornado(input: UncertainPlan): { base: number; bars: TornadoBar[] } {
  const { plan, uncertainty } = input;
  if (!plan.finance) throw new RangeError('financeTornado: the plan has no finance section');
  const bars: TornadoBar[] = uncertainty.parameters.map((p) => {
    const lowInput = quantile(p.distribution, 0.1);
    const highInput = quantile(p.distribution, 0.9);
    const atLow = planLcoe(applyParameter(plan, p, lowInput));
    const atHigh = planLcoe(applyParameter(plan, p, highInput));
    return { input: p.name, lowInput, highInput, atLow, atHigh, swing: Math.abs(atHigh - atLow) };
  });
  bars.sort((x, y) => y.swing - x.swing);
  return { base: planLcoe(plan), bars };
}
