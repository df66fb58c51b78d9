import { ShinchokuError } from "../../domain/errors.ts";
import { readReportText } from "../report-text/report-text-reader.ts";
import { type PdfPage, readPdfWords } from "./pdf-words.ts";
import { reportTextLines } from "./report-text-lines.ts";
import { layOutTable } from "./table-layout.ts";

/**
 * Read a published report PDF (a text PDF of the report table) into a plan draft and an import
 * report, as the report-text reader reads extracted text. In the import report of a PDF, `line`
 * is the page number.
 * @example const { draft, report } = await readReportPdf(bytes, "report.pdf");
 * @throws ShinchokuError naming the file (and the page) for a damaged PDF, a scan without text,
 * or a table the reader cannot follow.
 */
export async function readReportPdf(bytes: Uint8Array, file: string) {
  const allPages = await readPdfWords(bytes, file);
  // Our own report ends with its indicators on pages of their own: not the progress table.
  const indicatorsFrom = allPages.findIndex((p, i) => i > 0 && isIndicatorSection(p));
  const layout = layOutTable(
    indicatorsFrom < 0 ? allPages : allPages.slice(0, indicatorsFrom),
    file,
  );
  const { lines, pages, tocFromHeadings } = reportTextLines(layout);
  const pageOf = (line: number) => pages[line - 1] ?? pages.at(-1) ?? 1;
  let read: ReturnType<typeof readReportText>;
  try {
    read = readReportText(lines, file);
  } catch (error) {
    if (!(error instanceof ShinchokuError) || error.location.line === undefined) throw error;
    const page = pageOf(error.location.line);
    throw new ShinchokuError(error.id, `${page} ページ: ${error.message}`, {
      file,
      ...(error.location.field ? { field: error.location.field } : {}),
    });
  }
  const { draft, report } = read;
  for (const m of report.messages) if (m.line !== null) m.line = pageOf(m.line);
  for (const f of report.furniture) f.line = pageOf(f.line);
  for (const f of layout.furniture) report.dropped(f.page, f.kind, f.text);
  const indicatorPage = allPages[indicatorsFrom];
  if (indicatorPage) {
    report.info(
      null,
      "indicator-section-skipped",
      `${indicatorPage.number} ページからの「${INDICATOR_SECTION_TITLE}」の表は取り込みません（指標は CSV で取り込めます）`,
    );
  }
  if (tocFromHeadings) {
    report.info(
      null,
      "sections-from-headings",
      "目次がないため、表の中の柱・分野の見出し行から節を読みました",
    );
  }
  return { draft, report };
}

/** The title the report PDF (export/report-pdf.ts) prints atop its indicator section. */
export const INDICATOR_SECTION_TITLE = "指標の状況";

/** Whether a page's topmost line starts with the indicator section's title. */
function isIndicatorSection(page: PdfPage): boolean {
  const texts = page.runs.filter((r) => r.text.trim() !== "");
  if (texts.length === 0) return false;
  const top = Math.min(...texts.map((r) => r.y));
  const line = texts
    .filter((r) => Math.abs(r.y - top) < 2)
    .sort((a, b) => a.x - b.x)
    .map((r) => r.text)
    .join("")
    .replace(/\s+/gu, "");
  return line.startsWith(INDICATOR_SECTION_TITLE);
}
