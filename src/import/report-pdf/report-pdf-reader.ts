import { ShinchokuError } from "../../domain/errors.ts";
import { readReportText } from "../report-text/report-text-reader.ts";
import { readPdfWords } from "./pdf-words.ts";
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
  const layout = layOutTable(await readPdfWords(bytes, file), file);
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
  if (tocFromHeadings) {
    report.info(
      null,
      "sections-from-headings",
      "目次がないため、表の中の柱・分野の見出し行から節を読みました",
    );
  }
  return { draft, report };
}
