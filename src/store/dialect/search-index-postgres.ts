import { type Kysely, sql } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import {
  ENTRY_COLUMNS,
  type SearchHit,
  type SearchHits,
  type SearchIndex,
  type SearchScope,
} from "./search-index.ts";

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

  async indexCurrentEntries(db: Kysely<unknown>) {
    // The current entries apart: their own GIN index, their ids for the newest-first read.
    await sql`CREATE INDEX search_entry_current_document ON search_entry USING gin (document)
      WHERE current = 1`.execute(db);
    await sql`CREATE INDEX search_entry_current_id ON search_entry (id) WHERE current = 1`.execute(
      db,
    );
    // A prefecture's or an organization's plans: their current entries, few, read one by one.
    await sql`CREATE INDEX search_entry_current_plan ON search_entry (plan_id, id)
      WHERE current = 1`.execute(db);
  },

  matchingEntries(terms: readonly SearchTerm[], scope: SearchScope): SearchHits {
    // Tokens are letters a–p only: nothing in them is tsquery syntax.
    const text = terms
      .map((t) => (t.prefix ? `${t.tokens[0]}:*` : `(${t.tokens.join(" <-> ")})`))
      .join(" & ");
    const query = sql`to_tsquery('simple', ${text})`;
    const rank = sql`ts_rank('{0.02, 0.05, 0.1, 1.0}'::float4[], c.document, ${query})`;
    if (scope.kind === "plan")
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
        FROM search_entry c
        WHERE c.plan_id = ${scope.planId}
          AND ${scope.periodId === null ? sql`c.reporting_period_id IS NULL` : sql`c.reporting_period_id = ${scope.periodId}`}
          AND c.document @@ ${query})`.as("e");
    // `current = 1` as the partial indexes say it, so the planner can use them.
    return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
      FROM search_entry c
      WHERE c.current = 1 AND c.document @@ ${query}
        ${scope.planIds === undefined ? sql`` : sql`AND c.plan_id IN (${scope.planIds})`}
      ORDER BY c.id DESC LIMIT ${scope.limit})`.as("e");
  },
};
