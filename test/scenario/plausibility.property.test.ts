/**
 * Properties of the plausibility checks over the registry's ranges: a value inside its range never warns, one
 * outside always does, and the likely intent it suggests lands inside the range.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/core/plan/types.ts';
import { checkPlausibility } from '../../src/scenario/plausibility.ts';
import { PLAUSIBLE_RANGES, type RangeId } from '../../src/scenario/plausibility-ranges.ts';
import { parseQuantity, type Dimension } from '../../src/scenario/quantity.ts';
import { loadScenario } from '../../src/scenario/resolve.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const base = loadScenario(join(import.meta.dirname, '..', '..', 'scenarios', 'wendeng-2025.yaml'));

/** One checked field: its range, where it sits in the written scenario and the plan, and how its text is written. */
interface Field {
  readonly range: RangeId;
  readonly path: readonly string[];
  readonly dim: Dimension;
  readonly text: (x: number) => string;
  readonly set: (plan: PlanInput, internal: number) => PlanInput;
}

const FIELDS: readonly Field[] = [
  { range: 'coalIntensity', path: ['savings', 'coal'], dim: 'intensity', text: (x) => `${x} g/kWh`, set: (p, v) => ({ ...p, savings: { ...p.savings, coalTonnesPerMWh: v } }) },
  { range: 'co2Factor', path: ['savings', 'co2'], dim: 'intensity', text: (x) => `${x} t/MWh`, set: (p, v) => ({ ...p, savings: { ...p.savings, co2TonnesPerMWh: v } }) },
  { range: 'annualDegradation', path: ['yield', 'degradation', 'annual'], dim: 'fraction', text: (x) => `${x} %`, set: (p, v) => ({ ...p, yield: { ...p.yield, annualDegradationFrac: v } }) },
  { range: 'curtailment', path: ['yield', 'curtailment'], dim: 'fraction', text: (x) => `${x} %`, set: (p, v) => ({ ...p, yield: { ...p.yield, curtailmentFrac: v } }) },
  { range: 'pvFullLoadHoursZoneIII', path: ['yield', 'value'], dim: 'duration', text: (x) => `${x} h`, set: (p, v) => ({ ...p, yield: { ...p.yield, fullLoadHours: v } }) },
];

/** The written scenario with `text` at `path`. */
function writtenWith(path: readonly string[], text: string): Scenario {
  const copy = JSON.parse(JSON.stringify(base.written)) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = text;
  return copy as unknown as Scenario;
}

function warningsFor(f: Field, shown: number) {
  const r = PLAUSIBLE_RANGES[f.range];
  const text = f.text(shown);
  const internal = parseQuantity(text, f.dim);
  return checkPlausibility(writtenWith(f.path, text), f.set(base.plan, internal)).filter((w) => w.path.join('.') === f.path.join('.') && r);
}

describe('plausibility properties', () => {
  for (const f of FIELDS) {
    const r = PLAUSIBLE_RANGES[f.range];
    const lo = r.min ?? 0;
    const hi = r.max!;
    it(`${f.range}: inside ${lo}–${hi} ${r.unit} never warns`, () => {
      fc.assert(
        fc.property(fc.double({ min: lo, max: hi, noNaN: true }), (x) => {
          const shown = Number(x.toPrecision(6));
          fc.pre(shown >= lo && shown <= hi);
          expect(warningsFor(f, shown)).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
    it(`${f.range}: outside always warns, and its intent lands inside`, () => {
      const outside = fc.oneof(fc.double({ min: hi * 1.001, max: hi * 50, noNaN: true }), ...(lo > 0 ? [fc.double({ min: lo / 50, max: lo * 0.999, noNaN: true })] : []));
      fc.assert(
        fc.property(outside, (x) => {
          const shown = Number(x.toPrecision(4));
          fc.pre(shown > hi || shown < lo);
          fc.pre(f.dim !== 'fraction' || shown <= 100);
          const issues = warningsFor(f, shown);
          expect(issues).toHaveLength(1);
          const intent = issues[0]!.params.intent;
          if (intent !== undefined) {
            const meant = parseQuantity(String(intent).split(' = ')[0], f.dim) / r.toInternal;
            expect(meant).toBeGreaterThanOrEqual(lo);
            expect(meant).toBeLessThanOrEqual(hi);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it('a ×10 slip of an in-range value is always caught and undone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2600, max: 4400 }), (x) => {
        // 260.0–440.0 g/kWh written with the point dropped: 2600–4400 g/kWh.
        const issues = warningsFor(FIELDS[0]!, x);
        expect(issues[0]?.params.intent).toBe(`${x / 10} g/kWh`);
      }),
      { numRuns: 40 },
    );
  });
});
