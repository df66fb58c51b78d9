import { isIsoDate } from "../../commands/cycle/cycle-context.ts";
import { MAX_NARRATIVE_LENGTH } from "../../commands/cycle/progress-saver.ts";
import { PLAN_XLSX_HEADERS } from "../../export/plan-xlsx.ts";
import type { WorkbookRow } from "./plan-workbook-reader.ts";

/** Why a row was not taken, as a stable id. */
export type RowRefusalCode =
  | "unknown-id"
  | "duplicate-id"
  | "malformed-date"
  | "read-only-edited"
  | "relisting-edited"
  | "wrong-department"
  | "unknown-status"
  | "empty-narrative"
  | "narrative-too-long";

/** What became of one row of the 取組 sheet. */
export interface WorkbookRowResult {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  measureCode: string;
  outcome: "changed" | "unchanged" | "refused";
  /** The 【記入】 columns whose value was taken (changed rows). */
  changed: string[];
  refusal: { code: RowRefusalCode; message: string; columns: string[] } | null;
  /** Something the person should know about a row that was taken or left as it was. */
  note: string | null;
}

/** A measure as the store has it now, for the row that names it. */
export interface StoredMeasureRow {
  /** The cells the store would write for this measure now, under the same header. */
  expected: string[];
  relisting: boolean;
  /** The open period's draft (null when the measure has none yet). */
  draft: { narrative: string; statusCode: string | null; version: number } | null;
  /** The progress of the period the workbook was written with, when that is not the open one. */
  baseline: { narrative: string; statusCode: string | null } | null;
  /** Whether the importing person may edit this measure's progress (their department's). */
  mayEdit: boolean;
}

/** A change to save as a draft of the open period. */
export interface AcceptedEdit {
  row: number;
  measureCode: string;
  narrative: string;
  statusCode: string | null;
  expectedVersion: number;
}

const DATE_HEADER = "基準日";
const RELISTING_OF_HEADER = "再掲元取組ID";

/**
 * Decide, row by row, what a filled-in workbook changes: rows are matched by 取組ID (any order,
 * any subset); a row is refused, with the reason and the columns, when its ID is unknown or
 * repeated, its 基準日 is not a date, a read-only column differs from the store, a re-listing row
 * was filled in, or — for a row that would change — the person may not edit that measure, the
 * status is not in the plan's scheme, or the narrative is empty or too long. Pure.
 * @example checkWorkbookRows(workbook, stored, tree.statuses).edits // the rows to save
 */
export function checkWorkbookRows(
  workbook: { header: string[]; rows: WorkbookRow[] },
  stored: ReadonlyMap<string, StoredMeasureRow>,
  statuses: ReadonlyArray<{ code: string; name: string }>,
): { results: WorkbookRowResult[]; edits: AcceptedEdit[] } {
  const { header } = workbook;
  const column = (name: string) => header.indexOf(name);
  const [idAt, progressAt, statusAt, dateAt] = [
    column(PLAN_XLSX_HEADERS.id),
    column(PLAN_XLSX_HEADERS.progress),
    column(PLAN_XLSX_HEADERS.status),
    column(DATE_HEADER),
  ];
  const editable = new Set([progressAt, statusAt]);
  const statusByName = new Map(statuses.map((s) => [s.name, s.code]));
  const seen = new Map<string, number>();
  const results: WorkbookRowResult[] = [];
  const edits: AcceptedEdit[] = [];

  for (const { row, cells } of workbook.rows) {
    const cell = (i: number) => (i < 0 ? "" : (cells[i] ?? ""));
    const measureCode = cell(idAt);
    const refuse = (code: RowRefusalCode, message: string, columns: string[]) =>
      results.push({
        row,
        measureCode,
        outcome: "refused",
        changed: [],
        refusal: { code, message, columns },
        note: null,
      });
    const measure = stored.get(measureCode);
    if (!measure) {
      refuse(
        "unknown-id",
        measureCode === ""
          ? "取組ID が空です"
          : `取組ID「${measureCode}」はこの計画にありません（行を追加したり ID を変えたりしないでください）`,
        [PLAN_XLSX_HEADERS.id],
      );
      continue;
    }
    const first = seen.get(measureCode);
    if (first !== undefined) {
      refuse("duplicate-id", `取組ID「${measureCode}」は ${first} 行目にもあります`, [
        PLAN_XLSX_HEADERS.id,
      ]);
      continue;
    }
    seen.set(measureCode, row);
    if (dateAt >= 0 && !isIsoDate(cell(dateAt))) {
      refuse(
        "malformed-date",
        `基準日「${cell(dateAt)}」が YYYY-MM-DD の日付ではありません（基準日は変更しないでください）`,
        [DATE_HEADER],
      );
      continue;
    }
    const edited = header.filter(
      (_, i) => !editable.has(i) && cell(i) !== (measure.expected[i] ?? ""),
    );
    if (edited.length > 0) {
      refuse(
        "read-only-edited",
        `変更できない列が書き出したときと異なります: ${edited.join("、")}`,
        edited,
      );
      continue;
    }
    const narrative = cell(progressAt);
    const statusName = cell(statusAt);
    if (measure.relisting) {
      if (narrative !== "" || statusName !== "") {
        const original = measure.expected[column(RELISTING_OF_HEADER)] ?? "";
        refuse(
          "relisting-edited",
          `再掲の行には記入できません。再掲元の取組（${original}）の行に記入してください`,
          [PLAN_XLSX_HEADERS.progress, PLAN_XLSX_HEADERS.status].filter(
            (_, i) => [narrative, statusName][i] !== "",
          ),
        );
      } else {
        results.push({
          row,
          measureCode,
          outcome: "unchanged",
          changed: [],
          refusal: null,
          note: null,
        });
      }
      continue;
    }

    // undefined: a name the scheme does not have (never equal to what is stored).
    const statusCode = statusName === "" ? null : statusByName.get(statusName);
    const draft = measure.draft ?? { narrative: "", statusCode: null, version: 0 };
    const sameAs = (p: { narrative: string; statusCode: string | null }) =>
      p.narrative === narrative && p.statusCode === statusCode;
    if (sameAs(draft) || (measure.baseline && sameAs(measure.baseline))) {
      results.push({
        row,
        measureCode,
        outcome: "unchanged",
        changed: [],
        refusal: null,
        note: sameAs(draft)
          ? null
          : "ブックを書き出した後に下書きが更新されているため、その下書きのままにしました",
      });
      continue;
    }
    const changed = [
      ...(narrative !== draft.narrative ? [PLAN_XLSX_HEADERS.progress] : []),
      ...(statusCode !== draft.statusCode ? [PLAN_XLSX_HEADERS.status] : []),
    ];
    // Who may edit comes before what the values are: a refused person learns nothing more.
    if (!measure.mayEdit) {
      refuse("wrong-department", "担当課の取組ではないため、変更できません", changed);
      continue;
    }
    if (statusCode === undefined) {
      refuse(
        "unknown-status",
        `状況区分「${statusName}」はこの計画の区分にありません（${statuses.map((s) => s.name).join("、")} のいずれか、または空欄）`,
        [PLAN_XLSX_HEADERS.status],
      );
      continue;
    }
    if (narrative === "") {
      refuse("empty-narrative", "進捗状況が空です。進捗状況を記入してください", [
        PLAN_XLSX_HEADERS.progress,
      ]);
      continue;
    }
    if (narrative.length > MAX_NARRATIVE_LENGTH) {
      refuse(
        "narrative-too-long",
        `進捗状況は${MAX_NARRATIVE_LENGTH}文字以内にしてください（${narrative.length}文字）`,
        [PLAN_XLSX_HEADERS.progress],
      );
      continue;
    }
    results.push({ row, measureCode, outcome: "changed", changed, refusal: null, note: null });
    edits.push({ row, measureCode, narrative, statusCode, expectedVersion: draft.version });
  }
  return { results, edits };
}
