import { type Kysely, sql } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { SearchHits, SearchIndex } from "./search-index.ts";

/**
 * SQLite: an FTS5 table over `search_entry`'s grams (external content, kept in step by
 * triggers, so writers only touch `search_entry`). A prefix index of one encoded character
 * (six letters) serves one-character queries.
 */
export const sqliteSearchIndex: SearchIndex = {
  async createSearchIndex(db: Kysely<unknown>) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title_grams, body_grams,
      content = 'search_entry', content_rowid = 'id',
      tokenize = 'unicode61', prefix = '6'
    )`.execute(db);
    await sql`CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN
      INSERT INTO search_fts (rowid, title_grams, body_grams)
        VALUES (new.id, new.title_grams, new.body_grams);
    END`.execute(db);
    await sql`CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN
      INSERT INTO search_fts (search_fts, rowid, title_grams, body_grams)
        VALUES ('delete', old.id, old.title_grams, old.body_grams);
    END`.execute(db);
    await sql`CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN
      INSERT INTO search_fts (search_fts, rowid, title_grams, body_grams)
        VALUES ('delete', old.id, old.title_grams, old.body_grams);
      INSERT INTO search_fts (rowid, title_grams, body_grams)
        VALUES (new.id, new.title_grams, new.body_grams);
    END`.execute(db);
  },

  matchingEntries(terms: readonly SearchTerm[]): SearchHits {
    // Tokens are letters a–p only, so quoting them is all the escaping FTS5 needs.
    const match = terms
      .map((t) => (t.prefix ? `"${t.tokens[0]}"*` : `"${t.tokens.join(" ")}"`))
      .join(" AND ");
    return sql<{ entry_id: number; rank: number }>`(SELECT rowid AS entry_id,
      -bm25(search_fts, 10.0, 1.0) AS rank
      FROM search_fts WHERE search_fts MATCH ${match})`.as("hit");
  },
};
