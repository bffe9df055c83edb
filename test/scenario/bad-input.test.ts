/**
 * Bad scenario files (test/fixtures/scenarios/bad-*.yaml): each gives one clear problem naming the file, the line
 * (and column: of the field's key) where it is written, and the field. Line numbers are those of the fixture files as written.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, ScenarioError, type ScenarioProblem } from '../../src/scenario/errors.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';

const DIR = relative(process.cwd(), join(import.meta.dirname, '..', 'fixtures', 'scenarios'));

function problemsOf(file: string): ScenarioProblem[] {
  try {
    loadScenario(join(DIR, file));
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error(`${file} loaded without problems`);
}

interface Expected {
  readonly file: string;
  /** File the problem is reported in (default: the loaded file). */
  readonly in?: string;
  readonly line: number;
  readonly column?: number;
  readonly field?: string;
  readonly message: string | RegExp;
}

const CASES: ReadonlyArray<readonly [string, Expected]> = [
  ['malformed YAML (line and column)', { file: 'bad-malformed.yaml', line: 5, column: 3, message: /^malformed YAML: duplicate key 'start'/ }],
  ['malformed JSON (line and column)', { file: 'bad-malformed.json', line: 2, column: 26, message: /^malformed JSON: / }],
  ['unknown key with a suggestion', { file: 'bad-unknown-key.yaml', line: 5, field: 'capacity.lifetimeYear', message: /^unknown field 'lifetimeYear' \(did you mean 'lifetimeYears'\?\)/ }],
  [
    'wrong dimension',
    { file: 'bad-dimension.yaml', line: 6, column: 5, field: 'capacity.baseline.capacity', message: "expected a power such as '4.5 GW' or '450万千瓦', got an energy '1135 kWh'" },
  ],
  ['percentage above 100 %', { file: 'bad-percentage.yaml', line: 5, field: 'yield.curtailment', message: "expected a percentage between 0 % and 100 %, got '120 %'" }],
  ['years out of order', { file: 'bad-years-order.yaml', line: 6, field: 'years.end', message: 'expected a year not before years.start (2026), got 2025' }],
  ['negative value', { file: 'bad-negative.yaml', line: 5, field: 'capacity.maxAdditionsPerYear', message: "expected a non-negative power, got '-50 MW'" }],
  [
    'unreachable target under an additions cap',
    {
      file: 'bad-unreachable.yaml',
      line: 5,
      field: 'capacity.maxAdditionsPerYear',
      message: 'the target of 400 MW in 2025 is unreachable under the additions cap of 50 MW/yr: at most 250.0 MW can be reached by then',
    },
  ],
  [
    'solved path that does not fit under the cap',
    { file: 'bad-solved-capped.yaml', line: 5, field: 'capacity.maxAdditionsPerYear', message: /^the solved cagr path needs more than the additions cap of 130 MW\/yr and reaches only 382\.0 of 400 MW in 2025/ },
  ],
  ['extends cycle', { file: 'bad-cycle-a.yaml', in: 'bad-cycle-b.yaml', line: 2, column: 1, field: 'extends', message: 'cycle of extends: bad-cycle-a.yaml → bad-cycle-b.yaml → bad-cycle-a.yaml' }],
  ['missing parent', { file: 'bad-missing-parent.yaml', line: 2, column: 1, field: 'extends', message: /^cannot read the parent scenario 'no-such-parent\.yaml' \(.*no-such-parent\.yaml\): no such file$/ }],
  ['solved growth starting at the target year', { file: 'bad-solved-from.yaml', line: 7, field: 'capacity.growth.from', message: /^expected a year before the target year 2025/ }],
  ['S-curve target below the baseline', { file: 'bad-logistic-target.yaml', line: 6, field: 'capacity.target.capacity', message: /^expected a target above the baseline/ }],
  ['trend saturation below the history', { file: 'bad-trend-saturation.yaml', line: 12, field: 'capacity.growth.saturation', message: /^expected a saturation above the history/ }],
  ['history above the baseline', { file: 'bad-history-above.yaml', line: 6, field: 'capacity.history.2020', message: /^expected at most the baseline \(100 MW\)/ }],
];

describe('bad scenario files', () => {
  for (const [what, x] of CASES) {
    it(`${what}: ${x.in ?? x.file}:${x.line}${x.field ? ` ${x.field}` : ''}`, () => {
      const problems = problemsOf(x.file);
      expect(problems).toHaveLength(1);
      const p = problems[0]!;
      expect(p.file.endsWith(x.in ?? x.file)).toBe(true);
      expect(p.line).toBe(x.line);
      if (x.column !== undefined) expect(p.column).toBe(x.column);
      expect(p.field).toBe(x.field);
      if (typeof x.message === 'string') expect(p.message).toBe(x.message);
      else expect(p.message).toMatch(x.message);
      // The one-line form the CLI prints: file:line:column: field: message.
      const line = formatProblem(p);
      expect(line).toContain(`${x.in ?? x.file}:${x.line}:`);
      if (x.field) expect(line).toContain(`: ${x.field}: `);
      expect(line.split('\n')).toHaveLength(1);
    });
  }

  it('a missing file names the file', () => {
    const problems = problemsOf('no-such-file.yaml');
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toBe(`${join(DIR, 'no-such-file.yaml')}: cannot read the scenario file: no such file`);
  });

  it('a self-extending file is a cycle', () => {
    const texts = new Map([['/v/self.yaml', 'extends: self.yaml\nname: self\n']]);
    expect(() => loadScenario('/v/self.yaml', (p) => texts.get(p) ?? '')).toThrow(/cycle of extends: self\.yaml → self\.yaml/);
  });

  describe('cross-field rules without a fixture file', () => {
    const BASE = ['name: in memory', 'years: {start: 2022, end: 2030}', 'capacity:', '  baseline: {capacity: 100 MW, year: 2022}', '  target: {capacity: 400 MW, year: 2025}'];
    const TAIL = ['yield: {model: full-load-hours, value: 1000 h}', 'savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}', ''];
    const problems = (capacityLines: string[], years = BASE[1]!) => {
      const text = [BASE[0], years, ...BASE.slice(2), ...capacityLines, ...TAIL].join('\n');
      try {
        loadScenario('/v/mem.yaml', () => text);
      } catch (e) {
        if (e instanceof ScenarioError) return e.problems.map((p) => [p.line, p.field, p.message]);
        throw e;
      }
      return [];
    };
    it('a solved rate that stops growing before the target year', () => {
      expect(problems(['  growth: {model: cagr, until: 2024}'])).toEqual([[6, 'capacity.growth.until', expect.stringMatching(/^expected a year not before the target year 2025/)]]);
    });
    it('a logistic trend on a flat history, with or without a saturation', () => {
      const history = '  history: {2020: 100 MW, 2021: 100 MW, 2022: 100 MW}';
      for (const growth of ['  growth: {model: trend, fit: logistic}', '  growth: {model: trend, fit: logistic, saturation: 500 MW}']) {
        expect(problems([history, growth])).toEqual([[6, 'capacity.history', expect.stringMatching(/^expected a growing history/)]]);
      }
    });
    it('(the in-memory base itself is valid)', () => {
      expect(problems(['  growth: {model: cagr}'])).toEqual([]);
    });
    it('a negative target', () => {
      const text = [BASE[0], BASE[1], BASE[2], BASE[3], '  target: {capacity: -400 MW, year: 2025}', '  growth: {model: cagr}', ...TAIL].join('\n');
      expect(() => loadScenario('/v/neg.yaml', () => text)).toThrow(/capacity\.target\.capacity: expected a non-negative target, got '-400 MW'/);
    });
    it('a path that overflows to Infinity', () => {
      expect(problems(['  growth: {model: cagr, rate: 9000 %, until: 2200}'], 'years: {start: 2022, end: 2200}')).toEqual([[6, 'capacity.growth', expect.stringMatching(/^expected a finite capacity path, got Infinity MW in \d{4}$/)]]);
    });
  });

  it('reports every problem of a file, each with its own line', () => {
    const text = ['name: two problems', 'years: {start: 2022, end: 2030}', 'capacity:', '  baseline: {capacity: 100 kWh, year: 2022}', '  growth: {model: additions, additions: {2023: 5 %}}', 'yield: {model: full-load-hours, value: 1000 h}', 'savings: {coal: 300 g/kWh, co2: 0.5 t/MWh}', ''].join('\n');
    try {
      loadScenario('/v/two.yaml', () => text);
      expect.unreachable();
    } catch (e) {
      const problems = (e as ScenarioError).problems;
      expect(problems.map((p) => [p.line, p.field])).toEqual([
        [4, 'capacity.baseline.capacity'],
        [5, 'capacity.growth.additions.2023'],
      ]);
    }
  });
});
