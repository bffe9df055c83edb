// Wind chain speed (issue 13), against the built dist/: one turbine-year (8,760 hours) through simulateWindYear,
// goal < 2 ms, with ModelChain's defaults (log law, barometric density, no density correction) and with the
// density-corrected curve. Harness (same-run baseline, CPU time, ratios, the goal judged at the fastest baseline of
// the run, the Greensboro TMY3 read by src/weather): bench/lib.mjs.
import * as pvplan from '../dist/index.js';
import { consume, fastestBaselineMs, loadAverage, loadWeather, ms as msOf, time, unloaded } from './lib.mjs';

const ms = (t) => msOf(t, 3);
const weather = await loadWeather();
const turbine = pvplan.findTurbine('E-126/4200');
const options = { hubHeightM: 135, siteAltitudeM: 273, utcOffsetHours: -5 };
const load = loadAverage();
const plain = time(() => consume(pvplan.simulateWindYear(weather, turbine, options).annualKWhPerKW), 201);
const corrected = time(() => consume(pvplan.simulateWindYear(weather, turbine, { ...options, densityCorrection: true }).annualKWhPerKW), 101);
const hourly = time(() => consume(pvplan.simulateWindYear(weather, turbine, { ...options, hourly: true }).annualKWhPerKW), 101);
const result = pvplan.simulateWindYear(weather, turbine, options);
const loadAfter = loadAverage();

console.log(`weather: scenarios/weather/723170TYA.CSV (Greensboro TMY3); ${weather.unixTimeS.length} hours; E-126/4200 at 135 m; load average ${load} before, ${loadAfter} after`);
console.log(`baseline, 8,760 × 100 Math.cos in a loop: fastest ${fastestBaselineMs().toFixed(2)} ms`);
console.log(`one turbine-year, ModelChain defaults: ${ms(plain)}; ${unloaded(plain).toFixed(3)} ms at the fastest baseline; goal < 2 ms: ${unloaded(plain) < 2 ? 'met' : 'NOT met'}; ${result.annualKWhPerKW.toFixed(1)} kWh/kW`);
console.log(`one turbine-year, density-corrected curve: ${ms(corrected)}; ${unloaded(corrected).toFixed(3)} ms at the fastest baseline; goal < 2 ms: ${unloaded(corrected) < 2 ? 'met' : 'NOT met'}`);
console.log(`one turbine-year, defaults with the hourly series kept: ${ms(hourly)}; ${unloaded(hourly).toFixed(3)} ms at the fastest baseline`);
