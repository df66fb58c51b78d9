import type { AliasedRawBuilder, Expression, Kysely } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { DialectName } from "./dialect-name.ts";
import { postgresSearchIndex } from "./search-index-postgres.ts";
import { sqliteSearchIndex } from "./search-index-sqlite.ts";

/** The entries a query matches, to join to `search_entry` on `hit.entry_id`. */
export type SearchHits = AliasedRawBuilder<{ entry_id: number; rank: number }, "hit">;

/**
 * Where a search looks: one plan's entries of one reporting period (null: the plan has none), or
 * the current entries (each plan's latest published period) of every plan or of the plans a
 * subquery names, newest entries first and at most `limit` of them.
 */
export type SearchScope =
  | { kind: "plan"; planId: number; periodId: number | null }
  | { kind: "current"; planIds?: Expression<unknown>; limit: number };

/**
 * The full-text index over `search_entry` (its `title_grams` and `body_grams`, made by
 * `indexText`): the one part of the search that differs by database. Both index the same
 * app-side tokens, so both find the same entries; only the ranking's numbers differ.
 */
export interface SearchIndex {
  /** Create the index beside the `search_entry` table (in migration 002). */
  createSearchIndex(db: Kysely<unknown>): Promise<void>;
  /** Index the current entries apart (in migration 008). */
  indexCurrentEntries(db: Kysely<unknown>): Promise<void>;
  /**
   * The entries of the scope that match every term (a phrase of bigrams, or a one-character
   * prefix), each with a rank where higher is better and a title match weighs more than a body
   * match. The work is bounded by the scope, not by the size of the index: a plan's entries are
   * looked up one by one, the current ones read newest first up to the limit.
   */
  matchingEntries(terms: readonly SearchTerm[], scope: SearchScope): SearchHits;
}

export function searchIndexFor(dialect: DialectName): SearchIndex {
  return dialect === "postgres" ? postgresSearchIndex : sqliteSearchIndex;
}
