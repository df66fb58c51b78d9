import { parseFiscalYear } from "../../domain/fiscal-year.ts";

/**
 * The table's header row read as headings: each cell's role comes from its heading text (after
 * NFKC), never from its position. A heading that is none of the known ones is refused.
 */

export type HeadingRole = "number" | "item" | "year" | "progress" | "department" | "rating";

/** One cell of a measure row, from the item column on, as the header names it. */
export type MeasureColumn =
  | { role: "title"; heading: string }
  | { role: "year"; heading: string; fiscalYear: number }
  | { role: "progress"; heading: string }
  | { role: "department"; heading: string }
  | { role: "rating"; heading: string };

export interface TableColumns {
  /** The measure row's cells in order: the title (under 項目) first. */
  columns: MeasureColumn[];
  fiscalYears: number[];
}

const NUMBER = /^(区分|No\.?|番号|№)([、,・/]?(No\.?|番号|№))?$/iu;
const ITEM = /^.{0,6}項目$/u;
const PROGRESS = /^(進捗状況|進捗|評価理由|取組状況|実施状況)(\(.*\))?$/u;
const DEPARTMENT = /^(部局|担当課|所管課|担当部局|担当部署|所管部局|所管)(名)?$/u;
const RATING = /^.{0,8}(評価|評定|状況区分)$/u;

/** A heading without its spaces, NFKC-normalized (`２４（年度）` → `24(年度)`). */
function headingKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "");
}

/** The role a header cell's text names, or null when it is not a known heading. */
export function headingRole(text: string): HeadingRole | null {
  const key = headingKey(text);
  if (key === "") return null;
  if (NUMBER.test(key)) return "number";
  if (ITEM.test(key)) return "item";
  if (PROGRESS.test(key)) return "progress";
  if (DEPARTMENT.test(key)) return "department";
  if (RATING.test(key)) return "rating";
  // A bare number is a year of the report's era: any era will do to tell it is a year.
  if (
    parseFiscalYear(key, { era: "平成" }) !== null ||
    parseFiscalYear(key, { era: "令和" }) !== null
  )
    return "year";
  return null;
}

/** Whether a row of cells is a table header: it names an item column and a progress column. */
export function isTableHeader(cells: string[]): boolean {
  // Asked of every line: the two regular expressions only, not every heading's.
  const keys = cells.filter((c) => c.length <= 40).map(headingKey);
  return keys.some((k) => ITEM.test(k)) && keys.some((k) => PROGRESS.test(k));
}

const KNOWN =
  "区分・No.、項目、年度（24(年度)、H25 など）、進捗状況・評価理由、部局・担当課・所管課、評価・評定・状況区分";

/**
 * Read a header row into the measure row's columns. Refuses (through `fail`, with the header's
 * line and the heading's text) an unknown heading, a heading other than 区分・No. before 項目,
 * and a role named twice.
 * @example readTableHeader(["区分、No.", "項目", "24(年度)", "25", "進捗状況"], 136, "平成", fail)
 * // { fiscalYears: [2012, 2013], columns: [title, year 2012, year 2013, progress] }
 */
export function readTableHeader(
  cells: string[],
  line: number,
  era: string,
  fail: (line: number, message: string, field?: string) => never,
): TableColumns {
  const itemAt = cells.findIndex((c) => headingRole(c) === "item");
  if (itemAt < 0) return fail(line, "表の見出し行に「項目」の列がありません");
  for (const cell of cells.slice(0, itemAt)) {
    const role = headingRole(cell);
    if (cell !== "" && role !== "number") {
      return fail(
        line,
        `表の見出し「${cell}」が「項目」より前にあります: 項目より前に置ける列は「区分・No.」だけです`,
        cell,
      );
    }
  }
  const columns: MeasureColumn[] = [{ role: "title", heading: cells[itemAt] ?? "" }];
  const seen = new Map<HeadingRole, string>();
  for (const cell of cells.slice(itemAt + 1)) {
    const role = headingRole(cell);
    if (role === null || role === "number" || role === "item") {
      return fail(
        line,
        cell === ""
          ? "表の見出し行に見出しのない列があります"
          : `表の見出し「${cell}」の列が何か分かりません（読める見出し: ${KNOWN}）`,
        cell,
      );
    }
    if (role === "year") {
      const fiscalYear = parseFiscalYear(cell, { era });
      if (fiscalYear === null) return fail(line, `年度の列「${cell}」を読めません`, cell);
      columns.push({ role, heading: cell, fiscalYear });
      continue;
    }
    const before = seen.get(role);
    if (before !== undefined) {
      return fail(line, `表の見出し「${before}」と「${cell}」が同じ種類の列です`, cell);
    }
    seen.set(role, cell);
    columns.push({ role, heading: cell });
  }
  const fiscalYears = columns.flatMap((c) => (c.role === "year" ? [c.fiscalYear] : []));
  for (let i = 1; i < fiscalYears.length; i++) {
    if ((fiscalYears[i] ?? 0) <= (fiscalYears[i - 1] ?? 0))
      fail(line, "年度の列が昇順ではありません");
  }
  return { columns, fiscalYears };
}

/** The columns of the model report's table: title, one per fiscal year, progress. */
export function columnsForYears(fiscalYears: number[]): TableColumns {
  return {
    fiscalYears,
    columns: [
      { role: "title", heading: "項目" },
      ...fiscalYears.map((fiscalYear) => ({
        role: "year" as const,
        heading: String(fiscalYear),
        fiscalYear,
      })),
      { role: "progress", heading: "進捗状況" },
    ],
  };
}

/** A key equal for two headers that read into the same columns. */
export function columnsKey(table: TableColumns): string {
  return table.columns
    .map((c) => (c.role === "year" ? `year:${c.fiscalYear}` : `${c.role}`))
    .join("|");
}
