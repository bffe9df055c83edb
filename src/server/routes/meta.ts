/**
 * GET /api/meta — what the page needs to know and must not copy: the metric registry (fields, units, labels in
 * English and Chinese, running totals, charts), the display units of each unit system and their natural
 * magnitudes (MW/GW, 万千瓦/亿千瓦, …), the units the what-if inputs are written in, the merge rules of
 * `extends`, and the server's limits.
 */
import type { FastifyInstance } from 'fastify';
import { allMetrics, DISPLAY_MAGNITUDES, DISPLAY_UNITS, type Dimension } from '../../core/metrics/metrics.ts';
import { MERGE_RULES } from '../../scenario/load.ts';
import { parseQuantity } from '../../scenario/quantity.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { MAX_COMPARE_SCENARIOS, MetaSchema, SCENARIO_ID_PATTERN } from '../schemas.ts';

/** Units the page's what-if inputs are shown and written in (powers use the display units of the chosen system). */
const WHAT_IF_INPUT_UNITS: Readonly<Record<string, { readonly dimension: Dimension; readonly unit: string }>> = {
  percent: { dimension: 'fraction', unit: '%' },
  gramsPerKWh: { dimension: 'intensity', unit: 'g/kWh' },
  tonnesPerMWh: { dimension: 'intensity', unit: 't/MWh' },
  hours: { dimension: 'duration', unit: 'h' },
};

/**
 * Each what-if input unit with its factor from the internal unit, taken from the scenario parser itself
 * (perInternal = 1 / parseQuantity('1 <unit>')), so the page converts exactly as the server reads back.
 */
export function inputUnits(): Record<string, { dimension: Dimension; unit: string; perInternal: number }> {
  return Object.fromEntries(
    Object.entries(WHAT_IF_INPUT_UNITS).map(([id, u]) => [id, { ...u, perInternal: Number((1 / parseQuantity(`1 ${u.unit}`, u.dimension)).toPrecision(12)) }]),
  );
}

/** The body of GET /api/meta. */
export function meta() {
  return {
    pvplanVersion: PVPLAN_VERSION,
    displayUnits: DISPLAY_UNITS,
    magnitudes: DISPLAY_MAGNITUDES,
    inputUnits: inputUnits(),
    metrics: allMetrics(),
    mergeRules: MERGE_RULES,
    idPattern: SCENARIO_ID_PATTERN,
    maxCompare: MAX_COMPARE_SCENARIOS,
  };
}

export function registerMetaRoutes(app: FastifyInstance): void {
  const body = meta();
  app.get('/api/meta', { schema: { response: { 200: MetaSchema } } }, (_request, reply) => {
    reply.send(body);
  });
}
