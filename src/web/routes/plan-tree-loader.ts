import type { Context } from "hono";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";

/**
 * The plan a request names (`:slug`), with the progress of `?period=YYYY-MM-DD` or of the latest
 * published period; null when there is no such plan or period.
 */
export function planTreeFor(store: Store, c: Context): Promise<PlanTree | null> {
  const period = c.req.query("period");
  return loadPlanTree(
    store.db,
    c.req.param("slug") ?? "",
    period && /^\d{4}-\d{2}-\d{2}$/u.test(period) ? period : undefined,
  );
}
