import { appendFileSync } from "node:fs";

/**
 * Record that a group of tests was skipped and why, so that the test runner can say so loudly
 * in its summary (and fail under CI=true). Without the runner, the reason goes to stderr.
 */
export function recordSkip(what: string, why: string): void {
  const log = process.env.SHINCHOKU_SKIP_LOG;
  const line = `${what}: ${why}`;
  if (log) appendFileSync(log, `${line}\n`);
  else console.error(`SKIPPED ${line}`);
}
