import { formatFiscalYear } from "../domain/fiscal-year.ts";
import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import { toCsv } from "./csv-table.ts";

export const ROADMAP_CSV_HEADER = [
  "取組ID",
  "項目番号",
  "取組",
  "年度",
  "年度表記",
  "計画",
  "継続",
  "実施内容",
] as const;

/**
 * The roadmap in long format: one row per measure and fiscal year. Re-listings are left out:
 * their roadmap is their original's, which has its own rows.
 */
export function roadmapCsv(tree: PlanTree, options: { bom?: boolean } = {}): string {
  const rows = measurePlacements(tree)
    .filter(({ measure }) => measure.relistingOf === null)
    .flatMap(({ item, measure }) =>
      measure.roadmap.map((entry) => [
        measure.code,
        item.number,
        measure.title,
        entry.fiscalYear,
        formatFiscalYear(entry.fiscalYear),
        entry.text,
        entry.continued ? "true" : "false",
        entry.activity,
      ]),
    );
  return toCsv(ROADMAP_CSV_HEADER, rows, options);
}
