/**
 * A custom power curve from a CSV file: header `wind_speed_m_per_s,power_kw`, one point a row, wind speeds strictly
 * increasing, power ≥ 0 (kW at the standard density 1.225 kg/m³). Problems come as {@link ScenarioError}s naming the
 * file, line, column and field, like every other reader at the scenario edge.
 */
import { checkPowerCurve, type PowerCurve } from '../core/wind/power-curve.ts';
import { ScenarioError } from './errors.ts';

/** The two columns, in this order. */
export const POWER_CURVE_CSV_HEADER = ['wind_speed_m_per_s', 'power_kw'] as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FIELD_OF = { windSpeedMPerS: 'wind_speed_m_per_s', powerKW: 'power_kw' } as const;

/**
 * Parses a power-curve CSV labelled `file` into a curve; throws a {@link ScenarioError} at the first problem.
 * @example parsePowerCurveCsv('wind_speed_m_per_s,power_kw\n3,0\n12,2000\n25,2000', 'pc.csv').powerKW // [0, 2000, 2000]
 */
export function parsePowerCurveCsv(text: string, file: string): PowerCurve {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const fail = (line: number, column: number, field: string | undefined, message: string): never => {
    throw new ScenarioError([{ file, line, column, ...(field === undefined ? {} : { field }), message }]);
  };
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  if (header.length !== 2 || header[0] !== POWER_CURVE_CSV_HEADER[0] || header[1] !== POWER_CURVE_CSV_HEADER[1]) {
    fail(1, 1, undefined, `expected the header '${POWER_CURVE_CSV_HEADER.join(',')}', got '${lines[0] ?? ''}'`);
  }
  const speeds: number[] = [];
  const powers: number[] = [];
  // 1-based character column where each cell of each data row starts, for messages about a point.
  const columnsOf: Array<readonly [number, number]> = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    const starts = [1, cells[0]!.length + 2] as const;
    if (cells.length !== 2) fail(i + 1, 1, undefined, `expected two comma-separated cells (wind speed, power), got ${cells.length}`);
    const values = cells.map((c, k) => {
      const t = c.trim();
      if (!NUMBER.test(t)) fail(i + 1, starts[k as 0 | 1], POWER_CURVE_CSV_HEADER[k], `expected a number${k === 0 ? ' in m/s' : ' in kW'}, got '${c}'`);
      return Number(t);
    });
    speeds.push(values[0]!);
    powers.push(values[1]!);
    columnsOf.push(starts);
  }
  const curve = { windSpeedsMPerS: speeds, powerKW: powers };
  const issue = checkPowerCurve(curve);
  if (issue !== undefined) {
    const row = Math.min(issue.index, Math.max(0, columnsOf.length - 1));
    const line = columnsOf.length === 0 ? 2 : row + 2;
    const col = columnsOf[row]?.[issue.field === 'windSpeedMPerS' ? 0 : 1] ?? 1;
    fail(line, col, FIELD_OF[issue.field], issue.message);
  }
  return curve;
}
