/**
 * Stale check: scenarios/scenario.schema.json (what editors load through the yaml-language-server comment)
 * must equal scenarioJsonSchema(). Regenerate it with `npm run schema` (pvplan schema > scenarios/scenario.schema.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/schema.ts';

const FILE = join(import.meta.dirname, '..', '..', 'scenarios', 'scenario.schema.json');

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with scenarioJsonSchema() (regenerate with `npm run schema`)', () => {
    expect(existsSync(FILE), 'scenarios/scenario.schema.json is missing: run `npm run schema`').toBe(true);
    const committed: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(committed, 'scenarios/scenario.schema.json is stale: run `npm run schema`').toEqual(scenarioJsonSchema());
  });

  it('is a draft 2020-12 schema that rejects unknown top-level keys and names every required section', () => {
    const schema = scenarioJsonSchema() as { $schema: string; additionalProperties: boolean; required: string[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'years', 'capacity', 'yield', 'savings']));
  });
});
