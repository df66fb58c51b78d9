/** What one test file's process left behind: its TAP, its recorded skips, its exit code and time. */
export interface FileOutcome {
  file: string;
  seconds: number;
  exitCode: number;
  tap: string;
  /** The skips the file recorded through test/skip-log.ts (`what: why`). */
  skipped: string[];
}

/** A count from node:test's TAP closing comments (`# pass 12`), 0 when absent. */
export function tapCount(tap: string, key: string): number {
  return Number(new RegExp(`^# ${key} (\\d+)$`, "mu").exec(tap)?.[1] ?? 0);
}

/**
 * Passed and failed tests over every file, and the files whose process failed outside any
 * test (a syntax error, a top-level await that threw): those count as failures too.
 */
export function summarize(outcomes: readonly FileOutcome[]) {
  let pass = 0;
  let fail = 0;
  const brokenFiles: string[] = [];
  for (const o of outcomes) {
    const failed = tapCount(o.tap, "fail") + tapCount(o.tap, "cancelled");
    pass += tapCount(o.tap, "pass");
    fail += failed;
    if (o.exitCode !== 0 && failed === 0) brokenFiles.push(o.file);
  }
  return { pass, fail, brokenFiles };
}

/**
 * What did not run, counted one way for the banner and the closing line alike: per file, the
 * tests node:test marked skip (or todo), or — where a file recorded a skip without marking any
 * test — one per recorded reason. Each file is one line of the banner, with its count and reasons.
 */
export function countSkips(outcomes: readonly FileOutcome[]) {
  let total = 0;
  const lines: string[] = [];
  for (const o of outcomes) {
    const marked = tapCount(o.tap, "skipped") + tapCount(o.tap, "todo");
    const units = marked > 0 ? marked : o.skipped.length;
    if (units === 0) continue;
    total += units;
    const why = o.skipped.length > 0 ? o.skipped.join("; ") : "marked skip, no reason recorded";
    lines.push(`${o.file}: ${units} skipped — ${why}`);
  }
  return { total, lines };
}
