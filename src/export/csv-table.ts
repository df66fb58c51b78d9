import { stringify } from "csv-stringify/sync";
import { quoteSpreadsheetText } from "./spreadsheet-text.ts";

/**
 * A table as CSV following the government's machine-readability rules: UTF-8 with a BOM
 * (unless asked without), CRLF line ends, one header row, one value per cell, no line breaks
 * inside a value. Text a spreadsheet would take for a formula (`=1+1`, `-x`, `@SUM(…)`) gets a
 * `'` in front, and so does text starting with `'` (see `quoteSpreadsheetText`); numbers, and
 * decimal texts in `decimalColumns`, are written as they are.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  options: { bom?: boolean; decimalColumns?: ReadonlySet<number> } = {},
): string {
  const body = stringify(
    rows.map((row) =>
      row.map((v, column) =>
        v === null
          ? ""
          : typeof v === "number"
            ? String(v)
            : // A decimal kept as text (`-1.50`) is a number, not a formula: written as it is.
              options.decimalColumns?.has(column) && /^-?\d+(\.\d+)?$/u.test(v)
              ? v
              : quoteSpreadsheetText(v.replace(/\r\n|\r|\n/gu, " ")),
      ),
    ),
    { header: false, record_delimiter: "windows", quoted_match: /[",\r\n]/u },
  );
  const head = stringify([header as string[]], { record_delimiter: "windows" });
  return `${options.bom === false ? "" : "\uFEFF"}${head}${body}`;
}
