import type PDFDocument from "pdfkit";
import { printableText } from "./report-fonts.ts";
import type { ReportRow } from "./report-rows.ts";

/** A pdfkit document (the type of the default export's instances). */
export type Doc = typeof PDFDocument;

/** The font names a document must register before it lays out a table. */
export const FONT = { regular: "report-regular", bold: "report-bold" } as const;

/** One cell of a laid-out row: where it stands, what it prints and how. */
export interface Cell {
  x: number;
  width: number;
  text: string;
  bold: boolean;
  size: number;
  align: "left" | "center";
}

/** A row of cells with its background, ready to be measured and drawn. */
export interface TableRow {
  kind: ReportRow["kind"] | "header";
  cells: Cell[];
  fill: string | null;
}

const PAD_X = 4;
const PAD_Y = 3;
const LINE_GAP = 1.5;
/** The body text size of the report's tables, in points. */
export const BODY_SIZE = 9;
const BORDER = "#7f7f7f";

/** Backgrounds only set groups apart; the text (I., 1., ①, ア.) always says what a row is. */
const HEADING_STYLE = {
  pillar: { size: 11, fill: "#d9d9d9" },
  area: { size: 10, fill: "#e6e6e6" },
  category: { size: 9.5, fill: "#f2f2f2" },
} as const;

/** The x and width of each column: 区分・No., 項目・取組, one per fiscal year, 進捗状況. */
export interface Columns {
  left: number;
  width: number;
  no: number;
  title: number;
  year: number;
  years: number;
  progress: number;
}

/**
 * The column widths for a table `width` points wide with `years` fiscal-year columns: the
 * progress narrative takes what the fixed columns leave, and never less than a third.
 */
export function columnsFor(left: number, width: number, years: number): Columns {
  const no = 48;
  const title = 180;
  const year = years === 0 ? 0 : Math.min(96, (width - no - title - width / 3) / years);
  return { left, width, no, title, year, years, progress: width - no - title - year * years };
}

/** A cell of a table's column: left-aligned, the text made printable (report-fonts.ts). */
export function cell(x: number, width: number, text: string, size: number, bold = false): Cell {
  return { x, width, text: printableText(text), bold, size, align: "left" };
}

/** The header row, repeated at the top of every page. */
export function headerRow(c: Columns, yearHeaders: string[], progressHeader: string): TableRow {
  const cells = [
    cell(c.left, c.no, "区分・No.", BODY_SIZE, true),
    cell(c.left + c.no, c.title, "項目・取組", BODY_SIZE, true),
    ...yearHeaders.map((h, i) =>
      cell(c.left + c.no + c.title + c.year * i, c.year, h, BODY_SIZE, true),
    ),
    cell(c.left + c.width - c.progress, c.progress, progressHeader, BODY_SIZE, true),
  ].map((h) => ({ ...h, align: "center" as const }));
  return { kind: "header", cells, fill: "#d9d9d9" };
}

/** A report row as cells in the table's columns. */
export function tableRow(c: Columns, row: ReportRow): TableRow {
  switch (row.kind) {
    case "pillar":
    case "area":
    case "category": {
      const style = HEADING_STYLE[row.kind];
      return {
        kind: row.kind,
        cells: [cell(c.left, c.width, row.text, style.size, true)],
        fill: style.fill,
      };
    }
    case "item":
      return {
        kind: "item",
        cells: [
          { ...cell(c.left, c.no, row.number, BODY_SIZE, true), align: "center" },
          cell(c.left + c.no, c.width - c.no, row.text, BODY_SIZE, true),
        ],
        fill: null,
      };
    case "measure":
      return {
        kind: "measure",
        cells: [
          cell(c.left, c.no, "", BODY_SIZE),
          cell(c.left + c.no, c.title, row.title, BODY_SIZE),
          ...row.years.map((text, i) =>
            cell(c.left + c.no + c.title + c.year * i, c.year, text, BODY_SIZE),
          ),
          cell(c.left + c.width - c.progress, c.progress, row.progress, BODY_SIZE),
        ],
        fill: null,
      };
  }
}

function textOptions(c: Cell): PDFKit.Mixins.TextOptions {
  return { width: c.width - 2 * PAD_X, lineGap: LINE_GAP, align: c.align };
}

function cellHeight(doc: Doc, c: Cell): number {
  if (c.text === "") return 0;
  doc.font(c.bold ? FONT.bold : FONT.regular).fontSize(c.size);
  return doc.heightOfString(c.text, textOptions(c));
}

/** The height of a row: its tallest cell, measured with `heightOfString`, plus padding. */
export function rowHeight(doc: Doc, row: TableRow): number {
  return Math.max(...row.cells.map((c) => cellHeight(doc, c))) + 2 * PAD_Y;
}

/** Draws a row at `y`, `height` points tall: background, text, then the cell borders. */
export function drawRow(doc: Doc, row: TableRow, y: number, height: number): void {
  const first = row.cells[0];
  const last = row.cells.at(-1);
  if (row.fill && first && last) {
    doc
      .rect(first.x, y, last.x + last.width - first.x, height)
      .fill(row.fill)
      .fillColor("black");
  }
  for (const c of row.cells) {
    if (c.text === "") continue;
    doc.font(c.bold ? FONT.bold : FONT.regular).fontSize(c.size);
    doc.text(c.text, c.x + PAD_X, y + PAD_Y, textOptions(c));
  }
  doc.lineWidth(0.5).strokeColor(BORDER);
  for (const c of row.cells) doc.rect(c.x, y, c.width, height).stroke();
}

/**
 * Splits a row too tall for `maxHeight` into a first part that fits and the rest: each cell's
 * text is cut at the longest prefix that fits (found by bisection with `heightOfString`).
 * Only a measure with an extraordinarily long narrative needs it; the model report does not.
 */
export function splitRow(doc: Doc, row: TableRow, maxHeight: number): [TableRow, TableRow] {
  const room = maxHeight - 2 * PAD_Y;
  const heads: Cell[] = [];
  const tails: Cell[] = [];
  for (const c of row.cells) {
    const chars = [...c.text];
    let fits = 0;
    let tooMany = chars.length + 1;
    if (cellHeight(doc, c) <= room) fits = chars.length;
    while (tooMany - fits > 1 && fits < chars.length) {
      const mid = Math.floor((fits + tooMany) / 2);
      if (cellHeight(doc, { ...c, text: chars.slice(0, mid).join("") }) <= room) fits = mid;
      else tooMany = mid;
    }
    heads.push({ ...c, text: chars.slice(0, fits).join("") });
    tails.push({ ...c, text: chars.slice(fits).join("") });
  }
  return [
    { ...row, cells: heads },
    { ...row, cells: tails },
  ];
}
