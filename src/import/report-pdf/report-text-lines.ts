import { classifyLine } from "../report-text/line-classifier.ts";
import type { TableLayout } from "./table-layout.ts";

/** What our own report PDF prints for a measure with no progress (src/export/pdf/report-rows.ts). */
const NO_PROGRESS = "（記載なし）";

/**
 * A laid-out PDF table as the tab-separated lines of the report-text format, so that the report
 * text reader classifies its rows (an adapter, until that reader takes rows of cells): the header
 * with the names it expects (項目, 進捗状況…), a title cell of several bullets as `<ul><li>`, the
 * other cells of such a row as one space-separated part per bullet. When the text above the table
 * has no table of contents, one is made from the table's own pillar and area headings (our
 * report PDF prints them as rows), so that its sections are named. `pages[i]` is the page of
 * `lines[i]`.
 * @example const { lines, pages } = reportTextLines(layOutTable(pdfPages, file));
 */
export function reportTextLines(layout: TableLayout) {
  const lines: string[] = [];
  const pages: number[] = [];
  const add = (page: number, text: string) => {
    lines.push(text);
    pages.push(page);
  };
  const { header } = layout;
  for (const { page, text } of layout.preamble) add(page, text);

  const rowLines = layout.rows.map((row) => {
    const measureRow =
      row.cells.slice(0, header.title).every((parts) => parts.join("") === "") &&
      row.cells.slice(header.title + 1, header.progress).some((parts) => parts.join("") !== "");
    const cells = row.cells.map((parts, column) => {
      if (column === header.title && parts.length > 1)
        return `<ul>${parts.map((p) => `<li>${p}</li>`).join("")}</ul>`;
      const text = parts.join(" ");
      // An empty progress cell stays a cell: the reader trims empty cells at a line's end.
      if (measureRow && column === header.progress && (text === "" || text === NO_PROGRESS))
        return "<br>";
      return text;
    });
    return { page: row.page, text: cells.join("\t") };
  });

  const hasToc = layout.preamble.some((l) => classifyLine(l.text).kind === "toc-heading");
  const headings = rowLines.filter((l) => {
    const kind = classifyLine(l.text).kind;
    return kind === "pillar-label" || kind === "area-label";
  });
  if (!hasToc && headings.length > 0) {
    add(headings[0]?.page ?? 1, "目次");
    for (const h of headings) add(h.page, h.text.trim());
  }

  const firstPage = layout.rows[0]?.page ?? 1;
  add(
    firstPage,
    header.cells
      .map((cell, i) => {
        if (i === header.title) return "項目";
        if (i === header.progress) return cell.replace(/^.*?進捗状況/u, "進捗状況");
        if (i < header.title) return cell;
        // 平成24年度（2012年度） → 平成24年度; 24(年度) → 24.
        const beforeBracket = cell.split(/[（(]/u)[0]?.trim() ?? "";
        return beforeBracket === "" ? cell : beforeBracket;
      })
      .join("\t"),
  );
  for (const l of rowLines) add(l.page, l.text);
  return { lines, pages, tocFromHeadings: !hasToc && headings.length > 0 };
}
