import { ShinchokuError } from "../../domain/errors.ts";
import { formatFiscalYearWithGregorian } from "../../domain/fiscal-year.ts";
import { NO_VALUE_WORDS, parseResultEntry } from "../../domain/indicator-result-entry.ts";
import { INDICATOR_SHEET_HEADERS } from "../../export/indicator-sheet.ts";
import { columnLetter, PLAN_XLSX_SHEETS } from "../../export/plan-xlsx.ts";
import type { WorkbookRow } from "./plan-workbook-reader.ts";

/** Why a row of the 指標 sheet was not taken, as a stable id. */
export type IndicatorRefusalCode =
  | "unknown-id"
  | "duplicate-id"
  | "read-only-edited"
  | "wrong-department"
  | "other-fiscal-year";

/** What became of one row of the 指標 sheet. */
export interface IndicatorRowResult {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  indicatorCode: string;
  outcome: "changed" | "unchanged" | "refused";
  /** The 【記入】 columns whose value was taken (changed rows). */
  changed: string[];
  refusal: { code: IndicatorRefusalCode; message: string; columns: string[] } | null;
  note: string | null;
}

/** A stored result: a decimal or none, with its note. */
export interface ResultValue {
  value: string | null;
  note: string | null;
}

/** An indicator as the store has it now, for the row that names it. */
export interface StoredIndicatorRow {
  /** The cells the store would write for this indicator now, under the same header. */
  expected: string[];
  /** The open period's result (null when it has none). */
  current: ResultValue | null;
  /** Whether the importing person may enter this indicator's results (their department's measure). */
  mayEdit: boolean;
}

/** A result to store for the open period: null removes the period's result. */
export interface IndicatorEdit {
  row: number;
  indicatorCode: string;
  result: ResultValue | null;
}

const same = (a: ResultValue | null, b: ResultValue | null) =>
  a === null || b === null ? a === b : a.value === b.value && a.note === b.note;

/**
 * Decide, row by row, which results a filled-in 指標 sheet enters: rows matched by 指標ID; a row
 * whose 【記入】 cells are as the store would write them is unchanged; a row is refused, with the
 * reason and the columns, when its ID is unknown or repeated, a read-only column differs from the
 * store, or — for a row that would change — the person may not enter that indicator's results or
 * the workbook's fiscal year is not the open period's. Pure.
 * @throws ShinchokuError `invalid_input` naming the sheet, row and column of a 【記入】実績値 that
 * is neither a number nor a no-value word: the whole workbook is refused.
 * @example checkIndicatorRows(workbook.indicators, stored, { file, workbookYear, openYear }).edits
 */
export function checkIndicatorRows(
  sheet: { header: string[]; rows: WorkbookRow[] },
  stored: ReadonlyMap<string, StoredIndicatorRow>,
  context: { file: string; workbookYear: number; openYear: number },
): { results: IndicatorRowResult[]; edits: IndicatorEdit[] } {
  const { header } = sheet;
  const [idAt, resultAt, noteAt] = [
    INDICATOR_SHEET_HEADERS.id,
    INDICATOR_SHEET_HEADERS.result,
    INDICATOR_SHEET_HEADERS.note,
  ].map((h) => header.indexOf(h)) as [number, number, number];
  const seen = new Map<string, number>();
  const results: IndicatorRowResult[] = [];
  const edits: IndicatorEdit[] = [];

  for (const { row, cells } of sheet.rows) {
    const cell = (i: number) => (i < 0 ? "" : (cells[i] ?? ""));
    const indicatorCode = cell(idAt);
    const done = (
      outcome: IndicatorRowResult["outcome"],
      extra: Partial<Pick<IndicatorRowResult, "changed" | "refusal" | "note">> = {},
    ) =>
      results.push({
        row,
        indicatorCode,
        outcome,
        changed: [],
        refusal: null,
        note: null,
        ...extra,
      });
    const refuse = (code: IndicatorRefusalCode, message: string, columns: string[]) =>
      done("refused", { refusal: { code, message, columns } });
    const indicator = stored.get(indicatorCode);
    if (!indicator) {
      refuse(
        "unknown-id",
        indicatorCode === ""
          ? "指標ID が空です"
          : `指標ID「${indicatorCode}」はこの計画にありません（行を追加したり ID を変えたりしないでください）`,
        [INDICATOR_SHEET_HEADERS.id],
      );
      continue;
    }
    const first = seen.get(indicatorCode);
    if (first !== undefined) {
      refuse("duplicate-id", `指標ID「${indicatorCode}」は ${first} 行目にもあります`, [
        INDICATOR_SHEET_HEADERS.id,
      ]);
      continue;
    }
    seen.set(indicatorCode, row);
    const edited = header.filter(
      (_, i) => i !== resultAt && i !== noteAt && cell(i) !== (indicator.expected[i] ?? ""),
    );
    if (edited.length > 0) {
      refuse(
        "read-only-edited",
        `変更できない列が書き出したときと異なります: ${edited.join("、")}`,
        edited,
      );
      continue;
    }
    const [valueText, noteText] = [cell(resultAt), cell(noteAt)];
    // As written: the workbook's own period's result (or the open one's), left as it was.
    if (
      valueText === (indicator.expected[resultAt] ?? "") &&
      noteText === (indicator.expected[noteAt] ?? "")
    ) {
      done("unchanged");
      continue;
    }
    const columns = [
      ...(valueText !== (indicator.expected[resultAt] ?? "")
        ? [INDICATOR_SHEET_HEADERS.result]
        : []),
      ...(noteText !== (indicator.expected[noteAt] ?? "") ? [INDICATOR_SHEET_HEADERS.note] : []),
    ];
    // Who may enter comes before what the values are: a refused person learns nothing more.
    if (!indicator.mayEdit) {
      refuse("wrong-department", "担当課の取組の指標ではないため、実績値を入力できません", columns);
      continue;
    }
    if (context.workbookYear !== context.openYear) {
      refuse(
        "other-fiscal-year",
        `このブックの実績値は${formatFiscalYearWithGregorian(context.workbookYear)}のものです。受付中の報告期は${formatFiscalYearWithGregorian(context.openYear)}のため、ブックを書き出し直して記入してください`,
        columns,
      );
      continue;
    }
    const result = parseResultEntry(valueText, noteText);
    if (result === undefined) {
      const at = `${columnLetter(resultAt)}${row}`;
      throw new ShinchokuError(
        "invalid_input",
        `シート「${PLAN_XLSX_SHEETS.indicators}」の ${row} 行目 ${columnLetter(resultAt)} 列（${INDICATOR_SHEET_HEADERS.result}、指標 ${indicatorCode}）の「${valueText}」は数値ではありません。単位を付けずに数値だけを記入するか、数値がないときは ${["-", ...NO_VALUE_WORDS].join("、")} のいずれか、または空欄にしてください（備考は${INDICATOR_SHEET_HEADERS.note}の列へ）。ブック全体を取り込んでいません`,
        { file: context.file, line: row, field: `${PLAN_XLSX_SHEETS.indicators}!${at}` },
      );
    }
    if (same(result, indicator.current)) {
      done("unchanged");
      continue;
    }
    done("changed", { changed: columns });
    edits.push({ row, indicatorCode, result });
  }
  return { results, edits };
}
