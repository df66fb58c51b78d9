import { type Kysely, sql } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { SearchHits, SearchIndex, SearchScope } from "./search-index.ts";

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

  async indexCurrentEntries(db: Kysely<unknown>) {
    // Marking entries current (or not) changes no grams: the FTS rows stay as they are.
    await sql`DROP TRIGGER search_entry_fts_update`.execute(db);
    await sql`CREATE TRIGGER search_entry_fts_update
      AFTER UPDATE OF title_grams, body_grams ON search_entry BEGIN
      INSERT INTO search_fts (search_fts, rowid, title_grams, body_grams)
        VALUES ('delete', old.id, old.title_grams, old.body_grams);
      INSERT INTO search_fts (rowid, title_grams, body_grams)
        VALUES (new.id, new.title_grams, new.body_grams);
    END`.execute(db);
    // A prefecture's or an organization's plans: their current entries, read one by one.
    await sql`CREATE INDEX search_entry_current_plan ON search_entry (plan_id, id)
      WHERE current = 1`.execute(db);
  },

  matchingEntries(terms: readonly SearchTerm[], scope: SearchScope): SearchHits {
    // Tokens are letters a–p only, so quoting them is all the escaping FTS5 needs.
    const match = terms
      .map((t) => (t.prefix ? `"${t.tokens[0]}"*` : `"${t.tokens.join(" ")}"`))
      .join(" AND ");
    const rank = sql`-bm25(search_fts, 10.0, 1.0)`;
    // CROSS JOIN fixes the order of the loops. A plan: its few entries are read by the
    // (plan_id, reporting_period_id) index, each looked up in the FTS index by rowid.
    if (scope.kind === "plan")
      return sql<{ entry_id: number; rank: number }>`(SELECT c.id AS entry_id, ${rank} AS rank
        FROM search_entry c CROSS JOIN search_fts
        WHERE c.plan_id = ${scope.planId}
          AND ${scope.periodId === null ? sql`c.reporting_period_id IS NULL` : sql`c.reporting_period_id = ${scope.periodId}`}
          AND search_fts.rowid = c.id AND search_fts MATCH ${match})`.as("hit");
    type Hit = { entry_id: number; rank: number };
    // Some plans (a prefecture's, an organization's): their current entries by the partial
    // index, newest first, each looked up in the FTS index by rowid.
    if (scope.planIds !== undefined)
      return sql<Hit>`(SELECT c.id AS entry_id, ${rank} AS rank
        FROM search_entry c INDEXED BY search_entry_current_plan CROSS JOIN search_fts
        WHERE c.plan_id IN (${scope.planIds}) AND c.current = 1
          AND search_fts.rowid = c.id AND search_fts MATCH ${match}
        ORDER BY c.id DESC LIMIT ${scope.limit})`.as("hit");
    // Every plan: the FTS index's matches read newest (highest rowid) first, each kept if it is
    // current, until the limit.
    return sql<Hit>`(SELECT search_fts.rowid AS entry_id, ${rank} AS rank
      FROM search_fts CROSS JOIN search_entry c
      WHERE search_fts MATCH ${match} AND c.id = search_fts.rowid AND c.current = 1
      ORDER BY search_fts.rowid DESC LIMIT ${scope.limit})`.as("hit");
  },
};
