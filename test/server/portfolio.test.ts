/** GET /api/scenarios/:id/portfolio and POST /api/portfolio: the page's portfolio view, its what-ifs and saving one as a child. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { copyScenarios, quietApp } from './helpers.ts';

interface View {
  projects: Array<{ id: string; stage: string; constructionStartDecimalYear: number; commissioningDecimalYear: number }>;
  targets: Array<{ expectedMW: number; plannedMW: number; monteCarlo: { probabilityMetFrac: number } }>;
  labels: { stages: Record<string, { zh: string }> };
}

describe('portfolio routes', () => {
  let app: FastifyInstance;
  let folder: ReturnType<typeof copyScenarios>;
  beforeAll(async () => {
    folder = copyScenarios();
    app = await quietApp(folder.dir);
  });
  afterAll(async () => {
    await app.close();
    folder.cleanup();
  });

  it('GET serves the view with dates, P(target met) and labels', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/scenarios/wendeng-portfolio/portfolio' });
    expect(r.statusCode).toBe(200);
    const v = r.json() as View;
    expect(v.projects.map((p) => p.id)).toContain('datang-base-pv');
    const datang = v.projects.find((p) => p.id === 'datang-100mw')!;
    expect(datang.commissioningDecimalYear).toBeGreaterThan(datang.constructionStartDecimalYear);
    expect(v.targets[0]!.monteCarlo.probabilityMetFrac).toBe(0);
    expect(v.labels.stages.prospect!.zh).toBe('在谈');
  });

  it('POST a what-if child: cancelling a project by id lowers the waterfall; a 404 for an unknown scenario', async () => {
    const base = (await app.inject({ method: 'GET', url: '/api/scenarios/wendeng-portfolio/portfolio' })).json() as View;
    const r = await app.inject({ method: 'POST', url: '/api/portfolio', payload: { extends: 'wendeng-portfolio.yaml', name: 'what-if', projects: [{ id: 'datang-base-pv', stage: 'cancelled' }] } });
    expect(r.statusCode).toBe(200);
    const v = r.json() as View;
    expect(v.projects.find((p) => p.id === 'datang-base-pv')!.stage).toBe('cancelled');
    expect(v.targets[0]!.plannedMW).toBeCloseTo(base.targets[0]!.plannedMW - 1595, 6);
    expect((await app.inject({ method: 'GET', url: '/api/scenarios/nope/portfolio' })).statusCode).toBe(404);
  });

  it('POST a bad what-if: 400 naming the field', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/portfolio', payload: { extends: 'wendeng-portfolio.yaml', name: 'bad', projects: [{ id: 'datang-base-pv', stage: 'maybe' }] } });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('stage');
  });

  it('a saved child lists only the change and loads with the change applied', async () => {
    const scenario = { extends: 'wendeng-portfolio.yaml', name: 'Wendeng, Datang base late', projects: [{ id: 'datang-base-pv', commissioning: 2027 }] };
    const saved = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { id: 'wendeng-portfolio-late', scenario } });
    expect(saved.statusCode).toBe(201);
    const v = (await app.inject({ method: 'GET', url: '/api/scenarios/wendeng-portfolio-late/portfolio' })).json() as View;
    expect(v.projects.find((p) => p.id === 'datang-base-pv')!.commissioningDecimalYear).toBe(2027.5);
    expect(v.projects.length).toBe(5);
    const run = (await app.inject({ method: 'GET', url: '/api/scenarios/wendeng-portfolio-late/result' })).json() as { portfolio: { years: unknown[] } };
    expect(run.portfolio.years.length).toBeGreaterThan(0);
  });
});

describe('GET /api/meta', () => {
  it('serves the rule by which a child overrides one project by id', async () => {
    const folder = copyScenarios();
    const app = await quietApp(folder.dir);
    try {
      const meta = (await app.inject({ method: 'GET', url: '/api/meta' })).json() as { mergeRules: { mergeListsByKey: Record<string, string> } };
      expect(meta.mergeRules.mergeListsByKey).toEqual({ projects: 'id' });
    } finally {
      await app.close();
      folder.cleanup();
    }
  });
});
