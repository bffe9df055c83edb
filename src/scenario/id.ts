/**
 * The one rule for scenario ids (a scenario's file name without its extension), read by `pvplan init`, the server's
 * store and routes, and the page's save form (via GET /api/meta → idPattern). Letters of any script are accepted,
 * so `荣成2030` is an id everywhere; what could escape the folder, collide on a case-insensitive or Windows file
 * system, or hide its real text is refused:
 * - letters (lowercase or caseless: Chinese has no case; an uppercase letter would make `A` and `a` one file on
 *   macOS and Windows), combining marks, digits, '.', '_' and '-'; it starts with a letter or a digit;
 * - no path separator, no '..', no trailing '.', no space, control, format (bidi) or private-use character;
 * - NFC-normalised (Unicode Standard Annex #15), so one name is one file whichever way it was typed;
 * - at most MAX_SCENARIO_ID_BYTES bytes of UTF-8, so `ID.yaml` and the atomic write's temp name stay under the
 *   255-byte file name limit of ext4, APFS and NTFS;
 * - not a reserved name: Windows device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with or without an extension),
 *   a name ending in a scenario extension (`x.yaml` would be `x.yaml.yaml`), or the editors' `*.schema` file.
 */

import { LRUCache } from 'lru-cache';

/** Longest id in bytes of UTF-8 (66 Chinese characters, 200 ASCII ones). */
export const MAX_SCENARIO_ID_BYTES = 200;

/** Windows device names, refused as a whole name or before any extension (Microsoft, "Naming Files, Paths, and Namespaces"). */
const WINDOWS_DEVICE_NAMES = '(?:con|prn|aux|nul|com[1-9]|lpt[1-9])';
const WINDOWS_DEVICE_NAME_REGEX = new RegExp(`^${WINDOWS_DEVICE_NAMES}(?:\\..*)?$`, 'u');

/**
 * The character-level rule as a JSON Schema pattern (ECMAScript with the `u` flag, as Ajv and the page compile it):
 * the first character a lowercase or caseless letter or a digit, then those, marks, '.', '_' and '-'; no '..', no
 * trailing '.', no reserved name. Byte length and NFC are checked by scenarioIdProblem.
 */
export const SCENARIO_ID_PATTERN =
  `^(?!.*\\.\\.)(?!.*\\.$)(?!${WINDOWS_DEVICE_NAMES}(?:\\..*)?$)(?!.*\\.(?:yaml|yml|json|schema)$)` + '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{N}][\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}\\p{N}._-]*$';
export const SCENARIO_ID_REGEX = new RegExp(SCENARIO_ID_PATTERN, 'u');

/** Why an id is refused, as a code (for translated messages) and an English message. */
export interface ScenarioIdProblem {
  readonly code: 'id-empty' | 'id-too-long' | 'id-not-nfc' | 'id-uppercase' | 'id-reserved' | 'id-dots' | 'id-characters';
  readonly message: string;
}

const ALLOWED_TEXT = "letters (lowercase, or any script's such as Chinese), digits, '.', '_' and '-', starting with a letter or digit";

/**
 * Why `id` is not a safe scenario id, or undefined when it is.
 * @example scenarioIdProblem('荣成2030') // undefined
 * @example scenarioIdProblem('../x')?.code // 'id-dots'
 */
export function scenarioIdProblem(id: string): ScenarioIdProblem | undefined {
  if (id === '') return { code: 'id-empty', message: 'a scenario id cannot be empty' };
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > MAX_SCENARIO_ID_BYTES) return { code: 'id-too-long', message: `a scenario id has at most ${MAX_SCENARIO_ID_BYTES} bytes of UTF-8 (about ${Math.floor(MAX_SCENARIO_ID_BYTES / 3)} Chinese characters); this one has ${bytes}` };
  if (id.normalize('NFC') !== id) return { code: 'id-not-nfc', message: 'a scenario id must be in Unicode normal form C (NFC); retype it or save it under its NFC form' };
  if (/[\p{Lu}\p{Lt}]/u.test(id)) return { code: 'id-uppercase', message: `a scenario id has no uppercase letters (case-insensitive file systems would mix them up): use '${id.toLowerCase()}'` };
  if (WINDOWS_DEVICE_NAME_REGEX.test(id) || /\.(?:yaml|yml|json|schema)$/u.test(id)) {
    return { code: 'id-reserved', message: `'${id}' is a reserved name (a Windows device name, a scenario extension or the editors' schema file): choose another` };
  }
  if (id.includes('..') || id.endsWith('.') || id.startsWith('.')) return { code: 'id-dots', message: "a scenario id has no '..', and does not start or end with '.'" };
  if (!SCENARIO_ID_REGEX.test(id)) return { code: 'id-characters', message: `a scenario id uses ${ALLOWED_TEXT} (no spaces, slashes or control characters)` };
  return undefined;
}

/** Answers of isScenarioId: the server asks it of every what-if's parent, which is one of a few ids. */
const SAFE_IDS = new LRUCache<string, boolean>({ max: 256 });

/** Whether `id` is a safe scenario id (scenarioIdProblem finds nothing). */
export function isScenarioId(id: string): boolean {
  let safe = SAFE_IDS.get(id);
  if (safe === undefined) SAFE_IDS.set(id, (safe = scenarioIdProblem(id) === undefined));
  return safe;
}
