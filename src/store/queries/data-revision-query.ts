import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "../database.ts";

/** Where the store's data stands: a number every write moves on, and when it last moved. */
export interface DataRevision {
  revision: number;
  /** ISO timestamp, a later whole second for each revision (HTTP dates have seconds only). */
  changedAt: string;
}

type Row = { revision: number; changed_at: string };
// Read on every page request: built and compiled once per database handle, not per request.
const compiled = new WeakMap<Kysely<Database>, CompiledQuery<Row>>();

/**
 * The store's data revision: one primary-key lookup, cheap enough for every request.
 * @example const { revision } = (await readDataRevision(store.db)) ?? { revision: 0 };
 */
export async function readDataRevision(db: Kysely<Database>): Promise<DataRevision | null> {
  let query = compiled.get(db);
  if (!query) {
    query = db
      .selectFrom("data_revision")
      .select(["revision", "changed_at"])
      .where("id", "=", 1)
      .compile();
    compiled.set(db, query);
  }
  const row = (await db.executeQuery(query)).rows[0];
  return row ? { revision: Number(row.revision), changedAt: row.changed_at } : null;
}
