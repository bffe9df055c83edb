// Storage dispatch speed (issue 13), against the built dist/:
// - greedy dispatch of one year (8,760 hours): goal < 1 ms;
// - the one-year LP with prices (35,040 columns, 26,280 rows), HiGHS WebAssembly included: goal < 3 s from the
//   solver's start (loading the WebAssembly) to the dispatch read back; then the same LP again on the started solver,
//   and a 48-hour rolling horizon.
// Harness (same-run baseline, CPU time, ratios, goals judged at the fastest baseline of the run): bench/lib.mjs.
// Series: a deterministic synthetic year (PV-like days, a wind-like random walk, a two-peak price day), 150 MW of
// plant behind a 100 MW connection with 20 MW / 40 MWh of storage.
import * as m from '../dist/index.js';
import { baselineMs, consume, fastestBaselineMs, HOURS, loadAverage, ms as msOf, timeAsync as time, unloaded } from './lib.mjs';

/** A year of plant output (MW) and prices (yuan/MWh): deterministic, no I/O. */
function syntheticYear() {
  let seed = 12345;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const generationMW = new Float64Array(HOURS);
  const priceYuanPerMWh = new Float64Array(HOURS);
  let wind = 0.3;
  for (let t = 0; t < HOURS; t++) {
    const hour = t % 24;
    const day = Math.floor(t / 24);
    const season = 1 + 0.25 * Math.sin(((day - 80) / 365) * 2 * Math.PI);
    const cloud = 0.5 + 0.5 * rnd();
    const pv = Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI)) * 100 * season * cloud;
    wind = Math.min(1, Math.max(0, wind + 0.08 * (rnd() - 0.5)));
    generationMW[t] = pv + 50 * wind ** 3;
    priceYuanPerMWh[t] = 380 + 120 * Math.cos(((hour - 19) / 24) * 2 * Math.PI) - 80 * Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI)) + 30 * rnd();
  }
  return { generationMW, priceYuanPerMWh };
}

const ms = (t) => msOf(t, 3);

const load = loadAverage();
const { generationMW, priceYuanPerMWh } = syntheticYear();
const system = {
  generationMW,
  stepHours: 1,
  exportLimitMW: 100,
  storage: { powerMW: 20, energyMWh: 40, roundTripEfficiencyFrac: 0.88, socMinFrac: 0.1, socMaxFrac: 1, socInitialFrac: 0.5, selfDischargeFracPerHour: 0 },
  priceYuanPerMWh,
};

// Greedy: allocate the output once, dispatch many times (as a Monte Carlo or a sweep would).
const out = m.allocateDispatchHourly(HOURS);
const greedy = await time(() => {
  m.dispatchGreedy(system, out);
  consume(out.socMWh[HOURS - 1]);
}, 200);
const greedyRevenue = m.dispatchObjective(system, out);

// The LP, first call from a cold solver: loading the WebAssembly, building, solving, reading back.
baselineMs();
const coldBase = baselineMs();
const c0 = process.cpuUsage();
const t0 = performance.now();
const solve = await m.loadHighsSolver();
const tStarted = performance.now();
const optimal = m.dispatchOptimal(system, solve);
const coldWall = performance.now() - t0;
const coldCpu = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000;
const cold = { wall: coldWall, wallMin: coldWall, cpu: coldCpu, ratio: coldWall / coldBase };
const startMs = tStarted - t0;
const optimalRevenue = m.dispatchObjective(system, optimal);
const warmLp = await time(() => m.dispatchOptimal(system, solve), 3, 0);
const rolling = await time(() => m.dispatchOptimal(system, solve, { horizonSteps: 48 }), 2, 0);
const rollingRevenue = m.dispatchObjective(system, m.dispatchOptimal(system, solve, { horizonSteps: 48 }));
const buildOnly = await time(() => {
  consume(m.buildDispatchLp(system, 0, HOURS, 20).numCols);
}, 10);
const loadAfter = loadAverage();

console.log(`series: synthetic year, ${HOURS} h; ${(generationMW.reduce((a, b) => a + b, 0) / 1e3).toFixed(1)} GWh; limit 100 MW; storage 20 MW / 40 MWh, η 88 %; load average ${load} before, ${loadAfter} after (1, 5, 15 min)`);
console.log(`baseline, 8,760 × 100 Math.cos in a loop: fastest ${fastestBaselineMs().toFixed(2)} ms`);
console.log(`greedy, one year (dispatchGreedy into preallocated arrays): ${ms(greedy)}; ${unloaded(greedy).toFixed(3)} ms at the fastest baseline; goal < 1 ms: ${unloaded(greedy) < 1 ? 'met' : 'NOT met'}`);
console.log(`optimal, one-year LP from a cold solver (WebAssembly start ${startMs.toFixed(0)} ms + build + solve + read): ${ms(cold)}; ${unloaded(cold).toFixed(0)} ms at the fastest baseline; goal < 3000 ms: ${unloaded(cold) < 3000 ? 'met' : 'NOT met'}`);
console.log(`optimal, the same LP on the started solver: ${ms(warmLp)}; of which building the LP arrays ${buildOnly.wall.toFixed(1)} ms`);
console.log(`optimal, 48 h rolling horizon (24 h kept per window): ${ms(rolling)}`);
console.log(`revenue: greedy ${(greedyRevenue / 1e4).toFixed(1)} 万元, 48 h rolling ${(rollingRevenue / 1e4).toFixed(1)} 万元, perfect foresight ${(optimalRevenue / 1e4).toFixed(1)} 万元`);
