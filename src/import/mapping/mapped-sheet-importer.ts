import { createHash } from "node:crypto";
import { open, readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { countDraft, type ImportOptions, importPlanDraft } from "../../commands/plan-importer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { type ImportReport, ImportReportBuilder } from "../import-report.ts";
import { jsonErrorLine } from "../plan-json/json-error-position.ts";
import { MAX_WORKBOOK_BYTES, tooLarge } from "../plan-xlsx/workbook-container.ts";
import { isPdf, MAX_PDF_BYTES } from "../report-pdf/pdf-words.ts";
import { readMappedSheet } from "./mapped-sheet-reader.ts";
import { type ColumnMapping, parseMapping } from "./mapping-schema.ts";
import { readPdfTableSheet } from "./pdf-table-sheet.ts";
import { readSheets } from "./sheet-reader.ts";

/** What an import through a mapping did; `unchanged` when the same file and mapping were in. */
export interface MappedImportResult {
  report: ImportReport;
  planSlug: string;
  unchanged: boolean;
}

/**
 * Import a city's workbook or CSV/TSV through a column mapping file, in one transaction. The same
 * file with the same mapping a second time changes nothing and says so; the same file with a
 * later `plan.asOf` adds a reporting period.
 * @throws ShinchokuError naming the file, the mapping path or the cell; nothing is stored then.
 * @example await importMappedSheetFile(store, "jigyo.xlsx", "mapping.json", { organization: { code: "431001" } });
 */
export async function importMappedSheetFile(
  store: Store,
  path: string,
  mappingPath: string,
  options: Omit<ImportOptions, "sha256"> = {},
): Promise<MappedImportResult> {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new ShinchokuError("invalid_input", "ファイルが見つかりません", { file: path });
  });
  // Refused before reading: a 100 MB file is not held in memory to be rejected.
  const head = await firstBytes(path);
  if (info.size > maxBytes(head)) throw tooLargeFile(info.size, file, head);
  const mappingText = await readFile(mappingPath, "utf8").catch(() => {
    throw new ShinchokuError("invalid_input", "対応表のファイルが見つかりません", {
      file: mappingPath,
    });
  });
  const mapping = readMappingText(mappingText, basename(mappingPath));
  return importMappedSheet(store, await readFile(path), file, mapping, options);
}

/** A published report may be a large PDF; a workbook or a CSV is smaller. */
function maxBytes(head: Uint8Array): number {
  return isPdf(head) ? MAX_PDF_BYTES : MAX_WORKBOOK_BYTES;
}

function tooLargeFile(size: number, file: string, head: Uint8Array): ShinchokuError {
  if (!isPdf(head)) return tooLarge(size, file);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new ShinchokuError(
    "invalid_input",
    `ファイルが大きすぎます（${mb(size)}、上限 ${mb(MAX_PDF_BYTES)}）`,
    { file },
  );
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A mapping file's text, checked: JSON errors with their line, schema errors with their path. */
export function readMappingText(text: string, file: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/u, ""));
  } catch (error) {
    const line = jsonErrorLine(text);
    throw new ShinchokuError(
      "invalid_input",
      `対応表が JSON として読めません: ${(error as Error).message}`,
      line === null ? { file } : { file, line },
    );
  }
  return parseMapping(value, file);
}

/**
 * The same, for bytes and a checked mapping already in hand (an upload). A text PDF's table is
 * read by the headings the mapping names (`sheet` and `headerRow` do not apply to it).
 */
export async function importMappedSheet(
  store: Store,
  bytes: Uint8Array,
  file: string,
  mapping: ColumnMapping,
  options: Omit<ImportOptions, "sha256"> = {},
): Promise<MappedImportResult> {
  if (bytes.byteLength > maxBytes(bytes)) throw tooLargeFile(bytes.byteLength, file, bytes);
  const report = new ImportReportBuilder(file);
  const pdf = isPdf(bytes);
  const sheets = pdf
    ? [await readPdfTableSheet(bytes, file, mapping, report)]
    : await readSheets(bytes, file, report);
  const draft = readMappedSheet(
    sheets,
    pdf ? { ...mapping, sheet: undefined, headerRow: 1 } : mapping,
    file,
    report,
  );
  draft.matchByCode = mapping.measure.id !== undefined;
  // The file and the mapping together: the same file read another way is another import.
  const sha256 = createHash("sha256").update(bytes).update(JSON.stringify(mapping)).digest("hex");
  const done = await store.db
    .selectFrom("import_run")
    .innerJoin("plan", "plan.id", "import_run.plan_id")
    .innerJoin("reporting_period", "reporting_period.id", "import_run.reporting_period_id")
    .select("plan.slug")
    .where("import_run.sha256", "=", sha256)
    .where("plan.title", "=", draft.title)
    .where("reporting_period.as_of", "=", draft.period.asOf)
    .executeTakeFirst();
  if (done) {
    report.info(
      null,
      "unchanged",
      `同じファイルを同じ対応表で取込済みです（計画 ${done.slug}、基準日 ${draft.period.asOf}）。何も変えていません`,
    );
    return {
      planSlug: done.slug,
      unchanged: true,
      report: {
        source: file,
        asOf: draft.period.asOf,
        counts: countDraft(draft),
        matched: null,
        messages: report.messages,
        furniture: [],
      },
    };
  }
  try {
    const stored = await importPlanDraft(store, draft, report, { ...options, sha256 });
    return { ...stored, unchanged: false };
  } catch (error) {
    if (error instanceof ShinchokuError && error.location.file === undefined)
      throw new ShinchokuError(error.id, error.message, { ...error.location, file });
    throw error;
  }
}
