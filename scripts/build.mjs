// Bundles the CLI and the library with esbuild so that the installed `pvplan` starts without a
// TypeScript compile and mathjs is tree-shaken to the factories we use (start-up time: docs/benchmarks.md).
//
// Start-up of a command costs the code it parses and, in Node's module loader, each file it loads. So:
// - the CLI is split so that a command loads only the code it runs (each command is its own entry, imported on
//   demand by src/cli/program.ts); esbuild then cuts shared code into a chunk per set of entries using it;
// - each command's file is then bundled again, split only by what it loads on demand (the optional resolution
//   steps, the LP solver), so `pvplan run` reads a handful of files instead of twenty. The chunks cli.js loads
//   itself stay files of their own, so every module a command uses exists once;
// - the library (index.js) and the Monte Carlo worker (mc-worker.js, loaded by each worker thread on its own)
//   share no module instances with the CLI, so each is a bundle of its own.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';

const DIST = 'dist';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const EXTERNAL = ['fastify', '@fastify/*', 'piscina', 'playwright-core', 'echarts'];
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minify: process.env.PVPLAN_NO_MINIFY !== '1',
  logLevel: 'warning',
  // Server-side packages load their own files at run time; they stay in node_modules.
  external: EXTERNAL,
};
const banner = { js: "import { createRequire as __pvplanCreateRequire } from 'node:module'; const require = __pvplanCreateRequire(import.meta.url);" };

// The `yaml` package is loaded on demand (src/scenario/yaml-lib.ts requires it when first needed), from a file of its
// own: bundled into a command's file, even unrun, it would be parsed on every start. Every bundle requires it by
// the package's own import name, which package.json's "imports" maps to that file, so all share one instance.
const YAML_IMPORT = '#pvplan-yaml';
const yamlOnDemand = {
  name: 'yaml-on-demand',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.kind === 'require-call' ? { path: YAML_IMPORT, external: true } : undefined));
  },
};
common.plugins = [yamlOnDemand];

const [, cli] = await Promise.all([
  build({ ...common, plugins: [], format: 'cjs', entryPoints: [createRequire(import.meta.url).resolve('yaml')], outfile: join(DIST, 'yaml.cjs'), sourcemap: false }),
  build({ ...common, banner, entryPoints: { cli: 'src/cli/main.ts' }, outdir: DIST, splitting: true, chunkNames: 'chunks/[name]-[hash]', metafile: true }),
  build({ ...common, banner, entryPoints: { index: 'src/index.ts' }, outdir: DIST, splitting: true, chunkNames: 'chunks/lib-[name]-[hash]' }),
  build({ ...common, banner, entryPoints: { 'mc-worker': 'src/mc/worker.ts' }, outdir: DIST, splitting: false }),
]);
if (process.env.PVPLAN_METAFILE === '1') writeFileSync(join(DIST, 'meta.json'), JSON.stringify(cli.metafile));

const outputs = cli.metafile.outputs;
/** The output files `start` loads, following static imports (and dynamic ones too when `dynamic`). */
function closure(starts, dynamic) {
  const seen = new Set();
  const stack = [...starts];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file) || !outputs[file]) continue;
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement' || (dynamic && i.kind === 'dynamic-import')) stack.push(i.path);
  }
  return seen;
}
const cliFiles = new Set([...closure([join(DIST, 'cli.js')], false)].map((f) => resolve(f)));
const commands = Object.keys(outputs).filter((o) => outputs[o].entryPoint?.startsWith('src/cli/commands/'));
await Promise.all(commands.map(async (command) => {
  const name = basename(command, '.js');
  const dir = dirname(command);
  await build({
    ...common,
    entryPoints: [command],
    // Written beside the first pass's chunks (so the source maps' relative paths hold), under names of its own.
    outdir: dir,
    splitting: true,
    entryNames: `${name}-[name]`,
    chunkNames: `${name}-[hash]`,
    plugins: [
      yamlOnDemand,
      {
        name: 'keep-cli-chunks',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            // Packages and the chunks cli.js itself loads stay as they are (one instance of each module).
            if (!args.path.startsWith('.')) return { path: args.path, external: true };
            const target = resolve(args.resolveDir, args.path);
            return cliFiles.has(target) ? { path: `./${relative(dir, target)}`, external: true } : undefined;
          });
        },
      },
    ],
  });
  // The command's file keeps its name, which cli.js imports.
  const built = join(dir, `${name}-${name}.js`);
  writeFileSync(command, readFileSync(built, 'utf8').replace(`sourceMappingURL=${name}-${name}.js.map`, `sourceMappingURL=${name}.js.map`));
  renameSync(`${built}.map`, `${command}.map`);
  rmSync(built);
}));
