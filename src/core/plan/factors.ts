/**
 * A small registry of published coal-saving and emission factors for China's power sector.
 *
 * Every value is stored in the internal unit t/MWh (1 g/kWh = 0.001 t/MWh; 1 kg/kWh = 1 t/MWh) and
 * written in the data below in the unit its source prints, so each number can be checked against
 * the citation next to it. Sources, dates, where each value was found and what could not be
 * verified are in docs/factors.md; keep the two in step.
 *
 * A preset with several points is a series: linear interpolation between its years, held flat
 * before the first and after the last (see `seriesValueAt` in series.ts).
 */
import { seriesValueAt, type YearSeries } from '../series.ts';
import { TONNES_PER_MWH_PER_G_PER_KWH } from '../units.ts';

/** What a factor measures per unit of electricity: standard coal (标准煤), CO2, SO2 or NOx. */
export type FactorKind = 'coal' | 'co2' | 'so2' | 'nox';
export const FACTOR_KINDS: readonly FactorKind[] = ['coal', 'co2', 'so2', 'nox'];

/** The unit a preset is printed in (its source's unit); values are always stored in t/MWh. */
export type FactorDisplayUnit = 'g/kWh' | 't/MWh' | 'kg/kWh';
export const FACTOR_DISPLAY_UNITS: readonly FactorDisplayUnit[] = ['g/kWh', 't/MWh', 'kg/kWh'];

/**
 * What a point's year means:
 * 'statistic' — an official figure for that data year; 'target' — a policy target for that year;
 * 'derived' — computed by us from figures in the source; 'first-seen' — the year of the earliest
 * dated copy we found of a figure of unknown origin (the figure itself may be older).
 */
export type FactorBasis = 'statistic' | 'target' | 'derived' | 'first-seen';
export const FACTOR_BASES: readonly FactorBasis[] = ['statistic', 'target', 'derived', 'first-seen'];

export interface FactorPoint {
  readonly year: number;
  readonly tonnesPerMWh: number;
  readonly basis: FactorBasis;
}

export interface FactorPreset {
  /** Kebab-case id; one id may carry several kinds (the rule of thumb), one entry per kind. */
  readonly id: string;
  readonly kind: FactorKind;
  readonly label: string;
  /** Label for the Chinese UI. */
  readonly labelZh: string;
  /** Points sorted by strictly increasing year. */
  readonly values: ReadonlyArray<FactorPoint>;
  readonly displayUnit: FactorDisplayUnit;
  /** Title, publisher and date of the source. */
  readonly source: string;
  /** Where the value was found (often a report of the source, not the source itself). */
  readonly sourceUrl?: string;
  readonly note?: string;
}

/** 1 kg/kWh = 1000 kg / 1000 kWh = 1 t/MWh. */
export const TONNES_PER_MWH_PER_KG_PER_KWH = 1;

/** Tonnes per MWh in one display unit, for converting to and from what sources print. */
const TONNES_PER_MWH_PER_DISPLAY_UNIT: Readonly<Record<FactorDisplayUnit, number>> = {
  'g/kWh': TONNES_PER_MWH_PER_G_PER_KWH,
  'kg/kWh': TONNES_PER_MWH_PER_KG_PER_KWH,
  't/MWh': 1,
};

/**
 * The carbon (碳) figure of the "节约1度电" rule of thumb, 0.272 kg C/kWh, in t/MWh. It is carbon
 * mass, 0.997 kg CO2 × 12/44 (= 0.2719), not dust: the common "碳粉尘" wording is a misnomer.
 * Not a preset kind, because pvplan reports CO2, not carbon.
 */
export const RULE_OF_THUMB_CARBON_TONNES_PER_MWH = 0.272 * TONNES_PER_MWH_PER_KG_PER_KWH;

const g = (gramsPerKWh: number): number => gramsPerKWh * TONNES_PER_MWH_PER_G_PER_KWH;
const kg = (kilogramsPerKWh: number): number => kilogramsPerKWh * TONNES_PER_MWH_PER_KG_PER_KWH;
const t = (tonnesPerMWh: number): number => tonnesPerMWh;

const RULE_OF_THUMB_SOURCE =
  'Chinese energy-saving rule of thumb "每节约1度电 … 0.4千克标准煤 … 0.272千克碳 … 0.997千克CO2 … 0.03千克SO2 … 0.015千克NOx", ' +
  'attributed only to "专家统计/专家测算"; no primary publication found. Earliest dated copy found: 中国青年网, 2017-08-04';
const RULE_OF_THUMB_URL = 'http://news.china.com/news100/11038989/20170804/31034439.html';
const RULE_OF_THUMB_NOTE =
  'A rule of thumb, not a statistic: 0.4 kgce/kWh is an old coal-equivalent (等价值) conversion, above any ' +
  'national supply coal consumption since 2010 (333 g/kWh). 0.997 = 0.272 × 44/12, where 0.272 kg is carbon, not dust.';

const MEE_NBS_2021 =
  '《关于发布2021年电力二氧化碳排放因子的公告》(公告2024年第12号), 生态环境部 & 国家统计局, 2024-04-12';
const MEE_NBS_2022 = '《关于发布2022年电力二氧化碳排放因子的公告》, 生态环境部 & 国家统计局, dated 2024-12-20, released 2024-12-26';
const MEE_NBS_2023 = '《关于发布2023年电力二氧化碳排放因子的公告》, 生态环境部 & 国家统计局, reported 2026-01 (光明日报, 中国电力报)';

function freezePreset(preset: FactorPreset): FactorPreset {
  for (const point of preset.values) Object.freeze(point);
  Object.freeze(preset.values);
  return Object.freeze(preset);
}

/** Every published factor pvplan ships, one entry per (id, kind). */
export const FACTOR_PRESETS: ReadonlyArray<FactorPreset> = Object.freeze(
  (
    [
      {
        id: 'cn-rule-of-thumb',
        kind: 'coal',
        label: 'Rule of thumb: 0.4 kg standard coal per kWh saved',
        labelZh: '经验值：每节约1度电节约0.4千克标准煤',
        values: [{ year: 2017, tonnesPerMWh: kg(0.4), basis: 'first-seen' }],
        displayUnit: 'kg/kWh',
        source: RULE_OF_THUMB_SOURCE,
        sourceUrl: RULE_OF_THUMB_URL,
        note: RULE_OF_THUMB_NOTE,
      },
      {
        id: 'cn-rule-of-thumb',
        kind: 'co2',
        label: 'Rule of thumb: 0.997 kg CO2 per kWh saved',
        labelZh: '经验值：每节约1度电减排0.997千克二氧化碳',
        values: [{ year: 2017, tonnesPerMWh: kg(0.997), basis: 'first-seen' }],
        displayUnit: 'kg/kWh',
        source: RULE_OF_THUMB_SOURCE,
        sourceUrl: RULE_OF_THUMB_URL,
        note: RULE_OF_THUMB_NOTE,
      },
      {
        id: 'cn-rule-of-thumb',
        kind: 'so2',
        label: 'Rule of thumb: 0.03 kg SO2 per kWh saved',
        labelZh: '经验值：每节约1度电减排0.03千克二氧化硫',
        values: [{ year: 2017, tonnesPerMWh: kg(0.03), basis: 'first-seen' }],
        displayUnit: 'kg/kWh',
        source: RULE_OF_THUMB_SOURCE,
        sourceUrl: RULE_OF_THUMB_URL,
        note: `${RULE_OF_THUMB_NOTE} The SO2 and NOx figures were not checked against any emission statistic; treat them as legacy.`,
      },
      {
        id: 'cn-rule-of-thumb',
        kind: 'nox',
        label: 'Rule of thumb: 0.015 kg NOx per kWh saved',
        labelZh: '经验值：每节约1度电减排0.015千克氮氧化物',
        values: [{ year: 2017, tonnesPerMWh: kg(0.015), basis: 'first-seen' }],
        displayUnit: 'kg/kWh',
        source: RULE_OF_THUMB_SOURCE,
        sourceUrl: RULE_OF_THUMB_URL,
        note: `${RULE_OF_THUMB_NOTE} The SO2 and NOx figures were not checked against any emission statistic; treat them as legacy.`,
      },
      {
        id: 'cn-coal-supply-cec',
        kind: 'coal',
        label: 'China average coal consumption of power supply, thermal plants ≥ 6 MW (2025: target)',
        labelZh: '全国6000千瓦及以上火电厂供电标准煤耗（2025年为目标值）',
        values: [
          { year: 2010, tonnesPerMWh: g(333), basis: 'statistic' },
          { year: 2015, tonnesPerMWh: g(315), basis: 'statistic' },
          { year: 2020, tonnesPerMWh: g(305.5), basis: 'statistic' },
          { year: 2022, tonnesPerMWh: g(300.7), basis: 'statistic' },
          { year: 2025, tonnesPerMWh: g(300), basis: 'target' },
        ],
        displayUnit: 'g/kWh',
        source:
          'National power statistics (中电联/国家能源局): 2010 via SERC/NDRC (Interfax, 2011-10-25); 2015 via NEA (Reuters, 2016-01-17); ' +
          '2020 and the 2025 target via the NDRC/NEA 全国煤电机组改造升级实施方案 statement (Reuters, 2021-11-03); ' +
          '2022 via 中电联《中国电力行业年度发展报告2023》 (人民日报, 2023-07-10)',
        sourceUrl: 'https://tothetick.com/ndrc-china-to-improve-coal-fired-power-plants/',
        note: 'Coal burned per kWh delivered by thermal plants (供电煤耗); what PV displaces at the margin if it displaces average coal power. 2025 is a target, not a statistic.',
      },
      {
        id: 'cn-grid-ets-2022',
        kind: 'co2',
        label: 'National grid average emission factor for 2022 (carbon market)',
        labelZh: '2022年度全国电网平均排放因子（全国碳市场）',
        values: [{ year: 2022, tonnesPerMWh: t(0.5703), basis: 'statistic' }],
        displayUnit: 't/MWh',
        source:
          '《关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知》(环办气候函〔2023〕43号), 生态环境部办公厅, 2023-02-07',
        sourceUrl: 'http://tanpaifang.com/tanguwen/2023/0215/94510.html',
        note: 'Used by the national ETS for purchased electricity; the notice says updates, if any, are published at year end.',
      },
      {
        id: 'cn-electricity-2022-mee-nbs',
        kind: 'co2',
        label: 'National average electricity CO2 emission factor, 2022 (MEE & NBS)',
        labelZh: '2022年全国电力平均二氧化碳排放因子（生态环境部、国家统计局）',
        values: [{ year: 2022, tonnesPerMWh: kg(0.5366), basis: 'statistic' }],
        displayUnit: 'kg/kWh',
        source: MEE_NBS_2022,
        sourceUrl: 'https://daydaynews.cc/zh-hant/finance/3899452.html',
      },
      {
        id: 'cn-electricity-mee-nbs',
        kind: 'co2',
        label: 'National average electricity CO2 emission factor, 2021–2023 series (MEE & NBS)',
        labelZh: '全国电力平均二氧化碳排放因子 2021—2023年（生态环境部、国家统计局）',
        values: [
          { year: 2021, tonnesPerMWh: kg(0.5568), basis: 'statistic' },
          { year: 2022, tonnesPerMWh: kg(0.5366), basis: 'statistic' },
          { year: 2023, tonnesPerMWh: kg(0.5306), basis: 'statistic' },
        ],
        displayUnit: 'kg/kWh',
        source: `${MEE_NBS_2021}; ${MEE_NBS_2022}; ${MEE_NBS_2023}`,
        sourceUrl: 'https://www.163.com/dy/article/KIQVBKCG05567I2C.html',
      },
      {
        id: 'cn-electricity-residual-mee-nbs',
        kind: 'co2',
        label: 'National average electricity CO2 factor excluding market-traded non-fossil power, 2021–2023 (MEE & NBS)',
        labelZh: '全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）2021—2023年',
        values: [
          { year: 2021, tonnesPerMWh: kg(0.5942), basis: 'statistic' },
          { year: 2022, tonnesPerMWh: kg(0.5856), basis: 'statistic' },
          { year: 2023, tonnesPerMWh: kg(0.6096), basis: 'statistic' },
        ],
        displayUnit: 'kg/kWh',
        source: `${MEE_NBS_2021}; ${MEE_NBS_2022}; ${MEE_NBS_2023}`,
        sourceUrl: 'https://daydaynews.cc/zh-hant/finance/3899452.html',
        note: 'The residual mix for buyers of ordinary grid power when green power is traded separately; it rises as green-power trading grows.',
      },
      {
        id: 'cn-fossil-electricity-mee-nbs',
        kind: 'co2',
        label: 'National fossil-fuel electricity CO2 emission factor, 2021–2023 (MEE & NBS)',
        labelZh: '全国化石能源电力二氧化碳排放因子 2021—2023年',
        values: [
          { year: 2021, tonnesPerMWh: kg(0.8426), basis: 'statistic' },
          { year: 2022, tonnesPerMWh: kg(0.8325), basis: 'statistic' },
          { year: 2023, tonnesPerMWh: kg(0.8273), basis: 'statistic' },
        ],
        displayUnit: 'kg/kWh',
        source: `${MEE_NBS_2021}; ${MEE_NBS_2022}; ${MEE_NBS_2023}`,
        sourceUrl: 'https://daydaynews.cc/zh-hant/finance/3899452.html',
        note: 'CO2 per kWh of fossil generation only: the avoided emission if PV displaces fossil power rather than the average mix.',
      },
      {
        id: 'article-datang-2022',
        kind: 'coal',
        label: "Seed article's Datang figure: 4.58万 t coal ÷ 1.135亿 kWh",
        labelZh: '文章口径：大唐项目 4.58万吨煤 ÷ 1.135亿千瓦时',
        values: [{ year: 2022, tonnesPerMWh: g(403.5), basis: 'derived' }],
        displayUnit: 'g/kWh',
        source: '“振兴工业看文登”⑦:招商“一盘棋”产业“一条链”, 齐鲁晚报·齐鲁壹点, 2022-08 (seed article)',
        note: 'Implied by the article (45,800 t / 113,500 MWh = 403.5 g/kWh); the article does not say how its coal figure was computed.',
      },
    ] satisfies FactorPreset[]
  ).map(freezePreset),
);

/** The presets of each id (one per kind), in registry order: every scenario resolution looks its factors up here. */
const PRESETS_BY_ID: ReadonlyMap<string, readonly FactorPreset[]> = FACTOR_PRESETS.reduce((byId, preset) => byId.set(preset.id, [...(byId.get(preset.id) ?? []), preset]), new Map<string, FactorPreset[]>());

/** Sorted unique preset ids, optionally only those with a given kind. */
export function factorPresetIds(kind?: FactorKind): string[] {
  const ids = new Set<string>();
  for (const preset of FACTOR_PRESETS) if (kind === undefined || preset.kind === kind) ids.add(preset.id);
  return [...ids].sort();
}

/** Every preset, optionally only those of one kind, in registry order (for `pvplan factors`). */
export function listFactorPresets(kind?: FactorKind): FactorPreset[] {
  return FACTOR_PRESETS.filter((preset) => kind === undefined || preset.kind === kind);
}

/**
 * The preset with this id (and kind, needed only when the id has several kinds).
 * Throws an Error naming the valid ids, or the id's kinds, when the lookup is unknown or ambiguous.
 * @example getPreset('cn-rule-of-thumb', 'co2').values[0].tonnesPerMWh // 0.997
 */
export function getPreset(id: string, kind?: FactorKind): FactorPreset {
  const matches = PRESETS_BY_ID.get(id) ?? [];
  if (matches.length === 0) {
    throw new Error(`getPreset: unknown factor preset '${id}'; valid ids: ${factorPresetIds().join(', ')}`);
  }
  const kinds = matches.map((preset) => preset.kind).join(', ');
  if (kind === undefined) {
    if (matches.length > 1) {
      throw new Error(`getPreset: factor preset '${id}' has several kinds (${kinds}); say which one`);
    }
    return matches[0]!;
  }
  const match = matches.find((preset) => preset.kind === kind);
  if (match === undefined) {
    throw new Error(`getPreset: factor preset '${id}' has no '${kind}' factor; it has: ${kinds}`);
  }
  return match;
}

/** A preset's points as a year series in t/MWh, ready for `PlanInput.savings`. */
export function presetYearSeries(preset: FactorPreset): YearSeries {
  return preset.values.map((point) => ({ year: point.year, value: point.tonnesPerMWh }));
}

/**
 * A preset's factor in `year`, t/MWh: linear interpolation between its points, held flat outside them.
 * @example presetTonnesPerMWhAt(getPreset('cn-coal-supply-cec'), 2012) // 0.3258 (333 → 315 g/kWh over 2010–2015)
 */
export function presetTonnesPerMWhAt(preset: FactorPreset, year: number): number {
  if (!Number.isFinite(year)) throw new Error(`presetTonnesPerMWhAt: year must be a finite number, got ${year}`);
  return seriesValueAt(presetYearSeries(preset), year);
}

/** A factor in t/MWh expressed in a display unit (g/kWh = t/MWh ÷ 0.001; kg/kWh = t/MWh). */
export function factorInDisplayUnit(tonnesPerMWh: number, unit: FactorDisplayUnit): number {
  return tonnesPerMWh / TONNES_PER_MWH_PER_DISPLAY_UNIT[unit];
}
