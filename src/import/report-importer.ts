import { createHash } from "node:crypto";
import { open, readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { type ImportOptions, importPlanDraft } from "../commands/plan-importer.ts";
import { ShinchokuError } from "../domain/errors.ts";
import type { Store } from "../store/store.ts";
import { importPlanCsv } from "./plan-csv/plan-csv-importer.ts";
import { readPlanJson } from "./plan-json/plan-json-reader.ts";
import { isPdf, MAX_PDF_BYTES } from "./report-pdf/pdf-words.ts";
import { readReportPdf } from "./report-pdf/report-pdf-reader.ts";
import { readReportText } from "./report-text/report-text-reader.ts";
import { decodeReportText, MAX_REPORT_BYTES } from "./report-text/report-text-source.ts";

/**
 * Import a file into the store: read, check, and store in one transaction. A `.json` file is
 * read as a plan exported by `shinchoku export --format json`, a `.csv` file as our measures
 * table (see plan-csv/); a file that starts with `%PDF-` as the published report PDF (see
 * report-pdf/); anything else as report text.
 * @example
 * const { report } = await importReportFile(store, "examples/kumamoto-2013-09-30.txt", {
 *   organization: { code: "431001", name: "熊本市" },
 * });
 */
export async function importReportFile(
  store: Store,
  path: string,
  options: Omit<ImportOptions, "sha256"> = {},
) {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new ShinchokuError("invalid_input", "ファイルが見つかりません", { file: path });
  });
  if (!info.isFile())
    throw new ShinchokuError("invalid_input", "ファイルではありません", { file: path });
  // Refused before reading: a 50 MB text (or a 200 MB PDF) is not held in memory to be rejected.
  const pdf = isPdf(await firstBytes(path, 5));
  const limit = pdf ? MAX_PDF_BYTES : MAX_REPORT_BYTES;
  if (info.size > limit) {
    throw new ShinchokuError(
      "invalid_input",
      `${pdf ? "PDF " : "ファイル"}が大きすぎます（${(info.size / 1024 / 1024).toFixed(1)} MB、上限 ${limit / 1024 / 1024} MB）`,
      { file },
    );
  }
  const bytes = await readFile(path);
  return importReportBytes(store, bytes, file, options);
}

/** The same, for bytes already in hand (an upload). */
export async function importReportBytes(
  store: Store,
  bytes: Uint8Array,
  file: string,
  options: Omit<ImportOptions, "sha256"> = {},
) {
  const type = extname(file).toLowerCase();
  // A PDF is known by its first bytes, whatever its name.
  if (isPdf(bytes)) {
    const { draft, report } = await readReportPdf(bytes, file);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return inFile(file, importPlanDraft(store, draft, report, { ...options, sha256 }));
  }
  if (type === ".pdf")
    throw new ShinchokuError("invalid_input", "PDF ではありません（先頭が %PDF- ではありません）", {
      file,
      line: 1,
    });
  if (type === ".csv")
    return inFile(file, importPlanCsv(store, { bytes, file }, undefined, options));
  if (type === ".xlsx")
    throw new ShinchokuError(
      "invalid_input",
      "Excel ブックは担当課の記入の取込です: shinchoku import FILE.xlsx --as LOGIN で取り込んでください",
      { file },
    );
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const lines = decodeReportText(bytes, file);
  if (type === ".json") {
    const { draft, report, organization } = readPlanJson(lines.join("\n"), file);
    return inFile(
      file,
      importPlanDraft(store, draft, report, { organization, ...options, sha256 }),
    );
  }
  const { draft, report } = readReportText(lines, file);
  return inFile(file, importPlanDraft(store, draft, report, { ...options, sha256 }));
}

/**
 * A refusal while storing (another plan without an organization, a period already there) names
 * its field but not the file: add the file, so that every refusal says which file it is about.
 */
async function inFile<T>(file: string, storing: Promise<T>): Promise<T> {
  try {
    return await storing;
  } catch (error) {
    if (error instanceof ShinchokuError && error.location.file === undefined)
      throw new ShinchokuError(error.id, error.message, { ...error.location, file });
    throw error;
  }
}

/** The first bytes of a file (fewer when it is shorter). */
async function firstBytes(path: string, count: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
