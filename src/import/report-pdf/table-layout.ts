import { ShinchokuError } from "../../domain/errors.ts";
import type { PdfPage, TextRun } from "./pdf-words.ts";
import { joinWrappedLines } from "./wrapped-lines.ts";

/** The roles of a report table's columns, found from the header row's cells. */
export interface TableHeader {
  /** The header cells as printed (lines joined), in column order. */
  cells: string[];
  /** Index of the 項目 (item / measure title) column; columns before it hold 区分・No. */
  title: number;
  /** Index of the 進捗状況 column; the columns between title and progress are fiscal years. */
  progress: number;
  /**
   * Columns whose text starts a new row wherever it appears (a mapped table's ID column); by
   * default those before the title column (区分・No.).
   */
  rowStarts?: number[];
}

/**
 * How a table's header row is found and read: the report's (項目 … 進捗状況) by default, or the
 * headings a column mapping names (`--mapping` for a PDF).
 */
export interface HeaderRule {
  /** Whether a line (its text in NFKC without white space) may be the header row. */
  anchors(text: string): boolean;
  /** Whether the band of lines around such a line (each compacted) is the header row. */
  accepts(band: string[]): boolean;
  /** The roles of the header's columns from its cells as printed; refuses a header it cannot use. */
  read(cells: string[], page: number, file: string): TableHeader;
  /** Why the PDF is refused when no page has the header row. */
  missing: string;
}

/** The published report's header row: 区分・No. / 項目 / fiscal years / 進捗状況. */
export const REPORT_HEADER: HeaderRule = {
  anchors: (text) => /項目|取組/u.test(text),
  accepts: (band) => band.some((text) => text.includes("進捗状況")),
  read: reportHeader,
  missing:
    "表の見出し行（「項目」「進捗状況」の列）が見つかりません: 行程表の進捗報告の形式ではありません",
};

/**
 * A row of the table: one entry per column, each a list of parts. A cell is one part, except
 * in a row whose title cell holds several bullet lines (`・`, `▪`, `•`): then the title cell
 * has a part per bullet, and every other cell is cut at the bullets' heights when each bullet
 * has a line of its own there (otherwise it stays one part).
 */
export interface TableRowCells {
  page: number;
  cells: string[][];
}

/** Text that is not the table: dropped, and listed in the import report. */
export interface LayoutFurniture {
  page: number;
  kind: "page-title" | "footer" | "table-header";
  text: string;
}

export interface TableLayout {
  /** Lines above the first header (the cover page, a table of contents), cells joined by tabs. */
  preamble: Array<{ page: number; text: string }>;
  header: TableHeader;
  rows: TableRowCells[];
  furniture: LayoutFurniture[];
}

interface Line {
  y: number;
  size: number;
  runs: TextRun[];
}

const BULLET = /^[・▪•■◦●]/u;
const compact = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "");

/** Runs grouped into visual lines by baseline, top to bottom, each line's runs left to right. */
function visualLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const last = lines.at(-1);
    if (last && run.y - last.y <= 0.35 * Math.max(run.size, last.size)) {
      last.runs.push(run);
      last.size = Math.max(last.size, run.size);
    } else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x);
  return lines;
}

/** The runs of a line joined: a space where the gap is wider than a fifth of the font size. */
function runsText(runs: TextRun[]): string {
  let text = "";
  let right: number | null = null;
  for (const run of runs) {
    if (right !== null && run.x - right > 0.2 * run.size) text += " ";
    text += run.text;
    right = run.x + run.width;
  }
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * A line's runs as cells: a gap wider than the font size separates two cells, and so does a
 * narrower one where a new column starts (`starts`, once the columns are known).
 */
function lineCells(line: Line, starts: number[] = []): TextRun[][] {
  const cells: TextRun[][] = [];
  let right = Number.NEGATIVE_INFINITY;
  let column = -1;
  for (const run of line.runs) {
    const gap = run.x - right;
    const runColumn = columnOf(run.x, starts);
    if (gap > run.size || (gap > 0.25 * run.size && runColumn !== column)) {
      cells.push([run]);
      column = runColumn;
    } else cells.at(-1)?.push(run);
    right = Math.max(right, run.x + run.width);
  }
  return cells;
}

/**
 * Where the header row is on a page: the line holding 項目 (or 取組) and the lines next to it
 * that belong to the same row (a header cell may wrap), provided the band holds 進捗状況.
 */
function findHeader(lines: Line[], rule: HeaderRule): { from: number; to: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (!rule.anchors(compact(runsText(line.runs)))) continue;
    let from = i;
    let to = i;
    const near = (a: Line, b: Line) => Math.abs(b.y - a.y) <= 1.45 * Math.max(a.size, b.size);
    while (from > 0 && near(lines[from - 1] as Line, lines[from] as Line)) from--;
    while (to + 1 < lines.length && near(lines[to] as Line, lines[to + 1] as Line)) to++;
    const band = lines.slice(from, to + 1).map((l) => compact(runsText(l.runs)));
    if (rule.accepts(band)) return { from, to };
  }
  return null;
}

interface HeaderCell {
  left: number;
  right: number;
  text: string;
}

/** The header band's runs clustered into cells by overlapping x extents. */
function headerCells(band: Line[]): HeaderCell[] {
  const runs = band.flatMap((l) => l.runs.map((r) => ({ run: r, y: l.y })));
  runs.sort((a, b) => a.run.x - b.run.x);
  const cells: Array<HeaderCell & { parts: Array<{ run: TextRun; y: number }> }> = [];
  for (const entry of runs) {
    const last = cells.at(-1);
    if (last && entry.run.x <= last.right + 0.5 * entry.run.size) {
      last.right = Math.max(last.right, entry.run.x + entry.run.width);
      last.parts.push(entry);
    } else {
      cells.push({
        left: entry.run.x,
        right: entry.run.x + entry.run.width,
        text: "",
        parts: [entry],
      });
    }
  }
  return cells.map(({ left, right, parts }) => {
    parts.sort((a, b) => a.y - b.y || a.run.x - b.run.x);
    return { left, right, text: parts.map((p) => p.run.text.trim()).join("") };
  });
}

function reportHeader(texts: string[], page: number, file: string): TableHeader {
  const title = texts.findIndex((t) => /項目|取組/u.test(compact(t)));
  const progress = texts.findIndex((t) => compact(t).includes("進捗状況"));
  if (title < 0 || progress < title) {
    throw new ShinchokuError(
      "invalid_report",
      `${page} ページの表の見出し（${texts.join(" / ")}）に「項目」「進捗状況」の列が順に並んでいません`,
      { file },
    );
  }
  if (progress !== texts.length - 1) {
    throw new ShinchokuError(
      "invalid_report",
      `${page} ページの表の見出し「${texts.slice(progress + 1).join(" / ")}」の列は読めません（進捗状況が最後の列の表だけを取り込めます）`,
      { file },
    );
  }
  return { cells: texts, title, progress };
}

/**
 * Where each column starts: between two header cells, at the leftmost start of a body cell in
 * the gap (body text is set from a column's left edge, a header may be centered), else midway.
 */
function columnStarts(cells: HeaderCell[], bodyLines: Line[]): number[] {
  const starts = bodyLines.flatMap((l) => lineCells(l).map((c) => c[0]?.x ?? 0));
  return cells.map((cell, i) => {
    if (i === 0) return Number.NEGATIVE_INFINITY;
    const before = cells[i - 1] as HeaderCell;
    const inGap = starts.filter((x) => x > before.right && x <= cell.left + 1);
    return inGap.length > 0 ? Math.min(...inGap) - 0.5 : (before.right + cell.left) / 2;
  });
}

/**
 * The baseline distance that separates two rows: more than the usual distance between the lines
 * of one cell (the most common distance between consecutive lines of a column).
 */
function rowGap(lines: Line[], starts: number[]): number {
  const lastY = new Map<number, number>();
  const distances: number[] = [];
  const sizes = new Map<number, number>();
  for (const line of lines) sizes.set(line.size, (sizes.get(line.size) ?? 0) + 1);
  // The body text's size: the commonest (headings are larger, and fewer).
  const size = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  for (const line of lines) {
    for (const cell of lineCells(line, starts)) {
      const column = columnOf(cell[0]?.x ?? 0, starts);
      const before = lastY.get(column);
      if (before !== undefined && line.y - before <= 2 * line.size) distances.push(line.y - before);
      lastY.set(column, line.y);
    }
  }
  const counts = new Map<number, number>();
  for (const d of distances) {
    const rounded = Math.round(d * 2) / 2;
    counts.set(rounded, (counts.get(rounded) ?? 0) + 1);
  }
  // The smallest distance seen twice: rows of one line each are commoner than wrapped lines, and
  // their distance is the row pitch. A table with no wrapped line at all shows only row pitches:
  // a line is never taken to be more than 1.5 times its font size below the one before in a cell.
  const pitch = Math.min(
    [...counts]
      .filter(([, n]) => n >= 2)
      .map(([d]) => d)
      .sort((a, b) => a - b)[0] ?? 1.2 * size,
    1.5 * size,
  );
  return pitch + 0.25 * size;
}

function columnOf(x: number, starts: number[]): number {
  let column = 0;
  starts.forEach((start, i) => {
    if (x >= start) column = i;
  });
  return column;
}

/**
 * Text lines at the bottom of a page that are page furniture: a page number (`3`, `- 3 -`,
 * `3 / 17`, also after a running title) or a line printed at the same height on other pages too
 * (a running footer).
 */
function isFooter(line: Line, repeated: (line: Line) => boolean): boolean {
  const text = runsText(line.runs);
  return (
    /^[-–—]?\s*\d+\s*(?:\/\s*\d+)?\s*[-–—]?$/u.test(text) ||
    // "… 3 / 17" after a running title, on a page of its own
    (lineCells(line).length > 1 && /\s\d+\s*\/\s*\d+$/u.test(text)) ||
    repeated(line)
  );
}

/**
 * Lay out a report table from positioned text: the header row (repeated on every page) gives
 * the columns, lines are grouped into rows by the gaps between them (and a new row wherever the
 * first column starts one), wrapped lines of a cell are joined, bullets split a title cell.
 * Page titles above the header, repeated headers and footers are dropped as furniture.
 * @example const { header, rows } = layOutTable(pages, "report.pdf");
 * @throws ShinchokuError when no page has a header row with 項目 and 進捗状況.
 */
export function layOutTable(
  pages: PdfPage[],
  file: string,
  rule: HeaderRule = REPORT_HEADER,
): TableLayout {
  const pageLines = pages.map((p) => ({ page: p.number, lines: visualLines(p.runs) }));
  const headers = pageLines.map((p) => findHeader(p.lines, rule));
  const first = headers.findIndex((h) => h !== null);
  if (first < 0) throw new ShinchokuError("invalid_report", rule.missing, { file });
  // A line printed at the same height with the same text (numbers aside) on several pages.
  const seen = new Map<string, Set<number>>();
  const key = (line: Line) =>
    `${Math.round(line.y)}|${compact(runsText(line.runs)).replace(/\d+/gu, "#")}`;
  for (const { page, lines } of pageLines) {
    for (const line of lines) seen.set(key(line), (seen.get(key(line)) ?? new Set()).add(page));
  }
  const repeated = (line: Line) => (seen.get(key(line))?.size ?? 0) >= 2;

  const preamble: TableLayout["preamble"] = [];
  const furniture: LayoutFurniture[] = [];
  const rows: TableRowCells[] = [];
  let header: TableHeader | null = null;
  let starts: number[] = [];
  for (const [index, { page, lines }] of pageLines.entries()) {
    const found = headers[index] ?? null;
    if (index < first || (index === first && found)) {
      const above = index < first ? lines : lines.slice(0, found?.from ?? 0);
      for (const line of above) {
        // A running title or a page number printed on the cover and contents pages too.
        if (isFooter(line, repeated))
          furniture.push({ page, kind: "page-title", text: runsText(line.runs) });
        else preamble.push({ page, text: lineCells(line).map(runsText).join("\t") });
      }
    }
    if (index < first) continue;
    let body = lines;
    if (found) {
      const band = lines.slice(found.from, found.to + 1);
      const cells = headerCells(band);
      const pageHeader = rule.read(
        cells.map((c) => c.text),
        page,
        file,
      );
      if (header && compact(pageHeader.cells.join("|")) !== compact(header.cells.join("|"))) {
        throw new ShinchokuError(
          "invalid_report",
          `${page} ページの表の見出し（${pageHeader.cells.join(" / ")}）が最初の見出し（${header.cells.join(" / ")}）と異なります`,
          { file },
        );
      }
      if (header) {
        for (const line of lines.slice(0, found.from)) {
          furniture.push({ page, kind: "page-title", text: runsText(line.runs) });
        }
        furniture.push({ page, kind: "table-header", text: pageHeader.cells.join(" / ") });
      }
      header ??= pageHeader;
      body = lines.slice(found.to + 1);
      starts = columnStarts(cells, body);
    }
    const footers: LayoutFurniture[] = [];
    while (body.length > 0 && isFooter(body.at(-1) as Line, repeated)) {
      footers.unshift({ page, kind: "footer", text: runsText((body.at(-1) as Line).runs) });
      body = body.slice(0, -1);
    }
    furniture.push(...footers);
    rows.push(...pageRows(page, body, starts, header as TableHeader));
  }
  return { preamble, header: header as TableHeader, rows, furniture };
}

interface CellLine {
  y: number;
  text: string;
}

/** A page's body lines as rows of cells. */
function pageRows(page: number, lines: Line[], starts: number[], header: TableHeader) {
  const gap = rowGap(lines, starts);
  const groups: Array<Array<{ y: number; cells: Map<number, CellLine[]> }>> = [];
  let lastY = Number.NEGATIVE_INFINITY;
  for (const line of lines) {
    const cells = new Map<number, CellLine[]>();
    for (const runs of lineCells(line, starts)) {
      const column = columnOf(runs[0]?.x ?? 0, starts);
      const list = cells.get(column) ?? [];
      list.push({ y: line.y, text: runsText(runs) });
      cells.set(column, list);
    }
    const startsRow = header.rowStarts
      ? [...cells.keys()].some((c) => header.rowStarts?.includes(c))
      : header.title > 0 && [...cells.keys()].some((c) => c < header.title);
    if (groups.length === 0 || line.y - lastY > gap || startsRow) groups.push([]);
    groups.at(-1)?.push({ y: line.y, cells });
    lastY = line.y;
  }
  return groups.map((group) => rowCells(page, group, starts.length, header));
}

function rowCells(
  page: number,
  group: Array<{ y: number; cells: Map<number, CellLine[]> }>,
  columns: number,
  header: TableHeader,
): TableRowCells {
  const byColumn: CellLine[][] = Array.from({ length: columns }, () => []);
  for (const { cells } of group) {
    for (const [column, lines] of cells) byColumn[column]?.push(...lines);
  }
  const title = byColumn[header.title] ?? [];
  const bullets = title.filter((l) => BULLET.test(l.text)).map((l) => l.y);
  const cells = byColumn.map((lines, column) => {
    if (bullets.length < 2) return [joinWrappedLines(lines.map((l) => l.text))];
    if (column === header.title) return partsAt(lines, bullets, (l) => BULLET.test(l.text));
    const parts = partsAt(lines, bullets, null);
    return parts.length === bullets.length && parts.every((p) => p !== "")
      ? parts
      : [joinWrappedLines(lines.map((l) => l.text))];
  });
  return { page, cells };
}

/**
 * A cell's lines cut into one part per bullet: at each bullet line (in the title cell), or at
 * the height of each bullet (in the other cells: a line goes with the last bullet above it).
 */
function partsAt(
  lines: CellLine[],
  bulletYs: number[],
  isBullet: ((line: CellLine) => boolean) | null,
): string[] {
  const parts: CellLine[][] = isBullet ? [] : bulletYs.map(() => []);
  for (const line of lines) {
    if (isBullet) {
      if (isBullet(line) || parts.length === 0) parts.push([line]);
      else parts.at(-1)?.push(line);
      continue;
    }
    let part = 0;
    bulletYs.forEach((y, k) => {
      if (line.y >= y - 1) part = k;
    });
    parts[part]?.push(line);
  }
  return parts.map((p) => joinWrappedLines(p.map((l) => l.text)));
}
