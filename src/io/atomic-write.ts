/**
 * The one way pvplan writes a file that someone may be reading: the text goes to a temp file in the target's folder
 * (same file system), which is then renamed over the target or, when the target must not exist yet, hard-linked
 * into place, so a reader sees the old file or the new one, never half of one, and a failure leaves no file behind.
 * Used by the CLI (`init`, `yield --hourly`) and the server (saving a what-if).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How `writeFileAtomic` treats an existing target. */
export interface AtomicWriteOptions {
  /**
   * true (default): replace the target if it exists (rename). false: create it, failing with the system's EEXIST
   * error if it exists, even when another process creates it between a check and this write (link).
   */
  readonly replace?: boolean;
}

/** Bytes of randomness in a temp file's name (written as twice as many hex digits). */
const TEMP_RANDOM_BYTES = 6;

/** The temp file name writeFileAtomic uses for `name`: hidden, the target's name, random hex, `.tmp`. */
function tempName(name: string): string {
  return `.${name}.${randomBytes(TEMP_RANDOM_BYTES).toString('hex')}.tmp`;
}

/** Names writeFileAtomic's temp files have (see tempName). */
const TEMP_NAME = new RegExp(`^\\..+\\.[0-9a-f]{${2 * TEMP_RANDOM_BYTES}}\\.tmp$`, 'u');

/**
 * A temp file is left behind only when the process stops between writing and renaming it (killed, power lost); one
 * older than this is such a leftover, not a write in progress in another process.
 */
export const STALE_TEMP_FILE_MS = 60_000;

/**
 * Removes the leftover temp files of interrupted writes from folder `dir` (regular files named as writeFileAtomic
 * names them, last changed more than `olderThanMs` ago); returns their names. Errors on single files are ignored:
 * a file another process removes first is gone all the same.
 */
export function removeStaleTempFiles(dir: string, olderThanMs: number = STALE_TEMP_FILE_MS, nowMs: number = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (!st.isFile() || nowMs - st.mtimeMs < olderThanMs) continue;
      rmSync(path, { force: true });
      removed.push(name);
    } catch {
      // Gone or unreadable: nothing to clean.
    }
  }
  return removed;
}

/** Writes `text` (UTF-8) to `path` atomically: a temp file beside it, then rename (replace) or link (create only). */
export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), tempName(basename(path)));
  writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    if (options.replace === false) linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
