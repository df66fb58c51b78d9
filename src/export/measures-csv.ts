import type { PlanLevel } from "../domain/plan-draft.ts";
import {
  type MeasureNode,
  type MeasurePlacement,
  measurePlacements,
  type PlanTree,
} from "../domain/plan-tree.ts";
import { STATUS_SOURCE_LABELS } from "../domain/suggested-status.ts";
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
  "状況区分の判定",
  "担当課",
] as const;

/**
 * Whether the status is the city's (確定) or suggested from the narrative (自動判定,
 * 「本文から自動判定」); empty when there is no status.
 */
export const STATUS_SOURCE_HEADER = "状況区分の判定";

/** The 状況区分の判定 value of a measure's progress. */
export function statusSourceCell(progress: MeasureNode["progress"]): string | null {
  if (!progress?.statusCode) return null;
  return STATUS_SOURCE_LABELS[progress.statusSource ?? "confirmed"];
}

/**
 * One row per measure row of the report, re-listings included (they show their original's
 * progress and name it in 再掲元項目番号 / 再掲元取組ID).
 * @example measuresCsv(tree) // "\uFEFF全国地方公共団体コード,地方公共団体名,…\r\n431001,熊本市,…"
 */
export function measuresCsv(
  tree: PlanTree,
  options: {
    bom?: boolean;
    departments?: ReadonlyMap<string, ReadonlyArray<{ name: string }>>;
  } = {},
): string {
  if (!hasModelLevels(tree.levels)) return ownLevelsCsv(tree, options);
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
    statusSourceCell(measure.progress),
    departmentNames(options.departments, measure),
  ]);
  return toCsv(MEASURES_CSV_HEADER, rows, options);
}

/** A measure's departments, lead first, joined with 「、」 (a re-listing shows its original's). */
function departmentNames(
  departments: ReadonlyMap<string, ReadonlyArray<{ name: string }>> | undefined,
  measure: MeasurePlacement["measure"],
): string | null {
  return (
    (departments?.get(measure.relistingOf?.code ?? measure.code) ?? [])
      .map((d) => d.name)
      .join("、") || null
  );
}

/** The model report's levels (柱, 分野, 区分, 項目, 取組): a plan of these keeps the fixed columns. */
const MODEL_LEVELS: readonly PlanLevel[] = [
  { key: "pillar", name: "柱" },
  { key: "area", name: "分野" },
  { key: "category", name: "区分" },
  { key: "item", name: "項目" },
  { key: "measure", name: "取組" },
];

function hasModelLevels(levels: readonly PlanLevel[]): boolean {
  // A report without 分野 has four of them: still the model's columns (分野 left blank).
  return levels.every((l) => MODEL_LEVELS.some((m) => m.key === l.key && m.name === l.name));
}

/**
 * A plan with levels of its own (政策, 施策, 事務事業…): the hierarchy columns are named after
 * them (`政策番号`, `政策`, …), and the responsible departments follow (`担当課`, lead first).
 */
function ownLevelsCsv(
  tree: PlanTree,
  options: { bom?: boolean; departments?: ReadonlyMap<string, ReadonlyArray<{ name: string }>> },
): string {
  const statusName = new Map(tree.statuses.map((s) => [s.code, s.name]));
  const groupLevels = tree.levels.filter((l) => l.key !== "item" && l.key !== "measure");
  const itemName = tree.levels.find((l) => l.key === "item")?.name ?? "項目";
  const measureName = tree.levels.find((l) => l.key === "measure")?.name ?? "取組";
  const header = [
    "全国地方公共団体コード",
    "地方公共団体名",
    "計画名",
    "基準日",
    ...groupLevels.flatMap((l) => [`${l.name}番号`, l.name]),
    `${itemName}番号`,
    itemName,
    "取組ID",
    measureName,
    "進捗状況",
    "状況区分",
    STATUS_SOURCE_HEADER,
    "担当課",
  ];
  const rows = measurePlacements(tree).map(({ groups, item, measure }) => {
    return [
      tree.organization.code,
      tree.organization.name,
      tree.title,
      tree.period?.asOf ?? null,
      // One pair of columns per group level, top down, whatever the plan's depth.
      ...groupLevels.flatMap((_, depth) => {
        const group = groups[depth] ?? null;
        return [group?.label || null, group?.title ?? null];
      }),
      item.label || (item.number === null ? null : String(item.number)),
      item.title,
      measure.code,
      measure.title,
      measure.progress?.narrative ?? null,
      measure.progress?.statusCode
        ? (statusName.get(measure.progress.statusCode) ?? measure.progress.statusCode)
        : null,
      statusSourceCell(measure.progress),
      departmentNames(options.departments, measure),
    ];
  });
  return toCsv(header, rows, options);
}
