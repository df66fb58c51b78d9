import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { listMeasures, loadMeasureListFacets } from "../../store/queries/measure-list-query.ts";
import type { Store } from "../../store/store.ts";
import { measureListPage } from "../views/measure-list-page.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { measureListFilter, measureListProblems } from "./measure-list-schema.ts";
import { pageContext } from "./page-context.ts";

const STYLE = readFileSync(new URL("../assets/measure-list.css", import.meta.url), "utf8");

/**
 * `GET /plans/:slug/measures`: every measure of a plan as a list, filtered and sorted by the
 * query (`status`, `pillar`, `category`, `figures`, `since`, `changed`, `relistings`, `period`,
 * `sort`, `dir`, `page`); unknown values are ignored. Sorting by changes (or showing changed
 * measures alone) without an earlier period to compare is a 400: the list, with the form as sent
 * and an error summary. The page's own stylesheet beside it.
 */
export function measureListRoutes(app: Hono, store: Store): void {
  app.get("/assets/measure-list.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/plans/:slug/measures", async (c) => {
    const page = pageContext(c);
    const facets = await loadMeasureListFacets(store.db, c.req.param("slug"));
    if (!facets) return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
    const query = c.req.query();
    const filter = measureListFilter(facets, query);
    const problems = measureListProblems(query, filter);
    const result = await listMeasures(store.db, facets, filter);
    return c.html(
      measureListPage(page, facets, filter, result, problems),
      problems.length > 0 ? 400 : 200,
    );
  });
}
