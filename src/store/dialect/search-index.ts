import type { AliasedRawBuilder, Kysely } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { DialectName } from "./dialect-name.ts";
import { postgresSearchIndex } from "./search-index-postgres.ts";
import { sqliteSearchIndex } from "./search-index-sqlite.ts";

/** The entries a query matches, to join to `search_entry` on `hit.entry_id`. */
export type SearchHits = AliasedRawBuilder<{ entry_id: number; rank: number }, "hit">;

/**
 * The full-text index over `search_entry` (its `title_grams` and `body_grams`, made by
 * `indexText`): the one part of the search that differs by database. Both index the same
 * app-side tokens, so both find the same entries; only the ranking's numbers differ.
 */
export interface SearchIndex {
  /** Create the index beside the `search_entry` table (in a migration). */
  createSearchIndex(db: Kysely<unknown>): Promise<void>;
  /**
   * The entries that match every term (a phrase of bigrams, or a one-character prefix), each
   * with a rank where higher is better and a title match weighs more than a body match.
   */
  matchingEntries(terms: readonly SearchTerm[]): SearchHits;
}

export function searchIndexFor(dialect: DialectName): SearchIndex {
  return dialect === "postgres" ? postgresSearchIndex : sqliteSearchIndex;
}
