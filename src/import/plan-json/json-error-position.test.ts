import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonErrorLine } from "./json-error-position.ts";

describe("jsonErrorLine", () => {
  it("returns null for valid JSON of every kind of value", () => {
    for (const text of [
      '{"a": [1, -2.5e3, true, false, null, "x\\"y"]}',
      "[]",
      "{}",
      ' "s" ',
      "0",
    ]) {
      assert.equal(jsonErrorLine(text), null, text);
      JSON.parse(text);
    }
  });

  it("names the line where the text stops being JSON", () => {
    assert.equal(jsonErrorLine('{\n  "format": \n}'), 3);
    assert.equal(jsonErrorLine('{\n"a": 1,\n"b": 2,\n}'), 4);
    assert.equal(jsonErrorLine("[1,\n2\n3]"), 3);
    assert.equal(jsonErrorLine('{"a": 1} trailing'), 1);
    assert.equal(jsonErrorLine('\n\n"unterminated'), 3);
  });
});
