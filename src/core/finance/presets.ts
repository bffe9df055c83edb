/**
 * A small registry of published prices and costs for project finance in China: the coal benchmark tariff a project
 * is paid (or compared with), and typical capex and O&M by technology. Every value is written in the unit its source
 * prints (元/kWh, 元/W, 元/Wh; O&M per year), with the source, the year the value describes and what the year means.
 * Sources, where each was found and what could not be verified are in docs/finance.md; keep the two in step.
 */

/** What a preset prices: the tariff (per kWh), the capital cost, or the yearly fixed O&M. */
export type FinancePresetKind = 'tariff' | 'capex' | 'opex';
export const FINANCE_PRESET_KINDS: readonly FinancePresetKind[] = ['tariff', 'capex', 'opex'];

export type FinanceTechnology = 'coal' | 'utility-pv' | 'distributed-pv' | 'onshore-wind' | 'offshore-wind' | 'storage';
export const FINANCE_TECHNOLOGIES: readonly FinanceTechnology[] = ['coal', 'utility-pv', 'distributed-pv', 'onshore-wind', 'offshore-wind', 'storage'];

/**
 * The unit of a preset's value, as written in quantity text (parseQuantity reads it): 元/kWh for tariffs, 元/W for
 * capex per power, 元/Wh for storage capex per energy; O&M is 元/W per year (the year is implied).
 */
export type FinancePresetUnit = 'CNY/kWh' | 'CNY/W' | 'CNY/Wh';

/**
 * What the year means: 'policy' — set by a regulation in force from that year; 'statistic' — an industry average for
 * that year; 'market' — prices seen in tenders of that year; 'derived' — computed by us from figures in the source.
 */
export type FinancePresetBasis = 'policy' | 'statistic' | 'market' | 'derived';

export interface FinancePreset {
  readonly id: string;
  readonly kind: FinancePresetKind;
  readonly technology: FinanceTechnology;
  readonly label: string;
  readonly labelZh: string;
  readonly value: number;
  readonly unit: FinancePresetUnit;
  readonly year: number;
  readonly basis: FinancePresetBasis;
  /** Title, publisher and date of the source. */
  readonly source: string;
  /** Where the value was found (often a report of the source, not the source itself). */
  readonly sourceUrl?: string;
  readonly note?: string;
}

/** Every finance preset pvplan ships, in the order `pvplan finance --presets` lists them. */
export const FINANCE_PRESETS: ReadonlyArray<FinancePreset> = Object.freeze(
  (
    [
      {
        id: 'cn-shandong-coal-benchmark',
        kind: 'tariff',
        technology: 'coal',
        label: "Shandong's coal-fired power benchmark price (燃煤发电基准价)",
        labelZh: '山东省燃煤发电基准价',
        value: 0.3949,
        unit: 'CNY/kWh',
        year: 2019,
        basis: 'policy',
        source:
          '国家发展改革委《关于深化燃煤发电上网电价形成机制改革的指导意见》(发改价格规〔2019〕1658号), 2019-10: the benchmark (基准价) is ' +
          "each province's current coal-fired benchmark on-grid tariff (标杆上网电价); Shandong's 0.3949 元/kWh as restated in " +
          "Shandong's 新能源上网电价市场化改革实施方案 (山东省发改委, 山东能源监管办, 山东省能源局, 2025-07-31)",
        sourceUrl: 'https://www.linkedin.com/pulse/shandong-issues-detailed-implementation-plan-pricing-reform-fishman-drddc',
        note:
          'The price wind and PV were paid at grid parity, the mechanism (strike) price for Shandong projects connected before 2025-06-01, ' +
          "and pvplan's default counterfactual cost for abatement.",
      },
      {
        id: 'cn-utility-pv-capex-2021',
        kind: 'capex',
        technology: 'utility-pv',
        label: 'Utility-scale (centralized) PV, installed cost, China average 2021',
        labelZh: '集中式光伏电站单位造价（2021年全国）',
        value: 4.15,
        unit: 'CNY/W',
        year: 2021,
        basis: 'statistic',
        source: 'Wang Bohua (王勃华), honorary chairman of the China Photovoltaic Industry Association (CPIA), Clean Energy Expo China 2022',
        sourceUrl: 'https://konferencjaskd2024.pl/22_11_24_19618.html',
        note: "Found only in a secondary copy; CPIA's own roadmap (中国光伏产业发展路线图) was not reachable. Module prices fell sharply after 2022: check current tenders.",
      },
      {
        id: 'cn-distributed-pv-capex-2017',
        kind: 'capex',
        technology: 'distributed-pv',
        label: 'Commercial rooftop PV, 5 MWp in Zhejiang, construction cost 2017',
        labelZh: '工商业屋顶分布式光伏（浙江5兆瓦）建设成本（2017年）',
        value: 5.8,
        unit: 'CNY/W',
        year: 2017,
        basis: 'market',
        source: 'DIGITIMES, "Rooftop PV systems at China commercial, factory buildings growing fast", 2017-08-25 (citing industry sources)',
        sourceUrl: 'http://www.digitimes.com/news/a20170823PD212.html',
        note: 'An old, single-project estimate: PV costs have more than halved since. Use it as an upper bound, not a 2025 price.',
      },
      {
        id: 'cn-distributed-pv-opex-2017',
        kind: 'opex',
        technology: 'distributed-pv',
        label: 'Commercial rooftop PV, 5 MWp in Zhejiang, operating cost per W and year, 2017',
        labelZh: '工商业屋顶分布式光伏（浙江5兆瓦）运营成本（2017年）',
        value: 0.07,
        unit: 'CNY/W',
        year: 2017,
        basis: 'market',
        source: 'DIGITIMES, "Rooftop PV systems at China commercial, factory buildings growing fast", 2017-08-25 (citing industry sources)',
        sourceUrl: 'http://www.digitimes.com/news/a20170823PD212.html',
        note: 'The source says "operating cost at CNY0.07/W" without saying per year; pvplan reads it as yearly (70 元/kW/yr).',
      },
      {
        id: 'cn-onshore-wind-capex-2021-plain',
        kind: 'capex',
        technology: 'onshore-wind',
        label: 'Onshore wind in open plains, capex, China 2021',
        labelZh: '平原地区陆上风电单位造价（2021年）',
        value: 5.8,
        unit: 'CNY/W',
        year: 2021,
        basis: 'statistic',
        source: 'China Renewable Energy Engineering Institute (水电水利规划设计总院, CREEI), 中国可再生能源发展报告2021 (2022), as summarized by Azure International',
        sourceUrl: 'https://www.azure-international.com/china-could-install-56-gw-of-new-installed-wind-capacity-in-2022-according-to-creei/',
        note: 'Printed as 5,800 CNY/kW.',
      },
      {
        id: 'cn-onshore-wind-capex-2021-mountain',
        kind: 'capex',
        technology: 'onshore-wind',
        label: 'Onshore wind in mountainous areas, capex, China 2021',
        labelZh: '山地陆上风电单位造价（2021年）',
        value: 7.2,
        unit: 'CNY/W',
        year: 2021,
        basis: 'statistic',
        source: 'China Renewable Energy Engineering Institute (水电水利规划设计总院, CREEI), 中国可再生能源发展报告2021 (2022), as summarized by Azure International',
        sourceUrl: 'https://www.azure-international.com/china-could-install-56-gw-of-new-installed-wind-capacity-in-2022-according-to-creei/',
        note: 'Printed as 7,200 CNY/kW.',
      },
      {
        id: 'cn-offshore-wind-capex-2021',
        kind: 'capex',
        technology: 'offshore-wind',
        label: 'Offshore wind, capex, China 2021 (midpoint of 18,500–23,500 CNY/kW)',
        labelZh: '海上风电单位造价（2021年，区间18500—23500元/千瓦的中值）',
        value: 21,
        unit: 'CNY/W',
        year: 2021,
        basis: 'derived',
        source: 'China Renewable Energy Engineering Institute (水电水利规划设计总院, CREEI), 中国可再生能源发展报告2021 (2022), as summarized by Azure International',
        sourceUrl: 'https://www.azure-international.com/china-could-install-56-gw-of-new-installed-wind-capacity-in-2022-according-to-creei/',
        note: 'The source gives a range, 18,500–23,500 CNY/kW; 21 元/W is its midpoint. 2021 was the rush year before the end of the central offshore subsidy.',
      },
      {
        id: 'cn-storage-epc-2023-06',
        kind: 'capex',
        technology: 'storage',
        label: 'Battery storage EPC, average winning bid, China, June 2023',
        labelZh: '电化学储能EPC中标均价（2023年6月）',
        value: 1.49,
        unit: 'CNY/Wh',
        year: 2023,
        basis: 'market',
        source: 'EnergyTrend (TrendForce), "Bidding Overview of Domestic Energy Storage in June", 2023-07-17',
        sourceUrl: 'https://www.energytrend.com/news/20230717-33390.html',
        note: 'Per Wh of storage energy, turnkey (EPC). The same month, storage system equipment alone averaged 1.04 元/Wh.',
      },
      {
        id: 'cn-storage-system-2025-06',
        kind: 'capex',
        technology: 'storage',
        label: 'LFP storage system (4 h), average bid, China Energy Engineering 25 GWh tender, June 2025',
        labelZh: '磷酸铁锂储能系统（4小时）平均报价，中国能建25GWh集采（2025年6月）',
        value: 0.4249,
        unit: 'CNY/Wh',
        year: 2025,
        basis: 'market',
        source: 'ESS News, "China Energy Engineering launches record 25 GWh storage tender as prices hit historic low", 2025-06-26',
        sourceUrl: 'https://www.ess-news.com/2025/06/26/china-energy-engineering-launches-record-25-gwh-storage-tender-as-prices-hit-historic-low/',
        note: 'Equipment only (package 3, 2.5 GW/10 GWh): add installation, grid connection and land for a project cost.',
      },
    ] satisfies FinancePreset[]
  ).map((preset) => Object.freeze(preset)),
);

/** Finance presets, optionally only one kind, in registry order. */
export function listFinancePresets(kind?: FinancePresetKind): FinancePreset[] {
  return FINANCE_PRESETS.filter((preset) => kind === undefined || preset.kind === kind);
}

/**
 * The finance preset with this id; throws an Error naming the valid ids when it is unknown.
 * @example getFinancePreset('cn-shandong-coal-benchmark').value // 0.3949 (元/kWh)
 */
export function getFinancePreset(id: string): FinancePreset {
  const preset = FINANCE_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`getFinancePreset: unknown finance preset '${id}'; valid ids: ${FINANCE_PRESETS.map((p) => p.id).join(', ')}`);
  return preset;
}

/** Shandong's coal benchmark tariff, 元/kWh: the default tariff and the default counterfactual cost for abatement. */
export const SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH = getFinancePreset('cn-shandong-coal-benchmark').value;
