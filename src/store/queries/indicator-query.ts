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
 * A plan's indicators as the public sees them in a plan tree's period: mid-year results of
 * published periods up to it only (fiscal-year values always). Pages, downloads and the printed
 * report all read them so.
 */
export function loadPublicIndicators(
  db: Kysely<Database>,
  tree: { id: number; period: { asOf: string } | null },
): Promise<PlanIndicators> {
  return loadPlanIndicators(db, tree.id, { asOf: tree.period?.asOf ?? null, publishedOnly: true });
}

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
  const shownRevision = await revisionsAsOf(db, planId, options);
  const byIndicator = new Map<number, IndicatorValue[]>();
  for (const v of values) {
    if (v.as_of !== null && options.asOf && v.as_of > options.asOf) continue;
    if (v.as_of !== null && options.publishedOnly && v.state !== "published") continue;
    // A revised indicator's baseline and targets are its revision's.
    if (shownRevision.has(v.indicator_id) && v.kind !== "result") continue;
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
  const indicators = rows.flatMap((r): StoredIndicator[] => {
    const revision = shownRevision.get(r.id);
    if (revision === null) return [];
    if (revision) {
      Object.assign(r, {
        name: revision.name,
        unit: revision.unit,
        kind: revision.kind,
        direction: revision.direction,
        source: revision.source,
        achievement_form: revision.achievement_form,
      });
      byIndicator.set(r.id, [...revision.values, ...(byIndicator.get(r.id) ?? [])]);
    }
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
    const indicator: StoredIndicator = {
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
    return [indicator];
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

interface ShownRevision {
  name: string;
  unit: string | null;
  kind: string;
  direction: string | null;
  source: string | null;
  achievement_form: string;
  values: IndicatorValue[];
}

/**
 * The revision each revised indicator shows (`indicator_revision`, migration 020): the latest one
 * of a period up to `asOf` (published only, on the public side), a period-less one (the state
 * before the first revision) before all. Null: not shown at all (defined later, or retired).
 * Indicators never revised are not in the map and show their rows as they are.
 */
async function revisionsAsOf(
  db: Kysely<Database>,
  planId: number,
  options: { asOf?: string | null; publishedOnly?: boolean },
): Promise<Map<number, ShownRevision | null>> {
  const revisions = await db
    .selectFrom("indicator_revision as r")
    .innerJoin("indicator", "indicator.id", "r.indicator_id")
    .leftJoin("reporting_period as p", "p.id", "r.reporting_period_id")
    .select([
      "r.indicator_id",
      "r.name",
      "r.unit",
      "r.kind",
      "r.direction",
      "r.source",
      "r.achievement_form",
      "r.retired",
      "r.values_json",
      "p.as_of",
      "p.state",
    ])
    .where("indicator.plan_id", "=", planId)
    .execute();
  const latest = new Map<number, (typeof revisions)[number] | null>();
  for (const r of revisions) {
    if (!latest.has(r.indicator_id)) latest.set(r.indicator_id, null);
    if (r.as_of !== null && options.asOf && r.as_of > options.asOf) continue;
    if (r.as_of !== null && options.publishedOnly && r.state !== "published") continue;
    const seen = latest.get(r.indicator_id);
    if (seen && (r.as_of === null || (seen.as_of !== null && seen.as_of > r.as_of))) continue;
    latest.set(r.indicator_id, r);
  }
  const shown = new Map<number, ShownRevision | null>();
  for (const [id, r] of latest) {
    if (!r || r.retired === 1) {
      shown.set(id, null);
      continue;
    }
    const values = JSON.parse(r.values_json) as Array<Omit<IndicatorValue, "periodAsOf">>;
    shown.set(id, { ...r, values: values.map((v) => ({ ...v, periodAsOf: null })) });
  }
  return shown;
}
