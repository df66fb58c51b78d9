import type { Hono } from "hono";
import { listPlans } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { planListPage } from "../views/plan-list-page.ts";
import { planPage } from "../views/plan-page.ts";
import { pageContext } from "./page-context.ts";
import { planTreeFor } from "./plan-tree-loader.ts";

/** The list of plans and a plan's page. */
export function planRoutes(app: Hono, store: Store): void {
  app.get("/", async (c) => c.html(planListPage(pageContext(c).lang, await listPlans(store.db))));
  app.get("/plans/:slug", async (c) => {
    const tree = await planTreeFor(store, c);
    const page = pageContext(c);
    if (!tree) return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
    return c.html(planPage(page, tree));
  });
}
