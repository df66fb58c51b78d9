import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonErrorLine, jsonNestingLine } from "./json-error-position.ts";

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

describe("jsonNestingLine", () => {
  it("names the line where arrays and objects nest past the limit, not counting brackets in strings", () => {
    assert.equal(jsonNestingLine('{"a": [\n[\n[1]]]}', 4), null);
    assert.equal(jsonNestingLine('{"a": [\n[\n[\n[1]]]]}', 4), 4);
    assert.equal(jsonNestingLine('{"a": "[[[[\\"[[[[", "b": [1]}', 2), null);
    // Deep enough to exhaust a recursive reader's stack, and read without one.
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    assert.equal(jsonNestingLine(`\n${deep}`, 64), 2);
  });
});
