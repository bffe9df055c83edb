#!/usr/bin/env node
/** Entry point of the installed `pvplan` binary: real stdout/stderr, exit status from runCli. */
import { runCli } from './program.ts';

// A reader that stops early (`pvplan run … | head`) closes the pipe: that ends the output, it is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
// A process started with a channel to its parent (a worker of `pvplan serve --workers`) that failed ends here:
// the open channel would otherwise keep it alive. stderr is a pipe, written synchronously on Linux.
if (code !== 0 && process.connected) process.exit(code);
