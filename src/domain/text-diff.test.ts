import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDifference, diffText, diffWords, wordTokens } from "./text-diff.ts";

describe("diffText", () => {
  it("finds the changed characters of a Japanese sentence", () => {
    assert.deepEqual(diffText("平成25年度は交通局前", "今年度は交通局前"), [
      { op: "removed", text: "平成25" },
      { op: "added", text: "今" },
      { op: "same", text: "年度は交通局前" },
    ]);
  });

  it("keeps both texts whole: joining kept and removed gives the old text, kept and added the new", () => {
    const before = "平成25年4月から物流センターを追加 平成25年度は、これまで10企業が立地済";
    const after = "平成25年4月1日から物流センターを追加本年度は、これまで10企業が立地済";
    const segments = diffText(before, after);
    assert.equal(
      segments
        .filter((s) => s.op !== "added")
        .map((s) => s.text)
        .join(""),
      before,
    );
    assert.equal(
      segments
        .filter((s) => s.op !== "removed")
        .map((s) => s.text)
        .join(""),
      after,
    );
    assert.equal(segments.filter((s) => s.op !== "same").length, 3);
  });

  it("returns one kept segment for equal texts and nothing for two empty ones", () => {
    assert.deepEqual(diffText("市電", "市電"), [{ op: "same", text: "市電" }]);
    assert.deepEqual(diffText("", ""), []);
  });
});

describe("describeDifference", () => {
  it("shows each change as 「before」→「after」 with context", () => {
    assert.equal(
      describeDifference("就職面接会の開催", "就職面談会の開催"),
      "就職面「接」→「談」会の開催",
    );
    assert.equal(
      describeDifference("花畑地区文化ホールの整備", "花畑地区文化ホール等の整備"),
      "…畑地区文化ホール「」→「等」の整備",
    );
  });
});

describe("diffWords", () => {
  it("keeps a figure whole with its counter: 「35人中19人」 is replaced, never cut into 「35人|中|0人」", () => {
    assert.deepEqual(diffWords("35人中19人が参加", "35人中0人が参加"), [
      { op: "removed", text: "35人中19人" },
      { op: "added", text: "35人中0人" },
      { op: "same", text: "が参加" },
    ]);
  });

  it("keeps words whole where the characters would match in part", () => {
    const segments = diffWords("平成25年度は交通局前", "今年度は交通局前");
    const changed = (op: string) =>
      segments
        .filter((s) => s.op === op)
        .map((s) => s.text)
        .join("");
    assert.equal(changed("removed"), "平成25年度");
    assert.equal(changed("added"), "今年度");
    assert.ok(
      segments.every((s) => !/^\d+$/u.test(s.text)),
      "no number stands alone",
    );
  });

  it("keeps both texts whole, as the character diff does", () => {
    const before = "6,441人が参加し、35電停中19電停が改良済 3万1千人以上";
    const after = "6,500人が参加し、35電停中20電停が改良済 3万2千人以上";
    const segments = diffWords(before, after);
    const join = (skip: string) =>
      segments
        .filter((s) => s.op !== skip)
        .map((s) => s.text)
        .join("");
    assert.equal(join("added"), before);
    assert.equal(join("removed"), after);
    const removed = segments.filter((s) => s.op === "removed").map((s) => s.text);
    assert.deepEqual(removed, ["6,441人", "35電停中19電停", "3万1千人"]);
  });

  it("joins numbers to short counters only, not to the words after them", () => {
    assert.deepEqual(wordTokens("2回実施済"), ["2回", "実施", "済"]);
    assert.deepEqual(wordTokens("約12.5％増加"), ["約", "12.5％", "増加"]);
    assert.equal(wordTokens("平成25年度は").join(""), "平成25年度は");
  });
});
