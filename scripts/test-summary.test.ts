import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countSkips, type FileOutcome, summarize } from "./test-summary.ts";

const outcome = (over: Partial<FileOutcome>): FileOutcome => ({
  file: "a.test.ts",
  seconds: 1,
  exitCode: 0,
  tap: "# pass 0\n# fail 0\n",
  skipped: [],
  ...over,
});

describe("the test run's summary", () => {
  it("adds up passes and failures over the files, cancelled tests as failures", () => {
    const s = summarize([
      outcome({ tap: "# pass 3\n# fail 1\n# cancelled 1\n", exitCode: 1 }),
      outcome({ file: "b.test.ts", tap: "# pass 4\n# fail 0\n" }),
    ]);
    assert.deepEqual(s, { pass: 7, fail: 2, brokenFiles: [] });
  });

  it("counts a file whose process failed outside any test as broken", () => {
    const s = summarize([outcome({ file: "broken.test.ts", tap: "", exitCode: 1 })]);
    assert.deepEqual(s.brokenFiles, ["broken.test.ts"]);
  });

  it("counts skips the same way in the banner and the total: logged groups, then marks no group accounts for", () => {
    const skips = countSkips([
      outcome({
        file: "browser.test.ts",
        tap: "# Subtest: page\nok 1 - page # SKIP no Chromium\n# pass 0\n# skipped 1\n",
        skipped: ["browser pages: no Chromium"],
      }),
      outcome({
        file: "store.test.ts",
        tap: "ok 2 - x (PostgreSQL) # SKIP down\n# pass 9\n# skipped 1\n",
        skipped: ["x (PostgreSQL): down"],
      }),
      outcome({ file: "marked.test.ts", tap: "    ok 3 - later # TODO\n# pass 2\n# todo 1\n" }),
      outcome({ file: "clean.test.ts", tap: "# pass 2\n" }),
    ]);
    assert.deepEqual(skips.lines, [
      "browser pages: no Chromium",
      "page (marked skip)",
      "x (PostgreSQL): down",
      "later (todo)",
    ]);
    assert.equal(skips.total, 4);
    assert.equal(skips.blocking, 3);
  });
});
