import { z } from "zod";
import { measurePlacements, type PlanTree } from "../../../domain/plan-tree.ts";
import { UNSET_STATUS } from "../../../store/queries/measure-list-query.ts";
import { pagingShape } from "../api-pagination.ts";
import { groupPath } from "../presenters/measure-presenter.ts";
import { periodShape } from "./api-plan-loader.ts";

const oneOf = (values: readonly string[], what: string) =>
  z
    .string()
    .refine((v) => values.includes(v), {
      error: `この計画にない${what}です（${values.join(", ")}）`,
    })
    .optional();

/**
 * The query of `GET /v1/plans/{plan}/measures`, checked against what the plan has: its status
 * codes (or `unset`), group paths (`1`, `1-2`, `1-2-3`), fiscal years. A value the plan does not
 * have is refused (400), never silently ignored.
 * @example measureQuerySchema(tree).parse({ status: "in_progress", group: "2", per_page: "50" })
 */
export function measureQuerySchema(tree: PlanTree) {
  const paths = new Set<string>();
  for (const p of measurePlacements(tree)) {
    const parts = groupPath(p).split("-");
    for (let n = 1; n <= parts.length; n++) paths.add(parts.slice(0, n).join("-"));
  }
  return z.object({
    ...pagingShape,
    ...periodShape,
    status: oneOf([...tree.statuses.map((s) => s.code), UNSET_STATUS], "状況区分"),
    group: oneOf([...paths], "区分"),
    fiscalYear: z.coerce
      .number({ error: "年度を西暦の整数で指定してください" })
      .int({ error: "年度を西暦の整数で指定してください" })
      .refine((y) => tree.fiscalYears.includes(y), {
        error: `計画期間（${tree.fiscalYears.join(", ")}）の年度を指定してください`,
      })
      .optional(),
    relistings: z.enum(["true", "false"], { error: "true か false で指定してください" }).optional(),
  });
}
