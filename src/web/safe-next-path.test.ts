import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "./safe-next-path.ts";

const SITE = "https://shinchoku.example";

/** Where a browser goes with `Location: answer` on this site (it drops tab/CR/LF, reads `\` as `/`). */
const browserTarget = (answer: string) =>
  new URL(answer.replace(/[\t\n\r]/gu, "").replaceAll("\\", "/"), `${SITE}/staff/login`);

describe("the next path after a redirect", () => {
  const kept: [string, string][] = [
    ["/", "/"],
    ["/plans/x", "/plans/x"],
    ["/plans/x?lang=en&page=2", "/plans/x?lang=en&page=2"],
    ["/staff/plans/a/measures/b", "/staff/plans/a/measures/b"],
    ["/計画/保育", "/%E8%A8%88%E7%94%BB/%E4%BF%9D%E8%82%B2"],
    ["/a/../b", "/b"],
    ["/plans/x#top", "/plans/x"],
    // Cleaned like a browser, these are ordinary paths of this site, encoded for the header.
    ["/\r\nSet-Cookie: a=b", "/Set-Cookie:%20a=b"],
    ["/\nLocation: //evil.example", "/Location:%20//evil.example"],
    ["/\u0000x", "/%00x"],
    ["/\u000bSet-Cookie:a=b", "/%0BSet-Cookie:a=b"],
    ["/%0D%0ASet-Cookie:a=b", "/%0D%0ASet-Cookie:a=b"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/x?next=//evil.example", "/x?next=//evil.example"],
    // A full-width slash is a slash only in a host name (IDNA), never in a path.
    ["/／evil.example", "/%EF%BC%8Fevil.example"],
  ];
  for (const [next, expected] of kept) {
    it(`keeps ${JSON.stringify(next)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(safeNextPath(next, "/default"), expected);
    });
  }

  const refused = [
    undefined,
    "",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/",
    "/\t\\evil.example",
    "\t//evil.example",
    "/\r/evil.example",
    "/\n/evil.example",
    "/\n\\evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "https://evil.example/",
    "http://placeholder.invalid/x",
    "http:evil.example",
    "http:/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " /x",
    "\u0000/x",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "plans/x",
    "?next=/x",
    "#x",
    `/${"a".repeat(3000)}`,
  ];
  for (const next of refused) {
    it(`sends ${JSON.stringify(next)?.slice(0, 60)} to the default`, () => {
      assert.equal(safeNextPath(next, "/default"), "/default");
    });
  }

  it("answers only paths that keep a browser on this site, with nothing a header cannot hold", () => {
    for (const next of [...kept.map(([n]) => n), ...refused]) {
      const answer = safeNextPath(next, "/");
      assert.match(answer, /^\/(?!\/)[\x21-\x7e]*$/u, JSON.stringify(next));
      assert.equal(browserTarget(answer).origin, SITE, JSON.stringify(next));
    }
  });
});
