import type { MeasureDraft } from "../../domain/plan-draft.ts";
import { parseRoadmapCell, splitMergedCell } from "../../domain/roadmap-entry.ts";
import { htmlToText, listItems } from "../html-fragment.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { isMergedLabel } from "./line-classifier.ts";
import type { MeasureColumn, TableColumns } from "./table-header.ts";

const BULLET = /^[▪・•■◦●○]\s*/u;
const RELISTING = /\s*[【[［]\s*(?:No|Ｎｏ)[.．]?\s*([0-9０-９]+)\s*再掲\s*[】\]］]\s*/u;

/** A measure title with its bullet and `【No.N再掲】` mark taken off. */
export function readMeasureTitle(text: string): { title: string; relistingOf: number | null } {
  const plain = text.replace(BULLET, "");
  const mark = RELISTING.exec(plain);
  const title = plain.replace(RELISTING, " ").replace(/\s+/gu, " ").trim();
  return { title, relistingOf: mark ? Number((mark[1] ?? "").normalize("NFKC")) : null };
}

/** The bullet a cell starts with, when it is a list of bullet-led measures. */
const LEADING_BULLET = /^[▪・•■◦●○]/u;

/**
 * The measures of a title cell written as bullets (`・A ・B`, one per line in the PDF, so
 * separated by white space here): split where white space is followed by the cell's own first
 * bullet. A bullet inside a title (`情報共有・市民参画`, `○○地区`) has no space before it.
 * Null when the cell does not start with a bullet or holds only one.
 */
export function bulletItems(text: string): string[] | null {
  const bullet = LEADING_BULLET.exec(text)?.[0];
  if (bullet === undefined) return null;
  const parts = text
    .split(new RegExp(`\\s+(?=${bullet})`, "u"))
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return parts.length > 1 ? parts : null;
}

/**
 * One table row into its measures, each cell read by the column its heading names (see
 * table-header.ts). A row whose title cell holds several `<li>`, or several bullet-led parts
 * (`・A ・B`), becomes one measure per part; its roadmap cells split when they hold one part per
 * measure, and its progress when it holds one space-separated part per measure. What cannot be
 * split with certainty stays whole on the first measure, and the import report says so.
 * Cells in front of the header's columns must be merged labels (a pillar, an area, a number);
 * a row missing cells is read only when the missing ones are trailing 部局/評価 columns (a
 * trailing empty cell is lost in tab-separated text). Anything else is refused with the line.
 * Re-listing marks are kept in `relisting.itemNumber` with `measureIndex` -1 until resolved.
 */
export function readMeasureRow(
  cells: string[],
  line: number,
  table: TableColumns,
  report: ImportReportBuilder,
  fail: (line: number, message: string, field?: string) => never,
): MeasureDraft[] {
  const { columns, fiscalYears } = table;
  const expected = columns.length;
  const headings = columns.map((c) => c.heading).join("、");
  let row: string[];
  if (cells.length >= expected) {
    const extra = cells.length - expected;
    const labels = cells.slice(0, extra);
    const notLabel = labels.find((c) => !isMergedLabel(c));
    if (notLabel !== undefined) {
      return fail(
        line,
        `取組の行の列が見出し（${headings}）より ${extra} 個多く、どの列がずれているか分かりません: 先頭の「${notLabel}」は柱・分野の名前や番号ではありません`,
      );
    }
    for (const label of labels) report.dropped(line, "merged-label", label);
    row = cells.slice(extra);
  } else {
    const missing = columns.slice(cells.length);
    if (!missing.every((c) => c.role === "department" || c.role === "rating")) {
      return fail(
        line,
        `取組の行には ${expected} 個の列（${headings}）が必要ですが ${cells.length} 個です`,
      );
    }
    row = [...cells, ...missing.map(() => "")];
  }
  const cellOf = (role: MeasureColumn["role"]) => {
    const at = columns.findIndex((c) => c.role === role);
    return at < 0 ? "" : htmlToText(row[at] ?? "");
  };
  const titleCell = row[0] ?? "";
  const yearCells = columns.flatMap((c, i) => (c.role === "year" ? [row[i] ?? ""] : []));
  const progressCell = cellOf("progress");

  const bullets = listItems(titleCell) === null ? bulletItems(htmlToText(titleCell)) : null;
  const titles = (listItems(titleCell) ?? bullets ?? [htmlToText(titleCell)]).map(readMeasureTitle);
  if (titles.some((t) => t.title === "")) return fail(line, "取組の名前が空です", "取組");
  const n = titles.length;
  if (bullets) {
    report.info(
      line,
      "bullet-row-split",
      `取組欄の ${n} 個の「${bullets[0]?.[0]}」で始まる行を ${n} 件の取組に分けました: ${titles.map((t) => `「${t.title}」`).join("")}`,
    );
  }
  const roadmaps: Array<Array<{ fiscalYear: number; text: string }>> = titles.map(() => []);
  yearCells.forEach((cell, y) => {
    const fiscalYear = fiscalYears[y] ?? 0;
    const text = htmlToText(cell);
    if (text === "") return;
    const parts = splitMergedCell(text, n);
    if (parts === null) {
      roadmaps[0]?.push({ fiscalYear, text });
      report.warn(
        line,
        "merged-roadmap-kept-whole",
        `${n} 件の取組をまとめた行の ${fiscalYear} 年度の行程「${text}」を分けられないため、最初の取組に置きました`,
      );
      return;
    }
    parts.forEach((part, i) => {
      roadmaps[i]?.push({ fiscalYear, text: part });
      if (y === 0 && parseRoadmapCell(part).continued) {
        report.info(
          line,
          "continued-before-plan",
          `${fiscalYear} 年度の「⇒」は計画期間より前の年度の取組の継続です（継続する内容は表にありません）`,
        );
      }
    });
  });

  let progress: Array<string | null> = [progressCell === "" ? null : progressCell];
  if (n > 1 && progressCell !== "") {
    const parts = progressCell.split(" ");
    if (parts.length === n) {
      progress = parts;
      report.info(
        line,
        "merged-progress-split",
        `${n} 件の取組をまとめた行の進捗状況を、改行位置で ${n} つに分けました`,
      );
    } else {
      report.warn(
        line,
        "merged-progress-kept-whole",
        `${n} 件の取組をまとめた行の進捗状況を確実には分けられないため、全文を最初の取組「${titles[0]?.title}」に置きました`,
      );
    }
  }
  if (progressCell === "") report.warn(line, "no-progress", "進捗状況が空です");

  // The department is stored (created in the organization when new, linked as lead); the
  // store has no place for a rating read from report text yet: kept on the draft and said in
  // the import report, so that nothing is dropped unseen.
  const extras: Partial<Pick<MeasureDraft, "department" | "rating">> = {};
  for (const column of columns) {
    if (column.role !== "department" && column.role !== "rating") continue;
    const value = cellOf(column.role);
    extras[column.role] = value === "" ? null : value;
    if (value !== "" && column.role === "rating") {
      report.warn(
        line,
        "rating-not-stored",
        `${column.heading}列の値は保存されません: 行 ${line} 「${value}」`,
      );
    }
  }

  return titles.map((t, i) => ({
    code: null,
    title: t.title,
    line,
    relisting: t.relistingOf === null ? null : { itemNumber: t.relistingOf, measureIndex: -1 },
    roadmap: roadmaps[i] ?? [],
    progress: progress[i] ?? null,
    ...extras,
  }));
}
