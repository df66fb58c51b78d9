/**
 * The test command: every `*.test.ts` under src/ and test/ through node:test, then a summary
 * that says loudly what was skipped (no PostgreSQL, no Chromium). Under CI=true a skip fails
 * the run: CI has everything installed, so a skip there means something is broken.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : findTests(path);
    return e.name.endsWith(".test.ts") ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...findTests("src"), ...findTests("test")].sort();
const work = mkdtempSync(join(tmpdir(), "shinchoku-tests-"));
const skipLog = join(work, "skipped.txt");
const tap = join(work, "results.tap");

const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: "inherit", env: { ...process.env, TZ: "Asia/Tokyo", SHINCHOKU_SKIP_LOG: skipLog } },
);

const summary = existsSync(tap) ? readFileSync(tap, "utf8") : "";
const count = (key: string) =>
  Number(new RegExp(`^# ${key} (\\d+)$`, "mu").exec(summary)?.[1] ?? 0);
const [pass, fail] = [count("pass"), count("fail")];
const logged = existsSync(skipLog)
  ? [...new Set(readFileSync(skipLog, "utf8").split("\n").filter(Boolean))]
  : [];
// What did not run, counted the same way in the banner and the closing line: every group the
// skip log names (a suite that never registered its tests counts once), plus every test or suite
// node:test marked skip or todo that no logged group accounts for.
const marked = [...summary.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (SKIP|TODO)\b/gmu)].map(
  ([, name, kind]) => ({ name: name ?? "", kind: kind === "TODO" ? "todo" : "marked skip" }),
);
const skips = [
  ...logged,
  ...marked
    .filter(({ name }) => !logged.some((line) => line.startsWith(`${name}: `)))
    .map(({ name, kind }) => `${name} (${kind})`),
];

if (skips.length > 0) {
  const bar = "!".repeat(72);
  console.log(`\n${bar}\nSKIPPED — these tests did not run on this machine:`);
  for (const s of skips) console.log(`  - ${s}`);
  console.log(bar);
}
const ci = process.env.CI === "true";
let exitCode = result.status ?? 1;
if (ci && skips.some((s) => !s.endsWith(" (todo)"))) {
  console.log("CI=true: a skipped test fails the run (CI installs PostgreSQL and Chromium).");
  exitCode = exitCode || 1;
}
if (pass + fail === 0) {
  console.log("No test ran.");
  exitCode = exitCode || 1;
}
console.log(`\ntests: ${pass} passed, ${fail} failed, ${skips.length} skipped`);
process.exit(exitCode);
