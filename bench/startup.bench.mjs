// Cold-start time of the installed CLI: `pvplan run scenarios/wendeng-2025.yaml` as a fresh process, beside
// `node -e 0` in the same run (ratio and difference). Goal (issue 2): under 250 ms wall on this machine kind.
// The commands take turns, round after round, so a change in the machine's load falls on all of them alike; each
// is timed by its wall time and by the CPU time of its process (process.cpuUsage() at exit, from a preloaded
// module), which other processes on a shared machine disturb much less.
//   node bench/startup.bench.mjs [--compare DIR]   (DIR: another checkout with its own dist/, run in the same rounds)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.PVPLAN_BENCH_RUNS ?? 21);
const compareAt = process.argv.indexOf('--compare');
const other = compareAt >= 0 ? resolve(process.argv[compareAt + 1]) : undefined;

const probeDir = mkdtempSync(join(tmpdir(), 'pvplan-startup-'));
const probe = join(probeDir, 'cpu-at-exit.mjs');
writeFileSync(probe, "process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write(`\\n@@pvplan-cpu ${(c.user + c.system) / 1000}\\n`); });\n");

const trees = [['', root], ...(other ? [[' (compare)', other]] : [])];
const cases = [
  ['node -e 0', ['-e', '0']],
  ...trees.flatMap(([tag, dir]) => [
    [`pvplan --version${tag}`, [join(dir, 'dist/cli.js'), '--version']],
    [`pvplan run scenarios/wendeng-2025.yaml${tag}`, [join(dir, 'dist/cli.js'), 'run', 'scenarios/wendeng-2025.yaml']],
  ]),
];
const samples = new Map(cases.map(([name]) => [name, { wall: [], cpu: [] }]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of cases) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', probe, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const t1 = process.hrtime.bigint();
    const m = /@@pvplan-cpu (\S+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    samples.get(name).wall.push(Number(t1 - t0) / 1e6);
    samples.get(name).cpu.push(Number(m[1]));
  }
}
rmSync(probeDir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = samples.get('node -e 0');
const [nodeWall, nodeCpu] = [median(base.wall), median(base.cpu)];
console.log(`runs per command: ${runs}, taking turns`);
for (const [name] of cases) {
  const s = samples.get(name);
  const [wall, cpu] = [median(s.wall), median(s.cpu)];
  const ratios = name === 'node -e 0' ? '' : `  → wall ${(wall / nodeWall).toFixed(2)}×, CPU ${(cpu / nodeCpu).toFixed(2)}× node -e 0`;
  const goal = name.startsWith('pvplan run') ? ` (goal < 250 ms: ${wall < 250 ? 'met' : 'NOT met'})` : '';
  console.log(`${name.padEnd(52)} wall median ${wall.toFixed(0)} ms (min ${Math.min(...s.wall).toFixed(0)} ms), CPU median ${cpu.toFixed(0)} ms${ratios}${goal}`);
}
