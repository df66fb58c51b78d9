import type { Kysely } from "kysely";
import {
  type AchievementForm,
  DEFAULT_INDICATOR_KINDS,
  DEFAULT_SCORE_BANDS,
  type IndicatorDirection,
  type IndicatorValue,
  type IndicatorValueKind,
  type ScoreBand,
} from "../../domain/indicator.ts";
import type { Database } from "../database.ts";

/**
 * Where an indicator sits: on a measure (by its ID), an item (by its number) or a group (by the
 * numbers of its path from the top level, `[2, 1]` for pillar 2's first child). `levelName` is
 * the plan's own name of that level (取組, 施策, 政策…).
 */
export type IndicatorPlace =
  | { level: "measure"; levelName: string; measureCode: string }
  | { level: "item"; levelName: string; itemNumber: number | null; itemTitle: string }
  | {
      level: "group";
      levelName: string;
      groupLevel: string;
      groupPath: number[];
      groupTitle: string;
    };

/** A stored indicator with its values (ordered by kind, fiscal year, period). */
export interface StoredIndicator {
  code: string;
  name: string;
  unit: string | null;
  kind: string;
  direction: IndicatorDirection | null;
  source: string | null;
  achievementForm: AchievementForm;
  place: IndicatorPlace;
  values: IndicatorValue[];
}

/** A plan's indicators with its kinds and score bands (the defaults when it has none). */
export interface PlanIndicators {
  kinds: string[];
  bands: ScoreBand[];
  indicators: StoredIndicator[];
}

const KIND_ORDER: Record<IndicatorValueKind, number> = { baseline: 0, target: 1, result: 2 };

/**
 * A plan's indicators in ID order. Mid-year results are those of periods up to `asOf` (all when
 * null), and only of published periods when `publishedOnly` (the public side); fiscal-year values
 * belong to no period and are always there. `measureCodes` narrows to some measures' indicators.
 * @example const { indicators, bands } = await loadPlanIndicators(store.db, tree.id, { asOf: tree.period?.asOf ?? null, publishedOnly: true });
 */
export async function loadPlanIndicators(
  db: Kysely<Database>,
  planId: number,
  options: { asOf?: string | null; publishedOnly?: boolean; measureCodes?: readonly string[] } = {},
): Promise<PlanIndicators> {
  const [kinds, bands, levels, groups] = await Promise.all([
    db
      .selectFrom("indicator_kind")
      .select("name")
      .where("plan_id", "=", planId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("indicator_score_band")
      .select(["label", "minimum"])
      .where("plan_id", "=", planId)
      .orderBy("position")
      .execute(),
    db.selectFrom("plan_level").select(["key", "name"]).where("plan_id", "=", planId).execute(),
    db
      .selectFrom("plan_group")
      .select(["id", "parent_id", "level", "number", "title"])
      .where("plan_id", "=", planId)
      .execute(),
  ]);
  if (options.measureCodes?.length === 0) return result([], kinds, bands);
  const rows = await db
    .selectFrom("indicator")
    .leftJoin("measure", "measure.id", "indicator.measure_id")
    .leftJoin("item", "item.id", "indicator.item_id")
    .select([
      "indicator.id",
      "indicator.code",
      "indicator.name",
      "indicator.unit",
      "indicator.kind",
      "indicator.direction",
      "indicator.source",
      "indicator.achievement_form",
      "indicator.group_id",
      "measure.code as measure_code",
      "item.number as item_number",
      "item.title as item_title",
    ])
    .where("indicator.plan_id", "=", planId)
    .$if(options.measureCodes !== undefined, (q) =>
      q.where("measure.code", "in", options.measureCodes ?? []),
    )
    .execute();
  const values =
    rows.length === 0
      ? []
      : await db
          .selectFrom("indicator_value")
          .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
          .leftJoin(
            "reporting_period",
            "reporting_period.id",
            "indicator_value.reporting_period_id",
          )
          .select([
            "indicator_value.indicator_id",
            "indicator_value.kind",
            "indicator_value.fiscal_year",
            "indicator_value.final",
            "indicator_value.value",
            "indicator_value.note",
            "reporting_period.as_of",
            "reporting_period.state",
          ])
          .where("indicator.plan_id", "=", planId)
          .execute();
  const byIndicator = new Map<number, IndicatorValue[]>();
  for (const v of values) {
    if (v.as_of !== null && options.asOf && v.as_of > options.asOf) continue;
    if (v.as_of !== null && options.publishedOnly && v.state !== "published") continue;
    const list = byIndicator.get(v.indicator_id) ?? [];
    list.push({
      kind: v.kind as IndicatorValueKind,
      fiscalYear: v.fiscal_year,
      final: v.final === 1,
      periodAsOf: v.as_of,
      value: v.value,
      note: v.note,
    });
    byIndicator.set(v.indicator_id, list);
  }
  const levelName = (key: string) => levels.find((l) => l.key === key)?.name ?? key;
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const pathOf = (id: number): number[] => {
    const path: number[] = [];
    for (
      let g = groupById.get(id);
      g;
      g = g.parent_id === null ? undefined : groupById.get(g.parent_id)
    )
      path.unshift(g.number);
    return path;
  };
  const indicators = rows.map((r): StoredIndicator => {
    const group = r.group_id === null ? undefined : groupById.get(r.group_id);
    const place: IndicatorPlace =
      r.measure_code !== null
        ? { level: "measure", levelName: levelName("measure"), measureCode: r.measure_code }
        : group
          ? {
              level: "group",
              levelName: levelName(group.level),
              groupLevel: group.level,
              groupPath: pathOf(group.id),
              groupTitle: group.title,
            }
          : {
              level: "item",
              levelName: levelName("item"),
              itemNumber: r.item_number,
              itemTitle: r.item_title ?? "",
            };
    return {
      code: r.code,
      name: r.name,
      unit: r.unit,
      kind: r.kind,
      direction: r.direction as IndicatorDirection | null,
      source: r.source,
      achievementForm: r.achievement_form as AchievementForm,
      place,
      values: (byIndicator.get(r.id) ?? []).sort(compareValues),
    };
  });
  indicators.sort((a, b) => a.code.localeCompare(b.code, "ja", { numeric: true }));
  return result(indicators, kinds, bands);
}

function result(
  indicators: StoredIndicator[],
  kinds: Array<{ name: string }>,
  bands: Array<{ label: string; minimum: string | null }>,
): PlanIndicators {
  return {
    kinds: kinds.length > 0 ? kinds.map((k) => k.name) : [...DEFAULT_INDICATOR_KINDS],
    bands: bands.length > 0 ? bands : [...DEFAULT_SCORE_BANDS],
    indicators,
  };
}

/** Baseline, targets, results; by fiscal year (a final target without one last), then period. */
export function compareValues(a: IndicatorValue, b: IndicatorValue): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.fiscalYear ?? 9999) - (b.fiscalYear ?? 9999) ||
    Number(a.final) - Number(b.final) ||
    (a.periodAsOf ?? "").localeCompare(b.periodAsOf ?? "")
  );
}
