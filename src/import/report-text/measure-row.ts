import type { MeasureDraft } from "../../domain/plan-draft.ts";
import { parseRoadmapCell, splitMergedCell } from "../../domain/roadmap-entry.ts";
import { htmlToText, listItems } from "../html-fragment.ts";
import type { ImportReportBuilder } from "../import-report.ts";

const BULLET = /^[▪・•■◦●○]\s*/u;
const RELISTING = /\s*[【[]\s*No[.．]?\s*(\d+)\s*再掲\s*[】\]]\s*/u;

/** A measure title with its bullet and `【No.N再掲】` mark taken off. */
export function readMeasureTitle(text: string): { title: string; relistingOf: number | null } {
  const plain = text.replace(BULLET, "");
  const mark = RELISTING.exec(plain);
  const title = plain.replace(RELISTING, " ").replace(/\s+/gu, " ").trim();
  return { title, relistingOf: mark ? Number(mark[1]) : null };
}

/**
 * One table row into its measures: a row whose title cell holds several `<li>` becomes one
 * measure per `<li>`; its roadmap cells split when they hold one part per measure, and its
 * progress when it holds one space-separated part per measure. What cannot be split with
 * certainty stays whole on the first measure, and the import report says so.
 * Re-listing marks are kept in `relisting.itemNumber` with `measureIndex` -1 until resolved.
 */
export function readMeasureRow(
  cells: string[],
  line: number,
  fiscalYears: number[],
  report: ImportReportBuilder,
  fail: (line: number, message: string, field?: string) => never,
): MeasureDraft[] {
  const expected = fiscalYears.length + 2;
  if (cells.length < expected) {
    return fail(
      line,
      `取組の行には ${expected} 個の列（取組、${fiscalYears.length} 年度分の行程、進捗状況）が必要ですが ${cells.length} 個です`,
    );
  }
  const extra = cells.length - expected;
  for (const label of cells.slice(0, extra)) report.dropped(line, "merged-label", label);
  const [titleCell = "", ...rest] = cells.slice(extra);
  const yearCells = rest.slice(0, fiscalYears.length);
  const progressCell = htmlToText(rest[fiscalYears.length] ?? "");

  const titles = (listItems(titleCell) ?? [htmlToText(titleCell)]).map(readMeasureTitle);
  if (titles.some((t) => t.title === "")) return fail(line, "取組の名前が空です", "取組");
  const n = titles.length;

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

  return titles.map((t, i) => ({
    code: null,
    title: t.title,
    line,
    relisting: t.relistingOf === null ? null : { itemNumber: t.relistingOf, measureIndex: -1 },
    roadmap: roadmaps[i] ?? [],
    progress: progress[i] ?? null,
  }));
}
