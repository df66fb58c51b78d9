import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDifference, diffText } from "./text-diff.ts";

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
