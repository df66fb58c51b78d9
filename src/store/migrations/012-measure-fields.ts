import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Custom fields (独自項目): a mapped column with no built-in place, kept on the measure by its
 * heading, per reporting period where its value changes. A value of a plan's own scale (A/B/C,
 * 現状維持/改善…) may name its place on the progress scale (completed, in_progress…). Independent of 010.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("measure_field"), dialect)
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("heading", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("measure_field_period_heading", [
      "measure_id",
      "reporting_period_id",
      "heading",
    ])
    .execute();
  await db.schema.alterTable("status_definition").addColumn("progress_status", "text").execute();
  await db.schema
    .createIndex("measure_field_period")
    .on("measure_field")
    .columns(["reporting_period_id"])
    .execute();
}
