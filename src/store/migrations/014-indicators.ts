import { type Kysely, sql } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Indicators (指標): a measured quantity on a measure, an item or a group of a plan (exactly one
 * of `measure_id`, `item_id`, `group_id`), with its values by fiscal year. Values are decimal
 * text as written (`5.05`, `3437`) or null (a blank, or text such as `集計中` kept as the note),
 * never a float. A plan's kinds (活動指標…) and score bands (A ≥ 100%…) are data, like its
 * status scheme. Independent of 013.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("indicator"), dialect)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("cascade"))
    .addColumn("item_id", "integer", (c) => c.references("item.id").onDelete("cascade"))
    .addColumn("group_id", "integer", (c) => c.references("plan_group.id").onDelete("cascade"))
    /** The stable indicator ID (指標ID: I0001…) shown in exports and the API. */
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("direction", "text")
    .addColumn("source", "text")
    .addColumn("achievement_form", "text", (c) => c.notNull().defaultTo("auto"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("indicator_plan_code", ["plan_id", "code"])
    .addCheckConstraint(
      "indicator_one_owner",
      sql`(case when measure_id is null then 0 else 1 end
        + case when item_id is null then 0 else 1 end
        + case when group_id is null then 0 else 1 end) = 1`,
    )
    .execute();
  for (const column of ["measure_id", "item_id", "group_id"])
    await db.schema
      .createIndex(`indicator_${column.replace("_id", "")}`)
      .on("indicator")
      .column(column)
      .execute();
  await withId(db.schema.createTable("indicator_value"), dialect)
    .addColumn("indicator_id", "integer", (c) =>
      c.notNull().references("indicator.id").onDelete("cascade"),
    )
    /** baseline, target or result. */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer")
    .addColumn("final", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reporting_period_id", "integer", (c) =>
      c.references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("value", "text")
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("indicator_value_indicator")
    .on("indicator_value")
    .column("indicator_id")
    .execute();
  await withId(db.schema.createTable("indicator_kind"), dialect)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("indicator_kind_plan_name", ["plan_id", "name"])
    .execute();
  await withId(db.schema.createTable("indicator_score_band"), dialect)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    /** The lowest achievement (percent, decimal text) of the band; null for the lowest band. */
    .addColumn("minimum", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("indicator_score_band_plan_label", ["plan_id", "label"])
    .execute();
}
