import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { listPlans, loadPlanTree } from "../../store/queries/plan-tree-query.ts";
import type { Store } from "../../store/store.ts";
import {
  dataCataloguePage,
  type PeriodDownloads,
  planDownloadsPage,
} from "../views/catalogue-page.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { downloadSizes } from "./download-sizes.ts";
import { openDataLicence } from "./open-data-licence.ts";
import { pageContext } from "./page-context.ts";

const STYLE = readFileSync(new URL("../assets/catalogue.css", import.meta.url), "utf8");

/**
 * The open-data catalogue: `/data` lists every plan; `/plans/:slug/downloads` lists every
 * download (measures CSV, roadmap CSV, JSON, PDF, XLSX) of every published period with its
 * format, encoding, size and the licence (`SHINCHOKU_LICENCE`, CC BY 4.0 by default).
 */
export function catalogueRoutes(app: Hono, store: Store): void {
  app.get("/assets/catalogue.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/data", async (c) =>
    c.html(dataCataloguePage(pageContext(c), await listPlans(store.db), openDataLicence())),
  );
  app.get("/plans/:slug/downloads", async (c) => {
    const page = pageContext(c);
    const slug = c.req.param("slug");
    const tree = await loadPlanTree(store.db, slug);
    if (!tree) return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
    const periods: PeriodDownloads[] = [];
    for (const period of tree.periods.filter((p) => p.state === "published").reverse()) {
      const asOf = await loadPlanTree(store.db, slug, period.asOf);
      if (asOf) periods.push({ period, files: await downloadSizes(store, asOf) });
    }
    return c.html(planDownloadsPage(page, tree, periods, openDataLicence()));
  });
}
