/** Test helpers for the server: a temp copy of the shipped scenarios folder and a quiet app on it. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppOptions } from '../../src/server/app.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const SHIPPED_SCENARIOS = join(ROOT, 'scenarios');

/** A fresh temp copy of scenarios/ (weather files included) laid out as in the repository: `<parent>/repo/scenarios`. */
export function copyScenarios(): { parent: string; dir: string; cleanup: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'pvplan-server-'));
  const dir = join(parent, 'repo', 'scenarios');
  mkdirSync(join(parent, 'repo'));
  cpSync(SHIPPED_SCENARIOS, dir, { recursive: true });
  return { parent, dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

export async function quietApp(dir: string, opts: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ scenariosDir: dir, quiet: true, ...opts });
  await app.ready();
  return app;
}

/** Replaces `from` (which must be there) by `to` in a file of the folder `dir`, as a planner's edit would. */
export function editFile(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}
