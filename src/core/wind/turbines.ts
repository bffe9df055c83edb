/**
 * Published power curves: a small library of onshore and offshore turbines, each copied as data from the
 * OpenEnergy Database (OEDB) turbine library as windpowerlib v0.2 ships it (`windpowerlib/oedb/power_curves.csv`
 * and `turbine_data.csv`, https://openenergy-platform.org/dataedit/view/supply/wind_turbine_library, CC-BY 4.0);
 * power converted from W to kW, points OEDB leaves empty left out, trailing zeros after the cut-out ramp dropped
 * (they change no interpolated value). Curves are at the standard density 1.225 kg/m³. Where OEDB cites a datasheet
 * or catalogue, `source` names it too. See docs/wind.md for the table.
 */
import type { PowerCurve } from './power-curve.ts';

/** Where a turbine stands: on land, or at sea. */
export type TurbineSiting = 'onshore' | 'offshore';

/** A turbine type: nameplate, rotor, the hub heights it is offered with, and its power curve with its source. */
export interface Turbine {
  /** Identifier as OEDB/windpowerlib writes it (`V90/2000`), what `--turbine` takes. */
  readonly id: string;
  readonly manufacturer: string;
  /** Commercial name. */
  readonly name: string;
  /** Nameplate power (kW). The curve may exceed it by up to 1 % where the manufacturer publishes so. */
  readonly ratedPowerKW: number;
  readonly rotorDiameterM: number;
  /** Hub heights offered (m); empty where the source gives none (site-specific offshore towers). */
  readonly hubHeightsM: readonly number[];
  readonly siting: TurbineSiting;
  readonly powerCurve: PowerCurve;
  /** Where the data come from. */
  readonly source: string;
  /** What a user should know about the curve (e.g. where it stops). */
  readonly note?: string;
}

const OEDB = 'OEDB wind turbine library via windpowerlib v0.2 (windpowerlib/oedb/power_curves.csv, turbine_data.csv)';

const halfSteps = (from: number, to: number): number[] => Array.from({ length: Math.round((to - from) * 2) + 1 }, (_, i) => from + i / 2);
const wholeSteps = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The turbine library, in the order `pvplan wind --list-turbines` prints it. */
export const TURBINES: readonly Turbine[] = [
  {
    id: 'V90/2000',
    manufacturer: 'Vestas',
    name: 'V90-2.0 MW',
    ratedPowerKW: 2000,
    rotorDiameterM: 90,
    hubHeightsM: [80],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: halfSteps(0, 16.5),
      powerKW: [0, 0, 0, 0, 0, 0, 0, 42.2, 93.3, 145.2, 211.3, 284.2, 390.9, 491.5, 601.1, 731.8, 884.5, 1087.6, 1247.1, 1429.6, 1594.3, 1742.9, 1861.2, 1948.1, 1993.3, 2003.5, 2007, 2007.7, 2007.3, 2007.4, 2007, 2006.8, 2006.7, 2006.5],
    },
    source: `${OEDB}; OEDB cites wind-turbine-models.com/turbines/16-vestas-v90`,
    note: 'the OEDB curve ends at 16.5 m/s; as in windpowerlib, the turbine gives 0 above the last point',
  },
  {
    id: 'V112/3075',
    manufacturer: 'Vestas',
    name: 'V112-3.075 MW',
    ratedPowerKW: 3075,
    rotorDiameterM: 112,
    hubHeightsM: [84, 94, 119],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: halfSteps(0, 25),
      powerKW: [0, 0, 0, 0, 0, 0, 26, 73, 133, 207, 302, 416, 554, 717, 907, 1126, 1375, 1652, 1958, 2282, 2585, 2821, 2997, 3050, 3067, 3074, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075, 3075],
    },
    source: `${OEDB}; OEDB cites wind-turbine-models.com/turbines/7-vestas-v112-onshore`,
    note: 'the V112-3.0 MW platform as rated 3,075 kW',
  },
  {
    id: 'V164/8000',
    manufacturer: 'MHI Vestas Offshore',
    name: 'V164-8.0 MW',
    ratedPowerKW: 8000,
    rotorDiameterM: 164,
    hubHeightsM: [105, 140],
    siting: 'offshore',
    powerCurve: {
      windSpeedsMPerS: [0, ...wholeSteps(1, 25)],
      powerKW: [0, 0, 0, 91.8, 526.7, 1123.1, 2043.9, 3134.6, 4486.4, 6393.2, 7363.8, 7834.4, 8026.4, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2, 8077.2],
    },
    source: `${OEDB}; OEDB cites wind-turbine-models.com/turbines/1419-mhi-vestas-offshore-v164-8.0-mw`,
    note: 'the published curve reaches 8,077 kW, 1 % above the nameplate',
  },
  {
    id: 'SWT120/3600',
    manufacturer: 'Siemens',
    name: 'SWT-3.6-120',
    ratedPowerKW: 3600,
    rotorDiameterM: 120,
    hubHeightsM: [90],
    siting: 'offshore',
    powerCurve: {
      windSpeedsMPerS: wholeSteps(3, 25),
      powerKW: [0, 174, 379, 686, 1108, 1667, 2378, 3094, 3487, 3588, 3599, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600],
    },
    source: `${OEDB}; OEDB cites windenergie-im-binnenland.de/powercurve.php`,
  },
  {
    id: 'E-126/4200',
    manufacturer: 'Enercon',
    name: 'E-126 EP4 (4.2 MW)',
    ratedPowerKW: 4200,
    rotorDiameterM: 127,
    hubHeightsM: [99, 135, 159],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: wholeSteps(1, 25),
      powerKW: [0, 0, 58, 185, 400, 745, 1200, 1790, 2450, 3120, 3660, 4000, 4150, 4200, 4200, 4200, 4200, 4200, 4200, 4200, 4200, 4200, 4200, 4200, 4200],
    },
    source: `${OEDB}; OEDB cites the ENERCON product overview 04/2017 (ENERCON_Produkt_de_042017.pdf)`,
  },
  {
    id: 'E-101/3050',
    manufacturer: 'Enercon',
    name: 'E-101 E2 (3.05 MW)',
    ratedPowerKW: 3050,
    rotorDiameterM: 101,
    hubHeightsM: [99, 124, 135, 149],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: halfSteps(0, 25.5),
      powerKW: [0, 0, 0, 0, 3, 22, 49, 92, 155, 240, 339, 480, 628, 830, 1035, 1292, 1549, 1820, 2090, 2350, 2580, 2775, 2900, 2980, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 0],
    },
    source: `${OEDB}; OEDB cites the ENERCON product overview 04/2017 (ENERCON_Produkt_de_042017.pdf)`,
  },
  {
    id: 'N131/3600',
    manufacturer: 'Nordex',
    name: 'N131/3600 Delta',
    ratedPowerKW: 3600,
    rotorDiameterM: 131,
    hubHeightsM: [84, 106, 112, 134],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: halfSteps(0, 20),
      powerKW: [0, 0, 0, 0, 0, 0, 15, 90, 184, 301, 443, 610, 805, 1034, 1298, 1602, 1946, 2323, 2727, 3076, 3327, 3491, 3580, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600],
    },
    source: `${OEDB}; OEDB cites nordex-online.com and wind-turbine-models.com/turbines/1466-nordex-n-131-3600-delta`,
    note: 'the OEDB curve ends at 20 m/s; 0 above it',
  },
  {
    id: 'S126/6150',
    manufacturer: 'Senvion',
    name: '6.2M126',
    ratedPowerKW: 6150,
    rotorDiameterM: 126,
    hubHeightsM: [95, 110, 112, 114, 117],
    siting: 'offshore',
    powerCurve: {
      windSpeedsMPerS: halfSteps(0, 30),
      powerKW: [
        0, 0, 0, 0, 0, 0, 0, 12, 75, 166.9, 288.3, 448.3, 638.1, 874.2, 1121.4, 1396.1, 1731.3, 2099.5, 2481.2, 2968.5, 3431, 3929, 4423.8, 4956.4, 5469, 5850.4, 6106.2, 6167.5,
        ...Array.from({ length: 33 }, () => 6168.82),
      ],
    },
    source: `${OEDB}; OEDB cites senvion.com (6.2M126) and wind-turbine-models.com/turbines/887 and /884`,
  },
  {
    id: 'VS112/2500',
    manufacturer: 'Vensys (Goldwind group)',
    name: 'VENSYS 112 2.5 MW',
    ratedPowerKW: 2500,
    rotorDiameterM: 112,
    hubHeightsM: [93.5, 143.5],
    siting: 'onshore',
    powerCurve: {
      windSpeedsMPerS: [0, ...wholeSteps(1, 26)],
      powerKW: [0, 0, 0, 0, 154.2, 315.9, 548.5, 871.1, 1290.1, 1808.8, 2269.5, 2465.1, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 2500, 0],
    },
    source: OEDB,
    note: 'Vensys is majority-owned by Goldwind; the Goldwind GW 2.5 MW permanent-magnet direct-drive turbines (GW109/GW121) derive from this platform',
  },
  {
    id: 'SCD168/8000',
    manufacturer: 'aerodyn',
    name: 'SCD 8.0/168',
    ratedPowerKW: 8000,
    rotorDiameterM: 168,
    hubHeightsM: [],
    siting: 'offshore',
    powerCurve: {
      windSpeedsMPerS: wholeSteps(1, 24),
      powerKW: [0, 0, 0, 100, 500, 1000, 2000, 3000, 4000, 5000, 6000, 7500, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000],
    },
    source: `${OEDB}; OEDB cites wind-turbine-models.com/turbines/1116-aerodyn-scd-8.0-168`,
    note: 'the two-blade Super Compact Drive design behind Mingyang\'s SCD offshore series; a coarse published curve (round values); no hub height in the OEDB record',
  },
];

/**
 * The library turbine whose id matches `id` (case and surrounding blanks ignored), or undefined.
 * @example findTurbine('v90/2000')?.ratedPowerKW // 2000
 */
export function findTurbine(id: string): Turbine | undefined {
  const key = id.trim().toLowerCase();
  return TURBINES.find((t) => t.id.toLowerCase() === key);
}
