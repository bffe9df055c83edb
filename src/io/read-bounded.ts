/**
 * The one way pvplan reads an input file: only a regular file (never a device, FIFO, socket or directory), at most
 * a given size, without blocking. `extends: /dev/zero`, a FIFO or `/dev/urandom` as a weather file end in a clear
 * error instead of a hang or gigabytes of memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Largest scenario file read (YAML or JSON): far above any hand-written scenario, far below what hurts. */
export const SCENARIO_FILE_MAX_BYTES = 2 * 1024 * 1024;
/** Largest weather, power-curve or series file read: an hourly year of any supported format is under 3 MB; 1-minute data of a year about 40 MB. */
export const DATA_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** Why a file could not be read, in words a planner can act on. */
export class InputFileError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'InputFileError';
    this.code = code;
  }
}

function kindOf(stats: import('node:fs').Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Text (UTF-8) of the regular file at `path`, of at most `maxBytes` bytes; throws {@link InputFileError} otherwise.
 * Opening with O_NONBLOCK makes a FIFO open return at once, so it is refused rather than waited on; the checks run
 * on the opened descriptor, so a file swapped after a check is still the one checked.
 */
export function readRegularFileText(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new InputFileError(reason, code);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputFileError(`${kindOf(stats)}, not a regular file: only regular files are read`, 'ENOTREG');
    if (stats.size > maxBytes) throw new InputFileError(`the file is ${formatBytes(stats.size)}, over the limit of ${formatBytes(maxBytes)} for this kind of file`, 'EFBIG');
    // Read to the end, whatever fstat said: a file that grows while being read is caught at the limit too.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size - length, 0) + 1, maxBytes - length + 1, 1 << 20));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new InputFileError(`the file grew past the limit of ${formatBytes(maxBytes)} while being read`, 'EFBIG');
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
