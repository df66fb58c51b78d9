import PDFDocument from "pdfkit";
import { formatWarekiDate } from "../domain/era.ts";
import { formatFiscalYear } from "../domain/fiscal-year.ts";
import type { ScoreBand } from "../domain/indicator.ts";
import type { PlanTree } from "../domain/plan-tree.ts";
import type { StoredIndicator } from "../store/queries/indicator-query.ts";
import { indicatorReport } from "./pdf/indicator-report-rows.ts";
import { indicatorTable } from "./pdf/indicator-table.ts";
import { printableText, REPORT_FONTS } from "./pdf/report-fonts.ts";
import { reportRows } from "./pdf/report-rows.ts";
import {
  type Columns,
  columnsFor,
  type Doc,
  drawRow,
  FONT,
  headerRow,
  rowHeight,
  splitRow,
  type TableRow,
  tableRow,
} from "./pdf/report-table.ts";

/** What a report prints besides the tree. */
export interface ReportPdfOptions {
  /**
   * The plan's indicators as the public sees them as of the tree's period (`publishedOnly`, up
   * to its as-of date: the same load as the public pages), with the plan's score bands.
   */
  indicators?: { bands: readonly ScoreBand[]; indicators: readonly StoredIndicator[] };
}

/** A4 landscape, in points. */
const PAGE = { width: 842, height: 595 };
const MARGIN = { top: 28, side: 28, bottom: 36 };

/** Where the report table's columns stand for a plan of `years` fiscal years, in points. */
export function reportColumns(years: number): Columns {
  return columnsFor(MARGIN.side, PAGE.width - 2 * MARGIN.side, years);
}

/**
 * The official progress report as a PDF: A4 landscape, the table of the published report
 * (区分・No. / 項目・取組 / one column per fiscal year / 進捗状況) with the header row repeated on
 * every page, pillar, area and category headings as full-width rows, the title with the as-of
 * date in 和暦 and page numbers "n / N". BIZ UDPゴシック is embedded as a subset, so the text
 * is real text (searchable, extractable with pdftotext). With `indicators`, a section of the
 * plan's indicators follows on a page of its own (none when the plan has no indicator).
 * @example await writeFile("report.pdf", await reportPdf(tree, { indicators: await loadPlanIndicators(db, tree.id, { asOf: tree.period?.asOf ?? null, publishedOnly: true }) }));
 */
export function reportPdf(tree: PlanTree, options: ReportPdfOptions = {}): Promise<Buffer> {
  const title = `${tree.title}(行程表) 進捗状況`;
  const asOf = tree.period ? formatWarekiDate(tree.period.asOf, "monthEnd") : null;
  const asOfText = asOf ? `（${asOf}時点）` : "（進捗の報告はまだありません）";
  const doc: Doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: MARGIN.top, left: MARGIN.side, right: MARGIN.side, bottom: MARGIN.bottom },
    bufferPages: true,
    lang: "ja-JP",
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: `${title}${asOfText}`,
      Author: tree.organization.name,
      Subject: `${tree.organization.name} ${title}`,
      Creator: "Shinchoku",
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont(FONT.regular, REPORT_FONTS.regular);
  doc.registerFont(FONT.bold, REPORT_FONTS.bold);

  const columns = reportColumns(tree.fiscalYears.length);
  const header = headerRow(
    columns,
    tree.fiscalYears.map((fy) => `${formatFiscalYear(fy)}\n（${fy}年度）`),
    asOf ? `進捗状況\n（${asOf}時点）` : "進捗状況",
  );
  doc.font(FONT.bold).fontSize(16).text(printableText(title), { align: "center" });
  doc
    .font(FONT.regular)
    .fontSize(11)
    .text(printableText(`${asOfText}　${tree.organization.name}`), { align: "center" });
  layOutTable(
    doc,
    header,
    reportRows(tree).map((row) => tableRow(columns, row)),
    doc.y + 10,
  );
  const section = options.indicators ? indicatorReport(tree, options.indicators) : null;
  if (section) {
    // On a page of its own, under a title the report-PDF reader knows to stop at.
    doc.addPage();
    doc
      .font(FONT.bold)
      .fontSize(13)
      .text(printableText(`指標の状況${asOf ? `（${asOf}時点）` : ""}`), MARGIN.side, MARGIN.top)
      .moveDown(0.4);
    doc
      .font(FONT.regular)
      .fontSize(8.5)
      .text(printableText(indicatorNote(options.indicators?.bands ?? [])), { lineGap: 1.5 });
    const { header: indicatorHeader, rows } = indicatorTable(
      section,
      MARGIN.side,
      PAGE.width - 2 * MARGIN.side,
    );
    layOutTable(doc, indicatorHeader, rows, doc.y + 6);
  }
  drawFooters(doc, printableText(`${title}${asOfText}`));
  doc.end();
  return done;
}

/** How the indicator section's numbers are read: which results, the achievement rule, the bands. */
function indicatorNote(bands: readonly ScoreBand[]): string {
  const scale = bands
    .map((b) => (b.minimum === null ? `${b.label} それ未満` : `${b.label} ${b.minimum}%以上`))
    .join("、");
  return [
    "実績値は公表した報告期までのものです（年度途中の値には時点を付けています）。",
    "達成率は基準値から目標値までの進み具合（基準値のない指標は実績値と目標値の比）で、実績値のある最新の年度のものです。",
    scale === "" ? "" : `評価は達成率によります（${scale}）。`,
  ].join("");
}

/** Rows that should not end a page: a heading or an item stays with the row after it. */
const KEEP_WITH_NEXT = new Set<TableRow["kind"]>(["pillar", "area", "category", "item"]);
/** How much of a row taller than a page must fit where it starts: about three lines. */
const MIN_START = 40;

function layOutTable(doc: Doc, header: TableRow, rows: TableRow[], firstY: number): void {
  const bottom = PAGE.height - MARGIN.bottom;
  const headerHeight = rowHeight(doc, header);
  const bodyHeight = bottom - MARGIN.top - headerHeight;
  const heights = rows.map((row) => rowHeight(doc, row));
  // A row that fits on a page moves to the next page whole; a taller one starts where it is.
  const startHeight = (height: number) =>
    height > bodyHeight ? Math.min(height, MIN_START) : height;
  let y = firstY;
  const startPage = (newPage: boolean) => {
    if (newPage) {
      doc.addPage();
      y = MARGIN.top;
    }
    drawRow(doc, header, y, headerHeight);
    y += headerHeight;
    return y;
  };
  let top = startPage(false);
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i] as TableRow;
    let height = heights[i] ?? 0;
    // A heading goes with the headings and items after it and the start of the first measure.
    let keep = 0;
    let j = i;
    while (KEEP_WITH_NEXT.has(rows[j]?.kind ?? "measure") && j + 1 < rows.length) {
      keep += heights[j] ?? 0;
      j++;
    }
    keep += startHeight(heights[j] ?? 0);
    if (y + keep > bottom && y > top) top = startPage(true);
    while (y + height > bottom) {
      const [head, rest] = splitRow(doc, row, bottom - y);
      drawRow(doc, head, y, bottom - y);
      top = startPage(true);
      row = rest;
      height = rowHeight(doc, rest);
    }
    drawRow(doc, row, y, height);
    y += height;
  }
}

/** "title (as of)" on the left and "n / N" on the right of every page's bottom margin. */
function drawFooters(doc: Doc, text: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const y = PAGE.height - MARGIN.bottom + 12;
    const width = PAGE.width - 2 * MARGIN.side;
    doc.font(FONT.regular).fontSize(8).fillColor("black");
    doc.text(text, MARGIN.side, y, { width, align: "left", lineBreak: false });
    doc.text(`${i + 1} / ${count}`, MARGIN.side, y, { width, align: "right", lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
}
