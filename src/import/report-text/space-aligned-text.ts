import { classifyCells } from "./line-classifier.ts";
import { headingRole, isTableHeader } from "./table-header.ts";

/**
 * Space-aligned report text, as `pdftotext -layout` writes a table: cells separated by runs of
 * two or more spaces, each column at the character position of its heading in the header row,
 * a cell wrapped over several lines continuing in the same column. Read into rows of cells by
 * those positions, so the report-text reader sees what the tab-separated text would give.
 */

/** A source line turned into cells: `cells` when the columns were found by position. */
export interface SourceRow {
  line: number;
  text: string;
  cells?: string[];
}

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Runs of text separated by two or more spaces, with their positions in characters. */
export function segmentsOf(line: string): Segment[] {
  const chars = [...line.replace(/\t/gu, " ")];
  const segments: Segment[] = [];
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && isSpace(chars[i])) i++;
    if (i >= chars.length) break;
    const start = i;
    let end = i;
    while (i < chars.length) {
      if (!isSpace(chars[i])) {
        i++;
        end = i;
        continue;
      }
      if (isSpace(chars[i + 1]) || i + 1 >= chars.length) break;
      i++;
    }
    segments.push({ start, end, text: chars.slice(start, end).join("") });
  }
  return segments;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\u3000";
}

/** Whether text with no tab-separated header has a header row aligned by spaces. */
export function isSpaceAligned(lines: string[]): boolean {
  return lines.some((l) => isTableHeader(segmentsOf(l).map((s) => s.text)));
}

interface Column {
  start: number;
  heading: string;
}

interface OpenRow {
  line: number;
  columns: Column[];
  /** Where the title (項目) column is in `columns`. */
  titleAt: number;
  /** Per column from the title column on: its lines. */
  pieces: string[][];
}

const STRUCTURE = new Set([
  "table-header",
  "toc-heading",
  "category",
  "item",
  "unnumbered-item",
  "pillar-label",
  "area-label",
  "contact",
]);

/**
 * Read space-aligned lines into rows. Lines outside the table, headings of the hierarchy and
 * page furniture become tab-separated text; a measure row (text starting at or right of the
 * 項目 column) is read cell by cell from the column positions of the header above it, and the
 * lines after it up to a blank line or a heading continue its cells. A line of a cell as wide
 * as the widest line of its column under that header was wrapped and continues without a
 * space; otherwise the next line is joined with a space, as a line break is in tab-separated
 * text.
 * @throws through `fail` with the line, when a cell's text crosses into the next column.
 */
export function readSpaceAligned(
  lines: string[],
  fail: (line: number, message: string, field?: string) => never,
): SourceRow[] {
  const out: Array<SourceRow | OpenRow> = [];
  let columns: Column[] | null = null;
  let titleAt = 0;
  let open: OpenRow | null = null;
  // How wide each column's text runs, per header: a line that wide was wrapped.
  const widest = new Map<Column, number>();

  lines.forEach((raw, index) => {
    const line = index + 1;
    const segments = segmentsOf(raw);
    const texts = segments.map((s) => s.text);
    if (segments.length === 0) {
      open = null;
      out.push({ line, text: "" });
      return;
    }
    if (isTableHeader(texts)) {
      columns = segments.map((s) => ({ start: s.start, heading: s.text }));
      titleAt = Math.max(
        0,
        columns.findIndex((c) => headingRole(c.heading) === "item"),
      );
      open = null;
      out.push({ line, text: texts.join("\t") });
      return;
    }
    const kind = classifyCells(texts).kind;
    const titleStart = columns?.[titleAt]?.start ?? Number.POSITIVE_INFINITY;
    const inTable = columns !== null && (segments[0]?.start ?? 0) >= titleStart;
    if (STRUCTURE.has(kind) || !inTable || columns === null) {
      open = null;
      out.push({ line, text: texts.join("\t") });
      return;
    }
    const table: Column[] = columns;
    if (open === null) {
      open = { line, columns: table, titleAt, pieces: table.slice(titleAt).map(() => []) };
      out.push(open);
    }
    for (const segment of segments) {
      const at = table.findLastIndex((c) => c.start <= segment.start);
      const next = table[at + 1];
      if (next && segment.end > next.start) {
        fail(
          line,
          `「${segment.text}」が「${table[at]?.heading}」と「${next.heading}」の列の境目（${next.start + 1} 文字目）をまたいでいます: 空白で揃えた表の列を読めません`,
        );
      }
      const column = table[at];
      if (column)
        widest.set(column, Math.max(widest.get(column) ?? 0, segment.end - segment.start));
      open.pieces[at - open.titleAt]?.push(segment.text);
    }
  });

  return out.map((row) => {
    if (!("pieces" in row)) return row;
    const cells = row.pieces.map((pieces, i) => {
      const column = row.columns[row.titleAt + i];
      return joinWrapped(pieces, column ? (widest.get(column) ?? 0) : 0);
    });
    return { line: row.line, text: cells.join("\t"), cells };
  });
}

/**
 * A cell's lines joined: directly after a line that fills the column (a wrap), else by a
 * space; in a cell that starts with a bullet, a line starting with that bullet starts a part.
 */
function joinWrapped(pieces: string[], width: number): string {
  const bullet = BULLET.exec(pieces[0] ?? "")?.[0];
  let text = "";
  pieces.forEach((piece, i) => {
    const before = pieces[i - 1];
    if (before === undefined) text = piece;
    else if ([...before].length >= width && (bullet === undefined || !piece.startsWith(bullet)))
      text += piece;
    else text += ` ${piece}`;
  });
  return text;
}

const BULLET = /^[▪・•■◦●○]/u;
