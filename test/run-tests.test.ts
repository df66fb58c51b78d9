import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "shinchoku-run-tests-"));
after(() => rmSync(work, { recursive: true, force: true }));

it("counts in its closing line exactly the skipped groups and tests its banner lists", () => {
  const skipLog = JSON.stringify(join(ROOT, "test/skip-log.ts"));
  const file = join(work, "sample.test.ts");
  // Three kinds: a logged group that registers nothing, a logged group registered as skipped,
  // and a test marked skip that no group logged.
  writeFileSync(
    file,
    `import { describe, it } from "node:test";
import { recordSkip } from ${skipLog};
recordSkip("browser pages", "no Chromium");
recordSkip("store suite (PostgreSQL)", "no server");
describe("store suite (PostgreSQL)", { skip: "no server" }, () => {});
it("runs", () => {});
it("waits for a tool", { skip: "no tool" }, () => {});
`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "" };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/run-tests.ts", file], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  const banner = /SKIPPED — these tests did not run on this machine:\n((?: {2}- .*\n)*)/u.exec(
    run.stdout,
  )?.[1];
  const listed = (banner ?? "").trimEnd().split("\n");
  assert.deepEqual(listed, [
    "  - browser pages: no Chromium",
    "  - store suite (PostgreSQL): no server",
    "  - waits for a tool (marked skip)",
  ]);
  assert.match(run.stdout, /\ntests: 1 passed, 0 failed, 3 skipped\n/u);
});
