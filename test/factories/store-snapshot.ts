import { sql } from "kysely";
import type { Store } from "../../src/store/store.ts";

/**
 * Every row of every table of the store, as sorted text per table: a refused action must leave
 * all of it as it was (`assert.deepEqual(await storeSnapshot(store), before)`).
 * @example const before = await storeSnapshot(store); … assert.deepEqual(await storeSnapshot(store), before);
 */
export async function storeSnapshot(store: Store): Promise<Record<string, string[]>> {
  const tables =
    store.dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
          store.db,
        )
      : await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(
          store.db,
        );
  const all: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      store.db,
    );
    all[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return all;
}
