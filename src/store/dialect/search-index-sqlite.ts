import { type Kysely, sql } from "kysely";
import { type SearchTerm, termSpellings } from "../../domain/search-tokens.ts";
import {
  ENTRY_COLUMNS,
  type SearchHit,
  type SearchHits,
  type SearchIndex,
  type SearchScope,
} from "./search-index.ts";

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

  async currentEntryIds() {
    // FTS5 streams the matches newest first and stops at the limit: no windows needed.
    return null;
  },

  matchingEntries(terms: readonly SearchTerm[], scope: SearchScope): SearchHits {
    // Tokens are letters a–p only, so quoting them is all the escaping FTS5 needs.
    const spelling = (t: SearchTerm) =>
      t.prefix ? `"${t.tokens[0]}"*` : `"${t.tokens.join(" ")}"`;
    // A term with variants is any of its spellings.
    const match = terms
      .map((t) => `(${termSpellings(t).map(spelling).join(" OR ")})`)
      .join(" AND ");
    const rank = sql`-bm25(search_fts, 10.0, 1.0)`;
    // A plan, or some plans (a prefecture's, an organization's): their entries, read by a
    // b-tree index, are few, and FTS5 cannot be asked about a few rows cheaply (a rowid lookup
    // or range still reads the terms' whole doclists, which grow with every plan). So their
    // grams are scanned for the terms as FTS5 matches them: a phrase is the run of its tokens,
    // a prefix a token's beginning. A title match ranks as ten body matches, as in bm25 above.
    if (scope.kind === "plan")
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${gramsRank(terms)} AS rank
        FROM search_entry c
        WHERE c.plan_id = ${scope.planId}
          AND ${scope.periodId === null ? sql`c.reporting_period_id IS NULL` : sql`c.reporting_period_id = ${scope.periodId}`}
          AND ${gramsMatch(terms)})`.as("e");
    if (scope.planIds !== undefined)
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${gramsRank(terms)} AS rank
        FROM search_entry c INDEXED BY search_entry_current_plan
        WHERE c.plan_id IN (${scope.planIds}) AND c.current = 1 AND ${gramsMatch(terms)}
        ORDER BY c.id DESC LIMIT ${scope.limit})`.as("e");
    // Every plan: the FTS index's matches read newest (highest rowid) first, each kept if it is
    // current, until the limit.
    return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
      FROM search_fts CROSS JOIN search_entry c
      WHERE search_fts MATCH ${match} AND c.id = search_fts.rowid AND c.current = 1
      ORDER BY search_fts.rowid DESC LIMIT ${scope.limit})`.as("e");
  },
};

/** What a term looks like in a column of grams (tokens joined by single spaces, padded). */
function gramsPattern(term: SearchTerm): string {
  return term.prefix ? ` ${term.tokens[0]}` : ` ${term.tokens.join(" ")} `;
}

/** The term, or one of its variants, is in the column. */
function inColumn(column: "title_grams" | "body_grams", term: SearchTerm) {
  const found = termSpellings(term).map(
    (t) => sql`instr(' ' || c.${sql.ref(column)} || ' ', ${gramsPattern(t)}) > 0`,
  );
  return sql`(${sql.join(found, sql` OR `)})`;
}

/** Every term is in the titles or in the body. */
function gramsMatch(terms: readonly SearchTerm[]) {
  return sql.join(
    terms.map((t) => sql`(${inColumn("title_grams", t)} OR ${inColumn("body_grams", t)})`),
    sql` AND `,
  );
}

/** Ten for each term in the titles, one for each in the body. */
function gramsRank(terms: readonly SearchTerm[]) {
  return sql.join(
    terms.map((t) => sql`(10 * (${inColumn("title_grams", t)}) + (${inColumn("body_grams", t)}))`),
    sql` + `,
  );
}
