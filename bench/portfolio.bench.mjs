// The portfolio (issue 12) on a generated 1,000-project scenario, written both as YAML and as JSON: `pvplan pipeline`
// and `pvplan run` as fresh processes beside `node -e 0` and a small `pvplan run` (goal: under 300 ms for the whole
// process), `pvplan mc --draws 10000 --threads 1` independent and correlated by owner (goal: under 2 s on one core),
// and the portfolio Monte Carlo alone in process beside the bare generation of the same number of uniforms.
// PVPLAN_BENCH_BASE=/path/to/a/built/checkout times that checkout's CLI in the same turns (an A/B on one machine state).
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

/** One fresh process: wall time and (with /usr/bin/time) CPU time (user + system), ms. */
function spawnTimed(cwd, args) {
  const t0 = process.hrtime.bigint();
  const r = withCpu
    ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr ?? ''}`);
  if (!withCpu) return { wall };
  const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

/**
 * Each case `runs` times as fresh processes, the cases taking turns (and, with a base build, the base's run of a
 * case right after this build's), so that a change of load on a shared machine falls on all of them alike.
 * Per case and build: median and min of the wall and CPU times.
 */
function timeProcesses(cases, builds) {
  const samples = new Map();
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      for (const b of builds) {
        const key = `${c.label}\u0000${b.label}`;
        if (!samples.has(key)) samples.set(key, { wall: [], cpu: [] });
        const x = spawnTimed(b.root, c.args);
        samples.get(key).wall.push(x.wall);
        if (x.cpu !== undefined) samples.get(key).cpu.push(x.cpu);
      }
    }
  }
  const stats = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs) } : undefined);
  const out = new Map();
  for (const [key, { wall, cpu }] of samples) out.set(key, { ...stats(wall), cpu: stats(cpu) });
  return (c, b) => out.get(`${c}\u0000${b}`);
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

  // PVPLAN_BENCH_BASE=/path/to/another/checkout (built) times that build's CLI in the same turns, for an A/B.
  const base = process.env.PVPLAN_BENCH_BASE;
  const builds = [{ label: 'this', root }, ...(base ? [{ label: 'base', root: base }] : [])];
  const cli = 'dist/cli.js';
  const cases = [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: 'run wendeng-2025.yaml (no projects)', args: [cli, 'run', join(root, 'scenarios', 'wendeng-2025.yaml'), '--format', 'json'], goal: undefined },
    ...[['YAML', independentFile], ['JSON', jsonFile]].flatMap(([label, file]) => ['pipeline', 'run'].map((command) => ({ label: `${command} 1,000 projects, ${label}`, args: [cli, command, file, '--format', 'json'], goal: 300 }))),
    ...[['independent', jsonFile], ['correlated by owner', correlatedJson]].map(([label, file]) => ({ label: `mc --draws 10000 --threads 1, ${label}`, args: [cli, 'mc', file, '--draws', '10000', '--threads', '1', '--format', 'json'], goal: 2000 })),
  ];
  const { loadavg } = await import('node:os');
  const loadBefore = loadavg()[0];
  const timed = timeProcesses(cases, builds);
  console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after; runs per case: ${runs}; builds: ${builds.map((b) => `${b.label} (${b.root})`).join(', ')}`);
  for (const b of builds) {
    const node = timed('node -e 0', b.label);
    for (const c of cases) {
      const x = timed(c.label, b.label);
      const ratio = c.label === 'node -e 0' ? '' : ` → ${((x.cpu ?? x).median / (node.cpu ?? node).median).toFixed(2)}× node -e 0 (CPU), ${(x.median / node.median).toFixed(2)}× (wall)`;
      const goal = c.goal === undefined ? '' : ` (goal < ${c.goal} ms: ${(x.cpu ?? x).median < c.goal ? 'met' : 'NOT met'} by CPU, ${x.median < c.goal ? 'met' : 'NOT met'} by wall)`;
      const vsBase = b.label === 'this' && base ? ` [this/base CPU ${((x.cpu ?? x).median / (timed(c.label, 'base').cpu ?? timed(c.label, 'base')).median).toFixed(2)}]` : '';
      console.log(`${b.label.padEnd(4)} ${c.label.padEnd(52)} ${fmt(x)}${ratio}${goal}${vsBase}`);
    }
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
