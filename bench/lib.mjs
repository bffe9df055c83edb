// The benchmarks' shared harness: the same-run baseline, timing with CPU time and ratios, medians, the load average
// and the weather files read by src/weather. The machine is shared, so every figure is taken with the process's CPU
// time beside the wall time and as a ratio to a baseline (a plain loop of 8,760 × 100 Math.cos calls) timed right
// before each call; goals are judged at the fastest baseline of the run (ratio × that baseline), as if the machine
// had been unloaded.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HOURS = 8760;
/** The Greensboro TMY3 shipped in scenarios/weather/. */
export const GREENSBORO_TMY3 = join(ROOT, 'scenarios', 'weather', '723170TYA.CSV');

// Results are added here so that no timed call is optimised away.
let sink = 0;
/** Keeps a result alive (returns it). */
export function consume(x) {
  sink += Number(x);
  return x;
}
process.on('exit', () => {
  if (sink === 42) console.log('');
});

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

let fastest = Number.POSITIVE_INFINITY;
/** The same-run baseline: 8,760 × 100 Math.cos calls in a plain loop (ms, wall). */
export function baselineMs() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < HOURS * 100; i++) x += Math.cos(i * 1e-3);
  sink += x;
  const t = performance.now() - t0;
  fastest = Math.min(fastest, t);
  return t;
}
/** The fastest baseline of the run so far (ms). */
export const fastestBaselineMs = () => fastest;

function summary(wall, cpu, ratio) {
  return { wall: median(wall), wallMin: Math.min(...wall), cpu: median(cpu), ratio: median(ratio) };
}
const cpuMs = (c) => (c.user + c.system) / 1000;

/**
 * Median and minimum wall time, median CPU time (ms) of `fn` over `runs` calls after `warm` warm-up calls, and the
 * median ratio to the baseline measured right before each call (so a load change between runs cancels out).
 */
export function time(fn, runs, warm = Math.max(3, runs >> 2)) {
  for (let i = 0; i < warm; i++) {
    baselineMs();
    fn();
  }
  const wall = [];
  const cpu = [];
  const ratio = [];
  for (let i = 0; i < runs; i++) {
    const base = baselineMs();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const t = performance.now() - t0;
    wall.push(t);
    cpu.push(cpuMs(process.cpuUsage(c0)));
    ratio.push(t / base);
  }
  return summary(wall, cpu, ratio);
}

/** {@link time} for a function returning a promise (awaited inside the timed span). */
export async function timeAsync(fn, runs, warm = Math.max(1, runs >> 2)) {
  for (let i = 0; i < warm; i++) {
    baselineMs();
    await fn();
  }
  const wall = [];
  const cpu = [];
  const ratio = [];
  for (let i = 0; i < runs; i++) {
    const base = baselineMs();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const t = performance.now() - t0;
    wall.push(t);
    cpu.push(cpuMs(process.cpuUsage(c0)));
    ratio.push(t / base);
  }
  return summary(wall, cpu, ratio);
}

/** A timing in one line: median wall (min), CPU and the ratio to the baseline, with `digits` decimals. */
export const ms = (t, digits = 2) => `${t.wall.toFixed(digits)} ms median (min ${t.wallMin.toFixed(digits)}, CPU ${t.cpu.toFixed(digits)}; ${t.ratio.toFixed(digits)}× the baseline)`;
/** The time at the fastest baseline seen (the least-loaded moment of the run): ratio × fastest baseline (ms). */
export const unloaded = (t) => t.ratio * fastest;
/** The 1, 5 and 15 min load averages, for the report. */
export const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/**
 * A weather file parsed by src/weather (bundled on the fly, since the library entry does not export the readers);
 * parsing is not part of any timing.
 */
export async function loadWeather(path = GREENSBORO_TMY3) {
  const dir = mkdtempSync(join(tmpdir(), 'pvplan-bench-'));
  try {
    const out = join(dir, 'weather.mjs');
    await build({ entryPoints: [join(ROOT, 'src', 'weather', 'index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
    const { parseWeatherText } = await import(pathToFileURL(out).href);
    return parseWeatherText(readFileSync(path, 'utf8'), path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
