import type { Hono } from "hono";
import { z } from "zod";
import { planJson } from "../../../export/plan-json.ts";
import { loadPlanIndicators } from "../../../store/queries/indicator-query.ts";
import { listPlanPage } from "../../../store/queries/plan-page-query.ts";
import type { Store } from "../../../store/store.ts";
import type { ApiEnv } from "../api-env.ts";
import { pageInfo, pageLinks, paging, pagingShape } from "../api-pagination.ts";
import { parseQuery } from "../api-query.ts";
import { presentPeriod } from "../presenters/period-presenter.ts";
import { presentPlanListItem, presentPlanSummary } from "../presenters/plan-presenter.ts";
import { periodShape, publishedTree } from "./api-plan-loader.ts";

const planListSchema = z.object({
  ...pagingShape,
  organization: z
    .string()
    .regex(/^\d{6}$/u, { error: "全国地方公共団体コード（6桁）で指定してください" })
    .optional(),
});
const treeSchema = z.object(periodShape);

/**
 * `GET /v1/plans` (paginated, `?organization=`), `/v1/plans/{plan}` (summary),
 * `/v1/plans/{plan}/tree` (the plan JSON, `?period=`), `/v1/plans/{plan}/periods`.
 */
export function planApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/plans", async (c) => {
    const query = parseQuery(planListSchema, c.req.query());
    const p = paging(query);
    const { total, rows } = await listPlanPage(store.db, {
      limit: p.perPage,
      offset: p.offset,
      ...(query.organization ? { organizationCode: query.organization } : {}),
    });
    c.header("Link", pageLinks(c.req.url, p, total));
    c.header("X-Total-Count", String(total));
    return c.json({ ...pageInfo(p, total), items: rows.map(presentPlanListItem) });
  });

  api.get("/v1/plans/:plan", async (c) => {
    const tree = await publishedTree(store, c.req.param("plan"));
    return c.json(presentPlanSummary(tree));
  });

  api.get("/v1/plans/:plan/tree", async (c) => {
    const { period } = parseQuery(treeSchema, c.req.query());
    const tree = await publishedTree(store, c.req.param("plan"), period);
    const indicators = await loadPlanIndicators(store.db, tree.id, {
      asOf: tree.period?.asOf ?? null,
      publishedOnly: true,
    });
    return c.body(planJson(tree, indicators), 200, {
      "Content-Type": "application/json; charset=utf-8",
    });
  });

  api.get("/v1/plans/:plan/periods", async (c) => {
    const tree = await publishedTree(store, c.req.param("plan"));
    return c.json({ total: tree.periods.length, items: tree.periods.map(presentPeriod) });
  });
}
