import { parse } from "csv-parse/sync";
import { ShinchokuError } from "../../domain/errors.ts";
import { unquoteSpreadsheetText } from "../../export/spreadsheet-text.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { lineOfFirstInvalidByte } from "../invalid-utf8-line.ts";

/** The largest CSV accepted: the model plan's measures table is about 80 kB. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** A data row of a CSV table: its line in the file and its values by header name. */
export interface CsvRecord {
  line: number;
  value(header: string): string;
}

/**
 * Read a CSV table with a header row: UTF-8 with or without BOM (Shift_JIS when the bytes are not
 * UTF-8, as Excel in Japan saves it), any line ending, quoted values. Every header in `required`
 * must be there, those in `optional` may be; other headers are reported as ignored. Values are trimmed, then one leading `'`
 * is taken off: the exporter puts it before text a spreadsheet would read as a formula. With
 * `noRows`, a table of a header alone is refused with that message at the header's line.
 * @throws ShinchokuError naming the file, the line and the column (header name).
 * @example const rows = readCsvTable(bytes, "measures.csv", MEASURES_CSV_HEADER, report);
 */
export function readCsvTable(
  bytes: Uint8Array,
  file: string,
  required: readonly string[],
  report: ImportReportBuilder,
  optional: readonly string[] = [],
  noRows?: string,
): CsvRecord[] {
  if (bytes.byteLength > MAX_CSV_BYTES) {
    throw new ShinchokuError(
      "invalid_input",
      `ファイルが大きすぎます（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB、上限 ${MAX_CSV_BYTES / 1024 / 1024} MB）`,
      { file },
    );
  }
  // One line ending: csv-parse counts CR and LF each as a line, so a file mixing CRLF with LF
  // or CR got line numbers past its end (found by fuzzing). Our exports have no line break
  // inside a value; one a spreadsheet wrote inside quotes stays a line break.
  const text = decode(bytes, file, report).replace(/\r\n?/gu, "\n");
  let parsed: Array<{ record: string[]; raw: string; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ShinchokuError(
      "invalid_input",
      `CSV として読めません: ${(error as Error).message}`,
      line === undefined ? { file } : { file, line },
    );
  }
  const [head, ...rows] = parsed;
  if (!head) throw new ShinchokuError("invalid_input", "ファイルが空です", { file, line: 1 });
  const headLine = firstLine(head.raw, head.info.lines);
  const header = head.record.map((h) => h.trim());
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    if (at.has(h))
      throw new ShinchokuError("invalid_input", `見出し「${h}」が二つあります`, {
        file,
        line: headLine,
        field: h,
      });
    at.set(h, i);
  });
  const missing = required.filter((h) => !at.has(h));
  if (missing.length > 0) {
    throw new ShinchokuError(
      "invalid_input",
      `見出し行に ${missing.map((h) => `「${h}」`).join("")} がありません`,
      { file, line: headLine, field: missing[0] ?? "" },
    );
  }
  for (const h of header.filter((h) => !required.includes(h) && !optional.includes(h)))
    report.warn(headLine, "csv-column-ignored", `${file}: 列「${h}」は取り込みません`);
  if (rows.length === 0 && noRows !== undefined)
    throw new ShinchokuError("invalid_input", noRows, { file, line: headLine });

  return rows.map(({ record, raw, info }) => {
    const line = firstLine(raw, info.lines);
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== ""))
      throw new ShinchokuError("invalid_input", "見出しより多くの値があります", { file, line });
    return {
      line,
      value: (h: string) => unquoteSpreadsheetText((record[at.get(h) ?? -1] ?? "").trim()),
    };
  });
}

/**
 * The line a record starts on: csv-parse counts to its last line; its raw text holds the empty
 * lines skipped before it, the breaks inside quoted values and its own line break.
 */
function firstLine(raw: string, lastLine: number): number {
  const breaks = raw.replace(/^\n+/u, "").replace(/\n$/u, "").split("\n").length - 1;
  return lastLine - breaks;
}

function decode(bytes: Uint8Array, file: string, report: ImportReportBuilder): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Excel in Japan saves "CSV" as Shift_JIS (CP932): read it rather than refuse it.
    try {
      const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
      report.info(null, "csv-shift-jis", `${file} を Shift_JIS として読みました`);
      return text;
    } catch {
      // The line of the first byte that is not UTF-8: the likelier mistake in a file of ours.
      throw new ShinchokuError(
        "invalid_input",
        "UTF-8 でも Shift_JIS でもありません（バイナリまたは別の文字コードのファイル）",
        { file, line: lineOfFirstInvalidByte(bytes) },
      );
    }
  }
}
