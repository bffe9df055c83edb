/**
 * The `yaml` package, loaded when first needed: a plain scenario file is read by readPlainYaml (yaml-plain.ts) and
 * needs the package only when a problem must name its line, so a run need not load it. Loaded with `require`
 * because the readers that need it are synchronous; the build (scripts/build.mjs) points that `require` at the
 * package bundled into one file, so every part of pvplan shares one instance of it.
 */
import type * as YamlModule from 'yaml';

let loaded: typeof YamlModule | undefined;

/** The `yaml` package's exports. */
export function yamlLib(): typeof YamlModule {
  return (loaded ??= require('yaml') as typeof YamlModule);
}
