import { type Kysely, sql } from "kysely";
import type { DialectName } from "./dialect-name.ts";

/**
 * After rows were written with their own ids (a restore), move each table's auto-number past
 * the largest id, so the next insert does not collide. PostgreSQL's `serial` sequences do not
 * notice explicit ids: each is set with `setval`. SQLite needs nothing: an `AUTOINCREMENT` key
 * always continues after the largest id stored, and `sqlite_sequence` follows explicit ids.
 */
export async function resetIdSequences<DB>(
  store: Kysely<DB>,
  dialect: DialectName,
  tables: readonly string[],
): Promise<void> {
  if (dialect !== "postgres") return;
  const db = store as unknown as Kysely<unknown>;
  for (const table of tables) {
    // Null for a table whose id is not a serial (data_revision): nothing to move.
    const { rows } = await sql<{ sequence: string | null }>`
      select pg_get_serial_sequence(${table}, 'id') as sequence`.execute(db);
    const sequence = rows[0]?.sequence;
    if (!sequence) continue;
    await sql`select setval(${sequence}::regclass, max(id)) from ${sql.table(table)}
      having max(id) is not null`.execute(db);
  }
}
