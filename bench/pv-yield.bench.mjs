// PV yield speed (issues 4 and 15), against the built dist/:
// - the SPA time part alone, by single calls, by the batch's recurrences and by interpolation between anchors (what the
//   yield chain uses; older builds ignore the method and recur);
// - one site-year, 8,760 hours, full chain (SPA, air mass, Perez, physical IAM, SAPM, PVWatts DC and AC), twice: on
//   timestamps seen for the first time (the SPA time terms computed) and on timestamps seen before (the time terms
//   remembered, as for every later site or case on the same weather year); goal ≤ 3 ms (issue 15; issue 4: < 10 ms;
//   pvlib's vectorised numpy chain takes ~14 ms on this machine kind);
// - 100 sites sharing one year of timestamps (simulateYieldBatch): goal ≤ 1 ms a site-year (issue 15);
// - the pvwatts-v5 preset (issue 16: Michalsky sun position, Fuentes, PVWatts cover, sunrise/sunset hours) on the same
//   site-year, on timestamps seen for the first time and seen before (its own time terms, Michalsky's, remembered):
//   goal, no dearer than the chain above in either case, judged on the ratios to the same-run baseline.
// Harness (same-run baseline, CPU time, ratios, weather): bench/lib.mjs.
import * as pvplan from '../dist/index.js';
import { baselineMs, consume, fastestBaselineMs, HOURS, loadAverage, loadWeather, ms, time, unloaded } from './lib.mjs';

const weather = await loadWeather();
const label = 'scenarios/weather/723170TYA.CSV (Greensboro TMY3)';
const s = weather.site;
const site = { latitudeDeg: s.latitudeDeg, longitudeDeg: s.longitudeDeg, altitudeM: s.altitudeM, utcOffsetHours: s.utcOffsetHours };
const array = { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 }, transposition: 'perez', iamModel: 'physical', temperature: pvplan.cellTemperatureParams('sapm') };
const systems = Array.from({ length: 100 }, (_, k) => ({
  site: { ...site, latitudeDeg: site.latitudeDeg - 5 + k * 0.1, longitudeDeg: site.longitudeDeg + (k % 10) * 0.2 },
  array: { ...array, mounting: { type: 'fixed', tiltDeg: 20 + (k % 20), azimuthDeg: 170 + (k % 21) } },
  weather,
}));
// Older builds (the A/B base) have no remembered time terms: every call is then a first one.
const forget = pvplan.clearSharedYieldTimes ?? (() => {});

const load = loadAverage();
time(() => {}, 31);
const spaSingle = time(() => {
  for (let i = 0; i < HOURS; i++) consume(pvplan.spaTimeTerms(weather.unixTimeS[i]).geocentricDeclinationDeg);
}, 11);
const spaBatch = time(() => consume(pvplan.computeSpaTimeTermsBatch(weather.unixTimeS).length), 31);
const spaInterpolated = time(() => consume(pvplan.computeSpaTimeTermsBatch(weather.unixTimeS, 67, undefined, 'interpolation').length), 31);
const cold = time(() => {
  forget();
  consume(pvplan.simulateYield({ site, array, weather }).annualKWhPerKWp);
}, 61);
const single = time(() => consume(pvplan.simulateYield({ site, array, weather }).annualKWhPerKWp), 61);
const batchCold = time(() => {
  forget();
  consume(pvplan.simulateYieldBatch(weather.unixTimeS, systems).length);
}, 9, 3);
const batch = time(() => consume(pvplan.simulateYieldBatch(weather.unixTimeS, systems).length), 9, 3);
const presetArray = pvplan.pvwattsV5Array({ moduleType: 'standard', arrayType: 'fixed-open-rack', tiltDeg: 30 });
const presetCold = time(() => {
  forget();
  consume(pvplan.simulateYield({ site, array: presetArray, weather }).annualKWhPerKWp);
}, 61);
const preset = time(() => consume(pvplan.simulateYield({ site, array: presetArray, weather }).annualKWhPerKWp), 61);
const presetResult = pvplan.simulateYield({ site, array: presetArray, weather });
const result = pvplan.simulateYield({ site, array, weather });
baselineMs();

const perSite = (t) => `${(t.cpu / 100).toFixed(2)} ms CPU a site-year, ${(unloaded(t) / 100).toFixed(2)} ms at the fastest baseline`;
console.log(`weather: ${label}; ${weather.unixTimeS.length} hours; load average ${load} before, ${loadAverage()} after (1, 5, 15 min)`);
console.log(`baseline, 8,760 × 100 Math.cos in a loop: fastest ${fastestBaselineMs().toFixed(2)} ms`);
console.log(`SPA time terms, 8,760 single calls (spaTimeTerms): ${ms(spaSingle)} = ${((spaSingle.wall / HOURS) * 1000).toFixed(2)} µs a timestamp`);
console.log(`SPA time terms, batch by recurrence (computeSpaTimeTermsBatch): ${ms(spaBatch)}; ${(spaSingle.wall / spaBatch.wall).toFixed(1)}× faster than single calls`);
console.log(`SPA time terms, batch by interpolation (computeSpaTimeTermsBatch, 'interpolation'): ${ms(spaInterpolated)}; ${(spaSingle.wall / spaInterpolated.wall).toFixed(1)}× faster than single calls`);
console.log(`one site-year, full chain, timestamps seen for the first time: ${ms(cold)}; ${unloaded(cold).toFixed(2)} ms at the fastest baseline; goal ≤ 3 ms: ${unloaded(cold) <= 3 ? 'met' : 'NOT met'}`);
console.log(`one site-year, full chain, timestamps seen before (simulateYield): ${ms(single)}; ${unloaded(single).toFixed(2)} ms at the fastest baseline; goal ≤ 3 ms: ${unloaded(single) <= 3 ? 'met' : 'NOT met'}; ${result.annualKWhPerKWp.toFixed(1)} kWh/kWp`);
console.log(`100 sites sharing the timestamps, first time (simulateYieldBatch): ${ms(batchCold)}; ${perSite(batchCold)}`);
console.log(`100 sites sharing the timestamps, seen before (simulateYieldBatch): ${ms(batch)}; ${perSite(batch)}; goal ≤ 1 ms a site-year: ${unloaded(batch) / 100 <= 1 ? 'met' : 'NOT met'}`);
const presetGoal = (p, c) => `${(p.ratio / c.ratio).toFixed(2)}× the chain's ratio (issue 16's goal ≤ 1: ${p.ratio <= c.ratio * 1.02 ? 'met' : 'NOT met'})`;
console.log(`one site-year, pvwatts-v5 preset (fixed open rack, standard module), timestamps seen for the first time: ${ms(presetCold)}; ${presetGoal(presetCold, cold)}`);
console.log(`one site-year, pvwatts-v5 preset, timestamps seen before: ${ms(preset)}; ${presetGoal(preset, single)}; ${presetResult.annualKWhPerKWp.toFixed(1)} kWh/kWp`);
