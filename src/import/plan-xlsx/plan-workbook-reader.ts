import readXlsxFile from "read-excel-file/node";
import { ShinchokuError } from "../../domain/errors.ts";
import { INDICATOR_SHEET_HEADERS } from "../../export/indicator-sheet.ts";
import { PLAN_XLSX_FORMAT, PLAN_XLSX_HEADERS, PLAN_XLSX_SHEETS } from "../../export/plan-xlsx.ts";
import { checkWorkbookContainer } from "./workbook-container.ts";

/** A row of the 取組 sheet: its number in the sheet (the header is row 1) and its cells as text. */
export interface WorkbookRow {
  row: number;
  cells: string[];
}

/** A workbook written by `planXlsx` and filled in by a department, as read back. */
export interface PlanWorkbook {
  file: string;
  /** 計画ID on the 計画 sheet. */
  planSlug: string;
  /** 基準日 on the 計画 sheet: the period whose progress the workbook was written with. */
  asOf: string;
  /** The 取組 sheet's header row. */
  header: string[];
  rows: WorkbookRow[];
  /** The 指標 sheet, when the workbook has one (older exports and plans without indicators do not). */
  indicators: { header: string[]; rows: WorkbookRow[] } | null;
}

/**
 * Read a plan workbook (our XLSX export, edited) after checking its container: ours by its 計画
 * sheet (format id, plan ID, as-of date) and by the 取組 sheet's key columns. Reads values only.
 * @throws ShinchokuError `invalid_input` for a workbook that is not ours or cannot be read.
 * @example const workbook = await readPlanWorkbook(await readFile("plan.xlsx"), "plan.xlsx");
 */
export async function readPlanWorkbook(bytes: Uint8Array, file: string): Promise<PlanWorkbook> {
  checkWorkbookContainer(bytes, file);
  const sheets = await workbookSheets(bytes, file);
  // The sheet (or sheet!column) at fault is the location: a workbook has no lines.
  const notOurs = (why: string, field: string) =>
    new ShinchokuError(
      "invalid_input",
      `Shinchoku が書き出した取組の一覧（plan.xlsx）ではありません: ${why}`,
      { file, field },
    );
  const plan = sheets.get(PLAN_XLSX_SHEETS.plan);
  const measures = sheets.get(PLAN_XLSX_SHEETS.measures);
  if (!plan) throw notOurs(`シート「${PLAN_XLSX_SHEETS.plan}」がありません`, PLAN_XLSX_SHEETS.plan);
  if (!measures)
    throw notOurs(`シート「${PLAN_XLSX_SHEETS.measures}」がありません`, PLAN_XLSX_SHEETS.measures);

  const facts = new Map(plan.map((r) => [r[0] ?? "", r[1] ?? ""]));
  const format = facts.get("書式") ?? "";
  if (format !== PLAN_XLSX_FORMAT) {
    throw notOurs(
      format === ""
        ? `シート「${PLAN_XLSX_SHEETS.plan}」に書式がありません`
        : `書式「${format}」には対応していません（対応: ${PLAN_XLSX_FORMAT}）`,
      `${PLAN_XLSX_SHEETS.plan}!書式`,
    );
  }
  const planSlug = facts.get("計画ID") ?? "";
  if (planSlug === "")
    throw notOurs(
      `シート「${PLAN_XLSX_SHEETS.plan}」に計画ID がありません`,
      `${PLAN_XLSX_SHEETS.plan}!計画ID`,
    );
  const asOf = facts.get("基準日") ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(asOf)) {
    throw new ShinchokuError(
      "invalid_input",
      `シート「${PLAN_XLSX_SHEETS.plan}」の基準日「${asOf}」が YYYY-MM-DD の日付ではありません`,
      { file, field: "基準日" },
    );
  }

  const table = (name: string, cells: string[][], keys: readonly string[]) => {
    const [header = [], ...rows] = cells;
    for (const key of keys) {
      if (!header.includes(key))
        throw notOurs(`シート「${name}」の見出し行に「${key}」がありません`, `${name}!1`);
    }
    return {
      header,
      rows: rows
        .map((cells, i) => ({ row: i + 2, cells }))
        .filter((r) => r.cells.some((c) => c !== "")),
    };
  };
  const indicators = sheets.get(PLAN_XLSX_SHEETS.indicators);
  return {
    file,
    planSlug,
    asOf,
    ...table(PLAN_XLSX_SHEETS.measures, measures, Object.values(PLAN_XLSX_HEADERS)),
    indicators: indicators
      ? table(PLAN_XLSX_SHEETS.indicators, indicators, Object.values(INDICATOR_SHEET_HEADERS))
      : null,
  };
}

/**
 * Every sheet of a workbook as rows of text: numbers as written (`1`), dates as `YYYY-MM-DD`,
 * line ends as `\n`, an empty cell as `""`. Used for the workbook a person sends and for the one
 * the store would write now, so that both are compared as the same reader sees them.
 */
export async function workbookSheets(
  bytes: Uint8Array,
  file: string,
): Promise<Map<string, string[][]>> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ShinchokuError(
      "invalid_input",
      `Excel ブック（.xlsx）として読めません: ${(error as Error).message}`,
      { file },
    );
  }
  return new Map(
    sheets.map((s) => {
      // read-excel-file gives no rows at all for a sheet whose XML it cannot parse (found by fuzzing).
      if (!Array.isArray(s.data))
        throw new ShinchokuError(
          "invalid_input",
          `シート「${s.sheet}」を読めません（壊れた XML）`,
          {
            file,
            field: s.sheet,
          },
        );
      return [s.sheet, s.data.map((row) => row.map((cell) => cellText(cell)))];
    }),
  );
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value).replace(/\r\n?/gu, "\n").trim();
}
