/**
 * The physical yield step of resolving a scenario: `yield.model: physical` gets its first-year full-load hours
 * from the PVWatts-grade chain (physical-yield.ts, whose runs are cached by settings and weather content), through
 * a resolver the caller chooses (a file's resolver knows the folder relative weather paths start from).
 */
import type { PhysicalYieldIssue } from './physical-yield.ts';
import type { Collector } from './quantities.ts';
import type { Scenario } from './schema.ts';

/** The physical yield model's fields as written: the PVWatts preset choice, site, array and weather. */
export type PhysicalYieldSection = Pick<Scenario['yield'], 'preset' | 'moduleType' | 'arrayType' | 'site' | 'array' | 'weather'>;

/** Computes the first-year specific yield (kWh/kWp) of a physical yield section, or the problems preventing it. */
export type PhysicalYieldResolver = (section: PhysicalYieldSection) => { fullLoadHours?: number; issues: readonly PhysicalYieldIssue[] };

export const PHYSICAL_ONLY_FIELDS = ['preset', 'moduleType', 'arrayType', 'site', 'array', 'weather'] as const;

/** The physical model's full-load hours (kWh/kWp, first year) from the resolver, with its problems added to `c`. */
export function physicalYieldHours(c: Collector, y: Scenario['yield'], resolver: PhysicalYieldResolver): number {
  if (y.value !== undefined) c.add(['yield', 'value'], "the physical model computes the yield from site, array and weather: remove 'value'");
  const { fullLoadHours, issues } = resolver({ preset: y.preset, moduleType: y.moduleType, arrayType: y.arrayType, site: y.site, array: y.array, weather: y.weather });
  for (const issue of issues) c.add([...issue.path], issue.message);
  if (fullLoadHours === undefined) return Number.NaN;
  if (!(fullLoadHours > 0 && fullLoadHours <= 8784)) c.add(['yield', 'weather'], `expected the weather to give a specific yield above 0 and at most 8784 kWh/kWp, got ${fullLoadHours}`);
  return fullLoadHours;
}
