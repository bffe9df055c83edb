// Bundles the CLI and the library with esbuild so that the installed `pvplan` starts without a
// TypeScript compile and mathjs is tree-shaken to the factories we use (start-up time: docs/benchmarks.md).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'mc-worker': 'src/mc/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minify: process.env.PVPLAN_NO_MINIFY !== "1",
  metafile: process.env.PVPLAN_METAFILE === '1',
  logLevel: 'warning',
  // Server-side packages load their own files at run time; they stay in node_modules.
  external: ['fastify', '@fastify/*', 'piscina', 'playwright-core', 'echarts'],
  banner: { js: "import { createRequire as __pvplanCreateRequire } from 'node:module'; const require = __pvplanCreateRequire(import.meta.url);" },
});
if (result.metafile) writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
