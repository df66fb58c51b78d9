import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatItemNumbers, parseItemNumbers } from "./item-number-ranges.ts";

describe("item number lists", () => {
  it("reads ranges and single numbers, in any width and with any dash or separator", () => {
    assert.deepEqual(parseItemNumbers("56-58, 60"), [56, 57, 58, 60]);
    assert.deepEqual(parseItemNumbers("56-58,60"), [56, 57, 58, 60]);
    assert.deepEqual(parseItemNumbers("５６〜５８、６０"), [56, 57, 58, 60]);
    assert.deepEqual(parseItemNumbers("No.56–58 No.60"), [56, 57, 58, 60]);
    assert.deepEqual(parseItemNumbers("60, 56ー57, 56"), [56, 57, 60], "sorted, each once");
    assert.deepEqual(parseItemNumbers(" 13 "), [13]);
  });

  it("refuses what is not a list of item numbers", () => {
    for (const bad of ["", " , ", "56-", "a", "58-56", "0", "1-99999", "56.5", "56-58-60"])
      assert.equal(parseItemNumbers(bad), null, JSON.stringify(bad));
  });

  it("writes numbers back as short ranges that read back the same", () => {
    assert.equal(formatItemNumbers([60, 56, 57, 58]), "56–58, 60");
    assert.equal(formatItemNumbers([1, 3, 5]), "1, 3, 5");
    assert.equal(formatItemNumbers([]), "");
    assert.deepEqual(parseItemNumbers(formatItemNumbers([25, 26, 27, 29])), [25, 26, 27, 29]);
  });
});
