import { basename, extname } from "node:path";
import { ShinchokuError } from "../../domain/errors.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { readPdfWords } from "../report-pdf/pdf-words.ts";
import { type HeaderRule, layOutTable, type TableHeader } from "../report-pdf/table-layout.ts";
import { headingKey, isColumnLetter } from "./column-resolver.ts";
import type { ColumnMapping } from "./mapping-schema.ts";
import type { SheetTable } from "./sheet-table.ts";

const BULLET = /^[・▪•■◦●]\s*/u;

/**
 * The headings a mapping names (not its column letters), each with its path in the mapping:
 * what a PDF's header row must hold.
 */
function namedHeadings(mapping: ColumnMapping): Array<{ key: string; path: string }> {
  const named: Array<{ key: string; path: string }> = [];
  const add = (ref: string | undefined, path: string) => {
    if (ref !== undefined && !isColumnLetter(ref)) named.push({ key: headingKey(ref), path });
  };
  for (const [i, level] of mapping.levels.entries()) {
    if (Array.isArray(level.number))
      for (const [j, ref] of level.number.entries()) add(ref, `levels[${i}].number[${j}]`);
    else add(level.number, `levels[${i}].number`);
    add(level.title, `levels[${i}].title`);
  }
  add(mapping.measure.id, "measure.id");
  add(mapping.measure.title, "measure.title");
  add(mapping.department, "department");
  add(mapping.progress, "progress");
  add(mapping.status?.column, "status.column");
  for (const [year, ref] of Object.entries(mapping.roadmap ?? {})) add(ref, `roadmap.${year}`);
  for (const [heading, ref] of Object.entries(mapping.fields ?? {})) add(ref, `fields.${heading}`);
  return named;
}

/**
 * The header rule of a mapped table: the header row is the band of lines that holds every heading
 * the mapping names; a line holding the measure's title heading (or, without one, any named
 * heading) anchors it. The measure's title column is the one bullets split; its ID column, when
 * mapped by heading, starts a row wherever it has text.
 */
function mappedHeader(mapping: ColumnMapping, file: string): HeaderRule {
  const headings = namedHeadings(mapping);
  if (headings.length === 0)
    throw new ShinchokuError(
      "invalid_input",
      "PDF の表には列の記号がありません。対応表では列を見出しの文字で指定してください",
      { file, field: "measure.title" },
    );
  const titleKey = headings.find((h) => h.path === "measure.title")?.key;
  const idKey = headings.find((h) => h.path === "measure.id")?.key;
  const keys = [...new Set(headings.map((h) => h.key))];
  return {
    anchors: (text) => (titleKey ? text.includes(titleKey) : keys.some((k) => text.includes(k))),
    accepts: (band) => keys.every((k) => band.join("").includes(k)),
    read(cells: string[], page: number): TableHeader {
      const compacted = cells.map(headingKey);
      const title = titleKey ? compacted.indexOf(titleKey) : -1;
      if (titleKey && title < 0)
        throw new ShinchokuError(
          "invalid_input",
          `${page} ページの表の見出し（${cells.join(" / ")}）に measure.title の「${mapping.measure.title}」の列がありません`,
          { file, field: "measure.title" },
        );
      const id = idKey ? compacted.indexOf(idKey) : -1;
      return {
        cells,
        title: Math.max(title, 0),
        progress: cells.length - 1,
        rowStarts: id >= 0 ? [id] : [],
      };
    },
    missing: `表の見出し行が見つかりません: 対応表の見出し（${headings.map((h) => `${h.path}「${h.key}」`).join("、")}）がそろった行がどのページにもありません`,
  };
}

/**
 * A text PDF's table read as a sheet for a column mapping: the header row is found by the
 * headings the mapping names (repeated on every page), rows by the gaps between them, cells that
 * wrap joined, page furniture dropped (and listed in the import report). A title cell of several
 * bullets (`・`, `▪`, `•`) becomes one row per bullet, as `<li>` does; another cell cut at the
 * same heights goes with its bullet, else it stays whole on the first. Row 1 is the header; the
 * import report says on which page each row stands.
 * @throws ShinchokuError naming the file: a scan, a damaged PDF, no header row.
 * @example const sheet = await readPdfTableSheet(bytes, "pledges.pdf", mapping, report);
 */
export async function readPdfTableSheet(
  bytes: Uint8Array,
  file: string,
  mapping: ColumnMapping,
  report: ImportReportBuilder,
): Promise<SheetTable> {
  const layout = layOutTable(await readPdfWords(bytes, file), file, mappedHeader(mapping, file));
  for (const f of layout.furniture) report.dropped(f.page, f.kind, f.text);
  for (const l of layout.preamble) report.dropped(l.page, "page-title", l.text);
  const rows: string[][] = [layout.header.cells];
  const pages: Array<{ page: number; from: number; to: number }> = [];
  let split = 0;
  for (const row of layout.rows) {
    const bullets = row.cells[layout.header.title]?.length ?? 1;
    if (bullets > 1) split++;
    for (let k = 0; k < bullets; k++) {
      rows.push(
        row.cells.map((parts, column) => {
          const text =
            parts.length === bullets ? (parts[k] ?? "") : k === 0 ? parts.join("\n") : "";
          return column === layout.header.title && bullets > 1 ? text.replace(BULLET, "") : text;
        }),
      );
      const last = pages.at(-1);
      if (last?.page === row.page) last.to = rows.length;
      else pages.push({ page: row.page, from: rows.length, to: rows.length });
    }
  }
  report.info(
    null,
    "pdf-table-rows",
    `PDF の表を見出しを 1 行目として読みました: ${pages.map((p) => `${p.from}〜${p.to} 行目は ${p.page} ページ`).join("、")}`,
  );
  if (split > 0)
    report.info(null, "bullets-split", `箇条書きの ${split} 行を、項目ごとの行に分けました`);
  return { name: basename(file, extname(file)), rows, formulasWithoutValue: new Set() };
}
