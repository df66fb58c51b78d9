import type { Kysely } from "kysely";
import type { Database } from "../database.ts";
import { type DialectName, withId } from "../dialect/dialect-name.ts";
import { searchIndexFor } from "../dialect/search-index.ts";
import { reindexPlan } from "../search/search-indexer.ts";

/** The search entries and their full-text index; the plans already stored are indexed. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("search_entry"), dialect)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("reporting_period_id", "integer", (c) =>
      c.references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("item_number", "integer")
    .addColumn("pillar_number", "integer", (c) => c.notNull())
    .addColumn("group_path", "text", (c) => c.notNull())
    .addColumn("title_grams", "text", (c) => c.notNull())
    .addColumn("body_grams", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("search_entry_plan_period")
    .on("search_entry")
    .columns(["plan_id", "reporting_period_id"])
    .execute();
  await searchIndexFor(dialect).createSearchIndex(db);

  // reindexPlan reads only tables of 001 and this one: if it ever reads a later table, this
  // migration needs a frozen copy of it, since it runs before the later migrations do. The
  // `current` column it writes comes in 008, which marks the entries these leave unmarked.
  const store = db as unknown as Kysely<Database>;
  const plans = await store.selectFrom("plan").select("id").execute();
  for (const plan of plans) await reindexPlan(store, plan.id, { markCurrent: false });
}
