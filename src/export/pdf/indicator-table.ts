import type { IndicatorReport, IndicatorReportRow } from "./indicator-report-rows.ts";
import { yearLines } from "./indicator-report-rows.ts";
import { type Cell, cell, type TableRow } from "./report-table.ts";

const SIZE = 8.5;
const FIXED = { unit: 44, baseline: 80, target: 104, achievement: 54, score: 36 } as const;
const RESULT_WIDTH = 70;
const OWNER_FILL = "#f2f2f2";

/** Where the indicator table's columns stand: 指標 takes what the others leave. */
interface IndicatorColumns {
  left: number;
  width: number;
  /** x and width of each column, in order: 指標, 単位, 基準値, 目標値, results…, 達成率, 評価. */
  xs: Array<{ x: number; width: number }>;
}

function columnsOf(left: number, width: number, years: number): IndicatorColumns {
  const fixed =
    FIXED.unit +
    FIXED.baseline +
    FIXED.target +
    FIXED.achievement +
    FIXED.score +
    RESULT_WIDTH * years;
  const widths = [
    width - fixed,
    FIXED.unit,
    FIXED.baseline,
    FIXED.target,
    ...Array.from({ length: years }, () => RESULT_WIDTH),
    FIXED.achievement,
    FIXED.score,
  ];
  let x = left;
  const xs = widths.map((w) => {
    const at = { x, width: w };
    x += w;
    return at;
  });
  return { left, width, xs };
}

function cellsOf(c: IndicatorColumns, texts: readonly string[], bold: boolean): Cell[] {
  return c.xs.map(({ x, width }, i) => cell(x, width, texts[i] ?? "", SIZE, bold));
}

/**
 * The indicator section's table for a report `width` points wide at `left`: its header (repeated
 * on every page) and its rows, a heading row per measure, item or group (kept with the indicator
 * after it) and a row per indicator with the numbers centred under their headings.
 */
export function indicatorTable(
  report: IndicatorReport,
  left: number,
  width: number,
): { header: TableRow; rows: TableRow[] } {
  const c = columnsOf(left, width, report.resultYears.length);
  const header: TableRow = {
    kind: "header",
    cells: cellsOf(
      c,
      [
        "指標",
        "単位",
        "基準値\n（年度）",
        "目標値\n（年度／最終）",
        ...report.resultYears.map((fy) => `実績値\n${yearLines(fy)}`),
        "達成率",
        "評価",
      ],
      true,
    ).map((h) => ({ ...h, align: "center" as const })),
    fill: "#d9d9d9",
  };
  const row = (r: IndicatorReportRow): TableRow =>
    r.kind === "owner"
      ? { kind: "item", cells: [cell(c.left, c.width, r.text, SIZE + 0.5, true)], fill: OWNER_FILL }
      : {
          kind: "measure",
          cells: cellsOf(
            c,
            [r.name, r.unit, r.baseline, r.target, ...r.results, r.achievement, r.score],
            false,
          ).map((cl, i) => (i === 0 ? cl : { ...cl, align: "center" as const })),
          fill: null,
        };
  return { header, rows: report.rows.map(row) };
}
