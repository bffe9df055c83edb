import type { Lang } from '../report/messages.ts';

/** What a command may touch: output streams and the working directory. Tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Language of headers, summaries and messages (`--lang`, else the locale); English when absent. */
  readonly lang?: Lang;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly stderrIsTTY?: boolean;
}

/** A usage or input error the CLI reports in one line with exit status 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit statuses: 0 ok, 1 internal error (a bug), 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** Ends a command with `status` when what went wrong has already been said (e.g. by a server worker process). */
export class CliExit extends Error {
  constructor(readonly status: number) {
    super(`exit status ${status}`);
    this.name = 'CliExit';
  }
}

/** The language a command writes in. */
export function langOf(io: CliIo): Lang {
  return io.lang ?? 'en';
}
