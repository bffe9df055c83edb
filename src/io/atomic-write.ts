/**
 * The one way pvplan writes a file that someone may be reading: the text goes to a temp file in the target's folder
 * (same file system), which is then renamed over the target or, when the target must not exist yet, hard-linked
 * into place, so a reader sees the old file or the new one, never half of one, and a failure leaves no file behind.
 * Used by the CLI (`init`, `yield --hourly`) and the server (saving a what-if).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** How `writeFileAtomic` treats an existing target. */
export interface AtomicWriteOptions {
  /**
   * true (default): replace the target if it exists (rename). false: create it, failing with the system's EEXIST
   * error if it exists, even when another process creates it between a check and this write (link).
   */
  readonly replace?: boolean;
}

/** Writes `text` (UTF-8) to `path` atomically: a temp file beside it, then rename (replace) or link (create only). */
export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    if (options.replace === false) linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
