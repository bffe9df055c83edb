/**
 * The built `pvplan` binary run as a subprocess (the bundle test/global-setup.ts builds with `npm run build` and
 * snapshots into test/artifacts/cli-dist-<pid>/): every command on the shipped scenarios and on bad files, checking
 * output, exit status (0 ok, 2 bad input), one clear message on stderr without a stack trace, and nothing written.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pvplan as runCli, ROOT, tmpDir } from './run-cli.ts';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'scenarios');
const PKG_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const pvplan = (args: readonly string[], cwd?: string) => runCli(args, cwd === undefined ? {} : { cwd });
const tmp = () => tmpDir('pvplan-cli-');

const YEAR_KEYS = ['year', 'capacityMW', 'operatingMW', 'additionsMW', 'retirementsMW', 'energyMWh', 'coalTonnes', 'co2Tonnes', 'cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes'];

interface ReportJson {
  scenario: { id: string; name: string; hash: string };
  pvplanVersion: string;
  target: Record<string, unknown> | null;
  years: Array<Record<string, number>>;
  summary: Record<string, unknown>;
}

function expectContract(report: ReportJson, id: string): void {
  expect(Object.keys(report)).toEqual(expect.arrayContaining(['scenario', 'pvplanVersion', 'target', 'years', 'summary']));
  expect(report.scenario).toMatchObject({ id, name: expect.any(String), hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  expect(report.pvplanVersion).toBe(PKG_VERSION);
  expect(report.years.length).toBeGreaterThan(0);
  for (const row of report.years) {
    expect(Object.keys(row)).toEqual(expect.arrayContaining(YEAR_KEYS));
    for (const k of YEAR_KEYS) expect(typeof row[k]).toBe('number');
  }
  expect(typeof report.summary).toBe('object');
}

const SHIPPED = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
const FORMATS = ['table', 'csv', 'json', 'markdown'] as const;
const UNITS = ['si', 'cn'] as const;

describe.concurrent('pvplan run', () => {
  for (const file of ['wendeng-2025.yaml', 'datang-100mw.yaml']) {
    for (const format of FORMATS) {
      for (const units of UNITS) {
        it(`${file} --format ${format} --units ${units}`, async () => {
          const r = await pvplan(['run', `scenarios/${file}`, '--format', format, '--units', units]);
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          const id = file.replace('.yaml', '');
          const years = file.startsWith('wendeng') ? 2035 - 2022 + 1 : 2030 - 2023 + 1;
          if (format === 'json') {
            expectContract(JSON.parse(r.stdout) as ReportJson, id);
          } else if (format === 'csv') {
            const lines = r.stdout.trimEnd().split('\n');
            expect(lines).toHaveLength(1 + years);
            const header = lines[0]!.split(',');
            // Datang declares SO2 and NOx factors: two more columns, after CO2 avoided.
            const columns = file.startsWith('datang') ? 13 : 11;
            expect(header).toHaveLength(columns);
            if (file.startsWith('datang')) expect(header.slice(8, 10)).toEqual(units === 'si' ? ['SO2 avoided (t)', 'NOx avoided (t)'] : ['SO2 avoided (万吨)', 'NOx avoided (万吨)']);
            expect(header[1]).toBe(units === 'si' ? 'capacity (MW)' : 'capacity (万千瓦)');
            for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(columns);
          } else {
            expect(r.stdout).toContain(units === 'si' ? 'capacity (MW)' : 'capacity (万千瓦)');
            expect(r.stdout).toContain(units === 'si' ? 'energy (GWh)' : 'energy (亿千瓦时)');
            if (format === 'markdown') expect(r.stdout).toMatch(/^\|[-:|]+\|$/m);
          }
        });
      }
    }
  }

  for (const file of SHIPPED.filter((f) => f !== 'wendeng-2025.yaml' && f !== 'datang-100mw.yaml')) {
    it(`${file} --format json follows the contract`, async () => {
      const r = await pvplan(['run', `scenarios/${file}`, '--format', 'json']);
      expect(r.status).toBe(0);
      expectContract(JSON.parse(r.stdout) as ReportJson, file.replace('.yaml', ''));
    });
  }

  it('wendeng-2025: 1125 MW in 2022, 4500 MW in 2025, target met in 2025 (JSON is SI whatever --units)', async () => {
    const si = JSON.parse((await pvplan(['run', 'scenarios/wendeng-2025.yaml', '--format', 'json'])).stdout) as ReportJson;
    const cn = JSON.parse((await pvplan(['run', 'scenarios/wendeng-2025.yaml', '--format', 'json', '--units', 'cn'])).stdout) as ReportJson;
    expect(cn).toEqual(si);
    const at = (y: number) => si.years.find((r) => r.year === y)!;
    expect(at(2022).capacityMW).toBe(1125);
    expect(at(2025).capacityMW).toBe(4500);
    expect(si.target).toMatchObject({ year: 2025, metYear: 2025, metInTargetYear: true });
  });

  it('wendeng-2025 in Chinese units shows 112.50 and 450.00 万千瓦 and the target met', async () => {
    const csv = (await pvplan(['run', 'scenarios/wendeng-2025.yaml', '--format', 'csv', '--units', 'cn'])).stdout.split('\n');
    expect(csv[1]!.split(',').slice(0, 2)).toEqual(['2022', '112.5']);
    expect(csv[4]!.split(',').slice(0, 2)).toEqual(['2025', '450']);
    const table = (await pvplan(['run', 'scenarios/wendeng-2025.yaml', '--units', 'cn'])).stdout;
    expect(table).toMatch(/target: 450万千瓦 built \+ under construction in 2025: met in 2025/);
  });

  it('the content hash is identical across runs and changes when an input changes', async () => {
    const hash = async (f: string) => (JSON.parse((await pvplan(['run', f, '--format', 'json'])).stdout) as ReportJson).scenario.hash;
    const base = join(FIXTURES, 'base.yaml');
    const [first, second, same, changed] = await Promise.all([base, base, join(FIXTURES, 'same-inputs.yaml'), join(FIXTURES, 'variant-hash.yaml')].map(hash));
    expect(second).toBe(first);
    expect(same).toBe(first);
    expect(changed).not.toBe(first);
  });
});

describe.concurrent('pvplan compare', () => {
  const files = ['scenarios/wendeng-2025.yaml', 'scenarios/wendeng-2025-linear.yaml', 'scenarios/wendeng-2025-delayed.yaml'];

  it('shows the inputs that differ, then the paths and a summary', async () => {
    const r = await pvplan(['compare', ...files]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const diff = r.stdout.slice(0, r.stdout.indexOf('by year'));
    expect(diff).toContain('Inputs that differ:');
    expect(diff).toMatch(/capacity\.growth\.model\s+cagr\s+linear\s+formula/);
    expect(diff).toContain('capacity.growth.expression');
    expect(r.stdout).toContain('capacity by year:');
    expect(r.stdout).toMatch(/wendeng-2025-delayed\s+2026/);
  });

  it('--metric energy compares energy', async () => {
    const r = await pvplan(['compare', ...files, '--metric', 'energy']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('energy by year:');
    expect(r.stdout).toContain('wendeng-2025-linear (GWh)');
    expect(r.stdout).toContain('cumulative energy to end year');
  });

  it('--format json is an array of run reports', async () => {
    const r = await pvplan(['compare', ...files, '--format', 'json']);
    expect(r.status).toBe(0);
    const reports = JSON.parse(r.stdout) as ReportJson[];
    expect(reports).toHaveLength(3);
    reports.forEach((rep, i) => expectContract(rep, files[i]!.replace('scenarios/', '').replace('.yaml', '')));
  });

  it('--format csv is the path table only', async () => {
    const lines = (await pvplan(['compare', ...files, '--format', 'csv'])).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 14);
    expect(lines[0]!.split(',')).toHaveLength(1 + 3 + 2);
  });
});

describe.concurrent('pvplan solve', () => {
  it('says quadrupling 2022 → 2025 needs 58.74 % a year, or 1125 MW a year', async () => {
    const r = await pvplan(['solve', 'scenarios/wendeng-2025.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/required growth rate \(CAGR\)\s+58\.74 % a year/);
    expect(r.stdout).toMatch(/required equal yearly additions\s+1125 MW a year/);
  });

  it('--format json carries the solution, the version and the hash', async () => {
    const out = JSON.parse((await pvplan(['solve', 'scenarios/wendeng-2025.yaml', '--format', 'json'])).stdout) as { pvplanVersion: string; scenario: { hash: string }; solution: { capacity: { requiredCagrFrac: number } } };
    expect(out.pvplanVersion).toBe(PKG_VERSION);
    expect(out.solution.capacity.requiredCagrFrac).toBeCloseTo(Math.cbrt(4) - 1, 12);
  });
});

describe.concurrent('pvplan validate, schema, factors, init', () => {
  it('validate: every shipped scenario is ok (exit 0)', async () => {
    const r = await pvplan(['validate', ...SHIPPED.map((f) => `scenarios/${f}`)]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(SHIPPED.length);
    expect(r.stdout).not.toContain('invalid');
  });

  it('validate: a bad file among good ones exits 2 and names its problem', async () => {
    const r = await pvplan(['validate', 'scenarios/wendeng-2025.yaml', join(FIXTURES, 'bad-dimension.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^ok {6}scenarios\/wendeng-2025\.yaml/m);
    expect(r.stdout).toMatch(/^invalid .*bad-dimension\.yaml$/m);
    expect(r.stderr).toMatch(/bad-dimension\.yaml:6:5: capacity\.baseline\.capacity: expected a power such as '4\.5 GW' or '450万千瓦', got an energy '1135 kWh'/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('schema: prints valid JSON equal to scenarios/scenario.schema.json', async () => {
    const r = await pvplan(['schema']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'scenarios', 'scenario.schema.json'), 'utf8')));
  });

  it('factors: lists the presets with their values (table and JSON)', async () => {
    const r = await pvplan(['factors']);
    expect(r.status).toBe(0);
    for (const id of ['cn-rule-of-thumb', 'cn-coal-supply-cec', 'cn-grid-ets-2022', 'cn-electricity-2022-mee-nbs', 'article-datang-2022']) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('0.5703 t/MWh');
    expect(r.stdout).toContain('305.5 g/kWh');
    const json = JSON.parse((await pvplan(['factors', '--kind', 'coal', '--format', 'json'])).stdout) as Array<{ kind: string }>;
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((p) => p.kind === 'coal')).toBe(true);
  });

  it('init NAME writes a starter scenario that validates and runs, and refuses to overwrite it', async () => {
    const dir = tmp();
    const first = await pvplan(['init', 'my-district'], dir);
    expect(first.status).toBe(0);
    const file = join(dir, 'my-district.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect((await pvplan(['validate', file])).status).toBe(0);
    expect((await pvplan(['run', file])).status).toBe(0);
    const mtime = statSync(file).mtimeMs;
    const again = await pvplan(['init', 'my-district'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^error: my-district\.yaml already exists/);
    expect(again.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(dir)).toEqual(['my-district.yaml']);
  });

  it('init into a folder that does not exist exits 2 and writes nothing', async () => {
    const dir = tmp();
    const r = await pvplan(['init', 'no/such/folder/x'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write no\/such\/folder\/x\.yaml/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.concurrent('--help', () => {
  for (const cmd of ['run', 'compare', 'solve', 'validate', 'schema', 'factors', 'init']) {
    it(`pvplan ${cmd} --help shows usage and an example`, async () => {
      const r = await pvplan([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: pvplan ${cmd}`);
      expect(r.stdout).toMatch(new RegExp(`Examples?:\\n {2}\\$ pvplan ${cmd}`));
    });
  }
  it('pvplan --help lists the commands and --version prints the package version', async () => {
    const r = await pvplan(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['run', 'compare', 'solve', 'validate', 'schema', 'factors', 'init']) expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    expect((await pvplan(['--version'])).stdout.trim()).toBe(PKG_VERSION);
  });
});

describe.concurrent('bad input: exit 2, one clear message on stderr, no stack trace, nothing written', () => {
  const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['malformed YAML', 'bad-malformed.yaml', /bad-malformed\.yaml:5:3: malformed YAML: duplicate key 'start'/],
    ['malformed JSON', 'bad-malformed.json', /bad-malformed\.json:2:26: malformed JSON/],
    ['unknown key', 'bad-unknown-key.yaml', /bad-unknown-key\.yaml:5:\d+: capacity\.lifetimeYear: unknown field 'lifetimeYear' \(did you mean 'lifetimeYears'\?\)/],
    ['wrong dimension', 'bad-dimension.yaml', /bad-dimension\.yaml:6:5: capacity\.baseline\.capacity: expected a power such as '4\.5 GW' or '450万千瓦', got an energy '1135 kWh'/],
    ['percentage above 100 %', 'bad-percentage.yaml', /bad-percentage\.yaml:5:\d+: yield\.curtailment: expected a percentage between 0 % and 100 %, got '120 %'/],
    ['years out of order', 'bad-years-order.yaml', /bad-years-order\.yaml:6:\d+: years\.end: expected a year not before years\.start \(2026\), got 2025/],
    ['negative value', 'bad-negative.yaml', /bad-negative\.yaml:5:\d+: capacity\.maxAdditionsPerYear: expected a non-negative power/],
    ['unreachable target under a cap', 'bad-unreachable.yaml', /bad-unreachable\.yaml:5:\d+: capacity\.maxAdditionsPerYear: the target of 400 MW in 2025 is unreachable under the additions cap of 50 MW\/yr/],
    ['solved path above the cap', 'bad-solved-capped.yaml', /bad-solved-capped\.yaml:5:\d+: capacity\.maxAdditionsPerYear: the solved cagr path needs more than the additions cap/],
    ['extends cycle', 'bad-cycle-a.yaml', /bad-cycle-b\.yaml:2:1: extends: cycle of extends: bad-cycle-a\.yaml → bad-cycle-b\.yaml → bad-cycle-a\.yaml/],
    ['missing parent', 'bad-missing-parent.yaml', /bad-missing-parent\.yaml:2:1: extends: cannot read the parent scenario 'no-such-parent\.yaml'/],
    ['solved growth from the target year', 'bad-solved-from.yaml', /bad-solved-from\.yaml:7:\d+: capacity\.growth\.from: /],
    ['S-curve target below the baseline', 'bad-logistic-target.yaml', /bad-logistic-target\.yaml:6:\d+: capacity\.target\.capacity: /],
    ['trend saturation below the history', 'bad-trend-saturation.yaml', /bad-trend-saturation\.yaml:12:\d+: capacity\.growth\.saturation: /],
    ['history above the baseline', 'bad-history-above.yaml', /bad-history-above\.yaml:6:\d+: capacity\.history\.2020: /],
    ['missing file', 'no-such-file.yaml', /no-such-file\.yaml: cannot read the scenario file: no such file/],
  ];

  // Every bad file through `run`; a few through the other commands that load scenarios (each run is a process).
  const OTHER_COMMANDS = new Set(['bad-malformed.yaml', 'bad-unreachable.yaml', 'no-such-file.yaml']);
  for (const [what, file, message] of BAD) {
    for (const cmd of OTHER_COMMANDS.has(file) ? ['run', 'solve', 'compare'] : ['run']) {
      it(`${what}: pvplan ${cmd}`, async () => {
        const cwd = tmp();
        const args = cmd === 'compare' ? ['compare', join(ROOT, 'scenarios', 'wendeng-2025.yaml'), join(FIXTURES, file)] : [cmd, join(FIXTURES, file), '--format', 'json'];
        const r = await pvplan(args, cwd);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/^error: /);
        expect(lines[0]).toMatch(message);
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(r.stderr).not.toContain('internal error');
        expect(readdirSync(cwd)).toEqual([]);
      });
    }
  }

  it('usage errors (unknown option value, unknown command, missing argument) exit 2 without a stack trace', async () => {
    for (const args of [['run', 'scenarios/wendeng-2025.yaml', '--format', 'xml'], ['frobnicate'], ['run'], ['compare', 'scenarios/wendeng-2025.yaml', '--metric', 'joy']]) {
      const r = await pvplan(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('a directory, or a file that is not a scenario mapping, exits 2 with one message', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'list.yaml'), '- 1\n- 2\n');
    for (const f of [dir, join(dir, 'list.yaml')]) {
      const r = await pvplan(['run', f]);
      expect(r.status, f).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    expect(existsSync(join(dir, 'list.yaml'))).toBe(true);
  });
});
