import { measurePlacements, type PlanTree } from "../domain/plan-tree.ts";
import { toCsv } from "./csv-table.ts";

/** The headers of the measures table, in order. */
export const MEASURES_CSV_HEADER = [
  "全国地方公共団体コード",
  "地方公共団体名",
  "計画名",
  "基準日",
  "柱番号",
  "柱",
  "分野番号",
  "分野",
  "区分番号",
  "区分",
  "項目番号",
  "項目記号",
  "項目",
  "取組ID",
  "取組",
  "再掲元項目番号",
  "再掲元取組ID",
  "進捗状況",
  "状況区分",
] as const;

/**
 * One row per measure row of the report, re-listings included (they show their original's
 * progress and name it in 再掲元項目番号 / 再掲元取組ID).
 * @example measuresCsv(tree) // "\uFEFF全国地方公共団体コード,地方公共団体名,…\r\n431001,熊本市,…"
 */
export function measuresCsv(tree: PlanTree, options: { bom?: boolean } = {}): string {
  const statusName = new Map(tree.statuses.map((s) => [s.code, s.name]));
  const rows = measurePlacements(tree).map(({ pillar, area, category, item, measure }) => [
    tree.organization.code,
    tree.organization.name,
    tree.title,
    tree.period?.asOf ?? null,
    pillar.number,
    pillar.title,
    area?.number ?? null,
    area?.title ?? null,
    category.number,
    category.title,
    item.number,
    item.label,
    item.title,
    measure.code,
    measure.title,
    measure.relistingOf?.itemNumber ?? null,
    measure.relistingOf?.code ?? null,
    measure.progress?.narrative ?? null,
    measure.progress?.statusCode
      ? (statusName.get(measure.progress.statusCode) ?? measure.progress.statusCode)
      : null,
  ]);
  return toCsv(MEASURES_CSV_HEADER, rows, options);
}
