/**
 * The test command: every `*.test.ts` under src/ and test/, each file in a node:test process of
 * its own, a few at a time, the slowest first; then the time each file took and a summary that
 * says loudly what was skipped (no PostgreSQL, no Chromium). Under CI=true a skip fails the run:
 * CI has everything installed, so a skip there means something is broken.
 *
 * Usage: `node --import tsx scripts/run-tests.ts [FILE…]`. TEST_CONCURRENCY sets how many files
 * run at once (default: the machine's cores); TEST_TIMES_OUT=FILE writes the per-file seconds
 * as a Markdown table.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { dropSharedTemplates } from "../test/shared-templates.ts";
import { countSkips, type FileOutcome, summarize } from "./test-summary.ts";

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : findTests(path);
    return e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Times of the last run on this machine, to start the slowest files first (not committed). */
const TIMES_CACHE = join("node_modules", ".cache", "shinchoku", "test-times.json");

function expectedSeconds(): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(TIMES_CACHE, "utf8"))));
  } catch {
    return new Map();
  }
}

/** Slowest first: the last run's time where known, else browser, crash and fuzz files, then size. */
function order(files: string[]): string[] {
  const known = expectedSeconds();
  const guess = (f: string) =>
    known.get(f) ?? (/^test\/(browser|crash|fuzz)\//u.test(f) ? 60 : statSync(f).size / 1000);
  return [...files].sort((a, b) => guess(b) - guess(a));
}

const only = process.argv.slice(2);
const missing = only.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`no such test file: ${missing.join(", ")}`);
  process.exit(2);
}
const files = order(
  only.length > 0 ? only : [...findTests("src"), ...findTests("test"), ...findTests("scripts")],
);
const work = mkdtempSync(join(tmpdir(), "shinchoku-tests-"));
/** Store templates shared by this run's test processes (see test/store-targets.ts). */
const templates = mkdtempSync(join(work, "templates-"));
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || availableParallelism());
const started = Date.now();

/** Run one test file; its spec output is printed whole when it ends, so files never interleave. */
function runFile(file: string, index: number): Promise<FileOutcome> {
  const tap = join(work, `${index}.tap`);
  const skipLog = join(work, `${index}.skipped`);
  const begun = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--test",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
        `--test-reporter-destination=${tap}`,
        file,
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          TZ: "Asia/Tokyo",
          SHINCHOKU_SKIP_LOG: skipLog,
          SHINCHOKU_TEST_TEMPLATES: templates,
          // New password hashes at scrypt N=2^10 instead of 2^15: the same code, a millisecond
          // instead of ~100 ms each (see passwordHashCost in src/commands/auth/password-hash.ts).
          SHINCHOKU_TEST_PASSWORD_COST: "low",
        },
      },
    );
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("close", (code) => {
      const seconds = (Date.now() - begun) / 1000;
      const text = Buffer.concat(output).toString("utf8");
      // node:test's own closing lines (ℹ tests …) are left out: the run's one summary comes last.
      const shown = text
        .split("\n")
        .filter(
          (line) => !/^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /u.test(line),
        )
        .join("\n")
        .trimEnd();
      console.log(`\n── ${file} (${seconds.toFixed(1)} s)\n${shown}`);
      resolve({
        file,
        seconds,
        exitCode: code ?? 1,
        tap: existsSync(tap) ? readFileSync(tap, "utf8") : "",
        skipped: existsSync(skipLog)
          ? [...new Set(readFileSync(skipLog, "utf8").split("\n").filter(Boolean))]
          : [],
      });
    });
  });
}

/**
 * Files that drive Chromium: at most one of them runs at a time. Two browser files side by side
 * on two cores each took three to four times as long as alone (staff-work: 24 s alone, 92 s
 * beside another browser file), more than running them one after the other beside Node-only
 * files; three at a time made the accessibility file take 502 s.
 */
const BROWSER_FILE = /\b(?:launchBrowser|chromium\.launch)\(/u;
const usesBrowser = new Set(files.filter((f) => BROWSER_FILE.test(readFileSync(f, "utf8"))));

const outcomes: FileOutcome[] = [];
const waiting = files.map((file, index) => ({ file, index }));
let browserRunning = false;
/** Workers waiting for the running browser file to end. */
const sleepers: Array<() => void> = [];
async function worker() {
  for (;;) {
    // The slowest file waiting that may start now: any Node-only file, or a browser file when
    // no other is running. With only browser files left and one running, wait for it.
    const at = waiting.findIndex(({ file }) => !(browserRunning && usesBrowser.has(file)));
    if (at === -1) {
      if (waiting.length === 0) return;
      await new Promise<void>((resolve) => sleepers.push(resolve));
      continue;
    }
    const [{ file, index }] = waiting.splice(at, 1) as [{ file: string; index: number }];
    const browser = usesBrowser.has(file);
    if (browser) browserRunning = true;
    outcomes.push(await runFile(file, index));
    if (browser) {
      browserRunning = false;
      for (const wake of sleepers.splice(0)) wake();
    }
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
await dropSharedTemplates(templates);

const wall = (Date.now() - started) / 1000;
const slowest = [...outcomes].sort((a, b) => b.seconds - a.seconds);
console.log(
  `\nslowest files (of ${outcomes.length}, ${concurrency} at a time, ${wall.toFixed(0)} s in all):`,
);
for (const o of slowest.slice(0, 12))
  console.log(`  ${o.seconds.toFixed(1).padStart(6)} s  ${o.file}`);

if (only.length === 0) {
  mkdirSync(join("node_modules", ".cache", "shinchoku"), { recursive: true });
  writeFileSync(
    TIMES_CACHE,
    JSON.stringify(Object.fromEntries(outcomes.map((o) => [o.file, o.seconds]))),
  );
}
if (process.env.TEST_TIMES_OUT) {
  const rows = slowest.map((o) => `| ${relative(".", o.file)} | ${o.seconds.toFixed(1)} |`);
  writeFileSync(
    process.env.TEST_TIMES_OUT,
    `| file | seconds |\n|---|---:|\n${rows.join("\n")}\n| **all (wall clock, ${concurrency} at a time)** | **${wall.toFixed(0)}** |\n`,
  );
}

const summary = summarize(outcomes);
const skips = countSkips(outcomes);
if (skips.total > 0) {
  const bar = "!".repeat(72);
  console.log(`\n${bar}\nSKIPPED — these tests did not run on this machine:`);
  for (const line of skips.lines) console.log(`  - ${line}`);
  console.log(bar);
}
for (const broken of summary.brokenFiles) {
  console.log(
    `\n${broken}: the file's test process failed outside any test (exit code shown above)`,
  );
}
const ci = process.env.CI === "true";
let exitCode = summary.fail > 0 || summary.brokenFiles.length > 0 ? 1 : 0;
if (ci && skips.blocking > 0) {
  console.log("CI=true: a skipped test fails the run (CI installs PostgreSQL and Chromium).");
  exitCode = 1;
}
if (summary.pass + summary.fail === 0) {
  console.log("No test ran.");
  exitCode = 1;
}
console.log(
  `\ntests: ${summary.pass} passed, ${summary.fail + summary.brokenFiles.length} failed, ${skips.total} skipped`,
);
process.exit(exitCode);
