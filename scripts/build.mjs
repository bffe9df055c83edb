// Bundles the CLI and the library with esbuild so that the installed `pvplan`
// starts without a TypeScript compile and mathjs is tree-shaken to the factories we use.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',

  // Packages with native parts or their own workers stay external.
  external: ['fastify', '@fastify/*', 'piscina', 'playwright-core', 'echarts'],
  banner: { js: "import { createRequire as __pvplanCreateRequire } from 'node:module'; const require = __pvplanCreateRequire(import.meta.url);" },
};
await build({ ...common, entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
