import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * The plan's structure per reporting period, for changes made on the staff pages (issue 16,
 * point 2). A group, an item or a measure added while a period is open belongs to the plan from
 * that period on (`introduced_period_id`; null: from the plan's beginning, as every imported row
 * is), so the pages of an earlier period do not show it and the public does not see it before
 * the period is published. A measure retired in a period (`measure.retired_period_id`) stays in
 * the periods before and is left out of that one and the later ones. `reporting_period.
 * last_fiscal_year`: the roadmap's last fiscal year as the period publishes it, when the
 * planning division added a year while it was open (the plan's span grows at publication).
 * `placement_revision`: where a group, an item or a measure stood from a period on (its parent,
 * number and label; a measure's item and the measure it re-lists), written when the planning
 * division moves, renumbers or re-lists it, as `title_revision` is for titles: one owner of three.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  for (const table of ["plan_group", "item", "measure"])
    await db.schema
      .alterTable(table)
      .addColumn("introduced_period_id", "integer", (c) =>
        c.references("reporting_period.id").onDelete("set null"),
      )
      .execute();
  await db.schema
    .alterTable("measure")
    .addColumn("retired_period_id", "integer", (c) =>
      c.references("reporting_period.id").onDelete("set null"),
    )
    .execute();
  await db.schema.alterTable("reporting_period").addColumn("last_fiscal_year", "integer").execute();
  await withId(db.schema.createTable("placement_revision"), dialect)
    .addColumn("plan_group_id", "integer", (c) => c.references("plan_group.id").onDelete("cascade"))
    .addColumn("item_id", "integer", (c) => c.references("item.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("cascade"))
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    // A group's parent group, an item's group or a measure's item (no foreign key: one of three).
    .addColumn("parent_id", "integer")
    .addColumn("number", "integer")
    .addColumn("label", "text")
    .addColumn("relisting_of_measure_id", "integer", (c) =>
      c.references("measure.id").onDelete("set null"),
    )
    .execute();
  await db.schema
    .createIndex("placement_revision_period")
    .on("placement_revision")
    .columns(["reporting_period_id"])
    .execute();
}
