export interface BufferedOutput {
  /** Adds a line (ending in `\n`) to the buffer; written at the latest `intervalMs` later. */
  write(line: string): void;
  /** Writes what is buffered now, synchronously: at a stop, before the process exits. */
  flush(): void;
}

export interface BufferedOutputOptions {
  /** The most a line waits before it is written (default 50 ms). */
  intervalMs?: number;
  /** Written at once when the buffer holds this many characters (default 64 Ki). */
  maxChars?: number;
  /** Where a batch goes; standard output by default. */
  sink?: (batch: string) => void;
}

/**
 * Lines gathered in memory and written together: one write of a batch every `intervalMs` (or when
 * `maxChars` are waiting) instead of one write system call per line, which is what a request
 * log on standard output cost each request. The timer is unref'd (it never keeps the process
 * alive), and what is left is written when the process exits; only a hard kill (SIGKILL) loses
 * the last `intervalMs` of lines.
 * @example const out = bufferedOutput(); jsonLogger("info", out.write);
 */
export function bufferedOutput(options: BufferedOutputOptions = {}): BufferedOutput {
  const intervalMs = options.intervalMs ?? 50;
  const maxChars = options.maxChars ?? 64 * 1024;
  const sink = options.sink ?? ((batch: string) => process.stdout.write(batch));
  let lines: string[] = [];
  let chars = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (lines.length === 0) return;
    const batch = lines.join("");
    lines = [];
    chars = 0;
    sink(batch);
  };
  process.once("exit", flush);
  return {
    write(line: string) {
      lines.push(line);
      chars += line.length;
      if (chars >= maxChars) flush();
      else if (!timer) {
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    },
    flush,
  };
}
