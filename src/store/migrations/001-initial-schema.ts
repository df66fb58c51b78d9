import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/** Organizations, plans and their hierarchy, roadmap, reporting periods, progress, imports. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const table = (name: string) => withId(db.schema.createTable(name), dialect);

  await table("organization")
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await table("plan")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("first_fiscal_year", "integer", (c) => c.notNull())
    .addColumn("last_fiscal_year", "integer", (c) => c.notNull())
    .addColumn("contact", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await table("plan_level")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addUniqueConstraint("plan_level_plan_key", ["plan_id", "key"])
    .execute();

  await table("plan_group")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("parent_id", "integer", (c) => c.references("plan_group.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();

  await table("item")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("group_id", "integer", (c) =>
      c.notNull().references("plan_group.id").onDelete("cascade"),
    )
    .addColumn("number", "integer")
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("relisting_of_item_id", "integer", (c) => c.references("item.id"))
    .addUniqueConstraint("item_plan_number", ["plan_id", "number"])
    .execute();

  await table("measure")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("item_id", "integer", (c) => c.notNull().references("item.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("relisting_of_measure_id", "integer", (c) => c.references("measure.id"))
    .addUniqueConstraint("measure_plan_code", ["plan_id", "code"])
    .execute();
  await db.schema.createIndex("measure_item").on("measure").column("item_id").execute();

  await table("roadmap_entry")
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("continued", "integer", (c) => c.notNull())
    .addColumn("none", "integer", (c) => c.notNull())
    .addColumn("addition", "text")
    .addUniqueConstraint("roadmap_entry_measure_year", ["measure_id", "fiscal_year"])
    .execute();

  await table("reporting_period")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("published_on", "text")
    .addColumn("deadline", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reporting_period_plan_as_of", ["plan_id", "as_of"])
    .execute();

  await table("progress")
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("narrative", "text", (c) => c.notNull())
    .addColumn("status_code", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("progress_measure_period", ["measure_id", "reporting_period_id"])
    .execute();
  await db.schema
    .createIndex("progress_period")
    .on("progress")
    .column("reporting_period_id")
    .execute();

  await table("progress_figure")
    .addColumn("progress_id", "integer", (c) =>
      c.notNull().references("progress.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("total", "real")
    .addColumn("unit", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .execute();

  await table("status_definition")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("status_definition_plan_code", ["plan_id", "code"])
    .execute();

  await table("import_run")
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("reporting_period_id", "integer", (c) => c.references("reporting_period.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("report", "text", (c) => c.notNull())
    .execute();
}
