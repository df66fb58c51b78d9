import writeExcelFile, {
  type CellObject,
  type Row,
  type Sheet,
  type SheetData,
} from "write-excel-file/node";
import { formatFiscalYearWithGregorian } from "../domain/fiscal-year.ts";
import { type MeasurePlacement, measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import type { StoredIndicator } from "../store/queries/indicator-query.ts";
import { indicatorColumns } from "./indicator-sheet.ts";

/** The shape of the workbook, for the import that reads it back: see the 計画 sheet. */
export const PLAN_XLSX_FORMAT = "shinchoku-plan-xlsx/1";

/**
 * The sheet names: the measures (one row each), the indicators (one row each, only when the plan
 * has any), what each column means, the plan.
 */
export const PLAN_XLSX_SHEETS = {
  measures: "取組",
  indicators: "指標",
  guide: "説明",
  plan: "計画",
} as const;

/**
 * The headers a later import relies on: rows are matched by 取組ID, and only the columns whose
 * header starts with 【記入】 are read as edits; every other column is for reference.
 */
export const PLAN_XLSX_HEADERS = {
  id: "取組ID",
  progress: "【記入】進捗状況",
  status: "【記入】状況区分",
} as const;

/** A column of any sheet. */
interface SheetColumn {
  header: string;
  /** Width in characters. */
  width: number;
  /** Text that may run long: wrapped inside the cell. */
  wrap: boolean;
  /**
   * An empty cell still formatted as text (`@`), so that a number typed into it stays as typed
   * (`82.50`, not the float 82.5).
   */
  emptyAsText?: boolean;
}

/** A column of the 取組 sheet, with what the 説明 sheet says of it. */
interface Column extends SheetColumn {
  editable: boolean;
  description: string;
  value: (row: MeasurePlacement) => string | number | null;
}

const readOnly = (
  header: string,
  width: number,
  description: string,
  value: Column["value"],
): Column => ({ header, width, editable: false, wrap: width >= 14, description, value });

/** The columns of the 取組 sheet: read-only ones first, the two editable ones last. */
function columnsOf(tree: PlanTree): Column[] {
  const statusName = new Map(tree.statuses.map((s) => [s.code, s.name]));
  const ownProgress = ({ measure }: MeasurePlacement) =>
    measure.relistingOf === null ? measure.progress : null;
  return [
    readOnly(
      PLAN_XLSX_HEADERS.id,
      10,
      "取組を識別する ID です。取り込むときはこの ID で行を照合するため、変更しないでください。行の追加・削除もしないでください（並べ替えや絞り込みは構いません）。",
      (r) => r.measure.code,
    ),
    readOnly("柱番号", 6, "柱の番号（I = 1、II = 2 …）。", (r) => r.pillar.number),
    readOnly("柱", 24, "柱の名称。", (r) => r.pillar.title),
    readOnly(
      "分野番号",
      6,
      "分野の番号。分野のない柱では空欄です。",
      (r) => r.area?.number ?? null,
    ),
    readOnly("分野", 18, "分野の名称。分野のない柱では空欄です。", (r) => r.area?.title ?? null),
    readOnly("区分番号", 6, "区分の番号（① = 1 …）。", (r) => r.category.number),
    readOnly("区分", 22, "区分の名称。", (r) => r.category.title),
    readOnly(
      "項目番号",
      6,
      "項目の番号（No.）。番号のない再掲の項目では空欄です。",
      (r) => r.item.number,
    ),
    readOnly("項目記号", 6, "項目の記号（ア、イ …）。", (r) => r.item.label),
    readOnly("項目", 26, "項目の名称。", (r) => r.item.title),
    readOnly("取組", 34, "取組の名称。", (r) => r.measure.title),
    readOnly(
      "再掲元項目番号",
      8,
      "再掲の行では、再掲元の取組がある項目の番号。再掲でない行は空欄です。",
      (r) => r.measure.relistingOf?.itemNumber ?? null,
    ),
    readOnly(
      "再掲元取組ID",
      10,
      "再掲の行では、再掲元の取組 ID。進捗状況は再掲元の行に記入します。",
      (r) => r.measure.relistingOf?.code ?? null,
    ),
    ...tree.fiscalYears.map((fy) =>
      readOnly(
        `行程表 ${formatFiscalYearWithGregorian(fy)}`,
        18,
        `${formatFiscalYearWithGregorian(fy)}の行程表（計画）。報告書のとおり、⇒ は前年度からの継続、— はその年度の取組なしです。`,
        (r) => r.measure.roadmap.find((e) => e.fiscalYear === fy)?.text ?? null,
      ),
    ),
    readOnly(
      "基準日",
      11,
      "進捗状況が何日時点のものか（西暦、YYYY-MM-DD）。",
      () => tree.period?.asOf ?? null,
    ),
    {
      header: PLAN_XLSX_HEADERS.progress,
      width: 60,
      editable: true,
      wrap: true,
      description:
        "基準日時点の進捗状況を記入します（書き出した時点の内容が入っています）。再掲の行（再掲元取組IDのある行）は空欄のままにし、再掲元の行に記入してください。",
      value: (r) => ownProgress(r)?.narrative ?? null,
    },
    {
      header: PLAN_XLSX_HEADERS.status,
      width: 14,
      editable: true,
      wrap: false,
      description: `状況区分を次のいずれかで記入します: ${tree.statuses.map((s) => s.name).join("、")}。未確認なら空欄です。再掲の行は空欄のままにしてください。`,
      value: (r) => {
        const code = ownProgress(r)?.statusCode;
        return code ? (statusName.get(code) ?? code) : null;
      },
    },
  ];
}

/** A cell as text (`@`) or number, top-aligned; null stays an empty cell (formatted as text when asked). */
function cellOf(
  value: string | number | null,
  wrap: boolean,
  emptyAsText = false,
): CellObject | null {
  if (value === null)
    return emptyAsText
      ? { value: "", type: String, format: "@", alignVertical: "top", wrap }
      : null;
  return typeof value === "number"
    ? { value, type: Number, alignVertical: "top" }
    : { value, type: String, format: "@", alignVertical: "top", wrap };
}

const headerCell = (value: string): CellObject => ({
  value,
  type: String,
  fontWeight: "bold",
  wrap: true,
  alignVertical: "top",
});

/** Points per line of 11-point BIZ UDPゴシック, with a little air. */
const LINE_HEIGHT = 15;

/**
 * A row's height in points, for the longest wrapped cell: neither Excel nor LibreOffice grows a
 * row to its wrapped text reliably when it opens a file. Widths are in Excel's character units,
 * in which a full-width character takes about two.
 */
function rowHeight(values: ReadonlyArray<string | number | null>, widths: number[]): number {
  let lines = 1;
  values.forEach((value, i) => {
    const room = Math.max(1, (widths[i] ?? 10) - 1);
    for (const paragraph of String(value ?? "").split("\n")) {
      let units = 0;
      for (const ch of paragraph) units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1.1;
      lines = Math.max(lines, Math.ceil(units / room));
    }
  });
  return lines * LINE_HEIGHT + 3;
}

/** A row of cells, the first carrying the row's height (write-excel-file reads it there). */
function rowOf(
  values: ReadonlyArray<string | number | null>,
  widths: number[],
  cell: (value: string | number | null, i: number) => CellObject | null,
): Row {
  const height = rowHeight(values, widths);
  return values.map((value, i) => (i === 0 ? { ...cell(value, i), height } : cell(value, i)));
}

/** Column letters A, B, …, Z, AA, … of a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The plan as an Excel workbook for the planning division (企画課) to hand to departments:
 * sheet 取組 has one row per measure row of the report (re-listings included) with the stable
 * 取組ID, the hierarchy, the roadmap per fiscal year and, last, the two columns to edit
 * (【記入】進捗状況, 【記入】状況区分); sheet 指標 (when `indicators` has any) one row per
 * indicator of the plan with its baseline and targets and, last, 【記入】実績値 and 【記入】備考 for
 * the period's fiscal year; sheet 説明 explains every column; sheet 計画 names the plan and the
 * as-of date. Header row frozen, column widths set, long text wrapped, one value per cell, no
 * merged cells, no formulas, no formatting that carries meaning; indicator values as text,
 * exactly as stored.
 * @example await writeFile("plan.xlsx", await planXlsx(tree, { indicators }));
 */
export async function planXlsx(
  tree: PlanTree,
  options: { indicators?: readonly StoredIndicator[] } = {},
): Promise<Buffer> {
  const columns = columnsOf(tree);
  const indicators = options.indicators ?? [];
  const indicatorSheet = indicators.length === 0 ? [] : indicatorColumns(tree);
  const guide: SheetColumn[] = [
    { header: "列", width: indicators.length === 0 ? 5 : 8, wrap: false },
    { header: "見出し", width: 24, wrap: true },
    { header: "区分", width: 18, wrap: true },
    { header: "説明", width: 90, wrap: true },
  ];
  const plan: SheetColumn[] = [
    { header: "項目", width: 24, wrap: false },
    { header: "値", width: 40, wrap: true },
  ];
  return writeExcelFile(
    [
      sheetOf(
        PLAN_XLSX_SHEETS.measures,
        columns,
        measurePlacements(tree).map((placement) => columns.map((c) => c.value(placement))),
      ),
      ...(indicatorSheet.length === 0
        ? []
        : [
            sheetOf(
              PLAN_XLSX_SHEETS.indicators,
              indicatorSheet,
              indicators.map((indicator) => indicatorSheet.map((c) => c.value(indicator))),
            ),
          ]),
      sheetOf(PLAN_XLSX_SHEETS.guide, guide, [
        ...columns.map((c, i) => guideRow(columnLetter(i), c)),
        // The indicators' columns are named with their sheet: the 取組 rows keep their letters.
        ...indicatorSheet.map((c, i) =>
          guideRow(`${PLAN_XLSX_SHEETS.indicators}!${columnLetter(i)}`, c),
        ),
      ]),
      sheetOf(PLAN_XLSX_SHEETS.plan, plan, [
        ["書式", PLAN_XLSX_FORMAT],
        ["計画ID", tree.slug],
        ["計画名", tree.title],
        ["全国地方公共団体コード", tree.organization.code],
        ["地方公共団体名", tree.organization.name],
        ["基準日", tree.period?.asOf ?? null],
        ["計画開始年度", tree.fiscalYears[0] ?? null],
        ["計画終了年度", tree.fiscalYears.at(-1) ?? null],
      ]),
    ],
    { fontFamily: "BIZ UDPゴシック", fontSize: 11 },
  ).toBuffer();
}

/** A row of the 説明 sheet: the column, its header, whether it is filled in, what it holds. */
function guideRow(
  at: string,
  c: { header: string; editable: boolean; description: string },
): string[] {
  return [at, c.header, c.editable ? "記入" : "参照（変更しない）", c.description];
}

/** One sheet: a bold header row frozen at the top, then the values, row heights fitted. */
function sheetOf(
  name: string,
  columns: SheetColumn[],
  rows: Array<Array<string | number | null>>,
): Sheet<Buffer> {
  const widths = columns.map((c) => c.width);
  const data: SheetData = [
    rowOf(
      columns.map((c) => c.header),
      widths,
      (v) => headerCell(String(v)),
    ),
    ...rows.map((values) =>
      rowOf(values, widths, (v, i) =>
        cellOf(v, columns[i]?.wrap ?? false, columns[i]?.emptyAsText),
      ),
    ),
  ];
  return { data, sheet: name, columns: widths.map((width) => ({ width })), stickyRowsCount: 1 };
}
