import { type Kysely, sql } from "kysely";
import type { DialectName } from "../dialect/dialect-name.ts";

/**
 * PostgreSQL: the current entries' GIN index holds, beside each document, a lexeme naming the
 * block of 2^15 ids the entry's id falls in (see `RECENT_DOCUMENT`), so that the national search
 * can ask for the matches among the newest entries only and fetch no row outside them. It
 * replaces migration 008's GIN index over the documents alone. SQLite: nothing changes.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== "postgres") return;
  // The same expression as search-index-postgres.ts's RECENT_DOCUMENT (alias left out).
  await sql`CREATE INDEX search_entry_current_recent ON search_entry USING gin
    ((document || to_tsvector('simple'::regconfig, 'zw' || (id >> 15)::text)))
    WHERE current = 1`.execute(db);
  await sql`DROP INDEX search_entry_current_document`.execute(db);
  // Statistics of the indexed expression, which the planner weighs the windows' reads by.
  await sql`ANALYZE search_entry`.execute(db);
}
