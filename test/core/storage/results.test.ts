// The planner's views of a dispatch: months and hours on the local clock, the duration curve, the week.
import { describe, expect, it } from 'vitest';
import { dispatchGreedy } from '../../../src/core/storage/greedy.ts';
import { curtailmentHeatmapMWh, dispatchWeek, generationDurationCurve, monthlyDispatch, socHeatmapFrac, windowWithMostCurtailment } from '../../../src/core/storage/results.ts';
import { runSystem } from '../../../src/core/storage/run.ts';
import { NO_STORAGE, type DispatchSystem } from '../../../src/core/storage/system.ts';
import { expectClose } from '../../helpers/expect-close.ts';

// Four hours from 2025-01-31T22:00+08:00 (= 14:00 UTC): 22:00 and 23:00 in January, 00:00 and 01:00 in February.
const START_S = Date.UTC(2025, 0, 31, 14) / 1000;
const TIMES = Float64Array.from([0, 1, 2, 3], (i) => START_S + i * 3600);
const SYSTEM: DispatchSystem = { generationMW: Float64Array.from([12, 5, 14, 9]), stepHours: 1, exportLimitMW: 10, storage: NO_STORAGE };

describe('results', () => {
  const h = dispatchGreedy(SYSTEM);

  it('splits months on the local clock', () => {
    // Without storage: curtailed 2, 0, 4, 0. January (22:00, 23:00 local): G 17, curtailed 2; February: G 23, curtailed 4.
    const m = monthlyDispatch(SYSTEM, h, TIMES, 8);
    expect(m.generationMWh.slice(0, 2)).toEqual([17, 23]);
    expect(m.curtailedMWh.slice(0, 2)).toEqual([2, 4]);
    expectClose(m.curtailmentFrac[1]!, 4 / 23, { abs: 1e-12 }, 'February');
    expect(m.curtailmentFrac[5]).toBe(0);
    // On UTC all four hours fall on 31 January.
    expect(monthlyDispatch(SYSTEM, h, TIMES, 0).curtailedMWh[0]).toBe(6);
  });

  it('fills the month × hour heatmap cells', () => {
    const c = curtailmentHeatmapMWh(SYSTEM, h, TIMES, 8);
    expect([c[0]![22], c[0]![23], c[1]![0], c[1]![1]]).toEqual([2, 0, 4, 0]);
    expect(c.flat().reduce((a, b) => a + b, 0)).toBe(6);
    const soc = socHeatmapFrac(SYSTEM, h, TIMES, 8);
    expect(soc[0]![22]).toBe(0);
    expect(Number.isNaN(soc[5]![12]!)).toBe(true);
  });

  it('sorts the duration curve and counts the energy above the limit', () => {
    const d = generationDurationCurve(SYSTEM);
    expect(Array.from(d.generationMW)).toEqual([14, 12, 9, 5]);
    expect([d.stepsAboveLimit, d.energyAboveLimitMWh]).toEqual([2, 6]);
  });

  it('cuts a week at the window with the most curtailment', () => {
    expect(windowWithMostCurtailment(h, 2)).toBe(2);
    const w = dispatchWeek([{ name: 'pv', kind: 'pv', generationMW: SYSTEM.generationMW }], SYSTEM, h, TIMES, 2, 168);
    expect(w.generators[0]!.generationMW).toEqual([14, 9]);
    expect(w.curtailedMW).toEqual([4, 0]);
    expect(w.unixTimeS).toEqual([START_S + 7200, START_S + 10800]);
  });

  it('runSystem sums the generators and wires the views together', () => {
    const run = runSystem({
      generators: [
        { name: 'pv', kind: 'pv', generationMW: Float64Array.from([8, 5, 4, 9]) },
        { name: 'wind', kind: 'wind', generationMW: Float64Array.from([4, 0, 10, 0]) },
      ],
      unixTimeS: TIMES,
      utcOffsetHours: 8,
      stepHours: 1,
      exportLimitMW: 10,
      storage: NO_STORAGE,
      strategy: 'greedy',
    });
    expect(Array.from(run.system.generationMW)).toEqual([12, 5, 14, 9]);
    expect(run.summary.curtailedMWh).toBe(6);
    expect(run.week.generators.map((g) => g.kind)).toEqual(['pv', 'wind']);
    expect(() => runSystem({ ...{ generators: [{ name: 'g', kind: 'other', generationMW: SYSTEM.generationMW }], unixTimeS: TIMES, utcOffsetHours: 8, stepHours: 1, exportLimitMW: 10, storage: NO_STORAGE }, strategy: 'optimal' })).toThrow(/needs an LP solver/);
  });
});
