import { type Kysely, sql } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { SearchHits, SearchIndex } from "./search-index.ts";

/**
 * PostgreSQL: a stored `tsvector` of `search_entry`'s grams ('simple' configuration: no
 * stemming, no stop words; title grams weighted A, body grams B) with a GIN index.
 */
export const postgresSearchIndex: SearchIndex = {
  async createSearchIndex(db: Kysely<unknown>) {
    await sql`ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, title_grams), 'A')
      || setweight(to_tsvector('simple'::regconfig, body_grams), 'B')
    ) STORED`.execute(db);
    await sql`CREATE INDEX search_entry_document ON search_entry USING gin (document)`.execute(db);
  },

  matchingEntries(terms: readonly SearchTerm[]): SearchHits {
    // Tokens are letters a–p only: nothing in them is tsquery syntax.
    const query = terms
      .map((t) => (t.prefix ? `${t.tokens[0]}:*` : `(${t.tokens.join(" <-> ")})`))
      .join(" & ");
    return sql<{ entry_id: number; rank: number }>`(SELECT id AS entry_id,
      ts_rank('{0.02, 0.05, 0.1, 1.0}'::float4[], document, to_tsquery('simple', ${query})) AS rank
      FROM search_entry WHERE document @@ to_tsquery('simple', ${query}))`.as("hit");
  },
};
