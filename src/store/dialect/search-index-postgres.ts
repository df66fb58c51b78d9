import { type Kysely, type RawBuilder, sql } from "kysely";
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
    if (scope.planIds !== undefined)
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
        FROM search_entry c
        WHERE c.current = 1 AND c.document @@ ${query} AND c.plan_id IN (${scope.planIds})
        ORDER BY c.id DESC LIMIT ${scope.limit})`.as("e");
    return sql<SearchHit>`(${newestFirst(sql`${ENTRY_COLUMNS}, ${rank} AS rank`, query, scope.limit)})`.as(
      "e",
    );
  },
};

/**
 * How far back from the newest current entry (in ids) each window of the national search
 * reaches; the last window is everything older.
 */
export const SEARCH_WINDOWS = [1 << 15, 1 << 17, 1 << 19, 1 << 21] as const;

/**
 * The newest `limit` current entries that match, read window by window: the matches among the
 * newest entries first, older windows only while fewer than `limit` have been found. The GIN
 * index over `(id, document)` (migration 009) answers both the window and the query, so no row
 * outside a window is fetched: a query that matches thousands of entries fetches about `limit`
 * of them, not every one (a phrase needs each row it matches read again, to check the order).
 */
function newestFirst(columns: RawBuilder<unknown>, query: RawBuilder<unknown>, limit: number) {
  const newest = sql`(SELECT id FROM newest)`;
  const windows = [...SEARCH_WINDOWS.map((w) => sql`${newest} - ${w}`), null];
  const names = windows.map((_, i) => sql.raw(`w${i}`));
  const parts = windows.map((lower, i) => {
    const upper = i === 0 ? null : windows[i - 1];
    const found = names.slice(0, i).map((name) => sql`(SELECT count(*) FROM ${name})`);
    return sql`${names[i]} AS MATERIALIZED (SELECT ${columns} FROM search_entry c
      WHERE c.current = 1 AND c.document @@ ${query}
        ${lower === null ? sql`` : sql`AND c.id > ${lower}`}
        ${upper == null ? sql`` : sql`AND c.id <= ${upper}`}
        ${found.length === 0 ? sql`` : sql`AND ${sql.join(found, sql` + `)} < ${limit}`}
      ORDER BY c.id DESC LIMIT ${limit})`;
  });
  return sql`WITH newest AS (SELECT max(id) AS id FROM search_entry WHERE current = 1),
    ${sql.join(parts, sql`, `)}
    SELECT * FROM (${sql.join(
      names.map((name) => sql`SELECT * FROM ${name}`),
      sql` UNION ALL `,
    )}) AS found ORDER BY id DESC LIMIT ${limit}`;
}
