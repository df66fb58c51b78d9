import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import { ShinchokuError } from "../../domain/errors.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { MAX_CSV_BYTES } from "../plan-csv/csv-table-reader.ts";
import { workbookSheets } from "../plan-xlsx/plan-workbook-reader.ts";
import { inspectWorkbookContainer } from "../plan-xlsx/workbook-container.ts";
import type { SheetTable } from "./sheet-table.ts";

/**
 * Read every sheet of a city's workbook (.xlsx) or its one CSV/TSV table (UTF-8 with or without
 * BOM, or Shift_JIS) as text, whatever its shape. A formula cell reads as the value Excel stored
 * with it; cells holding a formula without one are listed on the sheet.
 * @throws ShinchokuError `invalid_input` naming the file, for what is no workbook or table.
 * @example const sheets = await readSheets(await readFile("jigyo.xlsx"), "jigyo.xlsx", report);
 */
export async function readSheets(
  bytes: Uint8Array,
  file: string,
  report: ImportReportBuilder,
): Promise<SheetTable[]> {
  const type = extname(file).toLowerCase();
  if (type === ".csv" || type === ".tsv" || type === ".txt")
    return [readDelimited(bytes, file, type === ".tsv" ? "\t" : undefined, report)];
  if (type !== ".xlsx")
    throw new ShinchokuError(
      "invalid_input",
      `対応表で取り込めるのは Excel ブック（.xlsx）と CSV・TSV です（${type || "拡張子なし"}）`,
      { file },
    );
  const formulas = inspectWorkbookContainer(bytes, file);
  const sheets = await workbookSheets(bytes, file);
  return [...sheets].map(([name, rows]) => ({
    name,
    rows,
    formulasWithoutValue: new Set(
      formulas.filter((f) => f.sheet === name && !f.hasValue).map((f) => f.cell),
    ),
  }));
}

function readDelimited(
  bytes: Uint8Array,
  file: string,
  delimiter: string | undefined,
  report: ImportReportBuilder,
): SheetTable {
  if (bytes.byteLength > MAX_CSV_BYTES)
    throw new ShinchokuError(
      "invalid_input",
      `ファイルが大きすぎます（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB、上限 ${MAX_CSV_BYTES / 1024 / 1024} MB）`,
      { file },
    );
  const text = decode(bytes, file, report).replace(/\r\n?/gu, "\n");
  // A file whose first line has more tabs than commas is a TSV, whatever its extension.
  const head = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n"));
  const sep =
    delimiter ??
    ((head.match(/\t/gu)?.length ?? 0) > (head.match(/,/gu)?.length ?? 0) ? "\t" : ",");
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: sep,
      relax_column_count: true,
      relax_quotes: sep === "\t",
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ShinchokuError(
      "invalid_input",
      `${sep === "\t" ? "TSV" : "CSV"} として読めません: ${(error as Error).message}`,
      line === undefined ? { file } : { file, line },
    );
  }
  return {
    name: basename(file, extname(file)),
    rows: rows.map((r) => r.map((c) => c.trim())),
    formulasWithoutValue: new Set(),
  };
}

function decode(bytes: Uint8Array, file: string, report: ImportReportBuilder): string {
  try {
    // The decoder drops a UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      const text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
      report.info(null, "csv-shift-jis", `${file} を Shift_JIS として読みました`);
      return text;
    } catch {
      throw new ShinchokuError(
        "invalid_input",
        "UTF-8 でも Shift_JIS でもありません（バイナリまたは別の文字コードのファイル）",
        { file },
      );
    }
  }
}
