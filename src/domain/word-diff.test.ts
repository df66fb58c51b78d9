import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffWords, wordsOf } from "./word-diff.ts";

describe("the word diff of two narratives", () => {
  it("keeps a changed number whole instead of keeping its common digits", () => {
    assert.deepEqual(diffWords("35電停中19電停が改良済", "35電停中20電停が改良済"), [
      { op: "same", text: "35電停中" },
      { op: "removed", text: "19" },
      { op: "added", text: "20" },
      { op: "same", text: "電停が改良済" },
    ]);
  });

  it("keeps numbers with thousands separators and decimals whole, in full width too", () => {
    assert.ok(wordsOf("来場者6,441人、達成率12.5%").includes("6,441"));
    assert.ok(wordsOf("来場者6,441人、達成率12.5%").includes("12.5"));
    const segments = diffWords("３５電停中１９電停", "３５電停中２０電停");
    assert.deepEqual(
      segments.filter((s) => s.op !== "same").map((s) => s.text),
      ["１９", "２０"],
    );
  });

  it("replaces a whole word rather than the characters two words share", () => {
    const changes = diffWords("整備を実施中", "整備が完了").filter((s) => s.op !== "same");
    assert.deepEqual(changes, [
      { op: "removed", text: "を実施中" },
      { op: "added", text: "が完了" },
    ]);
  });

  it("gives back each text when its parts are joined", () => {
    const before =
      "低床電車の機種選定し、デザインを作成中 電停改良については35電停中20電停が改良済";
    const after = "低床電車2編成を製作中 電停改良については35電停中20電停が改良済";
    const segments = diffWords(before, after);
    const join = (ops: string[]) =>
      segments
        .filter((s) => ops.includes(s.op))
        .map((s) => s.text)
        .join("");
    assert.equal(join(["same", "removed"]), before);
    assert.equal(join(["same", "added"]), after);
  });

  it("says nothing changed for equal texts and shows an empty side as all added", () => {
    assert.deepEqual(diffWords("同じ", "同じ"), [{ op: "same", text: "同じ" }]);
    assert.deepEqual(diffWords("", "新しい取組"), [{ op: "added", text: "新しい取組" }]);
  });
});
