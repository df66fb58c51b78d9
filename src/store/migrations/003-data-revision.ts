import type { Kysely } from "kysely";
import type { DialectName } from "../dialect/dialect-name.ts";

/**
 * The data revision: one row whose number every write transaction moves on, with the time it
 * moved. Pages are cached and revalidated against it (ETag, Last-Modified), so it lives in the
 * store that several app servers share, never in one process's memory.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("data_revision")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await (db as Kysely<{ data_revision: { id: number; revision: number; changed_at: string } }>)
    .insertInto("data_revision")
    .values({ id: 1, revision: 1, changed_at: new Date().toISOString() })
    .execute();
}
