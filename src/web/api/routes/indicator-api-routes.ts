import type { Hono } from "hono";
import { z } from "zod";
import { ShinchokuError } from "../../../domain/errors.ts";
import { indicatorJson } from "../../../export/indicator-json.ts";
import { loadPlanIndicators } from "../../../store/queries/indicator-query.ts";
import type { Store } from "../../../store/store.ts";
import type { ApiEnv } from "../api-env.ts";
import { pageInfo, pageLinks, paging, pagingShape } from "../api-pagination.ts";
import { parseQuery } from "../api-query.ts";
import { periodShape, publishedTree } from "./api-plan-loader.ts";

const listSchema = z.object({
  ...periodShape,
  ...pagingShape,
  kind: z.string().min(1).max(100).optional(),
  measure: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/u, { error: "取組 ID で指定してください" })
    .optional(),
});
const periodSchema = z.object(periodShape);

/**
 * `GET /v1/plans/{plan}/indicators` (paginated, `?kind=&measure=&period=`) and
 * `/indicators/{indicator}`: indicators with their values and achievement, as the published
 * periods up to `period` give them (mid-year results of a draft period are never shown).
 */
export function indicatorApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/plans/:plan/indicators", async (c) => {
    const query = parseQuery(listSchema, c.req.query());
    const tree = await publishedTree(store, c.req.param("plan"), query.period);
    const { indicators, bands, kinds } = await loadPlanIndicators(store.db, tree.id, {
      asOf: tree.period?.asOf ?? null,
      publishedOnly: true,
    });
    if (query.kind !== undefined && !kinds.includes(query.kind))
      throw new ShinchokuError(
        "invalid_input",
        `kind: 指標の種類は ${kinds.join("、")} のいずれかです`,
        { field: "kind" },
      );
    const rows = indicators.filter(
      (i) =>
        (query.kind === undefined || i.kind === query.kind) &&
        (query.measure === undefined ||
          (i.place.level === "measure" && i.place.measureCode === query.measure)),
    );
    const p = paging(query);
    c.header("Link", pageLinks(c.req.url, p, rows.length));
    c.header("X-Total-Count", String(rows.length));
    return c.json({
      ...pageInfo(p, rows.length),
      period: tree.period?.asOf ?? null,
      scoreBands: bands,
      items: rows.slice(p.offset, p.offset + p.perPage).map((i) => indicatorJson(i, bands)),
    });
  });

  api.get("/v1/plans/:plan/indicators/:indicator", async (c) => {
    const { period } = parseQuery(periodSchema, c.req.query());
    const tree = await publishedTree(store, c.req.param("plan"), period);
    const { indicators, bands } = await loadPlanIndicators(store.db, tree.id, {
      asOf: tree.period?.asOf ?? null,
      publishedOnly: true,
    });
    const code = c.req.param("indicator");
    const found = indicators.find((i) => i.code === code);
    if (!found)
      throw new ShinchokuError("not_found", `指標 ${code} がありません`, { field: "indicator" });
    return c.json(indicatorJson(found, bands));
  });
}
