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
 * What did not run, counted the same way in the banner and the closing line: every group a file's
 * skip log names (a suite that never registered its tests counts once), plus every test or suite
 * node:test marked skip or todo that no logged group of that file accounts for. One banner line
 * each; `blocking` leaves out the todos (a todo does not fail a CI run).
 */
export function countSkips(outcomes: readonly FileOutcome[]) {
  const lines: string[] = [];
  let blocking = 0;
  for (const o of outcomes) {
    const marked = [...o.tap.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (SKIP|TODO)\b/gmu)].map(
      ([, name, kind]) => ({ name: name ?? "", kind: kind === "TODO" ? "todo" : "marked skip" }),
    );
    const unaccounted = marked
      .filter(({ name }) => !o.skipped.some((line) => line.startsWith(`${name}: `)))
      .map(({ name, kind }) => `${name} (${kind})`);
    lines.push(...o.skipped, ...unaccounted);
    blocking += o.skipped.length + unaccounted.filter((l) => !l.endsWith(" (todo)")).length;
  }
  return { total: lines.length, blocking, lines };
}
