// Wind chain speed (issue 13), against the built dist/: one turbine-year (8,760 hours) through simulateWindYear,
// goal < 2 ms, with ModelChain's defaults (log law, barometric density, no density correction) and with the
// density-corrected curve. Same-run baseline as bench/pv-yield.bench.mjs: a plain loop of 8,760 × 100 Math.cos calls
// timed right before each call; the goal is judged at the fastest baseline of the run (ratio × that baseline).
// Weather: the Greensboro TMY3 in scenarios/weather/, read by src/weather (bundled here on the fly).
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pvplan from '../dist/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEATHER = join(ROOT, 'scenarios', 'weather', '723170TYA.CSV');
const HOURS = 8760;

async function loadWeather() {
  const dir = mkdtempSync(join(tmpdir(), 'pvplan-bench-'));
  try {
    const out = join(dir, 'weather.mjs');
    await build({ entryPoints: [join(ROOT, 'src', 'weather', 'index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
    const { parseWeatherText } = await import(pathToFileURL(out).href);
    return parseWeatherText(readFileSync(WEATHER, 'utf8'), WEATHER);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let sink = 0;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let fastestBaselineMs = Number.POSITIVE_INFINITY;
function baselineMs() {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < HOURS * 100; i++) x += Math.cos(i * 1e-3);
  sink += x;
  const t = performance.now() - t0;
  fastestBaselineMs = Math.min(fastestBaselineMs, t);
  return t;
}
function time(fn, runs, warm = Math.max(3, runs >> 2)) {
  for (let i = 0; i < warm; i++) {
    baselineMs();
    fn();
  }
  const wall = [];
  const ratio = [];
  for (let i = 0; i < runs; i++) {
    const base = baselineMs();
    const t0 = performance.now();
    fn();
    const t = performance.now() - t0;
    wall.push(t);
    ratio.push(t / base);
  }
  return { wall: median(wall), wallMin: Math.min(...wall), ratio: median(ratio) };
}
const ms = (t) => `${t.wall.toFixed(3)} ms median (min ${t.wallMin.toFixed(3)}; ${t.ratio.toFixed(3)}× the baseline)`;
const unloaded = (t) => t.ratio * fastestBaselineMs;

const weather = await loadWeather();
const turbine = pvplan.findTurbine('E-126/4200');
const options = { hubHeightM: 135, siteAltitudeM: 273, utcOffsetHours: -5 };
const load = loadavg().map((x) => x.toFixed(2)).join(', ');
const plain = time(() => (sink += pvplan.simulateWindYear(weather, turbine, options).annualKWhPerKW), 201);
const corrected = time(() => (sink += pvplan.simulateWindYear(weather, turbine, { ...options, densityCorrection: true }).annualKWhPerKW), 101);
const hourly = time(() => (sink += pvplan.simulateWindYear(weather, turbine, { ...options, hourly: true }).annualKWhPerKW), 101);
const result = pvplan.simulateWindYear(weather, turbine, options);
const loadAfter = loadavg().map((x) => x.toFixed(2)).join(', ');

console.log(`weather: scenarios/weather/723170TYA.CSV (Greensboro TMY3); ${weather.unixTimeS.length} hours; E-126/4200 at 135 m; load average ${load} before, ${loadAfter} after`);
console.log(`baseline, 8,760 × 100 Math.cos in a loop: fastest ${fastestBaselineMs.toFixed(2)} ms`);
console.log(`one turbine-year, ModelChain defaults: ${ms(plain)}; ${unloaded(plain).toFixed(3)} ms at the fastest baseline; goal < 2 ms: ${unloaded(plain) < 2 ? 'met' : 'NOT met'}; ${result.annualKWhPerKW.toFixed(1)} kWh/kW`);
console.log(`one turbine-year, density-corrected curve: ${ms(corrected)}; ${unloaded(corrected).toFixed(3)} ms at the fastest baseline; goal < 2 ms: ${unloaded(corrected) < 2 ? 'met' : 'NOT met'}`);
console.log(`one turbine-year, defaults with the hourly series kept: ${ms(hourly)}; ${unloaded(hourly).toFixed(3)} ms at the fastest baseline`);
if (sink === 42) console.log('');
