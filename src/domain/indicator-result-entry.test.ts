import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseResultEntry } from "./indicator-result-entry.ts";

describe("parseResultEntry", () => {
  const cases: Array<[string, string, ReturnType<typeof parseResultEntry>]> = [
    ["3,437", "", { value: "3437", note: null }],
    ["３，４３７", "見込み", { value: "3437", note: "見込み" }],
    ["▲12", "", { value: "-12", note: null }],
    ["82.50", "", { value: "82.50", note: null }],
    ["0", "", { value: "0", note: null }],
    ["-", "", { value: null, note: "-" }],
    ["—", "", { value: null, note: "—" }],
    ["集計中", "3月末に確定", { value: null, note: "集計中 3月末に確定" }],
    ["", "見込み", { value: null, note: "見込み" }],
    ["", "", null],
    ["  ", " ", null],
    ["12件", "", undefined],
    ["約100", "", undefined],
    ["2024-03-01", "", undefined],
    ["たくさん", "", undefined],
  ];
  for (const [value, note, expected] of cases)
    it(`${expected === undefined ? "refuses" : "reads"} ${JSON.stringify(value)} with the note ${JSON.stringify(note)}${expected?.value === null ? ", keeping the text as the note and no number" : ""}`, () => {
      assert.deepEqual(parseResultEntry(value, note), expected);
    });
});
