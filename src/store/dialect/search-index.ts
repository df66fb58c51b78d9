import { type AliasedRawBuilder, type Expression, type Kysely, sql } from "kysely";
import type { SearchTerm } from "../../domain/search-tokens.ts";
import type { DialectName } from "./dialect-name.ts";
import { postgresSearchIndex } from "./search-index-postgres.ts";
import { sqliteSearchIndex } from "./search-index-sqlite.ts";

/** An entry a query matches: its `search_entry` columns (alias `c`) and its rank. */
export interface SearchHit {
  id: number;
  measure_id: number;
  plan_id: number;
  reporting_period_id: number | null;
  item_number: number | null;
  pillar_number: number;
  group_path: string;
  rank: number;
}

/**
 * The entries a query matches, as a table aliased `e`: everything the search filters and
 * ranks by comes with them, so nothing joins `search_entry` again for each match.
 */
export type SearchHits = AliasedRawBuilder<SearchHit, "e">;

/** The columns of {@link SearchHit} but the rank, read from `search_entry` aliased `c`. */
export const ENTRY_COLUMNS = sql.raw(
  "c.id, c.measure_id, c.plan_id, c.reporting_period_id, c.item_number, c.pillar_number, c.group_path",
);

/**
 * Where a search looks: one plan's entries of one reporting period (null: the plan has none), or
 * the current entries (each plan's latest published period) of every plan or of the plans a
 * subquery names, newest entries first and at most `limit` of them. `ids` is what
 * {@link SearchIndex.currentEntryIds} answered: where a dialect's windows start and end.
 */
export type SearchScope =
  | { kind: "plan"; planId: number; periodId: number | null }
  | {
      kind: "current";
      planIds?: Expression<unknown>;
      limit: number;
      ids?: CurrentEntryIds | null;
    };

/** The ids of the newest and the oldest current entry. */
export interface CurrentEntryIds {
  newest: number;
  oldest: number;
}

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
   * The ids of the newest and oldest current entries, for a `current` scope's `ids`, where the
   * dialect reads the current entries window by window back from the newest (PostgreSQL); null
   * where it does not, or when there is none. Asked before the search, so the windows' bounds
   * are numbers the planner sees, not a subquery's result it must guess at.
   */
  currentEntryIds(db: Kysely<unknown>): Promise<CurrentEntryIds | null>;
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
