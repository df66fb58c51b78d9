import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { countDraft, type ImportOptions, importPlanDraft } from "../../commands/plan-importer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { type ImportReport, ImportReportBuilder } from "../import-report.ts";
import { jsonErrorLine } from "../plan-json/json-error-position.ts";
import { MAX_WORKBOOK_BYTES, tooLarge } from "../plan-xlsx/workbook-container.ts";
import { readMappedSheet } from "./mapped-sheet-reader.ts";
import { type ColumnMapping, parseMapping } from "./mapping-schema.ts";
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
  if (info.size > MAX_WORKBOOK_BYTES) throw tooLarge(info.size, file);
  const mappingText = await readFile(mappingPath, "utf8").catch(() => {
    throw new ShinchokuError("invalid_input", "対応表のファイルが見つかりません", {
      file: mappingPath,
    });
  });
  const mapping = readMappingText(mappingText, basename(mappingPath));
  return importMappedSheet(store, await readFile(path), file, mapping, options);
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

/** The same, for bytes and a checked mapping already in hand (an upload). */
export async function importMappedSheet(
  store: Store,
  bytes: Uint8Array,
  file: string,
  mapping: ColumnMapping,
  options: Omit<ImportOptions, "sha256"> = {},
): Promise<MappedImportResult> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) throw tooLarge(bytes.byteLength, file);
  const report = new ImportReportBuilder(file);
  const draft = readMappedSheet(await readSheets(bytes, file, report), mapping, file, report);
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
