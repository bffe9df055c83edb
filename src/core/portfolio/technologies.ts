/**
 * Default yield, degradation and lifetime of each technology, with their sources (docs/portfolio.md lists
 * them). A project's yield override replaces the full-load hours; the rest apply to every project of the kind.
 */
import type { Technology } from './types.ts';

export interface TechnologyDefaults {
  /** Full-load hours a year of a new plant, h (kWh per kW); 0 for storage, which generates nothing itself. */
  readonly fullLoadHours: number;
  /** Loss of output (storage: of energy capacity) per year of age, 0–1. */
  readonly annualDegradationFrac: number;
  /** Operating years before retirement. */
  readonly lifetimeYears: number;
  /** Whether it is a PV technology (the aggregate plan's unnamed capacity is PV). */
  readonly isPv: boolean;
  /** Whether it generates energy and so can count toward a generation target (storage does not). */
  readonly generates: boolean;
  /** Where the numbers come from. */
  readonly source: string;
}

const PV_DEGRADATION = 'degradation 0.5 %/yr: median of field studies, Jordan & Kurtz 2013 (Prog. Photovolt. 21:12–29, NREL/JA-5200-51664)';
const WIND_DEGRADATION = 'degradation 1.6 %/yr: Staffell & Green 2014, "How does wind farm performance decline with age?", Renewable Energy 66:775–786';

/** The technology registry. */
export const TECHNOLOGY_DEFAULTS: Readonly<Record<Technology, TechnologyDefaults>> = {
  'pv-utility': {
    fullLoadHours: 1337,
    annualDegradationFrac: 0.005,
    lifetimeYears: 25,
    isPv: true,
    generates: true,
    source: `1337 h: national average PV utilisation hours 2022 (National Energy Administration, press conference of 2023-02); ${PV_DEGRADATION}; 25 years: common design life, pvplan's default`,
  },
  'pv-distributed': {
    fullLoadHours: 1100,
    annualDegradationFrac: 0.005,
    lifetimeYears: 25,
    isPv: true,
    generates: true,
    source: `1100 h: assumption, about 18 % below utility PV for roof tilts and orientations that follow the building, and more shading; ${PV_DEGRADATION}; 25 years`,
  },
  'pv-offshore': {
    fullLoadHours: 1250,
    annualDegradationFrac: 0.005,
    lifetimeYears: 25,
    isPv: true,
    generates: true,
    source: `1250 h: assumption between Wendeng's onshore 1135 h (the Datang project, 齐鲁晚报 2022) and the national 1337 h, for a coastal site with water cooling and salt soiling; ${PV_DEGRADATION}; 25 years`,
  },
  'wind-onshore': {
    fullLoadHours: 2221,
    annualDegradationFrac: 0.016,
    lifetimeYears: 20,
    isPv: false,
    generates: true,
    source: `2221 h: national average wind utilisation hours 2022 (National Energy Administration, 2023-02); ${WIND_DEGRADATION}; 20 years: design life of IEC 61400-1`,
  },
  'wind-offshore': {
    fullLoadHours: 2800,
    annualDegradationFrac: 0.016,
    lifetimeYears: 25,
    isPv: false,
    generates: true,
    source: `2800 h: assumption, capacity factor 32 % for Chinese offshore wind of the early 2020s; ${WIND_DEGRADATION} (onshore study, applied offshore as an assumption); 25 years: usual offshore design life`,
  },
  storage: {
    fullLoadHours: 0,
    annualDegradationFrac: 0.02,
    lifetimeYears: 15,
    isPv: false,
    generates: false,
    source: 'generates no energy of its own; 2 %/yr energy-capacity fade and 15 years: utility-scale lithium-ion battery in NREL Annual Technology Baseline 2023',
  },
};

/** Whether a technology counts toward a generation target: every technology but storage. */
export function generatesEnergy(technology: Technology): boolean {
  return TECHNOLOGY_DEFAULTS[technology].generates;
}
