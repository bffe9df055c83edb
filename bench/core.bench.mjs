// Core speed: one 30-year scenario with yearly cohorts (a 10-year history → 10 baseline cohorts, plus one cohort a
// year), resolved once, simulated many times. Goal (issue 2): under 50 µs a run, i.e. ≥ 20,000 runs/s on one core.
// Baseline in the same run: the bare arithmetic of the same cohort × year energy sum in a tight loop, to show the
// model's overhead as a ratio.
import { simulatePlan } from '../dist/index.js';

const plan = {
  startYear: 2020,
  endYear: 2050,
  capacity: {
    baseYear: 2020,
    baselineMW: 1000,
    historyMW: Array.from({ length: 11 }, (_, i) => ({ year: 2010 + i, value: 100 + 90 * i })),
    target: { year: 2030, capacityMW: 4000 },
    growth: { model: 'cagr', untilYear: 2050 },
    constructionLagYears: 1,
    lifetimeYears: 25,
  },
  yield: {
    fullLoadHours: [{ year: 2020, value: 1135 }, { year: 2050, value: 1100 }],
    firstYearDegradationFrac: 0.02,
    annualDegradationFrac: 0.005,
    degradationMode: 'linear',
    availabilityFrac: 0.98,
    curtailmentFrac: [{ year: 2020, value: 0.03 }, { year: 2030, value: 0.05 }],
    commissioning: 'mid-year',
  },
  savings: { coalTonnesPerMWh: [{ year: 2020, value: 0.3055 }, { year: 2025, value: 0.3 }], co2TonnesPerMWh: 0.5703 },
};

function time(fn, minMs = 2000) {
  for (let i = 0; i < 2000; i++) fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 500; i++) fn();
    n += 500;
    t = performance.now();
  }
  return (t - t0) / n; // ms per call
}

let sink = 0;
const result = simulatePlan(plan);
const cohorts = 11 + 30;
const msPerRun = time(() => {
  sink += simulatePlan(plan).years.length;
});
const capacities = new Float64Array(cohorts).fill(100);
const msBaseline = time(() => {
  let e = 0;
  for (let y = 0; y <= 30; y++) for (let c = 0; c < cohorts; c++) e += capacities[c] * 1135 * (1 - 0.005 * y) * 0.98 * 0.97;
  sink += e;
});
const usPerRun = msPerRun * 1000;
console.log(`years: ${result.years.length}, cohorts: ${cohorts}`);
console.log(`simulatePlan (30-year, yearly cohorts): ${usPerRun.toFixed(2)} µs/run = ${Math.round(1000 / msPerRun).toLocaleString('en')} runs/s (goal ≤ 50 µs, ≥ 20,000 runs/s: ${usPerRun <= 50 ? 'met' : 'NOT met'})`);
console.log(`baseline (bare cohort × year arithmetic): ${(msBaseline * 1000).toFixed(2)} µs/run; model / baseline = ${(msPerRun / msBaseline).toFixed(1)}×`);
if (sink === 42) console.log('');
