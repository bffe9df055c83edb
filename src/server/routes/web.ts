/**
 * The page: the files of web/ at '/', and Apache ECharts from the installed package (no CDN, no network),
 * so the page needs nothing but this server.
 */
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Browsers may keep ECharts a day: it changes only when the package is upgraded. */
const ECHARTS_MAX_AGE_MS = 86_400_000;

/** ECharts builds served under /vendor/: the page loads the common one; the full one is there for scripts that need more. */
export const ECHARTS_FILES: readonly string[] = ['echarts.common.min.js', 'echarts.min.js'];

/** The folder holding the ECharts builds in the installed echarts package. */
export function echartsDistDir(): string {
  return `${dirname(createRequire(import.meta.url).resolve('echarts/package.json'))}/dist`;
}

export async function registerWebRoutes(app: FastifyInstance, webRoot: string, echartsDir: string = echartsDistDir()): Promise<void> {
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html', dotfiles: 'deny', cacheControl: true, maxAge: 0 });
  // The "common" build has every chart and component the page uses (line, scatter, mark lines, legend, tooltip,
  // SVG renderer) at two thirds of the full build's size, which the browser parses noticeably faster.
  for (const file of ECHARTS_FILES) {
    app.get(`/vendor/${file}`, (_request, reply) => {
      reply.sendFile(file, echartsDir, { maxAge: ECHARTS_MAX_AGE_MS });
    });
  }
}
