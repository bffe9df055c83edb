// Cold-start time of the installed CLI: `pvplan run scenarios/wendeng-2025.yaml` as a fresh process, beside
// `node -e 0` in the same run (ratio and difference). Goal (issue 2): under 250 ms wall on this machine kind.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.PVPLAN_BENCH_RUNS ?? 21);

function wallMs(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    samples.push(Number(t1 - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0] };
}

const node = wallMs(['-e', '0']);
const version = wallMs(['dist/cli.js', '--version']);
const run = wallMs(['dist/cli.js', 'run', 'scenarios/wendeng-2025.yaml']);
const fmt = (x) => `median ${x.median.toFixed(0)} ms (min ${x.min.toFixed(0)} ms)`;
console.log(`runs per command: ${runs}`);
console.log(`node -e 0:                                 ${fmt(node)}`);
console.log(`pvplan --version:                          ${fmt(version)}`);
console.log(`pvplan run scenarios/wendeng-2025.yaml:    ${fmt(run)}  → ${(run.median / node.median).toFixed(2)}× node -e 0, +${(run.median - node.median).toFixed(0)} ms (goal < 250 ms: ${run.median < 250 ? 'met' : 'NOT met'})`);
