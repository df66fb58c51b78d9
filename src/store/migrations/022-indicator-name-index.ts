import { type Kysely, sql } from "kysely";
import { indexText } from "../../domain/search-tokens.ts";
import type { DialectName } from "../dialect/dialect-name.ts";

type Tables = { indicator: { id: number; name: string; name_grams: string } };

/**
 * The national indicator search's index: `indicator.name_grams` (the name's encoded bigrams, as
 * `indexText` makes them for the measure search; written by whoever writes the name) with a
 * full-text index over it: an FTS5 table kept in step by triggers on SQLite, a GIN index over
 * its `tsvector` (a stored generated column, `name_document`) on PostgreSQL. The indicators already stored are indexed here.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable("indicator")
    .addColumn("name_grams", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const tables = db as unknown as Kysely<Tables>;
  for (const row of await tables.selectFrom("indicator").select(["id", "name"]).execute())
    await tables
      .updateTable("indicator")
      .set({ name_grams: indexText(row.name) })
      .where("id", "=", row.id)
      .execute();
  if (dialect === "postgres") {
    // Stored, as search_entry.document is: a match rechecks the row's vector, never re-parses
    // its grams (a query matching thousands of names rechecks each of them).
    await sql`ALTER TABLE indicator ADD COLUMN name_document tsvector
      GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_grams)) STORED`.execute(db);
    await sql`CREATE INDEX indicator_name_document ON indicator USING gin (name_document)`.execute(
      db,
    );
    await sql`ANALYZE indicator`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE indicator_fts USING fts5(
    name_grams, content = 'indicator', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '6'
  )`.execute(db);
  await sql`CREATE TRIGGER indicator_fts_insert AFTER INSERT ON indicator BEGIN
    INSERT INTO indicator_fts (rowid, name_grams) VALUES (new.id, new.name_grams);
  END`.execute(db);
  await sql`CREATE TRIGGER indicator_fts_delete AFTER DELETE ON indicator BEGIN
    INSERT INTO indicator_fts (indicator_fts, rowid, name_grams)
      VALUES ('delete', old.id, old.name_grams);
  END`.execute(db);
  await sql`CREATE TRIGGER indicator_fts_update AFTER UPDATE OF name_grams ON indicator BEGIN
    INSERT INTO indicator_fts (indicator_fts, rowid, name_grams)
      VALUES ('delete', old.id, old.name_grams);
    INSERT INTO indicator_fts (rowid, name_grams) VALUES (new.id, new.name_grams);
  END`.execute(db);
  await sql`INSERT INTO indicator_fts (indicator_fts) VALUES ('rebuild')`.execute(db);
}
