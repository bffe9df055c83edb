// Monte Carlo speed and memory (issue 5), against the built dist/, on scenarios/wendeng-2025-uncertain.yaml
// (5 uncertain inputs, one rank correlation, inter-annual weather; 14 years):
//  1. per-core throughput of the draw path: the worker's chunk function (dist/mc-worker.js) in this thread,
//     100,000 draws in chunks of 4096 keeping all 70 stored columns, timed in CPU time → draw-years per second
//     per core. Goal: ≥ 5,000,000 (issue 15; issue 5 asked for 2,000,000). Each chunk writes into the spent
//     buffer of the one before, as a run's lanes do (src/mc/run.ts); a build that ignores `out` allocates its
//     own, so the same bench times older builds too. Baseline in the same run: one deterministic `simulatePlan`
//     of the median plan (rows and all), to quote a draw's cost as a ratio.
//  2. the same draw path in piscina workers, 1 vs 2 threads (400,000 draws): speed-up, goal near 2; each lane
//     moves its spent buffer to the worker with its next task, as src/mc/run.ts does.
//  3. `pvplan mc` end to end in a child process (start-up, statistics and output included): 2,000 draws (what the
//     web page would ask for) and 100,000 draws on one thread, beside `pvplan run` on the same file.
//  4. `pvplan mc --draws 1000000` in a child: wall time and peak RSS (process.resourceUsage().maxRSS at exit,
//     worker threads included). Goal: < 1 GB.
// The machine may be shared: the load average is printed before and after; quote ratios, not absolute times.
// `node bench/mc.bench.mjs --draw-path` runs section 1 only (for alternating A/B rounds against another build:
// copy this file into that build's tree).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A private copy of dist/ (a concurrent `npm run build` in a shared tree empties dist/ while it runs), kept under
// node_modules/.cache so that the bundle still finds its external packages (piscina).
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const dist = mkdtempSync(join(root, 'node_modules', '.cache', 'pvplan-bench-'));
cpSync(join(root, 'dist'), dist, { recursive: true });
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
const { loadScenario, simulatePlan } = await import(pathToFileURL(join(dist, 'index.js')).href);
const { default: runChunk } = await import(pathToFileURL(join(dist, 'mc-worker.js')).href);
const file = 'scenarios/wendeng-2025-uncertain.yaml';
const resolved = loadScenario(join(root, file));
const { plan } = resolved;
const years = plan.endYear - plan.startYear + 1;
const simulatedYears = plan.endYear - plan.capacity.baseYear + 1;
const STORED = ['capacityMW', 'operatingMW', 'energyMWh', 'coalTonnes', 'co2Tonnes'];
const columns = STORED.flatMap((metric) => Array.from({ length: years }, (_, yearIndex) => ({ metric, yearIndex })));
const CHUNK = 4096;
const task = (seed, fromDraw, count, out) => ({ plan: resolved.plan, uncertainty: resolved.uncertainty, hash: resolved.hash, seed, fromDraw, count, columns, withTarget: true, ...(out ? { out } : {}) });
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const fmt = (x) => Math.round(x).toLocaleString('en');

console.log(`load average (1, 5, 15 min) before: ${load()}`);

// 1. Draw path, one core, CPU time.
// Called in this thread, the worker function moves nothing: the buffer stays this thread's, chunk after chunk.
const spent = new Float64Array((columns.length + 2) * CHUNK);
function drawPath(draws, seed) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let from = 0; from < draws; from += CHUNK) runChunk(task(seed, from, Math.min(CHUNK, draws - from), spent));
  return { cpuS: process.cpuUsage(cpu0).user / 1e6, wallS: (performance.now() - t0) / 1000 };
}
drawPath(20_000, 1); // warm-up (JIT, the PERT sampler's table, the scenario's resolution)
const runs = [2, 3, 4, 5, 6].map((seed) => drawPath(100_000, seed)).sort((a, b) => a.cpuS - b.cpuS);
const best = runs[0];
const median = runs[2];
const rate = (r) => (100_000 * years) / r.cpuS;
const baselineUs = (() => {
  for (let i = 0; i < 20_000; i++) simulatePlan(plan);
  const cpu0 = process.cpuUsage();
  const n = 200_000;
  for (let i = 0; i < n; i++) simulatePlan(plan);
  return process.cpuUsage(cpu0).user / n;
})();
console.log(`1. draw path, one core: 100,000 draws × ${years} years in ${median.cpuS.toFixed(3)} s CPU (median of 5; best ${best.cpuS.toFixed(3)} s, wall ${median.wallS.toFixed(3)} s)`);
console.log(`   → ${fmt(rate(median))} draw-years/s per core (best ${fmt(rate(best))}), ${((median.cpuS / 100_000) * 1e6).toFixed(2)} µs a draw (${simulatedYears} years simulated); goal ≥ 5,000,000: ${rate(median) >= 5e6 ? 'met' : 'NOT met'}`);
console.log(`   baseline: simulatePlan of the median plan ${baselineUs.toFixed(2)} µs CPU → a draw costs ${((median.cpuS / 100_000) * 1e6 / baselineUs).toFixed(2)}× one deterministic run`);

if (process.argv.includes('--draw-path')) {
  console.log(`load average after: ${load()}`);
  process.exit(0);
}

// 2. Worker threads: 1 vs 2.
async function pooled(threads, draws) {
  const pool = new Piscina({ filename: pathToFileURL(join(dist, 'mc-worker.js')).href, minThreads: threads, maxThreads: threads });
  await Promise.all(Array.from({ length: threads }, (_, i) => pool.run(task(1, i * 1000, 1000)))); // warm every worker
  const cpu0 = process.cpuUsage(); // this process's CPU time, worker threads included
  const t0 = performance.now();
  const chunks = Math.ceil(draws / CHUNK);
  let next = 0;
  const lane = async () => {
    let out;
    while (next < chunks) {
      const from = next++ * CHUNK;
      const data = await pool.run(task(7, from, Math.min(CHUNK, draws - from), out), { transferList: out ? [out.buffer] : [] });
      out = new Float64Array(data.buffer);
    }
  };
  await Promise.all(Array.from({ length: 2 * threads }, lane));
  const s = (performance.now() - t0) / 1000;
  const cpuS = process.cpuUsage(cpu0).user / 1e6;
  await pool.destroy();
  return { s, cpuS };
}
const one = await pooled(1, 400_000);
const two = await pooled(2, 400_000);
console.log(`2. draw path in workers, 400,000 draws: 1 thread ${one.s.toFixed(2)} s, 2 threads ${two.s.toFixed(2)} s → speed-up ${(one.s / two.s).toFixed(2)}× (goal near 2)`);
// On a shared machine the wall-time speed-up is capped by the CPU the others leave; CPU time shows the threads' own cost.
console.log(`   CPU used: 1 thread ${one.cpuS.toFixed(2)} s (${(one.cpuS / one.s).toFixed(2)} cores busy), 2 threads ${two.cpuS.toFixed(2)} s (${(two.cpuS / two.s).toFixed(2)} cores busy); work per draw with 2 threads / with 1: ${(two.cpuS / one.cpuS).toFixed(2)}`);

// 3. End to end.
function cli(args, { rss = false } = {}) {
  const pre = rss ? ['--import', 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxRSS_KB="+process.resourceUsage().maxRSS+"\\n"))'] : [];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...pre, join(dist, 'cli.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`pvplan ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = /maxRSS_KB=(\d+)/.exec(r.stderr);
  return { s, rssMB: kb ? Number(kb[1]) / 1024 : Number.NaN };
}
const medianOf = (f, n = 5) => Array.from({ length: n }, f).sort((a, b) => a - b)[Math.floor(n / 2)];
const runS = medianOf(() => cli(['run', file, '--format', 'json']).s);
const mc2kS = medianOf(() => cli(['mc', file, '--draws', '2000', '--format', 'json']).s);
const mc100kS = medianOf(() => cli(['mc', file, '--draws', '100000', '--threads', '1', '--format', 'json']).s, 3);
console.log(`3. pvplan run: ${(runS * 1000).toFixed(0)} ms; pvplan mc --draws 2000: ${(mc2kS * 1000).toFixed(0)} ms (+${((mc2kS - runS) * 1000).toFixed(0)} ms over run); --draws 100000 --threads 1: ${mc100kS.toFixed(2)} s (medians)`);

// 4. A million draws.
const million = cli(['mc', file, '--draws', '1000000', '--format', 'json'], { rss: true });
console.log(`4. pvplan mc --draws 1000000 (threads auto): ${million.s.toFixed(1)} s, peak RSS ${million.rssMB.toFixed(0)} MB (goal < 1024 MB: ${million.rssMB < 1024 ? 'met' : 'NOT met'})`);
console.log(`load average after: ${load()}`);
