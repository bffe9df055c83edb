#!/usr/bin/env node
/** Entry point of the installed `pvplan` binary: real stdout/stderr, exit status from runCli. */
import { runCli } from './program.ts';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
// A process started with a channel to its parent (a worker of `pvplan serve --workers`) that failed ends here:
// the open channel would otherwise keep it alive. stderr is a pipe, written synchronously on Linux.
if (code !== 0 && process.connected) process.exit(code);
