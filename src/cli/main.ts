import { runCli } from "./run-cli.ts";

// The executable's entry (bin/shinchoku.js): the process around runCli.

// A reader that stops early (`| head`) closes the pipe: what it did not read is not wanted, so
// the command ends quietly with 0 rather than an EPIPE stack (exit 0 keeps `set -o pipefail`
// scripts working; the output the reader took is complete as far as it read).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  console.error(`shinchoku: 標準出力に書き込めません（${error.code ?? error.message}）`);
  process.exit(1);
});

process.exitCode = await runCli(process.argv.slice(2));
