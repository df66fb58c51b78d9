import type { Hono } from "hono";
import { z } from "zod";
import { ShinchokuError } from "../../../domain/errors.ts";
import {
  type MeasurePlacement,
  measurePlacements,
  type PlanTree,
} from "../../../domain/plan-tree.ts";
import { loadMeasureDepartments } from "../../../store/queries/measure-departments-query.ts";
import { UNSET_STATUS } from "../../../store/queries/measure-list-query.ts";
import { loadProgressHistory } from "../../../store/queries/progress-history-query.ts";
import type { Store } from "../../../store/store.ts";
import type { ApiEnv } from "../api-env.ts";
import { pageInfo, pageLinks, paging } from "../api-pagination.ts";
import { parseQuery } from "../api-query.ts";
import { groupPath, presentMeasure, presentMeasureRow } from "../presenters/measure-presenter.ts";
import { presentProgressHistory } from "../presenters/progress-presenter.ts";
import { periodShape, publishedTree } from "./api-plan-loader.ts";
import { measureQuerySchema } from "./measure-query-schema.ts";

const periodSchema = z.object(periodShape);

function placementOf(tree: PlanTree, code: string): MeasurePlacement {
  const found = measurePlacements(tree).find((p) => p.measure.code === code);
  if (!found)
    throw new ShinchokuError("not_found", `取組 ${code} がありません`, { field: "measure" });
  return found;
}

/**
 * `GET /v1/plans/{plan}/measures` (paginated, filtered), `/measures/{measure}` and
 * `/measures/{measure}/progress` (its history across the published periods).
 */
export function measureApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/plans/:plan/measures", async (c) => {
    // The period's format is checked before the plan is loaded; the rest needs the plan.
    const { period } = parseQuery(periodSchema, c.req.query());
    const tree = await publishedTree(store, c.req.param("plan"), period);
    const query = parseQuery(measureQuerySchema(tree), c.req.query());
    const rows = measurePlacements(tree).filter((p) => {
      if (query.relistings !== "true" && p.measure.relistingOf !== null) return false;
      const status = p.measure.progress?.statusCode ?? null;
      if (query.status === UNSET_STATUS && status !== null) return false;
      if (query.status !== undefined && query.status !== UNSET_STATUS && status !== query.status)
        return false;
      const path = groupPath(p);
      if (query.group !== undefined && path !== query.group && !path.startsWith(`${query.group}-`))
        return false;
      if (
        query.fiscalYear !== undefined &&
        !p.measure.roadmap.some((r) => r.fiscalYear === query.fiscalYear && !r.none)
      )
        return false;
      return true;
    });
    const p = paging(query);
    c.header("Link", pageLinks(c.req.url, p, rows.length));
    c.header("X-Total-Count", String(rows.length));
    return c.json({
      ...pageInfo(p, rows.length),
      period: tree.period?.asOf ?? null,
      items: rows.slice(p.offset, p.offset + p.perPage).map((r) => presentMeasureRow(tree, r)),
    });
  });

  api.get("/v1/plans/:plan/measures/:measure", async (c) => {
    const { period } = parseQuery(periodSchema, c.req.query());
    const tree = await publishedTree(store, c.req.param("plan"), period);
    const placement = placementOf(tree, c.req.param("measure"));
    const departments = await loadMeasureDepartments(store.db, tree.id, [placement.measure.code]);
    const relistedAt = measurePlacements(tree).filter(
      (p) => p.measure.relistingOf?.code === placement.measure.code,
    );
    return c.json(
      presentMeasure(tree, placement, departments.get(placement.measure.code) ?? [], relistedAt),
    );
  });

  api.get("/v1/plans/:plan/measures/:measure/progress", async (c) => {
    const tree = await publishedTree(store, c.req.param("plan"));
    const placement = placementOf(tree, c.req.param("measure"));
    const source = placement.measure.relistingOf?.code ?? placement.measure.code;
    const history = await loadProgressHistory(store.db, tree.id, { measureCodes: [source] });
    return c.json(presentProgressHistory(tree, placement, history.get(source) ?? []));
  });
}
