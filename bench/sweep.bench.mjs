// Sweep speed (issue 15), against the built dist/, as whole processes (`node dist/cli.js sweep …`):
// - a yield sweep of N site-years (default 10,000; `node bench/sweep.bench.mjs 2000` for fewer): goal < 20 s on one
//   core for 10,000;
// - the same number of site-years as array options: a fifth of the sites, each with 5 tilts;
// - scaling: the same sweep (SCALING_SITES site-years) as one process, then as 2 shards run at once: goal ≥ 1.8×.
// The sites cycle through the three weather files shipped in scenarios/weather/ with coordinates and tilts varied,
// so no two cases share settings (the yield cache never answers). The machine is shared: each figure comes with
// the CPU time (user + system, from /usr/bin/time) beside the wall time, the load average, and its ratio to a
// same-run baseline (8,760 × 100 Math.cos calls in a loop, fastest of the run).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineMs, fastestBaselineMs, loadAverage, ROOT } from './lib.mjs';

const CLI = join(ROOT, 'dist', 'cli.js');
const SITES = Number(process.argv[2] ?? 10_000);
// PVPLAN_SCALING_SITES sets the scaling sweep's size: a larger one shows the speed-up once start-up is amortised.
const SCALING_SITES = Number(process.env.PVPLAN_SCALING_SITES ?? Math.min(SITES, 2_000));
const WEATHER = ['723170TYA.CSV', 'CHN_Beijing.Beijing.545110_CSWD.epw', 'NLD_Amsterdam062400_IWEC.epw'].map((f) => join(ROOT, 'scenarios', 'weather', f));
const CENTRES = [[36.1, -79.95], [39.8, 116.47], [52.3, 4.77]];

/**
 * A sweep of `n` site-years in a fresh folder: the spec path. With `tilts`, n / tilts.length sites each with every
 * tilt (array options at one site, as a county study would run them); otherwise n sites with a tilt each.
 */
function writeSweep(dir, n, tilts) {
  const sites = tilts ? Math.ceil(n / tilts.length) : n;
  const rows = [`id,latitude,longitude,weather,${tilts ? '' : 'tilt,'}azimuth`];
  for (let i = 0; i < sites; i++) {
    const w = i % 3;
    const [lat, lon] = CENTRES[w];
    rows.push(`s${i},${(lat + ((i * 7919) % 100) / 1000).toFixed(3)},${(lon + ((i * 104729) % 100) / 1000).toFixed(3)},${WEATHER[w]},${tilts ? '' : `${20 + (i % 21)},`}${170 + (i % 21)}`);
  }
  writeFileSync(join(dir, 'sites.csv'), `${rows.join('\n')}\n`);
  const grid = tilts ? `grid:\n  yield.array.tilt: [${tilts.join(', ')}]\n` : '';
  writeFileSync(join(dir, 'spec.yaml'), `name: bench-${n}\nbase: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nsites: sites.csv\n${grid}metrics:\n  yield: [annualKWhPerKWp, performanceRatioFrac]\n`);
  return join(dir, 'spec.yaml');
}

/** Runs pvplan under /usr/bin/time: wall and CPU seconds. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S', process.execPath, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`pvplan ${args.join(' ')} failed:\n${err}`));
      const [wall, user, sys] = err.trim().split('\n').pop().split(' ').map(Number);
      resolve({ wall, cpu: user + sys });
    });
  });
}

const s = (t) => `${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU`;
const dir = mkdtempSync(join(tmpdir(), 'pvplan-sweep-bench-'));
try {
  const load = loadAverage();
  for (let i = 0; i < 5; i++) baselineMs();
  const big = writeSweep(mkdtempSync(join(dir, 'big-')), SITES);
  const before = baselineMs();
  const whole = await timed(['sweep', big, '--out', join(dir, 'out-big')]);
  const after = baselineMs();
  const base = Math.min(before, after);
  console.log(`load average ${load} (1, 5, 15 min) on ${availableParallelism()} cores; baseline ${fastestBaselineMs().toFixed(2)} ms fastest, ${base.toFixed(2)} ms around the run`);
  console.log(`yield sweep of ${SITES.toLocaleString('en')} site-years, whole process, one core: ${s(whole)}; ${((whole.cpu / SITES) * 1000).toFixed(2)} ms CPU a site-year; CPU ${(whole.cpu * 1000 / fastestBaselineMs()).toFixed(0)}× the baseline; goal < 20 s for 10,000: ${(whole.cpu * 10_000) / SITES < 20 ? 'met' : 'NOT met'} (judged on CPU time)`);

  const options = writeSweep(mkdtempSync(join(dir, 'options-')), SITES, [15, 20, 25, 30, 35]);
  const withOptions = await timed(['sweep', options, '--out', join(dir, 'out-options')]);
  console.log(`yield sweep of ${SITES.toLocaleString('en')} site-years as ${Math.ceil(SITES / 5).toLocaleString('en')} sites × 5 tilts, whole process: ${s(withOptions)}; ${((withOptions.cpu / SITES) * 1000).toFixed(2)} ms CPU a site-year`);

  const small = writeSweep(mkdtempSync(join(dir, 'small-')), SCALING_SITES);
  const one = await timed(['sweep', small, '--out', join(dir, 'out-one')]);
  const t0 = performance.now();
  const shards = await Promise.all([0, 1].map((i) => timed(['sweep', small, '--out', join(dir, 'out-two'), '--shard', `${i}/2`])));
  const twoWall = (performance.now() - t0) / 1000;
  const twoCpu = shards[0].cpu + shards[1].cpu;
  console.log(`scaling, ${SCALING_SITES.toLocaleString('en')} site-years: one process ${s(one)}; 2 shards at once ${twoWall.toFixed(1)} s wall, ${twoCpu.toFixed(1)} s CPU (${shards.map(s).join('; ')})`);
  console.log(`  speed-up ${(one.wall / twoWall).toFixed(2)}× by wall time (goal ≥ 1.8×; meaningful only on an idle machine), CPU per case ${(twoCpu / one.cpu).toFixed(2)}× the single process's (1.00 = shards add no work)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
