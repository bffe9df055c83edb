/** `pvplan sweep` and `pvplan merge` as a user runs them: outputs, exit statuses, the Slurm script. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan, ROOT, tmpDir } from './run-cli.ts';

const GRID = join(ROOT, 'test', 'fixtures', 'sweeps', 'grid.yaml');

describe('pvplan sweep / merge', () => {
  it('runs a sweep, counts its failed cases, and merges shards to the same bytes', async () => {
    const single = tmpDir();
    const r = await pvplan(['sweep', GRID, '--out', single]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sweep wendeng-grid: 12 cases, \d+ ok, \d+ failed/);
    const sharded = tmpDir();
    for (const i of [0, 1]) expect((await pvplan(['sweep', GRID, '--out', sharded, '--shard', `${i}/2`])).status).toBe(0);
    const m = await pvplan(['merge', sharded]);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/^merged 2 parts of sweep wendeng-grid: 12 cases/);
    for (const f of ['sweep.jsonl', 'sweep.csv']) expect(readFileSync(join(sharded, f))).toEqual(readFileSync(join(single, f)));
  });

  it('exits 2 with a clear message for a shard that does not exist, auto without a scheduler, an incomplete merge', async () => {
    const out = tmpDir();
    const bad = await pvplan(['sweep', GRID, '--out', out, '--shard', '5/4']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --shard: shard 5 of 4 does not exist; expected a shard index from 0 to 3\n');
    const auto = await pvplan(['sweep', GRID, '--out', out, '--shard', 'auto']);
    expect(auto.status).toBe(2);
    expect(auto.stderr).toMatch(/neither a Slurm job array \(SLURM_ARRAY_TASK_ID\) nor a Kubernetes Indexed Job \(JOB_COMPLETION_INDEX\)/);
    expect((await pvplan(['sweep', GRID, '--out', out, '--shard', '1/3'])).status).toBe(0);
    const merge = await pvplan(['merge', out]);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toMatch(/^error: .*incomplete: missing shards part-00000-of-00003.jsonl, part-00002-of-00003.jsonl; missing cases 000000, 000002, 000003/);
  });

  it('exits 2 naming the spec line for an unknown field', async () => {
    const r = await pvplan(['sweep', join(ROOT, 'test', 'fixtures', 'sweeps', 'bad-field.yaml'), '--out', tmpDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-field.yaml:4:1: metric: unknown field 'metric' \(did you mean 'metrics'\?\)/);
  });

  it('prints a Slurm script: the array, one CPU per task, the merge after every shard succeeded', async () => {
    const out = tmpDir();
    const r = await pvplan(['sweep', GRID, '--out', out, '--slurm-script', '--shards', '4', '--time', '00:10:00']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('#SBATCH --array=0-3');
    expect(r.stdout).toContain('#SBATCH --cpus-per-task=1');
    expect(r.stdout).toContain('#SBATCH --time=00:10:00');
    expect(r.stdout).toMatch(/sweep \S+grid.yaml --out \S+ --shard auto --resume/);
    expect(r.stdout).toMatch(/--dependency=afterok:"\$array_job"/);
    expect(r.stdout).toMatch(/--wrap=.*merge /);
  });
});
