import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { searchMeasures } from "../../store/search/measure-search.ts";
import { loadSearchFilters } from "../../store/search/search-filters.ts";
import type { Store } from "../../store/store.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { searchPage } from "../views/search-page.ts";
import { pageContext } from "./page-context.ts";
import { SEARCH_PAGE_SIZE, searchRequest } from "./search-schema.ts";

const STYLE = readFileSync(new URL("../assets/search.css", import.meta.url), "utf8");

/**
 * `GET /plans/:slug/search?q=…&period=&status=&pillar=&category=&fy=&department=&page=`: a plan's measures
 * found through the store's full-text index. An empty query, one of symbols only or one too long
 * gives the page with a message, never an error. The page's own stylesheet beside it.
 */
export function searchRoutes(app: Hono, store: Store): void {
  app.get("/assets/search.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/plans/:slug/search", async (c) => {
    const page = pageContext(c);
    const filters = await loadSearchFilters(store.db, c.req.param("slug"));
    if (!filters) return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
    const request = searchRequest(filters, c.req.query());
    const found =
      request.q.trim() === ""
        ? null
        : await searchMeasures(store, {
            planSlug: filters.plan.slug,
            query: request.q,
            period: request.period ?? undefined,
            status: request.status ?? undefined,
            pillar: request.pillar ?? undefined,
            category: request.category ?? undefined,
            fiscalYear: request.fiscalYear ?? undefined,
            department: request.department ?? undefined,
            limit: SEARCH_PAGE_SIZE,
            offset: (request.page - 1) * SEARCH_PAGE_SIZE,
          });
    return c.html(searchPage(page, filters, request, found));
  });
}
