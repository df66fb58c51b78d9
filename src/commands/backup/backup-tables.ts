import type { Kysely } from "kysely";
import type { Database } from "../../store/database.ts";
import type { DialectName } from "../../store/dialect/dialect-name.ts";
import { type CatalogTable, readSchemaCatalog } from "../../store/dialect/schema-catalog.ts";

/**
 * Tables of the live schema that a backup leaves out, with the reason. Everything else is
 * copied, so a table added by a later migration is in the next backup without a change here.
 */
export const NOT_BACKED_UP: Readonly<Record<string, string>> = {
  // Kysely's bookkeeping: the header names the migrations, and the target runs its own.
  kysely_migration: "the migrations applied are named in the header instead",
  kysely_migration_lock: "a lock of the migrator, not data",
  // A session row holds the digest of a live cookie and its CSRF token in clear. Restoring one
  // would bring back sign-ins that were ended (logout, expiry, a disabled account) after the
  // backup was taken, and a backup file carrying CSRF tokens is worth more to a thief. Sessions
  // last 8 hours at most: after a restore everyone signs in again, with the same password.
  session: "sessions are not restored: everyone signs in again after a restore",
  // The key that signs login-form tokens: a thief of a backup should not get it; a restored
  // store makes a new one at first use.
  server_secret: "a restored store makes its own signing secret",
  // An upload between its steps: it expires within hours, holds a file's bytes, and is no plan
  // data until committed (a committed upload's plan and mapping are backed up).
  staged_upload: "uploads in progress expire; a restore starts without them",
  // Mail is a delivery from one running store to real mailboxes, not plan data: a restored
  // outbox would send its queued messages a second time from wherever the copy runs (a test
  // restore, a staging copy), and the reminder log belongs with it. After a restore the log
  // starts empty, so an open period's deadline reminder may go out once more.
  outbox: "queued e-mail is not sent again from a restored copy",
  reminder: "the log of reminders sent belongs to the store that sent them",
  // A password-set link is a credential in waiting: a restore must not bring back one that was
  // used or replaced after the backup. An administrator issues a new link instead.
  password_set_link: "password-set links are not restored: an administrator issues a new one",
};

/**
 * The tables a backup holds, parents before children (a table comes after every table its
 * foreign keys point to; ties by name), so that rows can be inserted in file order. A
 * reference of a table to itself (a group's parent, a re-listing's original) is left to the
 * restore, which inserts such rows in id order and fills a forward reference afterwards.
 * @throws Error when the schema has a cycle of foreign keys between tables, or a table
 *   without an `id` key to read it in order by.
 */
export async function backupTables(
  db: Kysely<Database>,
  dialect: DialectName,
): Promise<CatalogTable[]> {
  const tables = (await readSchemaCatalog(db, dialect)).filter((t) => !(t.name in NOT_BACKED_UP));
  for (const t of tables)
    if (!t.columns.includes("id")) throw new Error(`table ${t.name} has no id column to back up`);
  return dependencyOrder(tables);
}

/** Kahn's algorithm over the foreign keys between the given tables; ties in name order. */
export function dependencyOrder(tables: readonly CatalogTable[]): CatalogTable[] {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map(
    tables.map((t) => [
      t.name,
      new Set(
        t.references.map((r) => r.table).filter((name) => name !== t.name && names.has(name)),
      ),
    ]),
  );
  const ordered: CatalogTable[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, needs]) => needs.size === 0).map(([name]) => name);
    if (ready.length === 0)
      throw new Error(`foreign keys form a cycle between ${[...pending.keys()].join(", ")}`);
    const next = ready.sort()[0] as string;
    pending.delete(next);
    for (const needs of pending.values()) needs.delete(next);
    ordered.push(tables.find((t) => t.name === next) as CatalogTable);
  }
  return ordered;
}

/** The migrations applied to a store, in order: a backup restores only into the same schema. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .withTables<{ kysely_migration: { name: string; timestamp: string } }>()
    .selectFrom("kysely_migration")
    .select("name")
    .orderBy("name")
    .execute();
  return rows.map((r) => r.name);
}
