import { type Kysely, type RawBuilder, sql } from "kysely";
import { type SearchTerm, termSpellings } from "../../domain/search-tokens.ts";
import {
  type CurrentEntryIds,
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

  async currentEntryIds(db: Kysely<unknown>) {
    // The primary key read from either end: the first current entry is near each.
    const { rows } = await sql<{ newest: number | null; oldest: number | null }>`SELECT
      (SELECT max(id) FROM search_entry WHERE current = 1) AS newest,
      (SELECT min(id) FROM search_entry WHERE current = 1) AS oldest`.execute(db);
    const { newest, oldest } = rows[0] ?? {};
    return newest == null || oldest == null ? null : { newest, oldest };
  },

  matchingEntries(terms: readonly SearchTerm[], scope: SearchScope): SearchHits {
    // Tokens are letters a–p only: nothing in them is tsquery syntax.
    const spelling = (t: SearchTerm) =>
      t.prefix ? `${t.tokens[0]}:*` : `(${t.tokens.join(" <-> ")})`;
    // A term with variants is any of its spellings.
    const text = terms.map((t) => `(${termSpellings(t).map(spelling).join(" | ")})`).join(" & ");
    const query = sql`to_tsquery('simple', ${text})`;
    const rank = sql`ts_rank('{0.02, 0.05, 0.1, 1.0}'::float4[], c.document, ${query})`;
    if (scope.kind === "plan")
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
        FROM search_entry c
        WHERE c.plan_id = ${scope.planId}
          AND ${scope.periodId === null ? sql`c.reporting_period_id IS NULL` : sql`c.reporting_period_id = ${scope.periodId}`}
          AND c.document @@ ${query})`.as("e");
    // `current = 1` and the indexed expression as the partial GIN index says them, so the
    // planner can use it.
    if (scope.planIds !== undefined)
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
        FROM search_entry c
        WHERE c.current = 1 AND ${RECENT_DOCUMENT} @@ ${query} AND c.plan_id IN (${scope.planIds})
        ORDER BY c.id DESC LIMIT ${scope.limit})`.as("e");
    // A one-character term matches every gram it begins: the GIN index reads all of their
    // entries before any window could narrow them, so windows would only repeat that read. Such a
    // query is read newest first as it stands, with the documents' own statistics (a common
    // character by the ids' b-tree, stopping at the limit; a rare one by the GIN index).
    if (terms.some((t) => termSpellings(t).some((s) => s.prefix)))
      return sql<SearchHit>`(SELECT ${ENTRY_COLUMNS}, ${rank} AS rank
        FROM search_entry c
        WHERE c.current = 1 AND c.document @@ ${query}
        ORDER BY c.id DESC LIMIT ${scope.limit})`.as("e");
    const columns = sql`${ENTRY_COLUMNS}, ${rank} AS rank`;
    return sql<SearchHit>`(${newestFirst(columns, text, scope.limit, scope.ids ?? null)})`.as("e");
  },
};

/** Ids in a block: the entries of a block share a lexeme in the current entries' GIN index. */
const BLOCK_BITS = 15;

/**
 * A current entry's document with a lexeme for its block of ids (`zw` and the block number: the
 * grams are letters a–p, so no gram is ever one), as migration 009's GIN index holds it. Its
 * positions follow the document's, so a phrase never reaches it.
 */
const RECENT_DOCUMENT = sql.raw(
  `(c.document || to_tsvector('simple'::regconfig, 'zw' || (c.id >> ${BLOCK_BITS})::text))`,
);

/**
 * How far back from the newest current entry (in ids) each window of the national search
 * reaches; the last window is everything.
 */
export const SEARCH_WINDOWS = [1 << 15, 1 << 17, 1 << 19, 1 << 21] as const;

/**
 * The newest `limit` current entries that match, read window by window: the matches in the
 * blocks of ids within 2^15 of the newest first, then in the blocks before those up to 2^17
 * back, and so on, then all of them, each window read only while the windows before it held
 * fewer than `limit` together (a `MATERIALIZED` CTE per window behind that gate: PostgreSQL
 * never runs a window whose gate is closed). A window is part of the query the GIN index
 * answers (the query's terms and any of the window's block lexemes), so no row outside it is
 * fetched: a query that matches thousands of entries fetches some `limit` of them, not every
 * one (a phrase needs each row it matches read, to check the order of its bigrams). The
 * bounded windows do not overlap; the last, unbounded one holds them all and is then the answer.
 */
function newestFirst(
  columns: RawBuilder<unknown>,
  text: string,
  limit: number,
  ids: CurrentEntryIds | null,
) {
  const blocks: string[] = [];
  if (ids) {
    const oldest = ids.oldest >> BLOCK_BITS;
    let to = ids.newest >> BLOCK_BITS;
    for (const reach of SEARCH_WINDOWS) {
      const from = Math.min((ids.newest - reach) >> BLOCK_BITS, to);
      if (from <= oldest) break;
      const names = Array.from({ length: to - from + 1 }, (_, i) => `zw${from + i}`);
      blocks.push(names.join(" | "));
      to = from - 1;
    }
  }
  const names = [...blocks.map((_, i) => sql.raw(`w${i}`)), sql.raw("rest")];
  const windows = [...blocks, null].map((block, i) => {
    const query = sql`to_tsquery('simple', ${block === null ? text : `(${text}) & (${block})`})`;
    const found = names.slice(0, i).map((before) => sql`(SELECT count(*) FROM ${before})`);
    // The gate outside the LIMIT, so that it stays above the read (a parallel read below it
    // would start its workers only to find the gate closed).
    return sql`${names[i]} AS MATERIALIZED (SELECT * FROM (SELECT ${columns} FROM search_entry c
        WHERE c.current = 1 AND ${RECENT_DOCUMENT} @@ ${query}
        ORDER BY c.id DESC LIMIT ${limit}) AS found
      ${found.length === 0 ? sql`` : sql`WHERE ${sql.join(found, sql` + `)} < ${limit}`})`;
  });
  const bounded = names.slice(0, -1).map((name) => sql`SELECT * FROM ${name}`);
  return sql`WITH ${sql.join(windows, sql`, `)}
    SELECT * FROM (${
      bounded.length === 0
        ? sql``
        : sql`SELECT * FROM (${sql.join(bounded, sql` UNION ALL `)}) AS windows
          WHERE NOT EXISTS (SELECT 1 FROM rest) UNION ALL `
    }SELECT * FROM rest) AS newest ORDER BY id DESC LIMIT ${limit}`;
}
