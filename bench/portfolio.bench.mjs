// The portfolio (issue 12) on a generated 1,000-project scenario, written both as YAML and as JSON: `pvplan pipeline`
// and `pvplan run` as fresh processes beside `node -e 0` and a small `pvplan run` (goal: under 300 ms for the whole
// process), `pvplan mc --draws 10000 --threads 1` independent and correlated by owner (goal: under 2 s on one core),
// and the portfolio Monte Carlo alone in process beside the bare generation of the same number of uniforms.
// Processes are timed in wall and CPU time (user + system, from /usr/bin/time when it is there): on a shared machine
// the CPU time is the figure to compare with the goals. Figures go in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.PVPLAN_BENCH_RUNS ?? 11);
const { loadPortfolio, simulatePortfolioDraws } = await import(join(root, 'dist', 'index.js'));

const TECHS = ['pv-utility', 'pv-distributed', 'pv-offshore', 'wind-onshore', 'wind-offshore', 'storage'];
const STAGES = ['prospect', 'signed', 'approved', 'under-construction', 'operating', 'cancelled'];

/** A scenario with `n` projects: technologies and stages in turn, 50 owners, dates 2023–2029. */
function scenarioText(n, correlated) {
  const lines = [
    'name: generated portfolio',
    'years: { start: 2022, end: 2035 }',
    'capacity:',
    '  baseline: { capacity: 1000 MW, year: 2022 }',
    '  growth: { model: linear, additionsPerYear: 50 MW }',
    'yield: { model: full-load-hours, value: 1135 h }',
    'savings: { coal: 300 g/kWh, co2: 0.57 t/MWh }',
    ...(correlated ? ['pipeline:', '  correlation: { by: owner, rank: 0.5 }'] : []),
    'targets:',
    '  - { technologies: [pv-utility, pv-distributed, pv-offshore], capacity: 60 GW, year: 2028 }',
    '  - { technologies: [wind-onshore, wind-offshore], capacity: 30 GW, year: 2030, counts: operating }',
    'projects:',
  ];
  for (let i = 0; i < n; i++) {
    const tech = TECHS[i % TECHS.length];
    const start = 2023 + (i % 6);
    lines.push(
      `  - id: p${i}`,
      `    technology: ${tech}`,
      `    capacity: ${50 + (i % 7) * 25} MW`,
      ...(tech === 'storage' ? [`    energy: ${2 * (50 + (i % 7) * 25)} MWh`] : []),
      `    stage: ${STAGES[Math.floor(i / TECHS.length) % STAGES.length]}`,
      `    constructionStart: ${start}-${String(1 + (i % 12)).padStart(2, '0')}`,
      `    commissioning: ${start + 1 + (i % 2)}`,
      `    investment: ${(4 + (i % 5)).toFixed(1)}亿元`,
      `    owner: owner-${i % 50}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The same scenario as JSON (what a generator should write: it is read with JSON.parse, not the YAML parser). */
function scenarioJson(n, correlated) {
  const doc = {
    name: 'generated portfolio',
    years: { start: 2022, end: 2035 },
    capacity: { baseline: { capacity: '1000 MW', year: 2022 }, growth: { model: 'linear', additionsPerYear: '50 MW' } },
    yield: { model: 'full-load-hours', value: '1135 h' },
    savings: { coal: '300 g/kWh', co2: '0.57 t/MWh' },
    ...(correlated ? { pipeline: { correlation: { by: 'owner', rank: 0.5 } } } : {}),
    targets: [
      { technologies: ['pv-utility', 'pv-distributed', 'pv-offshore'], capacity: '60 GW', year: 2028 },
      { technologies: ['wind-onshore', 'wind-offshore'], capacity: '30 GW', year: 2030, counts: 'operating' },
    ],
    projects: [],
  };
  for (let i = 0; i < n; i++) {
    const tech = TECHS[i % TECHS.length];
    const start = 2023 + (i % 6);
    doc.projects.push({
      id: `p${i}`,
      technology: tech,
      capacity: `${50 + (i % 7) * 25} MW`,
      ...(tech === 'storage' ? { energy: `${2 * (50 + (i % 7) * 25)} MWh` } : {}),
      stage: STAGES[Math.floor(i / TECHS.length) % STAGES.length],
      constructionStart: `${start}-${String(1 + (i % 12)).padStart(2, '0')}`,
      commissioning: start + 1 + (i % 2),
      investment: `${(4 + (i % 5)).toFixed(1)}亿元`,
      owner: `owner-${i % 50}`,
    });
  }
  return `${JSON.stringify(doc, null, 1)}\n`;
}

const TIME = '/usr/bin/time';
const withCpu = existsSync(TIME);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A fresh process, `runs` times: wall time and (with /usr/bin/time) CPU time, ms; median and min of each. */
function wallMs(args) {
  const samples = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = withCpu
      ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (withCpu) {
      const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
      cpu.push((user + sys) * 1000);
    }
  }
  return { median: median(samples), min: Math.min(...samples), cpu: withCpu ? { median: median(cpu), min: Math.min(...cpu) } : undefined };
}

function timeMs(fn, times) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { median: median(samples), min: Math.min(...samples) };
}

const dir = mkdtempSync(join(tmpdir(), 'pvplan-bench-portfolio-'));
try {
  const independentFile = join(dir, 'portfolio-1000.yaml');
  const correlatedFile = join(dir, 'portfolio-1000-correlated.yaml');
  writeFileSync(independentFile, scenarioText(1000, false));
  writeFileSync(correlatedFile, scenarioText(1000, true));
  const jsonFile = join(dir, 'portfolio-1000.json');
  const correlatedJson = join(dir, 'portfolio-1000-correlated.json');
  writeFileSync(jsonFile, scenarioJson(1000, false));
  writeFileSync(correlatedJson, scenarioJson(1000, true));
  const fmt = (x) => `wall median ${x.median.toFixed(0)} ms (min ${x.min.toFixed(0)})${x.cpu ? `, CPU median ${x.cpu.median.toFixed(0)} ms (min ${x.cpu.min.toFixed(0)})` : ''}`;
  const goal = (x, ms) => ((x.cpu ?? x).median < ms ? 'met' : 'NOT met');

  const node = wallMs(['-e', '0']);
  const small = wallMs(['dist/cli.js', 'run', 'scenarios/wendeng-2025.yaml', '--format', 'json']);
  console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}; runs per case: ${runs}`);
  console.log(`node -e 0:                                        ${fmt(node)}`);
  console.log(`pvplan run wendeng-2025.yaml (no projects):       ${fmt(small)}`);
  for (const [label, file] of [['YAML', independentFile], ['JSON', jsonFile]]) {
    for (const command of ['pipeline', 'run']) {
      const x = wallMs(['dist/cli.js', command, file, '--format', 'json']);
      const ratio = ((x.cpu ?? x).median / (small.cpu ?? small).median).toFixed(2);
      console.log(`pvplan ${command.padEnd(8)} 1,000 projects, ${label}:        ${fmt(x)} → ${ratio}× the small run (goal < 300 ms: ${goal(x, 300)})`);
    }
  }
  for (const [label, file] of [['independent', jsonFile], ['correlated by owner', correlatedJson]]) {
    const x = wallMs(['dist/cli.js', 'mc', file, '--draws', '10000', '--threads', '1', '--format', 'json']);
    console.log(`pvplan mc --draws 10000 --threads 1, ${label}: ${fmt(x)} (goal < 2 s: ${goal(x, 2000)})`);
  }

  const draws = 10000;
  // Baseline: 10^7 steps of a bare xorshift32 into a typed array, the least a draw per project and draw can cost.
  const out = new Float64Array(draws);
  const baseline = timeMs(() => {
    let x = 2463534242;
    for (let i = 0; i < 1000; i++) {
      for (let d = 0; d < draws; d++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out[d] = (x >>> 0) / 4294967296;
      }
    }
  }, 5);
  console.log(`baseline: 10^7 bare xorshift32 uniforms:      ${fmt(baseline)}`);
  for (const [label, file] of [['independent', independentFile], ['correlated by owner', correlatedFile]]) {
    const { portfolio } = loadPortfolio(file);
    const mc = timeMs(() => simulatePortfolioDraws(portfolio, { seed: 42, draws }), 5);
    console.log(`portfolio mc, ${draws.toLocaleString('en')} draws, ${label}: ${fmt(mc)} → ${(mc.median / baseline.median).toFixed(2)}× the bare uniforms (goal < 2 s: ${mc.median < 2000 ? 'met' : 'NOT met'})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
