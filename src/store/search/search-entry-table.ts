import type { Generated } from "kysely";

/**
 * One searchable entry: an original measure (re-listings are found through it) in one reporting
 * period, with the grams of its titles (measure and item) and of its body (roadmap texts and
 * that period's progress). Rebuilt by `reindexPlan`; the full-text index over the grams is the
 * dialect's (see src/store/dialect/search-index.ts).
 */
export interface SearchEntryTable {
  id: Generated<number>;
  plan_id: number;
  measure_id: number;
  /** Null only for a plan with no reporting period yet. */
  reporting_period_id: number | null;
  item_number: number | null;
  pillar_number: number;
  /** The numbers of the measure's pillar, area (when there is one) and category: "1-2-3", "2-1". */
  group_path: string;
  title_grams: string;
  body_grams: string;
  /**
   * 1 for the entries of the plan's latest published period (what the national search asks),
   * 0 otherwise. Set by `reindexPlan`, which every import and publish calls (migration 008).
   */
  current: Generated<number>;
}

/** The search tables, added to the store's schema type with `db.withTables<SearchTables>()`. */
export type SearchTables = {
  search_entry: SearchEntryTable;
};
