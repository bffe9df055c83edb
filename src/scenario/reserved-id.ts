/**
 * Scenario ids that are safe characters but must still not name a file: a scenario id is a file name in the
 * scenarios folder (ID.yaml), so names that Windows reserves, that look like a file name already, or that would
 * hit the editors' JSON Schema are refused. The id rule (characters, length) calls this one check.
 */

/** Windows device names, refused as a whole name or before any extension (Microsoft, "Naming Files, Paths, and Namespaces"). */
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/iu;

/** Endings that make an id a file name already (`x.yaml` → `x.yaml.yaml`) or the editors' schema (`scenario.schema` → `scenario.schema.json`). */
const FILE_LIKE_ENDING = /\.(?:yaml|yml|json|schema)$/iu;

/** Longest id in bytes of UTF-8: `ID.yaml` and the atomic write's temp name `.ID.yaml.HEX.tmp` stay under the 255-byte file name limit. */
export const MAX_SCENARIO_ID_BYTES = 200;

/**
 * Why `id` is reserved or odd as a file name, or undefined when it is not.
 * @example reservedIdProblem('con') // "'con' is a device name on Windows …"
 * @example reservedIdProblem('wendeng-2030') // undefined
 */
export function reservedIdProblem(id: string): string | undefined {
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > MAX_SCENARIO_ID_BYTES) return `a scenario id has at most ${MAX_SCENARIO_ID_BYTES} bytes; this one has ${bytes}`;
  const shown = `'${id.slice(0, 80)}'`;
  if (WINDOWS_DEVICE_NAME.test(id)) return `${shown} is a device name on Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with or without an extension) and cannot be a file name there: choose another id`;
  if (FILE_LIKE_ENDING.test(id)) return `${shown} ends like a file name (.yaml, .yml, .json) or the editors' schema (.schema): give the id without an extension`;
  if (id.endsWith('.')) return `${shown} ends with '.', which Windows drops from file names: choose another id`;
  return undefined;
}
