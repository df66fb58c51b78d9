import { ShinchokuError } from "../../domain/errors.ts";
import type { ItemDraft, MeasureDraft } from "../../domain/plan-draft.ts";
import { ROADMAP_CSV_HEADER } from "../../export/roadmap-csv.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { readCsvTable } from "./csv-table-reader.ts";

/** The columns the import reads; 年度表記, 継続 and 実施内容 are derived from 計画 and 年度. */
const READ = ["取組ID", "年度", "計画"] as const;

/**
 * Put the roadmap CSV's cells (one row per measure and fiscal year) on the measures they name,
 * in fiscal-year order; returns the fiscal years seen. A re-listing has no roadmap of its own:
 * rows for one are reported and left out.
 * @throws ShinchokuError naming the file, line and column for an unknown ID, a bad year, a repeat.
 */
export function readRoadmapCsv(
  csv: { bytes: Uint8Array; file: string },
  measures: ReadonlyMap<
    string,
    { record: { draft: MeasureDraft; relistingOf: string | null }; item: ItemDraft }
  >,
  report: ImportReportBuilder,
): number[] {
  const { file } = csv;
  const rows = readCsvTable(csv.bytes, file, ROADMAP_CSV_HEADER, report);
  const years = new Set<number>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const fail = (column: (typeof READ)[number], message: string): never => {
      throw new ShinchokuError("invalid_input", message, { file, line: row.line, field: column });
    };
    const code = row.value("取組ID");
    const measure = measures.get(code);
    if (!measure) fail("取組ID", `取組ID「${code}」は取組の CSV にありません`);
    const yearText = row.value("年度").normalize("NFKC");
    if (!/^\d{4}$/u.test(yearText))
      fail("年度", `年度「${row.value("年度")}」が西暦 4 桁ではありません`);
    const fiscalYear = Number(yearText);
    const key = `${code}\u0000${fiscalYear}`;
    const before = seen.get(key);
    if (before !== undefined)
      fail("年度", `取組 ${code} の ${fiscalYear} 年度が ${before} 行目と重複しています`);
    seen.set(key, row.line);
    const target = measure?.record;
    if (!target) continue;
    if (target.relistingOf !== null) {
      report.warn(
        row.line,
        "relisting-roadmap-ignored",
        `${file}: 取組 ${code} は再掲のため、行程は再掲元（${target.relistingOf}）のものを使います`,
      );
      continue;
    }
    target.draft.roadmap.push({ fiscalYear, text: row.value("計画") });
    years.add(fiscalYear);
  }
  for (const { record } of measures.values())
    record.draft.roadmap.sort((a, b) => a.fiscalYear - b.fiscalYear);
  return [...years];
}
