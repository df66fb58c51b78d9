/**
 * The streams the commands read and write besides console.log/console.error: the password of
 * `user add` and the narratives of `suggest-status` (standard input), the export on standard
 * output, the progress of `generate` on standard error. They are the process's own, unless a
 * test that runs the command line in its own process (test/factories/cli-run.ts) has put others
 * in their place — which it cannot do by replacing process.stdout.write, since the test runner
 * reports through process.stdout too.
 */
interface StandardStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  error: NodeJS.WritableStream;
}

let replacement: StandardStreams | null = null;

/** The stream a command reads its standard input from. */
export function standardInput(): NodeJS.ReadableStream {
  return replacement?.input ?? process.stdin;
}

/** The stream a command writes its standard output to (besides console.log). */
export function standardOutput(): NodeJS.WritableStream {
  return replacement?.output ?? process.stdout;
}

/** The stream a command writes its standard error to (besides console.error). */
export function standardError(): NodeJS.WritableStream {
  return replacement?.error ?? process.stderr;
}

/**
 * Uses `streams` in place of stdin, stdout and stderr until the returned function is called.
 * @example const restore = replaceStandardStreams({ input, output, error }); … restore();
 */
export function replaceStandardStreams(streams: StandardStreams): () => void {
  const before = replacement;
  replacement = streams;
  return () => {
    replacement = before;
  };
}
