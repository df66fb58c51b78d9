import { type Kysely, sql } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Levels named by the plan, as many as it has (1 to 6 above the measure), and titles as they
 * were published in each period.
 *
 * - `plan_level` was unique by key (one pillar, one area, one category); a plan of more levels has
 *   several areas between its pillar and its category, so a level is now unique by its position.
 *   SQLite cannot drop a constraint: the table is rebuilt with the same ids.
 * - `title_revision`: a group's, an item's or a measure's title from a reporting period on, written
 *   when a later period spells it differently, so an earlier period keeps the title it was
 *   published with (exactly one of the three owners is set).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") {
    await sql`alter table plan_level drop constraint plan_level_plan_key`.execute(db);
    await sql`alter table plan_level add constraint plan_level_plan_position unique (plan_id, position)`.execute(
      db,
    );
  } else {
    await withId(db.schema.createTable("plan_level_new"), dialect)
      .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addUniqueConstraint("plan_level_plan_position", ["plan_id", "position"])
      .execute();
    await sql`insert into plan_level_new (id, plan_id, position, key, name)
      select id, plan_id, position, key, name from plan_level`.execute(db);
    await sql`drop table plan_level`.execute(db);
    await sql`alter table plan_level_new rename to plan_level`.execute(db);
  }

  await withId(db.schema.createTable("title_revision"), dialect)
    .addColumn("plan_group_id", "integer", (c) => c.references("plan_group.id").onDelete("cascade"))
    .addColumn("item_id", "integer", (c) => c.references("item.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("cascade"))
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("title_revision_period")
    .on("title_revision")
    .columns(["reporting_period_id"])
    .execute();
}
