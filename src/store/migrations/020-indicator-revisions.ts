import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Indicators defined and revised by the planning division within a reporting period, like the
 * roadmap (006): `indicator` and its fiscal-year values keep the working state; each
 * `indicator_revision` is the whole definition (name, unit, kind, direction, source,
 * achievement form, retired, baseline and targets as JSON) from its period on. A revision with
 * no period is the state an indicator had before its first revision (an import's), which holds
 * everywhere. The public side shows, per indicator with revisions, the latest one of a
 * published period up to the page's date, so a change is a draft until its period is published.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable("indicator")
    .addColumn("retired", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await withId(db.schema.createTable("indicator_revision"), dialect)
    .addColumn("indicator_id", "integer", (c) =>
      c.notNull().references("indicator.id").onDelete("cascade"),
    )
    .addColumn("reporting_period_id", "integer", (c) =>
      c.references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("direction", "text")
    .addColumn("source", "text")
    .addColumn("achievement_form", "text", (c) => c.notNull())
    .addColumn("retired", "integer", (c) => c.notNull())
    /** Baseline and targets: `[{ kind, fiscalYear, final, value, note }]`. */
    .addColumn("values_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("account.id"))
    .addUniqueConstraint("indicator_revision_indicator_period", [
      "indicator_id",
      "reporting_period_id",
    ])
    .execute();
}
