/**
 * The one registry of plausible ranges: what a value of each kind usually is, in the unit people quote it in,
 * why, and the published source. The plausibility checks (plausibility.ts) read it, and docs/plausibility.md
 * shows it as a table (plausibilityTableMarkdown; a test keeps the two in step). A value outside its range is not an
 * error — a planner may mean it — but a warning that names the range and the likely slip.
 */
import { LRUCache } from 'lru-cache';

/** One plausible range. `min`/`max` are in `unit`; `toInternal` converts that unit to pvplan's internal one. */
export interface PlausibleRange {
  readonly id: RangeId;
  /** What the range is about, as a table row names it. */
  readonly quantity: string;
  readonly min?: number;
  readonly max?: number;
  /** Unit of min, max and the value a warning shows. */
  readonly unit: string;
  /** Multiply a value in `unit` by this to get the internal unit (t/MWh, fraction, h). */
  readonly toInternal: number;
  readonly why: string;
  readonly source: string;
}

export type RangeId =
  | 'coalIntensity'
  | 'co2Factor'
  | 'growthRate'
  | 'annualDegradation'
  | 'firstYearDegradation'
  | 'curtailment'
  | 'pvFullLoadHours'
  | 'pvFullLoadHoursZoneI'
  | 'pvFullLoadHoursZoneII'
  | 'pvFullLoadHoursZoneIII'
  | 'windFullLoadHours'
  | 'energyTargetHours'
  | 'tariff'
  | 'capexPerPower'
  | 'fixedOpexPerPower';

const NDRC_ZONES = 'resource zones of 国家发展改革委《关于发挥价格杠杆作用促进光伏产业健康发展的通知》(价格〔2013〕1638号)';
const REASONABLE_HOURS = '全生命周期合理利用小时数 of 财政部、发展改革委、国家能源局 财建〔2020〕426号: 32,000 / 26,000 / 22,000 h for zones I / II / III over 20 years, i.e. 1,600 / 1,300 / 1,100 h a year';

export const PLAUSIBLE_RANGES: Readonly<Record<RangeId, PlausibleRange>> = {
  coalIntensity: {
    id: 'coalIntensity',
    quantity: 'coal saved per unit of energy (savings.coal)',
    min: 250,
    max: 450,
    unit: 'g/kWh',
    toInternal: 0.001,
    why: "China's coal-fired supply consumption is 300–335 g/kWh (2010–2022); the best ultra-supercritical units burn about 265 g/kWh and the old rule of thumb says 400 g/kWh. Outside 250–450 g/kWh the figure is a slip (4035 for 403.5) or not standard coal",
    source: '全国6000千瓦及以上火电厂供电标准煤耗: 333 g/kWh (2010), 300.7 g/kWh (2022), 中电联《中国电力行业年度发展报告2023》; the presets and their sources in docs/factors.md',
  },
  co2Factor: {
    id: 'co2Factor',
    quantity: 'CO2 avoided per unit of energy (savings.co2)',
    min: 0.3,
    max: 1.2,
    unit: 't/MWh',
    toInternal: 1,
    why: "Grid averages run from about 0.3 t/MWh (hydro- and nuclear-rich grids) to 0.9 (coal grids); a coal plant alone emits 0.8–1.1. Outside 0.3–1.2 t/MWh the unit is likely wrong (kg/kWh for g/kWh, or carbon for CO2)",
    source: "China's national grid factor 0.5703 t/MWh (生态环境部, 2022 carbon-market factor); IPCC 2006 Guidelines vol. 2 ch. 1 (coal 94.6–101 t CO2/TJ of fuel, i.e. 0.8–1.1 t/MWh at 33–40 % efficiency)",
  },
  growthRate: {
    id: 'growthRate',
    quantity: 'compound growth of capacity (capacity.growth.rate, or the rate a target implies)',
    min: 0,
    max: 100,
    unit: '%/yr',
    toInternal: 0.01,
    why: "Doubling every year for several years is beyond any build-out on record: China's PV capacity grew from about 19 GW (2013) to 130 GW (2017), some 60 % a year, at its fastest. A target below the baseline (a negative rate) is usually a unit slip (450 MW for 450万千瓦)",
    source: 'National Energy Administration (国家能源局) year-end PV capacity statistics, 2013–2017',
  },
  annualDegradation: {
    id: 'annualDegradation',
    quantity: 'yearly degradation of PV output (yield.degradation.annual)',
    max: 3,
    unit: '%/yr',
    toInternal: 0.01,
    why: 'Field studies find a median of 0.5 %/yr and 1 %/yr or less for most systems; above 3 %/yr a plant loses a quarter of its output in 8 years, a defect, not a planning assumption',
    source: 'Jordan & Kurtz 2013, "Photovoltaic degradation rates — an analytical review", Prog. Photovolt. 21:12–29 (NREL/JA-5200-51664)',
  },
  firstYearDegradation: {
    id: 'firstYearDegradation',
    quantity: 'first-year degradation (yield.degradation.firstYear)',
    max: 5,
    unit: '%',
    toInternal: 0.01,
    why: 'Light-induced degradation takes 1–3 % in the first months; module warranties guarantee at most 2–3 % in year 1',
    source: 'Jordan & Kurtz 2013 (as above); IEC 61215 stabilisation; manufacturer warranties (e.g. ≤ 2 % in year 1)',
  },
  curtailment: {
    id: 'curtailment',
    quantity: 'curtailment (yield.curtailment)',
    max: 30,
    unit: '%',
    toInternal: 0.01,
    why: "The worst provincial PV curtailment China has reported was about 32 % (Xinjiang, 2016) and 30 % (Gansu, 2016); the national rate has been under 3 % since 2019",
    source: '国家能源局 2016年光伏发电统计信息 (弃光率: 新疆 32.2 %, 甘肃 30.5 %); 全国新能源消纳监测预警中心',
  },
  pvFullLoadHours: {
    id: 'pvFullLoadHours',
    quantity: 'PV full-load hours (specific yield), anywhere',
    min: 600,
    max: 2400,
    unit: 'h',
    toInternal: 1,
    why: "The sunniest country's average fixed-tilt PV output is 5.38 kWh/kWp a day (1,965 h a year, Namibia); single-axis tracking adds up to a fifth. Below 600 h even a rooftop in the cloudiest climates produces more",
    source: 'World Bank / ESMAP & Solargis, Global Photovoltaic Power Potential by Country (2020), from the Global Solar Atlas (PVOUT)',
  },
  pvFullLoadHoursZoneI: {
    id: 'pvFullLoadHoursZoneI',
    quantity: 'PV full-load hours in China, resource zone I (Ningxia, Qinghai, Gansu, Xinjiang, Inner Mongolia, Tibet)',
    min: 600,
    max: 2400,
    unit: 'h',
    toInternal: 1,
    why: 'The state\'s reasonable utilisation of zone I is 1,600 h a year; the best tracked plants beat a zone\'s figure by up to half',
    source: `${REASONABLE_HOURS}; ${NDRC_ZONES}`,
  },
  pvFullLoadHoursZoneII: {
    id: 'pvFullLoadHoursZoneII',
    quantity: 'PV full-load hours in China, resource zone II (Beijing, Tianjin, the north-east, Hebei, Shanxi, Shaanxi, Sichuan, Yunnan)',
    min: 600,
    max: 1950,
    unit: 'h',
    toInternal: 1,
    why: "The state's reasonable utilisation of zone II is 1,300 h a year; the best tracked plants beat it by up to half",
    source: `${REASONABLE_HOURS}; ${NDRC_ZONES}`,
  },
  pvFullLoadHoursZoneIII: {
    id: 'pvFullLoadHoursZoneIII',
    quantity: 'PV full-load hours in China, resource zone III (the east and south: Shandong, Jiangsu, Zhejiang, Guangdong, …)',
    min: 600,
    max: 1650,
    unit: 'h',
    toInternal: 1,
    why: "The state's reasonable utilisation of zone III is 1,100 h a year (national average 1,337 h in 2022, NEA); the best tracked plants beat it by up to half",
    source: `${REASONABLE_HOURS}; ${NDRC_ZONES}; NEA national PV utilisation hours 2022`,
  },
  windFullLoadHours: {
    id: 'windFullLoadHours',
    quantity: 'wind full-load hours (projects of technology wind-onshore or wind-offshore)',
    min: 1000,
    max: 4800,
    unit: 'h',
    toInternal: 1,
    why: "China's national average was 2,221 h in 2022; the best offshore farms reach capacity factors near 50–55 % (4,400–4,800 h); below 1,000 h (11 %) no farm is built",
    source: 'NEA national wind utilisation hours 2022 (press conference of 2023-02); IRENA, Renewable Power Generation Costs in 2022 (capacity factors by project)',
  },
  energyTargetHours: {
    id: 'energyTargetHours',
    quantity: 'full-load hours an energy target asks of the capacity it counts (targets[].energy / planned operating capacity in the target year)',
    min: 100,
    max: 8784,
    unit: 'h',
    toInternal: 1,
    why: 'Below 100 h a year the target is met ten times over by any PV or wind fleet (PV gives 1,000–1,600 h, wind 1,000–4,800 h): a slip of 万/亿 or of kWh for MWh is likelier. Above 8,784 h even running every hour of a leap year at full power the counted capacity could not produce it',
    source: 'hours in a leap year (366 × 24); the PV and wind ranges of this table',
  },
  tariff: {
    id: 'tariff',
    quantity: 'electricity tariff (finance.tariff)',
    min: 0.05,
    max: 5,
    unit: '元/kWh',
    toInternal: 1,
    why: "China's provincial coal benchmark tariffs run from about 0.25 元/kWh (Xinjiang) to 0.45 (Guangdong), and peak or retail prices stay below about 2 元/kWh; a value 1000 times off is a kWh/MWh slip (0.3949元/MWh for 0.3949元/kWh)",
    source: 'NDRC 发改价格规〔2019〕1658号 and the provincial coal-fired benchmark on-grid tariffs it keeps (Shandong 0.3949 元/kWh; docs/finance.md)',
  },
  capexPerPower: {
    id: 'capexPerPower',
    quantity: 'capital cost per power (finance capex)',
    min: 0.3,
    max: 50,
    unit: '元/W',
    toInternal: 1,
    why: 'Utility PV costs about 3–4 元/W, onshore wind 5–7, offshore wind about 21 (the presets of docs/finance.md); below 0.3 or above 50 元/W is a W/kW slip',
    source: 'Presets of docs/finance.md: CPIA via Wang Bohua 2022 (4.15 元/W), CREEI 中国可再生能源发展报告2021 (5.8–21 元/W)',
  },
  fixedOpexPerPower: {
    id: 'fixedOpexPerPower',
    quantity: 'fixed O&M per power and year (finance opex)',
    min: 1,
    max: 1000,
    unit: '元/kW',
    toInternal: 0.001,
    why: 'Fixed O&M of PV and wind is tens of 元/kW a year (70 元/kW for a commercial rooftop system); outside 1–1000 元/kW a year it is a W/kW slip',
    source: 'DIGITIMES 2017-08-25, 5 MWp rooftop system in Zhejiang: operating cost 0.07 元/W (docs/finance.md, preset cn-distributed-pv-opex-2017)',
  },
};

/** A Chinese province: its names as a region text may write them, its PV resource zone (the best zone within it) and its capital's latitude. */
export interface Province {
  readonly zh: string;
  readonly en: readonly string[];
  readonly zone: 'I' | 'II' | 'III';
  readonly latitudeDeg: number;
}

/**
 * China's provinces by PV resource zone (价格〔2013〕1638号; a province split between zones takes its best one, since
 * a region text does not say which part; Tibet, priced apart, is zone I: it has China's highest irradiation).
 * Latitudes are the capitals'.
 */
export const PROVINCES: readonly Province[] = [
  { zh: '宁夏', en: ['Ningxia'], zone: 'I', latitudeDeg: 38.5 },
  { zh: '青海', en: ['Qinghai'], zone: 'I', latitudeDeg: 36.6 },
  { zh: '甘肃', en: ['Gansu'], zone: 'I', latitudeDeg: 36.1 },
  { zh: '新疆', en: ['Xinjiang'], zone: 'I', latitudeDeg: 43.8 },
  { zh: '内蒙古', en: ['Inner Mongolia', 'Nei Mongol'], zone: 'I', latitudeDeg: 40.8 },
  { zh: '西藏', en: ['Tibet', 'Xizang'], zone: 'I', latitudeDeg: 29.7 },
  { zh: '北京', en: ['Beijing'], zone: 'II', latitudeDeg: 39.9 },
  { zh: '天津', en: ['Tianjin'], zone: 'II', latitudeDeg: 39.1 },
  { zh: '黑龙江', en: ['Heilongjiang'], zone: 'II', latitudeDeg: 45.8 },
  { zh: '吉林', en: ['Jilin'], zone: 'II', latitudeDeg: 43.9 },
  { zh: '辽宁', en: ['Liaoning'], zone: 'II', latitudeDeg: 41.8 },
  { zh: '河北', en: ['Hebei'], zone: 'II', latitudeDeg: 38.0 },
  { zh: '山西', en: ['Shanxi'], zone: 'II', latitudeDeg: 37.9 },
  { zh: '陕西', en: ['Shaanxi'], zone: 'II', latitudeDeg: 34.3 },
  { zh: '四川', en: ['Sichuan'], zone: 'II', latitudeDeg: 30.7 },
  { zh: '云南', en: ['Yunnan'], zone: 'II', latitudeDeg: 25.0 },
  { zh: '上海', en: ['Shanghai'], zone: 'III', latitudeDeg: 31.2 },
  { zh: '江苏', en: ['Jiangsu'], zone: 'III', latitudeDeg: 32.1 },
  { zh: '浙江', en: ['Zhejiang'], zone: 'III', latitudeDeg: 30.3 },
  { zh: '安徽', en: ['Anhui'], zone: 'III', latitudeDeg: 31.8 },
  { zh: '福建', en: ['Fujian'], zone: 'III', latitudeDeg: 26.1 },
  { zh: '江西', en: ['Jiangxi'], zone: 'III', latitudeDeg: 28.7 },
  { zh: '山东', en: ['Shandong'], zone: 'III', latitudeDeg: 36.7 },
  { zh: '河南', en: ['Henan'], zone: 'III', latitudeDeg: 34.8 },
  { zh: '湖北', en: ['Hubei'], zone: 'III', latitudeDeg: 30.6 },
  { zh: '湖南', en: ['Hunan'], zone: 'III', latitudeDeg: 28.2 },
  { zh: '广东', en: ['Guangdong'], zone: 'III', latitudeDeg: 23.1 },
  { zh: '广西', en: ['Guangxi'], zone: 'III', latitudeDeg: 22.8 },
  { zh: '海南', en: ['Hainan'], zone: 'III', latitudeDeg: 20.0 },
  { zh: '重庆', en: ['Chongqing'], zone: 'III', latitudeDeg: 29.6 },
  { zh: '贵州', en: ['Guizhou'], zone: 'III', latitudeDeg: 26.6 },
];

/** The first province a region text names (Chinese or English name), or undefined. @example provinceOf('山东省威海市文登区')?.en[0] // 'Shandong' */
export function provinceOf(region: string | undefined): Province | undefined {
  if (region === undefined) return undefined;
  // Every what-if asks again for the same few region texts.
  const known = PROVINCE_OF_REGION.get(region);
  if (known !== undefined) return known === NO_PROVINCE ? undefined : known;
  const found = findProvince(region);
  PROVINCE_OF_REGION.set(region, found ?? NO_PROVINCE);
  return found;
}

/** Marks a region text known to name no province (the cache holds objects only). */
const NO_PROVINCE = Object.freeze({}) as Province;
const PROVINCE_OF_REGION = new LRUCache<string, Province>({ max: 256 });
let englishPatterns: ReadonlyArray<readonly RegExp[]> | undefined;

function findProvince(region: string): Province | undefined {
  englishPatterns ??= PROVINCES.map((p) => p.en.map((name) => new RegExp(`\\b${name}\\b`, 'iu')));
  let best: { p: Province; at: number } | undefined;
  for (let k = 0; k < PROVINCES.length; k++) {
    const p = PROVINCES[k]!;
    const hits = [region.indexOf(p.zh), ...englishPatterns[k]!.map((re) => region.search(re))].filter((i) => i >= 0);
    const at = hits.length > 0 ? Math.min(...hits) : -1;
    if (at >= 0 && (!best || at < best.at)) best = { p, at };
  }
  return best?.p;
}

/** The PV full-load-hours range of a province's zone, or the worldwide one. */
export function pvHoursRange(province: Province | undefined): PlausibleRange {
  if (!province) return PLAUSIBLE_RANGES.pvFullLoadHours;
  return PLAUSIBLE_RANGES[`pvFullLoadHoursZone${province.zone}`];
}

const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toLocaleString('en-US'));

/** The registry as the markdown table of docs/plausibility.md. */
export function plausibilityTableMarkdown(): string {
  const rows = Object.values(PLAUSIBLE_RANGES).map((r) => `| ${r.quantity} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} | ${r.why} | ${r.source} |`);
  return ['| quantity | min | max | unit | why | source |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
