import { describe, expect, it } from 'vitest';
import {
  FACTOR_BASES,
  FACTOR_DISPLAY_UNITS,
  FACTOR_KINDS,
  FACTOR_PRESETS,
  RULE_OF_THUMB_CARBON_TONNES_PER_MWH,
  factorInDisplayUnit,
  factorPresetIds,
  getPreset,
  listFactorPresets,
  presetTonnesPerMWhAt,
  presetYearSeries,
  type FactorKind,
} from '../../../src/core/plan/factors.ts';
import { avoidedTonnes } from '../../../src/core/plan/emissions.ts';
import { CARBON_PER_CO2, KWH_PER_MWH, YI } from '../../../src/core/units.ts';
import { expectClose } from '../../helpers/expect-close.ts';

/** Energy of one GB/T 2589 kilogram of standard coal: 29,307.6 kJ (7,000 kcal). */
const KJ_PER_KGCE = 29_307.6;
const KJ_PER_KWH = 3_600;

/**
 * Plausible bounds per kind, t/MWh. Coal cannot go below the calorific equivalent of 1 kWh
 * (3,600 kJ / 29,307.6 kJ per kgce = 0.1228 kgce/kWh, i.e. a plant at 100 % efficiency); 0.6 t/MWh
 * would be a 20 % efficient fleet, worse than any national average. CO2 tops out near lignite plants
 * (~1.2 t/MWh). SO2 and NOx: anything above 0.05 t/MWh (50 g/kWh) is not a power-sector factor.
 */
const BOUNDS_TONNES_PER_MWH: Readonly<Record<FactorKind, readonly [number, number]>> = {
  coal: [KJ_PER_KWH / KJ_PER_KGCE, 0.6],
  co2: [0, 1.3],
  so2: [0, 0.05],
  nox: [0, 0.05],
};

/** The seed article's Datang project: 1.135亿 kWh a year (seed article, docs/sources/wendeng-article-2022.txt). */
const DATANG_ENERGY_MWH = (1.135 * YI) / KWH_PER_MWH;

describe('FACTOR_PRESETS registry', () => {
  it('has at least one preset of every kind', () => {
    for (const kind of FACTOR_KINDS) expect(listFactorPresets(kind).length).toBeGreaterThan(0);
  });

  it('has kebab-case ids and unique (id, kind) pairs', () => {
    const seen = new Set<string>();
    for (const preset of FACTOR_PRESETS) {
      expect(preset.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const key = `${preset.id}/${preset.kind}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it.each(FACTOR_PRESETS.map((p) => [`${p.id}/${p.kind}`, p] as const))('%s is documented and plausible', (_, preset) => {
    expect(preset.source.trim().length).toBeGreaterThan(10);
    expect(preset.label.trim()).not.toBe('');
    expect(preset.labelZh).toMatch(/[\u4e00-\u9fff]/);
    expect(FACTOR_KINDS).toContain(preset.kind);
    expect(FACTOR_DISPLAY_UNITS).toContain(preset.displayUnit);
    expect(preset.values.length).toBeGreaterThan(0);
    const [low, high] = BOUNDS_TONNES_PER_MWH[preset.kind];
    for (const point of preset.values) {
      expect(Number.isInteger(point.year)).toBe(true);
      expect(point.year).toBeGreaterThanOrEqual(2000);
      expect(point.year).toBeLessThanOrEqual(2030);
      expect(FACTOR_BASES).toContain(point.basis);
      expect(point.tonnesPerMWh).toBeGreaterThan(low);
      expect(point.tonnesPerMWh).toBeLessThan(high);
    }
    for (let i = 1; i < preset.values.length; i++) {
      expect(preset.values[i]!.year).toBeGreaterThan(preset.values[i - 1]!.year);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(FACTOR_PRESETS)).toBe(true);
    for (const preset of FACTOR_PRESETS) {
      expect(Object.isFrozen(preset)).toBe(true);
      expect(Object.isFrozen(preset.values)).toBe(true);
    }
  });
});

describe('getPreset', () => {
  it('finds a single-kind preset without a kind', () => {
    expect(getPreset('cn-grid-ets-2022').kind).toBe('co2');
  });

  it('throws for an unknown id, listing every valid id', () => {
    expect(() => getPreset('no-such-factor')).toThrowError(/unknown factor preset 'no-such-factor'/);
    let message = '';
    try {
      getPreset('no-such-factor');
    } catch (error) {
      message = (error as Error).message;
    }
    for (const id of factorPresetIds()) expect(message).toContain(id);
  });

  it('throws when a multi-kind id is looked up without a kind', () => {
    expect(() => getPreset('cn-rule-of-thumb')).toThrowError(/several kinds \(coal, co2, so2, nox\)/);
  });

  it('throws when the id has no factor of that kind', () => {
    expect(() => getPreset('cn-grid-ets-2022', 'coal')).toThrowError(/no 'coal' factor; it has: co2/);
  });

  it.each(FACTOR_KINDS)('resolves the rule of thumb for kind %s', (kind) => {
    expect(getPreset('cn-rule-of-thumb', kind).kind).toBe(kind);
  });
});

describe('published values', () => {
  // Expected numbers are the published figures; docs/factors.md cites each.
  it.each([
    ['cn-rule-of-thumb', 'coal', 2017, 0.4],
    ['cn-rule-of-thumb', 'co2', 2017, 0.997],
    ['cn-rule-of-thumb', 'so2', 2017, 0.03],
    ['cn-rule-of-thumb', 'nox', 2017, 0.015],
    ['cn-coal-supply-cec', 'coal', 2010, 0.333],
    ['cn-coal-supply-cec', 'coal', 2020, 0.3055],
    ['cn-coal-supply-cec', 'coal', 2025, 0.3],
    ['cn-grid-ets-2022', 'co2', 2022, 0.5703],
    ['cn-electricity-2022-mee-nbs', 'co2', 2022, 0.5366],
    ['cn-electricity-residual-mee-nbs', 'co2', 2022, 0.5856],
    ['article-datang-2022', 'coal', 2022, 0.4035],
  ] as const)('%s (%s) in %i is %f t/MWh', (id, kind, year, expected) => {
    expectClose(presetTonnesPerMWhAt(getPreset(id, kind), year), expected, { abs: 1e-12 }, `${id} ${year}`);
  });

  it('the 2022 single-year MEE/NBS preset agrees with the 2021–2023 series in 2022', () => {
    expectClose(
      presetTonnesPerMWhAt(getPreset('cn-electricity-mee-nbs'), 2022),
      presetTonnesPerMWhAt(getPreset('cn-electricity-2022-mee-nbs'), 2022),
      { abs: 1e-12 },
    );
  });
});

describe('rule of thumb: carbon versus CO2', () => {
  it('0.272 kg is the carbon in 0.997 kg CO2 (× 12/44), to the 3 digits the rule prints', () => {
    const carbonTonnesPerMWh = getPreset('cn-rule-of-thumb', 'co2').values[0]!.tonnesPerMWh * CARBON_PER_CO2;
    // 0.997 × 12/44 = 0.271909…, printed as 0.272; 4 significant digits give 0.2719.
    expect(carbonTonnesPerMWh.toPrecision(4)).toBe('0.2719');
    expect(carbonTonnesPerMWh.toPrecision(3)).toBe(RULE_OF_THUMB_CARBON_TONNES_PER_MWH.toPrecision(3));
    expectClose(carbonTonnesPerMWh, RULE_OF_THUMB_CARBON_TONNES_PER_MWH, { rel: 5e-4 }, 'carbon');
  });
});

describe('conventions applied to the Datang project (1.135亿 kWh)', () => {
  it('the article convention reproduces 4.58万 t of coal within 0.1 %', () => {
    const coalTonnes = avoidedTonnes(DATANG_ENERGY_MWH, presetTonnesPerMWhAt(getPreset('article-datang-2022'), 2022));
    expectClose(coalTonnes, 45_800, { rel: 1e-3 }, 'article coal');
  });

  // Hand arithmetic in docs/factors.md: 113,500 MWh × 0.4 t/MWh = 45,400 t; × 0.3055 = 34,674.25 t.
  it('the rule of thumb gives 4.54万 t and the 2020 supply coal consumption 3.47万 t', () => {
    expectClose(avoidedTonnes(DATANG_ENERGY_MWH, getPreset('cn-rule-of-thumb', 'coal').values[0]!.tonnesPerMWh), 45_400, {
      rel: 1e-9,
    });
    expectClose(avoidedTonnes(DATANG_ENERGY_MWH, presetTonnesPerMWhAt(getPreset('cn-coal-supply-cec'), 2020)), 34_674.25, {
      rel: 1e-9,
    });
  });
});

describe('series interpolation', () => {
  const cec = getPreset('cn-coal-supply-cec');

  it('interpolates linearly between points', () => {
    // 2012: 333 + (315 − 333) × 2/5 = 325.8 g/kWh.
    expectClose(presetTonnesPerMWhAt(cec, 2012), 0.3258, { abs: 1e-12 });
    // 2023: 300.7 + (300 − 300.7) × 1/3 = 300.4667 g/kWh.
    expectClose(presetTonnesPerMWhAt(cec, 2023), (300.7 - 0.7 / 3) / 1000, { abs: 1e-12 });
  });

  it('holds the end values flat outside the series', () => {
    expectClose(presetTonnesPerMWhAt(cec, 2000), 0.333, { abs: 1e-12 });
    expectClose(presetTonnesPerMWhAt(cec, 2035), 0.3, { abs: 1e-12 });
  });

  it('rejects a non-finite year', () => {
    expect(() => presetTonnesPerMWhAt(cec, Number.NaN)).toThrowError(/presetTonnesPerMWhAt/);
  });

  it('exposes its points as a year series in t/MWh', () => {
    expect(presetYearSeries(cec)).toEqual(cec.values.map((p) => ({ year: p.year, value: p.tonnesPerMWh })));
  });
});

describe('display units', () => {
  it('converts t/MWh to what sources print', () => {
    expectClose(factorInDisplayUnit(0.3055, 'g/kWh'), 305.5, { abs: 1e-9 });
    expectClose(factorInDisplayUnit(0.997, 'kg/kWh'), 0.997, { abs: 1e-12 });
    expectClose(factorInDisplayUnit(0.5703, 't/MWh'), 0.5703, { abs: 1e-12 });
  });

});
