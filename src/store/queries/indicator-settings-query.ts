import type { Kysely } from "kysely";
import type { IndicatorValue } from "../../domain/indicator.ts";
import type { Database } from "../database.ts";
import { planKindsIn } from "./indicator-kinds-query.ts";

/** One place an indicator may belong to, as the form's owner choice (`measure:M0001`…). */
export interface IndicatorOwnerChoice {
  value: string;
  label: string;
}

/** An indicator as the planning division works on it (its working state, retired ones too). */
export interface IndicatorSetting {
  code: string;
  owner: string;
  ownerLabel: string;
  name: string;
  unit: string | null;
  kind: string;
  direction: string | null;
  source: string | null;
  achievementForm: string;
  retired: boolean;
  /** Revised (or defined) in the open period, so not public until it is published. */
  pending: boolean;
  values: Array<Pick<IndicatorValue, "kind" | "fiscalYear" | "final" | "value">>;
}

/**
 * A plan's indicator settings for the staff pages: the plan, its span and kinds, the open period,
 * the places an indicator may belong to, and every indicator's working state; null for an
 * unknown plan.
 */
export async function indicatorSettings(db: Kysely<Database>, planSlug: string) {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title", "organization_id", "first_fiscal_year", "last_fiscal_year"])
    .where("slug", "=", planSlug)
    .executeTakeFirst();
  if (!plan) return null;
  const [open, groups, items, measures, rows, values, pending, kinds] = await Promise.all([
    db
      .selectFrom("reporting_period")
      .select(["id", "as_of"])
      .where("plan_id", "=", plan.id)
      .where("state", "=", "open")
      .executeTakeFirst(),
    db
      .selectFrom("plan_group")
      .select(["id", "label", "title"])
      .where("plan_id", "=", plan.id)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("item")
      .select(["id", "number", "label", "title"])
      .where("plan_id", "=", plan.id)
      .where("relisting_of_item_id", "is", null)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("measure")
      .select(["id", "code", "title"])
      .where("plan_id", "=", plan.id)
      .where("relisting_of_measure_id", "is", null)
      .orderBy("code")
      .execute(),
    db.selectFrom("indicator").selectAll().where("plan_id", "=", plan.id).orderBy("code").execute(),
    db
      .selectFrom("indicator_value")
      .innerJoin("indicator", "indicator.id", "indicator_value.indicator_id")
      .select([
        "indicator_value.indicator_id",
        "indicator_value.kind",
        "indicator_value.fiscal_year",
        "indicator_value.final",
        "indicator_value.value",
      ])
      .where("indicator.plan_id", "=", plan.id)
      .where("indicator_value.kind", "in", ["baseline", "target"])
      .where("indicator_value.reporting_period_id", "is", null)
      .execute(),
    db
      .selectFrom("indicator_revision as r")
      .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
      .innerJoin("indicator", "indicator.id", "r.indicator_id")
      .select("r.indicator_id")
      .where("indicator.plan_id", "=", plan.id)
      .where("p.state", "=", "open")
      .execute(),
    planKindsIn(db, plan.id),
  ]);
  const owners: IndicatorOwnerChoice[] = [
    ...groups.map((g) => ({ value: `group:${g.id}`, label: `階層 ${g.label} ${g.title}` })),
    ...items.map((i) => ({
      value: `item:${i.id}`,
      label: `項目 ${i.number === null ? "" : `No.${i.number} `}${i.label} ${i.title}`,
    })),
    ...measures.map((m) => ({ value: `measure:${m.code}`, label: `取組 ${m.code} ${m.title}` })),
  ];
  const ownerOf = (r: (typeof rows)[number]) => {
    if (r.measure_id !== null) {
      const m = measures.find((x) => x.id === r.measure_id);
      return `measure:${m?.code ?? ""}`;
    }
    return r.item_id !== null ? `item:${r.item_id}` : `group:${r.group_id}`;
  };
  const pendingIds = new Set(pending.map((p) => p.indicator_id));
  const indicators = rows.map((r): IndicatorSetting => {
    const owner = ownerOf(r);
    return {
      code: r.code,
      owner,
      ownerLabel: owners.find((o) => o.value === owner)?.label ?? owner,
      name: r.name,
      unit: r.unit,
      kind: r.kind,
      direction: r.direction,
      source: r.source,
      achievementForm: r.achievement_form,
      retired: r.retired === 1,
      pending: pendingIds.has(r.id),
      values: values
        .filter((v) => v.indicator_id === r.id)
        .map((v) => ({
          kind: v.kind as IndicatorValue["kind"],
          fiscalYear: v.fiscal_year,
          final: v.final === 1,
          value: v.value,
        })),
    };
  });
  return { plan, open: open ?? null, owners, kinds, indicators };
}
