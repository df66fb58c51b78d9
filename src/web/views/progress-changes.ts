import type { MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import type { StatusSource } from "../../domain/suggested-status.ts";
import type { PeriodProgress } from "../../store/queries/progress-history-query.ts";
import { type ItemPlace, itemPlaces } from "./plan-lookup.ts";

/** A status in one period: its code (null: not set) and whether it was suggested. */
export interface PeriodStatus {
  code: string | null;
  source: StatusSource;
}

/**
 * A measure whose progress changed between two periods: its narrative (`before` null when it is
 * new), its status, or both. `status` is set only when the status changed, a suggestion
 * confirmed by a person included.
 */
export interface ProgressChange {
  place: ItemPlace;
  measure: MeasureNode;
  before: string | null;
  after: string;
  status: { before: PeriodStatus | null; after: PeriodStatus } | null;
}

/** How many changes of each kind: new measures, changed text, changed statuses. */
export interface ChangeCounts {
  added: number;
  textChanged: number;
  statusChanged: number;
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

const statusOf = (p: PeriodProgress): PeriodStatus => ({
  code: p.statusCode,
  source: p.statusCode !== null && p.statusSource === "suggested" ? "suggested" : "confirmed",
});

/**
 * The measures (re-listings left out: they show their original) whose narrative or status in
 * `current` differs from the one in `previous`, in document order.
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
      const now = periods.find((p) => p.asOf === current);
      if (!now) continue;
      const then = periods.find((p) => p.asOf === previous);
      const after = statusOf(now);
      const before = then ? statusOf(then) : null;
      const statusChanged =
        before !== null && (before.code !== after.code || before.source !== after.source);
      const textChanged = now.narrative !== (then?.narrative ?? null);
      if (!textChanged && !statusChanged) continue;
      changes.push({
        place,
        measure,
        before: then?.narrative ?? null,
        after: now.narrative,
        status: statusChanged ? { before, after } : null,
      });
    }
  }
  return changes;
}

/** The changes counted by kind (a measure may count as text and status changed both). */
export function countChanges(changes: readonly ProgressChange[]): ChangeCounts {
  return {
    added: changes.filter((c) => c.before === null).length,
    textChanged: changes.filter((c) => c.before !== null && c.before !== c.after).length,
    statusChanged: changes.filter((c) => c.status !== null).length,
  };
}
