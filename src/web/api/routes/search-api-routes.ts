import type { Hono } from "hono";
import { ShinchokuError } from "../../../domain/errors.ts";
import { searchMeasures } from "../../../store/search/measure-search.ts";
import { loadSearchFilters } from "../../../store/search/search-filters.ts";
import type { Store } from "../../../store/store.ts";
import type { ApiEnv } from "../api-env.ts";
import { pageInfo, pageLinks, paging } from "../api-pagination.ts";
import { parseQuery } from "../api-query.ts";
import { presentSearch } from "../presenters/search-presenter.ts";
import { searchQuerySchema } from "./search-query-schema.ts";

/** `GET /v1/plans/{plan}/search?q=`: full-text search of a published period (paginated). */
export function searchApiRoutes(api: Hono<ApiEnv>, store: Store): void {
  api.get("/v1/plans/:plan/search", async (c) => {
    const slug = c.req.param("plan");
    const filters = await loadSearchFilters(store.db, slug);
    if (!filters)
      throw new ShinchokuError("not_found", `計画 ${slug} がありません`, { field: "plan" });
    const query = parseQuery(searchQuerySchema(filters), c.req.query());
    const p = paging(query);
    const search = await searchMeasures(store, {
      planSlug: slug,
      query: query.q,
      ...(query.period ? { period: query.period } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.group ? { category: query.group } : {}),
      ...(query.fiscalYear ? { fiscalYear: Number(query.fiscalYear) } : {}),
      limit: p.perPage,
      offset: p.offset,
    });
    if (!search)
      throw new ShinchokuError("not_found", `計画 ${slug} がありません`, { field: "plan" });
    c.header("Link", pageLinks(c.req.url, p, search.total));
    c.header("X-Total-Count", String(search.total));
    return c.json({ ...pageInfo(p, search.total), ...presentSearch(slug, search) });
  });
}
