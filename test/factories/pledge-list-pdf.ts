import PDFDocument from "pdfkit";
import { REPORT_FONTS } from "../../src/export/pdf/report-fonts.ts";

/** Column x positions (points) of the pledge list's table: 分野 | No. | 政策項目 | H29評価 | 評価理由 | 部局. */
const COLUMNS = [40, 110, 150, 380, 440, 700];
const HEADINGS = ["分野", "No.", "政策項目", "H29評価", "評価理由", "部局"];

/**
 * A row of the printed list; a cell given as several lines wraps within its row. A blank 分野
 * means the same as above, as printed tables do.
 */
export type PrintedPledgeRow = Array<string | string[]>;

/** The pledge list's rows as a prefecture prints them, over two pages. */
export const PRINTED_PLEDGES: PrintedPledgeRow[][] = [
  [
    ["くらし", "1", "子ども医療費の助成拡大", "A", "対象を中学生まで広げた", "健康福祉部"],
    ["", "2", "県立病院の医師確保", "B", ["医師数は増えたが", "目標には届かない"], "健康福祉部"],
  ],
  [["しごと", "3", "企業誘致の推進", "C", "誘致件数が伸びない", "商工労働部"]],
];

/**
 * The pledge list printed as a text PDF by pdfkit, laid out unlike our report: A4 landscape, a
 * title line above the table, the header row repeated on each page, no ruling lines, rows told
 * apart by their gaps, a cell wrapped over two lines, page numbers at the foot.
 */
export function pledgeListPdf(pages: PrintedPledgeRow[][] = PRINTED_PLEDGES): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 0 });
  const done = new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
  });
  doc.registerFont("regular", REPORT_FONTS.regular);
  doc.font("regular").fontSize(10);
  for (const [index, rows] of pages.entries()) {
    if (index > 0) doc.addPage();
    if (index === 0) doc.fontSize(14).text("知事公約の評価（平成29年度）", 40, 40).fontSize(10);
    for (const [i, h] of HEADINGS.entries()) doc.text(h, COLUMNS[i] ?? 0, 80, { lineBreak: false });
    let y = 110;
    for (const row of rows) {
      let lines = 1;
      for (const [i, cell] of row.entries()) {
        const parts = Array.isArray(cell) ? cell : [cell];
        for (const [k, part] of parts.entries())
          doc.text(part, COLUMNS[i] ?? 0, y + k * 12, { lineBreak: false });
        lines = Math.max(lines, parts.length);
      }
      y += 12 * (lines - 1) + 24;
    }
    doc.text(`- ${index + 1} -`, 410, 560, { lineBreak: false });
  }
  doc.end();
  return done;
}
