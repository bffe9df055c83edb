/**
 * A real single-node Slurm cluster: the test writes its own slurm.conf (one node on localhost, proctrack/linuxproc,
 * task/none, its own free ports, state and spool folders and munge socket in a temporary folder, so it does not touch
 * a Slurm the machine may already run), starts munged, slurmctld and slurmd, submits the sweep with the script of
 * `pvplan sweep --slurm-script` (a job array of 4 shards, the merge after them with --dependency=afterok; SBATCH_WAIT=1
 * makes each sbatch wait, i.e. `sbatch --array=0-3 --wait`), and compares the merged table with a single-process run
 * byte for byte. The daemons it started are stopped by their pids, also when the test fails.
 * Needs Debian's slurm-wlm and munge (`apt-get install slurm-wlm munge`; .ci/run installs them) and root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pvplan, ROOT } from '../cli/run-cli.ts';

const TOOLS = { munged: '/usr/sbin/munged', slurmctld: '/usr/sbin/slurmctld', slurmd: '/usr/sbin/slurmd', sbatch: 'sbatch', sinfo: 'sinfo', scancel: 'scancel' };
const INSTALL = 'this test runs a real Slurm: install it with `apt-get install slurm-wlm munge` (Debian/Ubuntu, as root); .ci/run does it in CI';
const SPEC = join(ROOT, 'test', 'fixtures', 'sweeps', 'grid.yaml');
const START_TIMEOUT_MS = 30_000;
const JOB_TIMEOUT_MS = 150_000;

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A TCP port free right now (the kernel picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined, diagnostics: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\n${diagnostics()}`);
    await sleep(250);
  }
}

/** Runs a command with a timeout; resolves with its status and output (never rejects on a non-zero status). */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('a sweep on a real Slurm cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pvplan-slurm-'));
  const started: Array<{ name: string; pidFile: string }> = [];
  let env: NodeJS.ProcessEnv = {};
  const logs = () =>
    ['slurmctld.log', 'slurmd.log', 'munged.log']
      .map((f) => join(dir, 'log', f))
      .filter(existsSync)
      .map((f) => `--- ${f} (last lines)\n${readFileSync(f, 'utf8').split('\n').slice(-25).join('\n')}`)
      .join('\n');

  beforeAll(async () => {
    const missing = Object.entries(TOOLS).filter(([, path]) => (path.startsWith('/') ? !existsSync(path) : !onPath(path))).map(([name]) => name);
    if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: ${INSTALL}`);
    if (process.getuid?.() !== 0) throw new Error('the Slurm test starts slurmd, which runs jobs as their user: run it as root (CI does)');
    // The munge socket's folders must be searchable by all (munged checks); the key's folder private.
    chmodSync(dir, 0o711);
    for (const d of ['munge-key', 'munge', 'state', 'spool', 'log']) mkdirSync(join(dir, d), { mode: d === 'munge-key' ? 0o700 : 0o755 });
    const key = join(dir, 'munge-key', 'munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o600 });
    const socket = join(dir, 'munge', 'munge.socket');
    const mungePid = join(dir, 'munge', 'munged.pid');
    execFileSync(TOOLS.munged, [`--key-file=${key}`, `--socket=${socket}`, `--pid-file=${mungePid}`, `--log-file=${join(dir, 'log', 'munged.log')}`, `--seed-file=${join(dir, 'munge', 'seed')}`]);
    started.push({ name: 'munged', pidFile: mungePid });
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        `ClusterName=pvplan${process.pid}`,
        'SlurmctldHost=localhost',
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'MpiDefault=none',
        'SchedulerType=sched/builtin',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'ReturnToService=2',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        `NodeName=localhost NodeHostname=localhost CPUs=${availableParallelism()} State=UNKNOWN`,
        'PartitionName=pvplan Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    env = { ...process.env, SLURM_CONF: conf };
    for (const name of ['SLURM_ARRAY_TASK_ID', 'SLURM_JOB_ID', 'SBATCH_WAIT']) delete env[name];
    await waitFor('the munge socket', START_TIMEOUT_MS, () => (existsSync(socket) ? true : undefined), logs);
    execFileSync(TOOLS.slurmctld, ['-f', conf], { env });
    started.push({ name: 'slurmctld', pidFile: join(dir, 'slurmctld.pid') });
    execFileSync(TOOLS.slurmd, ['-f', conf], { env });
    started.push({ name: 'slurmd', pidFile: join(dir, 'slurmd.pid') });
    await waitFor('the node to be idle', START_TIMEOUT_MS, () => {
      try {
        return execFileSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' }).trim() === 'idle' ? true : undefined;
      } catch {
        return undefined;
      }
    }, logs);
  }, START_TIMEOUT_MS * 3);

  afterAll(async () => {
    if (env.SLURM_CONF) {
      try {
        execFileSync('scancel', ['--user=root'], { env, stdio: 'ignore', timeout: 10_000 });
      } catch {
        // No controller left to ask: the daemons below are stopped anyway.
      }
    }
    // Stop in reverse order of starting, each by the pid it wrote; SIGKILL after 10 s.
    for (const { pidFile } of [...started].reverse()) {
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      if (!(pid > 1) || !alive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      const end = Date.now() + 10_000;
      while (alive(pid) && Date.now() < end) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs 4 shards as a job array, merges them in a dependent job, and matches a single-process sweep byte for byte', async () => {
    const out = join(dir, 'out');
    const script = await pvplan(['sweep', SPEC, '--out', out, '--slurm-script', '--shards', '4']);
    expect(script.stderr).toBe('');
    expect(script.stdout).toContain('#SBATCH --array=0-3');
    const scriptFile = join(dir, 'submit.sh');
    writeFileSync(scriptFile, script.stdout);
    const submitted = await run('bash', [scriptFile], { ...env, SBATCH_WAIT: '1' }, JOB_TIMEOUT_MS);
    const shardLogs = () => (existsSync(join(out, 'slurm-logs')) ? readdirSync(join(out, 'slurm-logs')).map((f) => `--- ${f}\n${readFileSync(join(out, 'slurm-logs', f), 'utf8')}`).join('\n') : '(no job logs)');
    expect(submitted.status, `${submitted.stdout}\n${submitted.stderr}\n${shardLogs()}\n${logs()}`).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('part-')).sort()).toEqual([0, 1, 2, 3].map((i) => `part-0000${i}-of-00004.jsonl`));
    const single = join(dir, 'single');
    expect((await pvplan(['sweep', SPEC, '--out', single])).status).toBe(0);
    for (const f of ['sweep.jsonl', 'sweep.csv']) expect(readFileSync(join(out, f)), f).toEqual(readFileSync(join(single, f)));
  }, JOB_TIMEOUT_MS + 30_000);
});
