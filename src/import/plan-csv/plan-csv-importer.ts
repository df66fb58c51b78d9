import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { type ImportOptions, importPlanDraft } from "../../commands/plan-importer.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { MAX_CSV_BYTES } from "./csv-table-reader.ts";
import { readIndicatorsCsv } from "./indicators-csv-reader.ts";
import { type CsvFile, readPlanCsv } from "./plan-csv-reader.ts";

/**
 * Import a plan from our measures CSV and, optionally, our roadmap CSV and indicators CSV (the
 * files of `shinchoku export --format csv`), read from disk: into an empty store it rebuilds the
 * plan, into a store that has the plan it adds the period (as any report import does).
 * @example await importPlanCsvFiles(store, "measures.csv", { roadmapPath: "roadmap.csv", indicatorsPath: "indicators.csv" });
 */
export async function importPlanCsvFiles(
  store: Store,
  measuresPath: string,
  options: Omit<ImportOptions, "sha256"> & { roadmapPath?: string; indicatorsPath?: string } = {},
) {
  const { roadmapPath, indicatorsPath, ...rest } = options;
  const measures = await csvFile(measuresPath);
  const roadmap = roadmapPath === undefined ? undefined : await csvFile(roadmapPath);
  const indicators = indicatorsPath === undefined ? undefined : await csvFile(indicatorsPath);
  return importPlanCsv(store, measures, roadmap, {
    ...rest,
    ...(indicators ? { indicators } : {}),
  });
}

/** The same, for files already in hand. One transaction: on any error nothing is stored. */
export async function importPlanCsv(
  store: Store,
  measures: CsvFile,
  roadmap: CsvFile | undefined,
  options: Omit<ImportOptions, "sha256"> & { indicators?: CsvFile } = {},
) {
  const { indicators, ...rest } = options;
  const hash = createHash("sha256").update(measures.bytes);
  if (roadmap) hash.update(roadmap.bytes);
  if (indicators) hash.update(indicators.bytes);
  const { draft, report, organization } = readPlanCsv(measures, roadmap);
  if (indicators) {
    const count = readIndicatorsCsv(indicators, draft, report);
    report.info(null, "indicators-read", `${indicators.file}: 指標を ${count} 件読みました`);
  }
  return importPlanDraft(store, draft, report, {
    organization,
    ...rest,
    sha256: hash.digest("hex"),
  });
}

async function csvFile(path: string): Promise<CsvFile> {
  const file = basename(path);
  const info = await stat(path).catch(() => {
    throw new ShinchokuError("invalid_input", "ファイルが見つかりません", { file: path });
  });
  if (!info.isFile())
    throw new ShinchokuError("invalid_input", "ファイルではありません", { file: path });
  if (info.size > MAX_CSV_BYTES)
    throw new ShinchokuError(
      "invalid_input",
      `ファイルが大きすぎます（${(info.size / 1024 / 1024).toFixed(1)} MB、上限 ${MAX_CSV_BYTES / 1024 / 1024} MB）`,
      { file },
    );
  return { bytes: await readFile(path), file };
}
