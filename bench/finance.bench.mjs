// Finance speed (issue 14): a 1,000-project portfolio over 30 years (evaluateProjects: flows, LCOE, NPV, IRR, payback,
// equity IRR, each project with tax and debt) in under 50 ms in process, and the IRR of one project under 20 µs.
// Baseline in the same run: the bare arithmetic of a 1,000 × 31 discounted sum (one NPV per project at a fixed rate),
// to show the model's overhead as a ratio.
import { evaluateProject, evaluateProjects, internalRateOfReturn } from '../dist/index.js';

function time(fn, minMs = 2000, warm = 20) {
  for (let i = 0; i < warm; i++) fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    n++;
    t = performance.now();
  }
  return (t - t0) / n; // ms per call
}

// Deterministic spread of projects (no Math.random: same inputs every run).
const projects = Array.from({ length: 1000 }, (_, j) => ({
  firstYearEnergyMWh: 50000 + 97 * j,
  degradationFrac: 0.004 + (j % 5) * 0.0005,
  capexYuan: 1.5e8 + 1e5 * j,
  constructionYears: 1 + (j % 2),
  lifetimeYears: 30,
  fixedOpexYuanPerYear: 2e6 + 1000 * j,
  opexEscalationFrac: 0.02,
  tariffYuanPerKWh: 0.3949,
  discountRateFrac: 0.06,
  incomeTaxFrac: 0.25,
  depreciationYears: 20,
  debtFrac: 0.7,
  debtRateFrac: 0.045,
  debtTenorYears: 15,
}));

let sink = 0;
const msPortfolio = time(() => {
  sink += evaluateProjects(projects).npvYuan[999];
});
const flows = evaluateProject(projects[0]).cashflows.map((c) => c.netYuan);
const msIrr = time(() => {
  sink += internalRateOfReturn(flows).rateFrac;
}, 2000, 2000);
const matrix = new Float64Array(1000 * 31).map((_, i) => (i % 31 === 0 ? -1e8 : 1e7));
const msBaseline = time(() => {
  const x = 1 / 1.06;
  for (let j = 0; j < 1000; j++) {
    let s = 0;
    for (let i = 30; i >= 0; i--) s = s * x + matrix[j * 31 + i];
    sink += s;
  }
});
console.log(`portfolio: 1,000 projects × 30 years (+ 1–2 construction years), tax and debt: ${msPortfolio.toFixed(2)} ms (goal < 50 ms: ${msPortfolio < 50 ? 'met' : 'NOT met'})`);
console.log(`IRR of one project (31 flows): ${(msIrr * 1000).toFixed(2)} µs (goal < 20 µs: ${msIrr * 1000 < 20 ? 'met' : 'NOT met'})`);
console.log(`baseline (bare 1,000 × 31 discounted sum): ${(msBaseline * 1000).toFixed(1)} µs; portfolio / baseline = ${(msPortfolio / msBaseline).toFixed(0)}×`);
if (sink === 42) console.log('');
