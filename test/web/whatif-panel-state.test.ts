/**
 * What the what-if panel shows (panelState in web/whatif.js) and how the charts name and colour what they show
 * (legendLabels, shortenMiddle, assignColorSlots in web/charts.js): pure functions of the page, tested here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Panel = Record<string, number | string | boolean | undefined>;
const { panelState } = (await import('../../web/whatif.js' as string)) as { panelState: (params: object, edits: object, defaults: object, report: object | null) => Panel };
const charts = (await import('../../web/charts.js' as string)) as {
  legendLabels: (entries: Array<{ id: string; name: string }>, units: number) => string[];
  shortenMiddle: (name: string, units: number) => string;
  assignColorSlots: (selected: string[], previous?: Map<string, number>) => Map<string, number>;
};

/** The base scenario wendeng-2025 as GET /api/scenarios/:id gives its parameters (solved 58.74 % to 2025). */
const PARAMS = { growthModel: 'cagr', rateFrac: 0.5874010519681994, additionsMWPerYear: 1125, targetYear: 2025, targetCapacityMW: 4500, baseYear: 2022, baselineMW: 1125, fullLoadHours: 1135, firstYearDegradationFrac: 0, annualDegradationFrac: 0.005, coalTonnesPerMWh: 0.4035, co2TonnesPerMWh: 0.5703, constructionLagYears: 1, startYear: 2022, endYear: 2035 };
const DEFAULTS = { rateFrac: PARAMS.rateFrac, additionsMWPerYear: 1125, saturationMW: 6750, solve: true };
const reportOf = (model: string, parameters: Record<string, number>) => ({ summary: { growth: { model, parameters } } });

describe('panelState', () => {
  it('shows the solved rate the run used after a change of target year (18.92 %, not 58.74 %)', () => {
    // 4^(1/8) − 1 = 0.189207… : the rate that quadruples 1125 MW by 2030 (eight years).
    const used = 4 ** (1 / 8) - 1;
    const panel = panelState(PARAMS, { targetYear: 2030 }, DEFAULTS, reportOf('cagr', { rateFrac: used, fromYear: 2022, untilYear: 2030 }));
    expect(panel.rateFrac).toBe(used);
    expect(panel.targetYear).toBe(2030);
  });

  it('shows the solved yearly additions in linear mode (421.875 MW, not 1125 MW)', () => {
    // (4500 − 1125) / 8 = 421.875 MW a year.
    const panel = panelState(PARAMS, { targetYear: 2030, growth: { model: 'linear', solve: true, rateFrac: 0.1, additionsMWPerYear: 1125, saturationMW: 6750 } }, DEFAULTS, reportOf('linear', { additionsMWPerYear: 421.875 }));
    expect(panel.additionsMWPerYear).toBe(421.875);
  });

  it('for any edits: a solved input is the run’s value, a given one is the edit, the rest the base’s', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('cagr', 'linear', 'logistic'),
        fc.boolean(),
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.option(fc.integer({ min: 2023, max: 2035 }), { nil: undefined }),
        (model, solve, rateFrac, additionsMWPerYear, usedRate, usedAdditions, targetYear) => {
          const edits = { growth: { model, solve, rateFrac, additionsMWPerYear, saturationMW: 6750 }, ...(targetYear === undefined ? {} : { targetYear }) };
          const report = reportOf(model, model === 'cagr' ? { rateFrac: usedRate } : model === 'linear' ? { additionsMWPerYear: usedAdditions } : { saturationMW: 6750 });
          const panel = panelState(PARAMS, edits, DEFAULTS, report);
          expect(panel.model).toBe(model);
          expect(panel.rateFrac).toBe(solve && model === 'cagr' ? usedRate : rateFrac);
          expect(panel.additionsMWPerYear).toBe(solve && model === 'linear' ? usedAdditions : additionsMWPerYear);
          expect(panel.targetYear).toBe(targetYear ?? PARAMS.targetYear);
          expect(panel.fullLoadHours).toBe(PARAMS.fullLoadHours);
          // A run of another model (a stale report) never leaks into the panel.
          const other = panelState(PARAMS, edits, DEFAULTS, reportOf(model === 'cagr' ? 'linear' : 'cagr', { rateFrac: 9, additionsMWPerYear: 9 }));
          expect(other.rateFrac).toBe(rateFrac);
          expect(other.additionsMWPerYear).toBe(additionsMWPerYear);
        },
      ),
    );
  });

  it('without edits shows the base scenario, whose own run gave its solved rate', () => {
    const panel = panelState(PARAMS, {}, DEFAULTS, null);
    expect(panel).toMatchObject({ model: 'cagr', solve: true, rateFrac: PARAMS.rateFrac, targetYear: 2025, targetCapacityMW: 4500, constructionLagYears: 1 });
  });
});

describe('legend labels', () => {
  it('tell a what-if and its base apart when the what-if keeps the base’s long name', () => {
    const name = '文登区光伏翻两番 (Wendeng PV ×4 by 2025)';
    const labels = charts.legendLabels([{ id: 'wendeng-2025', name }, { id: 'what-if', name }], 30);
    expect(labels[0]).not.toBe(labels[1]);
    expect(labels[1]).toMatch(/\(what-if\)$/);
  });

  it('keep the end of a name when they shorten it ("— what-if")', () => {
    const label = charts.shortenMiddle('文登区光伏翻两番 (Wendeng PV ×4 by 2025) — what-if', 30);
    expect(label).toMatch(/…/);
    expect(label.endsWith('— what-if')).toBe(true);
    expect(label.startsWith('文登区')).toBe(true);
  });

  it('are unique for any names and within the width (a CJK character counts two), ids added only when needed', () => {
    const width = (s: string) => [...s].reduce((n, c) => n + (c.codePointAt(0)! > 0x2e7f ? 2 : 1), 0);
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom('Wendeng plan', '文登区光伏', 'A much longer scenario name with many words in it', 'x'), { minLength: 12, maxLength: 12 }), (ids, names) => {
        const entries = ids.map((id, i) => ({ id, name: names[i]! }));
        const labels = charts.legendLabels(entries, 30);
        expect(new Set(labels).size).toBe(labels.length);
        labels.forEach((l, i) => {
          if (!l.endsWith(`(${ids[i]})`)) expect(width(l)).toBeLessThanOrEqual(30);
        });
      }),
    );
  });
});

describe('colour slots', () => {
  it('give up to twelve ticked scenarios distinct slots and keep a slot while its scenario stays ticked', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 12 }), fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 12 }), (first, second) => {
        const a = charts.assignColorSlots(first);
        expect(new Set(a.values()).size).toBe(first.length);
        expect(Math.max(...a.values())).toBeLessThan(12);
        const next = [...first.slice(1), ...second.filter((x) => !first.includes(x))].slice(0, 12);
        const b = charts.assignColorSlots(next, a);
        expect(new Set(b.values()).size).toBe(next.length);
        for (const id of next) if (a.has(id)) expect(b.get(id)).toBe(a.get(id));
      }),
    );
  });
});
