import { stringify } from "csv-stringify/sync";
import { quoteSpreadsheetText } from "./spreadsheet-text.ts";

/**
 * A table as CSV following the government's machine-readability rules: UTF-8 with a BOM
 * (unless asked without), CRLF line ends, one header row, one value per cell. A line break the
 * data holds (a city's cell of two lines) is kept as CRLF inside a quoted value (RFC 4180), not
 * joined into one line: the value is the city's, and a reader of CSV reads it back whole. Text a spreadsheet would take for a formula (`=1+1`, `-x`, `@SUM(…)`) gets a
 * `'` in front, and so does text starting with `'` (see `quoteSpreadsheetText`); numbers are
 * written as they are, and so are decimal texts in `decimalColumns`.
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
              : quoteSpreadsheetText(v.replace(/\r\n|\r|\n/gu, "\r\n")),
      ),
    ),
    { header: false, record_delimiter: "windows", quoted_match: /[",\r\n]/u },
  );
  const head = stringify([header as string[]], { record_delimiter: "windows" });
  return `${options.bom === false ? "" : "\uFEFF"}${head}${body}`;
}
