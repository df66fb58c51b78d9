import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialect/dialect-name.ts";
import { searchIndexFor } from "../dialect/search-index.ts";

/**
 * The national search asks only each plan's latest published period: its entries are marked
 * `current` (by `reindexPlan` from now on; here for the entries already stored), and the
 * dialect indexes them apart, so that search no longer matches every period of every plan to
 * keep one in eight. Re-listings are found by their original through an index of their own.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable("search_entry")
    .addColumn("current", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  const index = searchIndexFor(dialect);
  // SQLite: the FTS rows must not be rewritten for a flag; PostgreSQL: index the marked rows once.
  if (dialect === "sqlite") await index.indexCurrentEntries(db);
  await sql`update search_entry set current = 1 where reporting_period_id in (
    select rp.id from reporting_period rp
    where rp.state = 'published' and not exists (
      select 1 from reporting_period later
      where later.plan_id = rp.plan_id and later.state = 'published' and later.as_of > rp.as_of))`.execute(
    db,
  );
  if (dialect === "postgres") await index.indexCurrentEntries(db);
  // A search result names where its measure is re-listed: looked up by the original's id.
  await db.schema
    .createIndex("measure_relisting_of")
    .on("measure")
    .column("relisting_of_measure_id")
    .execute();
}
