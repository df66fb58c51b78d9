import type { MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import type { PeriodProgress } from "../../store/queries/progress-history-query.ts";
import { type ItemPlace, itemPlaces } from "./plan-lookup.ts";

/** A measure whose progress narrative changed between two periods; `before` null when it is new. */
export interface ProgressChange {
  place: ItemPlace;
  measure: MeasureNode;
  before: string | null;
  after: string;
}

/** The published period before the one a tree shows, or null when there is none. */
export function previousPeriodOf(tree: PlanTree): string | null {
  const current = tree.period?.asOf;
  if (!current) return null;
  const earlier = tree.periods
    .filter((p) => p.state === "published" && p.asOf < current)
    .map((p) => p.asOf)
    .sort();
  return earlier.at(-1) ?? null;
}

/**
 * The measures (re-listings left out: they show their original) whose narrative in `current`
 * differs from the one in `previous`, in document order.
 */
export function progressChanges(
  tree: PlanTree,
  history: ReadonlyMap<string, readonly PeriodProgress[]>,
  previous: string,
  current: string,
): ProgressChange[] {
  const changes: ProgressChange[] = [];
  for (const place of itemPlaces(tree)) {
    for (const measure of place.item.measures) {
      if (measure.relistingOf) continue;
      const periods = history.get(measure.code) ?? [];
      const after = periods.find((p) => p.asOf === current)?.narrative;
      const before = periods.find((p) => p.asOf === previous)?.narrative ?? null;
      if (after !== undefined && after !== before) changes.push({ place, measure, before, after });
    }
  }
  return changes;
}
