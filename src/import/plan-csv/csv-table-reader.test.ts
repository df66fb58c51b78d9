import assert from "node:assert/strict";
import { it } from "node:test";
import { ShinchokuError } from "../../domain/errors.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { readCsvTable } from "./csv-table-reader.ts";

const read = (text: string | Uint8Array) =>
  readCsvTable(
    typeof text === "string" ? new TextEncoder().encode(text) : text,
    "t.csv",
    ["a", "b"],
    new ImportReportBuilder("t.csv"),
  );

it("numbers rows by the lines of the file when CRLF, LF and CR are mixed", () => {
  const rows = read('a,b\r\n1,2\n3,4\r5,6\r\n\r\n7,"x\r\ny"\n9,10');
  assert.deepEqual(
    rows.map((r) => [r.line, r.value("a")]),
    [
      [2, "1"],
      [3, "3"],
      [4, "5"],
      [6, "7"],
      [8, "9"],
    ],
  );
});

it("refuses bytes that are neither UTF-8 nor Shift_JIS naming the line of the first bad byte", () => {
  assert.throws(
    () => read(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0x80])),
    (error: unknown) =>
      error instanceof ShinchokuError &&
      error.location.file === "t.csv" &&
      error.location.line === 2,
  );
});
