import assert from "node:assert/strict";
import { it } from "node:test";
import { lineOfFirstInvalidByte } from "./invalid-utf8-line.ts";

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p)))),
  );

it("names the line of the first byte that is not UTF-8, whatever the line endings", () => {
  assert.equal(lineOfFirstInvalidByte(bytes([0x80])), 1);
  assert.equal(lineOfFirstInvalidByte(bytes("a\nb\r\nc\rd", [0xff])), 4);
  assert.equal(lineOfFirstInvalidByte(bytes("項目\n", [0x8d, 0x80])), 2);
});
