/**
 * Where the commands read standard input (the password of `user add`, the narratives of
 * `suggest-status`): the process's stdin, unless a test that runs the command line in its own
 * process (test/factories/cli-run.ts) has put text in its place.
 */
let replacement: NodeJS.ReadableStream | null = null;

/** The stream a command reads its standard input from. */
export function standardInput(): NodeJS.ReadableStream {
  return replacement ?? process.stdin;
}

/**
 * Reads `stream` in place of stdin until the returned function is called.
 * @example const restore = replaceStandardInput(Readable.from([Buffer.from("secret\n")])); … restore();
 */
export function replaceStandardInput(stream: NodeJS.ReadableStream): () => void {
  const before = replacement;
  replacement = stream;
  return () => {
    replacement = before;
  };
}
