import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Secrets the servers sharing a store sign with (the login form's token), made at random on first
 * use, so app servers agree without configuration and no secret is ever in the repository. Left
 * out of backups: a restored store makes a new one.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("server_secret"), dialect)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
