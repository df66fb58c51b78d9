import { listItems } from "../../src/import/html-fragment.ts";
import { classifyLine, splitCells } from "../../src/import/report-text/line-classifier.ts";
import { modelReportText } from "./model-report.ts";

/** Column widths in characters: 区分・No., 項目, 24, 25, 進捗状況. */
export const WIDTHS = [8, 14, 10, 10, 31];
const GAP = 3;
export const starts = WIDTHS.map((_, i) => WIDTHS.slice(0, i).reduce((a, w) => a + w + GAP, 0));

const length = (s: string) => [...s].length;
export const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - length(s)));

/** A cell's line breaks (spaces in the tab text; a PDF shows each <li> as a ・ line). */
function hardLines(text: string): string[] {
  const items = listItems(text);
  return items ? items.map((t) => `・${t}`) : text.split(" ").filter((t) => t !== "");
}

/** A cell's printed lines: its line breaks, each wrapped at the width. */
function cellLines(text: string, width: number): string[] {
  return hardLines(text).flatMap((h) => {
    const chars = [...h];
    const wrapped: string[] = [];
    for (let i = 0; i < chars.length; i += width) wrapped.push(chars.slice(i, i + width).join(""));
    return wrapped;
  });
}

/** One table row drawn over as many lines as its tallest cell, each cell in its column. */
function drawRow(cells: Array<string | null>): string[] {
  const columns = cells.map((c, i) => (c === null ? [] : cellLines(c, WIDTHS[i] ?? 0)));
  const height = Math.max(...columns.map((c) => c.length));
  return Array.from({ length: height }, (_, row) =>
    columns
      .map((c, i) => pad(c[row] ?? "", (WIDTHS[i] ?? 0) + GAP))
      .join("")
      .trimEnd(),
  );
}

/** Hard line breaks that fill a column exactly would read as wraps: the drawing avoids them. */
function hasAmbiguousBreak(cells: Array<string | null>): boolean {
  return cells.some((c, i) => {
    if (c === null) return false;
    const hard = hardLines(c);
    return hard
      .slice(1)
      .some((h, j) => !h.startsWith("・") && length(hard[j] ?? "") % (WIDTHS[i] ?? 1) === 0);
  });
}

/**
 * The model report as `pdftotext -layout` would give it: measure rows drawn in columns with
 * their cells wrapped, a blank line after each row; other lines with their cells two spaces
 * apart, an item's number in the first column and its title in the second.
 */
export function spaceAlignedModel() {
  const out: string[] = [];
  let ambiguous = 0;
  const widest = WIDTHS.map(() => 0);
  let inTable = false;
  for (const line of modelReportText().split("\n")) {
    const parsed = classifyLine(line);
    const cells = splitCells(line);
    inTable ||= parsed.kind === "table-header";
    if (parsed.kind === "row" && inTable) {
      const row = [null, ...cells.slice(-4)];
      if (hasAmbiguousBreak(row)) ambiguous++;
      row.forEach((c, i) => {
        for (const l of c === null ? [] : cellLines(c, WIDTHS[i] ?? 0))
          widest[i] = Math.max(widest[i] ?? 0, length(l));
      });
      out.push(...drawRow(row), "");
    } else if (parsed.kind === "table-header") {
      out.push(drawRow(cells.map((c) => c.replaceAll(" ", "")))[0] ?? "");
    } else if (parsed.kind === "item" && parsed.before.length === 0) {
      out.push(`${pad(String(parsed.number), starts[1] ?? 0)}${parsed.label}. ${parsed.title}`);
    } else {
      out.push(cells.join("  "));
    }
  }
  return { text: out.join("\n"), ambiguous, widest };
}
