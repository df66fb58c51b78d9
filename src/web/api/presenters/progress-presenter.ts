import type { MeasurePlacement, PlanTree } from "../../../domain/plan-tree.ts";
import { statusSourceFields } from "../../../export/status-source-fields.ts";
import type { PeriodProgress } from "../../../store/queries/progress-history-query.ts";

/**
 * A measure's progress across the published periods, oldest first. A re-listing's history is
 * its original's (`source`).
 */
export function presentProgressHistory(
  tree: PlanTree,
  p: MeasurePlacement,
  history: PeriodProgress[],
) {
  return {
    measure: { id: p.measure.code, title: p.measure.title },
    source: p.measure.relistingOf?.code ?? p.measure.code,
    items: history.map((h) => ({
      asOf: h.asOf,
      publishedOn: tree.periods.find((period) => period.asOf === h.asOf)?.publishedOn ?? null,
      status: tree.statuses.find((s) => s.code === h.statusCode) ?? null,
      ...statusSourceFields(h),
      narrative: h.narrative,
    })),
  };
}
