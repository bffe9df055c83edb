/**
 * `pvplan mc` and `pvplan sensitivity` run as subprocesses of the built binary (the private snapshot
 * test/global-setup.ts makes): formats, the JSON contracts, byte-identical output for 1, 2 and 8 threads, zero-spread runs against
 * `run`, Ctrl-C (exit 130, nothing on stdout), the progress bar only on a terminal, and bad input (exit 2, one
 * clear message, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZERO_SPREAD_YAML } from '../mc/scenarios.ts';
import { CLI, pvplan as runCli, ROOT, tmpDir, type Run } from './run-cli.ts';

const UNCERTAIN = 'scenarios/wendeng-2025-uncertain.yaml';
const METRICS = ['capacityMW', 'operatingMW', 'energyMWh', 'coalTonnes', 'co2Tonnes', 'cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes'];

const pvplan = (args: readonly string[], interruptAfterMs?: number) => runCli(args, interruptAfterMs === undefined ? {} : { interruptAfterMs });

function tmpFile(name: string, text: string): string {
  const file = join(tmpDir('pvplan-mc-'), name);
  writeFileSync(file, text);
  return file;
}

function expectOk(r: Run): void {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

function expectBadInput(r: Run, message: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('pvplan mc', () => {
  it('prints the per-year statistics of every metric, the target probability and the first-met years (no progress bar off a terminal)', async () => {
    const r = await pvplan(['mc', UNCERTAIN, '--draws', '2000']);
    expectOk(r);
    for (const title of ['capacity, built + under construction:', 'operating capacity:', 'energy:', 'coal saved:', 'CO2 avoided:', 'cumulative energy:', 'cumulative coal saved:', 'cumulative CO2 avoided:']) expect(r.stdout).toContain(`\n${title}\n`);
    expect(r.stdout).toMatch(/year\s+mean \(MW\)\s+sd \(MW\)\s+p10 \(MW\)\s+p50 \(MW\)\s+p90 \(MW\)/);
    expect(r.stdout).toMatch(/target: 4500 MW built \+ under construction in 2025: met in \d+\.\d % of draws/);
    expect(r.stdout).toMatch(/year the target is first met:\n\s+2025\s+\d+\.\d %\s+█+\n\s+never/);
    expect(r.stdout).toContain('2,000 draws · seed 42');
  });

  it('gives the JSON contract: scenario, version, draws, seed, years with mean/sd/p10/p50/p90 (+ extra quantiles) per metric, target', async () => {
    const r = await pvplan(['mc', UNCERTAIN, '--draws', '3000', '--seed', '7', '--quantiles', '0.05,0.95', '--format', 'json']);
    expectOk(r);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { years: Array<Record<string, Record<string, number>>>; target: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['scenario', 'pvplanVersion', 'draws', 'seed', 'inputs', 'years', 'target']);
    expect(report).toMatchObject({ scenario: { id: 'wendeng-2025-uncertain', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }, draws: 3000, seed: 7 });
    expect(report.years.map((y) => y.year)).toEqual(Array.from({ length: 14 }, (_, i) => 2022 + i));
    for (const y of report.years) {
      expect(Object.keys(y)).toEqual(['year', ...METRICS]);
      for (const m of METRICS) expect(Object.keys(y[m]!)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p05', 'p95']);
    }
    expect(Object.keys(report.target)).toEqual(['year', 'capacityMW', 'probabilityMet', 'yearMetDistribution']);
    expect(report.target).toMatchObject({ year: 2025, capacityMW: 4500 });
  });

  it('writes tidy CSV (one row per year and metric) and Markdown, in SI or Chinese units', async () => {
    const csv = await pvplan(['mc', UNCERTAIN, '--draws', '500', '--format', 'csv', '--units', 'cn']);
    expectOk(csv);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('year,metric,unit,mean,sd,p10,p50,p90');
    expect(lines).toHaveLength(1 + 14 * 8);
    expect(lines[1]).toMatch(/^2022,capacity,万千瓦,112\.5,0,112\.5,112\.5,112\.5$/);
    // The metric column names the metric, not its internal field: 'energy' in GWh, never 'energyMWh,GWh' (issue 10).
    const si = await pvplan(['mc', UNCERTAIN, '--draws', '500', '--format', 'csv']);
    expect(si.stdout).toMatch(/\n2022,energy,GWh,/);
    expect(si.stdout).not.toMatch(/MWh,GWh|Tonnes,t\b|MW,MW/);
    // Chinese: headers and metric names from the registry's labels, a UTF-8 BOM for Excel (--no-bom drops it).
    const zh = await pvplan(['mc', UNCERTAIN, '--draws', '500', '--format', 'csv', '--units', 'cn', '--lang', 'zh']);
    expectOk(zh);
    expect(zh.stdout.startsWith('\uFEFF年份,指标,单位,均值,标准差,p10,p50,p90\n')).toBe(true);
    expect(zh.stdout).toMatch(/\n2022,发电量,亿千瓦时,/);
    const noBom = await pvplan(['mc', UNCERTAIN, '--draws', '500', '--format', 'csv', '--lang', 'zh', '--no-bom']);
    expect(noBom.stdout.startsWith('年份,')).toBe(true);
    const md = await pvplan(['mc', UNCERTAIN, '--draws', '500', '--format', 'markdown']);
    expectOk(md);
    expect(md.stdout).toMatch(/^## /);
    expect(md.stdout).toContain('| year | mean (GWh) | sd (GWh) | p10 (GWh) | p50 (GWh) | p90 (GWh) |');
  });

  it('prints byte-identical output for 1, 2 and 8 threads, and different output for another seed', async () => {
    // 40,000 draws = 10 chunks of 4096, so 8 worker threads all get work.
    const runs = await Promise.all(['1', '2', '8'].map((t) => pvplan(['mc', UNCERTAIN, '--draws', '40000', '--seed', '99', '--threads', t, '--format', 'json'])));
    for (const r of runs) expectOk(r);
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(runs[2]!.stdout).toBe(runs[0]!.stdout);
    const other = await pvplan(['mc', UNCERTAIN, '--draws', '40000', '--seed', '100', '--threads', '2', '--format', 'json']);
    expect(other.stdout).not.toBe(runs[0]!.stdout);
  }, 120_000);

  it('reproduces `run` exactly when every distribution has zero spread', async () => {
    const file = tmpFile('zero.yaml', ZERO_SPREAD_YAML);
    const [mc, run] = await Promise.all([pvplan(['mc', file, '--draws', '300', '--format', 'json']), pvplan(['run', file, '--format', 'json'])]);
    expectOk(mc);
    expectOk(run);
    const years = (JSON.parse(mc.stdout) as { years: Array<Record<string, Record<string, number>>> }).years;
    const rows = (JSON.parse(run.stdout) as { years: Array<Record<string, number>> }).years;
    years.forEach((y, k) => {
      for (const m of METRICS) expect(y[m]).toEqual({ mean: rows[k]![m], sd: 0, p10: rows[k]![m], p50: rows[k]![m], p90: rows[k]![m] });
    });
  });

  it('stops on Ctrl-C with exit status 130 and nothing on stdout, with workers or without', async () => {
    for (const threads of ['2', '1']) {
      // 3,000,000 draws take well over 10 s; 3 s in, the run (and its SIGINT handler) is under way even on a busy machine.
      const r = await pvplan(['mc', UNCERTAIN, '--draws', '3000000', '--threads', threads, '--format', 'json'], 3000);
      expect(r.status).toBe(130);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('interrupted');
    }
  }, 60_000);

  it('shows a progress bar on stderr when it is a terminal and the run takes over a second', () => {
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.status !== 0) return; // no `script` to give the child a terminal
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} mc ${UNCERTAIN} --draws 400000 --threads 1 --format csv`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/mc \[[█░]+\] \d+% \| \d+\/400000 draws/);
  }, 60_000);

  it('rejects bad input with exit status 2 and one clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['mc', UNCERTAIN, '--draws', '0'], /--draws.*expected a whole number from 1 to 10,000,000/],
      [['mc', UNCERTAIN, '--draws', 'many'], /--draws.*expected a whole number/],
      [['mc', UNCERTAIN, '--threads', '0'], /--threads.*expected 'auto' or a whole number from 1 to 64/],
      [['mc', UNCERTAIN, '--seed', '-1'], /--seed.*expected a whole number/],
      [['mc', UNCERTAIN, '--quantiles', '0.5,2'], /--quantiles.*between 0 and 1/],
      [['mc', UNCERTAIN, '--format', 'xml'], /--format.*Allowed choices are table, csv, json, markdown/],
      [['mc', 'scenarios/nope.yaml'], /nope\.yaml/],
    ];
    const bad = tmpFile('bad.yaml', `extends: ${join(ROOT, 'scenarios', 'wendeng-2025.yaml')}\nname: bad\nyield:\n  value: { normal: { mean: 1135 h, sd: -5 h } }\n`);
    cases.push([['mc', bad], /yield\.value\.normal: invalid normal distribution: .*sd/]);
    const runs = await Promise.all(cases.map(([args]) => pvplan(args)));
    runs.forEach((r, i) => expectBadInput(r, cases[i]![1]));
  });
});

describe('pvplan sensitivity', () => {
  it('draws a tornado and the variance-based ranking for the default outputs', async () => {
    const r = await pvplan(['sensitivity', UNCERTAIN, '--draws', '1024']);
    expectOk(r);
    expect(r.stdout).toContain('energy in 2025: tornado');
    expect(r.stdout).toContain('cumulative coal saved to 2035: tornado');
    expect(r.stdout).toMatch(/energy in 2025: variance-based ranking/);
    expect(r.stdout).toMatch(/input\s+S1\s+± se\s+ST\s+± se\s+ρs\s+ρs²/);
    expect(r.stdout).toMatch(/capacity\.growth\.rate .*█/);
    expect(r.stdout).toContain('Saltelli et al. 2010');
    expect(r.stdout).toContain('Jansen 1999');
    expect(r.stdout).toContain('Sobol indices assume independent inputs');
  });

  it('explains a chosen metric and year, cumulative or not, as JSON and CSV', async () => {
    const r = await pvplan(['sensitivity', UNCERTAIN, '--metric', 'coal', '--cumulative', '--year', '2030', '--draws', '256', '--seed', '3', '--format', 'json']);
    expectOk(r);
    const report = JSON.parse(r.stdout) as { draws: number; seed: number; outputs: Array<{ metric: string; year: number; tornado: unknown[]; inputs: Array<Record<string, unknown>> }> };
    expect(report).toMatchObject({ draws: 256, seed: 3 });
    expect(report.outputs.map((o) => [o.metric, o.year])).toEqual([['cumulativeCoalTonnes', 2030]]);
    expect(Object.keys(report.outputs[0]!.inputs[0]!)).toEqual(['input', 'firstOrder', 'firstOrderSe', 'totalEffect', 'totalEffectSe', 'rankCorrelation', 'rankCorrelationSquared']);
    const csv = await pvplan(['sensitivity', UNCERTAIN, '--metric', 'operating', '--draws', '256', '--format', 'csv']);
    expectOk(csv);
    expect(csv.stdout.split('\n')[0]).toBe('metric,year,unit,input,central,at P10,at P90,swing,S1,S1 se,ST,ST se,rank correlation');
    expect(csv.stdout.split('\n')[1]).toMatch(/^operating,2025,MW,/);
  });

  it('rejects bad input with exit status 2 and one clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['sensitivity', UNCERTAIN, '--metric', 'sunshine'], /--metric.*Allowed choices are energy, coal, co2, capacity, operating/],
      [['sensitivity', UNCERTAIN, '--metric', 'capacity', '--cumulative'], /--cumulative applies to energy, coal and co2/],
      [['sensitivity', UNCERTAIN, '--year', '2050'], /--year: expected a year from 2022 to 2035/],
      [['sensitivity', UNCERTAIN, '--draws', '1'], /--draws.*expected a whole number from 2/],
      [['sensitivity', 'scenarios/wendeng-2025.yaml'], /has no uncertain inputs/],
    ];
    const runs = await Promise.all(cases.map(([args]) => pvplan(args)));
    runs.forEach((r, i) => expectBadInput(r, cases[i]![1]));
  });
});
