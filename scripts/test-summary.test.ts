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

  it("counts skips the same way in the banner and the total", () => {
    const skips = countSkips([
      outcome({
        file: "browser.test.ts",
        tap: "# pass 0\n# skipped 5\n",
        skipped: ["browser: no Chromium"],
      }),
      outcome({
        file: "store.test.ts",
        tap: "# pass 9\n# skipped 1\n",
        skipped: ["x (PostgreSQL): down"],
      }),
      outcome({
        file: "inline.test.ts",
        tap: "# pass 2\n",
        skipped: ["pdftotext: absent", "soffice: absent"],
      }),
      outcome({ file: "marked.test.ts", tap: "# pass 2\n# todo 1\n" }),
      outcome({ file: "clean.test.ts", tap: "# pass 2\n" }),
    ]);
    assert.equal(skips.total, 5 + 1 + 2 + 1);
    assert.equal(skips.lines.length, 4);
    const counted = skips.lines.map((l) => Number(/: (\d+) skipped/u.exec(l)?.[1]));
    assert.equal(
      counted.reduce((a, b) => a + b, 0),
      skips.total,
    );
    assert.match(skips.lines[3] as string, /no reason recorded/u);
  });
});
