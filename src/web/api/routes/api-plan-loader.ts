import { z } from "zod";
import { ShinchokuError } from "../../../domain/errors.ts";
import type { PlanTree } from "../../../domain/plan-tree.ts";
import { loadPlanTree } from "../../../store/queries/plan-tree-query.ts";
import type { Store } from "../../../store/store.ts";

/** `?period=YYYY-MM-DD`: the as-of date of a published reporting period. */
export const periodShape = {
  period: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, { error: "基準日を YYYY-MM-DD で指定してください" })
    .optional(),
};

/**
 * A plan as a tree with the progress of a published period (the latest when none is named).
 * Only published periods exist for the read API: a draft period is `not_found` like a period
 * that never was.
 */
export async function publishedTree(
  store: Store,
  slug: string,
  period?: string,
): Promise<PlanTree> {
  const tree = await loadPlanTree(store.db, slug);
  if (!tree) throw new ShinchokuError("not_found", `計画 ${slug} がありません`, { field: "plan" });
  if (period === undefined || tree.period?.asOf === period) return tree;
  const other = tree.periods.some((p) => p.asOf === period)
    ? await loadPlanTree(store.db, slug, period)
    : null;
  if (!other)
    throw new ShinchokuError("not_found", `基準日 ${period} の公表された報告期がありません`, {
      field: "period",
    });
  return other;
}
