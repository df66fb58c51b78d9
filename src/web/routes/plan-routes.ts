import type { Context, Hono } from "hono";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { loadMeasureFields } from "../../store/queries/measure-fields-query.ts";
import { loadProgressHistory } from "../../store/queries/progress-history-query.ts";
import { findSimilarMeasures } from "../../store/search/similar-measures.ts";
import type { Store } from "../../store/store.ts";
import { groupPage } from "../views/group-page.ts";
import { itemPage } from "../views/item-page.ts";
import { notFoundPage } from "../views/not-found-page.ts";
import { overviewPage } from "../views/overview-page.ts";
import type { GroupPath } from "../views/plan-links.ts";
import { findGroup, itemPlaces } from "../views/plan-lookup.ts";
import { planNotFoundPage } from "../views/plan-not-found-page.ts";
import { previousPeriodOf, progressChanges } from "../views/progress-changes.ts";
import { reportPage } from "../views/report-page.ts";
import { indicatorRoutes, publicIndicators } from "./indicator-routes.ts";
import { type PageContext, pageContext } from "./page-context.ts";
import { type PlanTreeLoader, planTreeLoader } from "./plan-tree-loader.ts";

type PlanHandler = (c: Context, tree: PlanTree, page: PageContext) => Promise<Response> | Response;

/** A number in a path (`/items/56`), or null for anything else (`/items/056`, `/items/x`). */
function pathNumber(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,5}$/u.test(value) ? Number(value) : null;
}

/**
 * A group's path from the segments after the plan's slug (`pillars`, `1`, `areas`, `2`, …): a
 * pillar, any number of areas, at most one category, in that order; null for anything else.
 */
export function groupPathOf(segments: readonly string[]): GroupPath | null {
  const [head, pillarText, ...rest] = segments;
  const pillar = pathNumber(pillarText);
  if (head !== "pillars" || pillar === null || rest.length % 2 !== 0) return null;
  const areas: number[] = [];
  let category: number | null = null;
  for (let i = 0; i < rest.length; i += 2) {
    const n = pathNumber(rest[i + 1]);
    if (n === null || category !== null) return null;
    if (rest[i] === "areas") areas.push(n);
    else if (rest[i] === "categories") category = n;
    else return null;
  }
  return {
    pillar,
    area: areas[0] ?? null,
    ...(areas.length > 1 ? { subareas: areas.slice(1) } : {}),
    category,
  };
}

/**
 * The public pages of a plan (the list of plans is the national index, national-routes.ts): its
 * overview, its pillars, areas and categories, its items (measures are `#measure-{code}` anchors
 * there), and the report view. Every plan page takes `?period=YYYY-MM-DD`.
 */
export function planRoutes(
  app: Hono,
  store: Store,
  planTreeFor: PlanTreeLoader = planTreeLoader(store),
): void {
  const withTree = (handler: PlanHandler) => async (c: Context) => {
    const page = pageContext(c);
    const tree = await planTreeFor(c);
    if (!tree) return c.html(notFoundPage(page.lang, page.path, "notFoundPlan"), 404);
    return handler(c, tree, page);
  };

  app.get(
    "/plans/:slug",
    withTree(async (c, tree, page) => {
      const previous = previousPeriodOf(tree);
      const current = tree.period?.asOf;
      const list =
        previous && current
          ? progressChanges(
              tree,
              await loadProgressHistory(store.db, tree.id, { asOf: [previous, current] }),
              previous,
              current,
            )
          : [];
      const { indicators, bands } = await publicIndicators(store, tree);
      return c.html(overviewPage(page, tree, { previous, list }, { list: indicators, bands }));
    }),
  );
  indicatorRoutes(app, store, withTree);

  app.get(
    "/plans/:slug/report",
    withTree((c, tree, page) => c.html(reportPage(page, tree))),
  );

  const group = withTree(async (c, tree, page) => {
    // The path after the plan's slug: pillars/1(/areas/2)*(/categories/3)?
    const path = groupPathOf(c.req.path.split("/").slice(3));
    const place = path ? findGroup(tree, path) : null;
    if (!place) return c.html(planNotFoundPage(page, tree, "notFoundGroup"), 404);
    const { indicators, bands } = await publicIndicators(store, tree);
    return c.html(groupPage(page, tree, place, { list: indicators, bands }));
  });
  app.get("/plans/:slug/pillars/:pillar", group);
  app.get("/plans/:slug/pillars/:pillar/areas/:area", group);
  app.get("/plans/:slug/pillars/:pillar/categories/:category", group);
  app.get("/plans/:slug/pillars/:pillar/areas/:area/categories/:category", group);
  // Plans of more than three group levels have areas below areas (政策 › 施策 › 基本事業 › …).
  app.get("/plans/:slug/pillars/:pillar/areas/:area/areas/*", group);

  app.get(
    "/plans/:slug/items/:number",
    withTree(async (c, tree, page) => {
      const number = pathNumber(c.req.param("number"));
      const place = itemPlaces(tree).find(
        (p) => p.item.number !== null && p.item.number === number,
      );
      if (!place) return c.html(planNotFoundPage(page, tree, "notFoundItem"), 404);
      const codes = place.item.measures.map((m) => m.relistingOf?.code ?? m.code);
      const history = await loadProgressHistory(store.db, tree.id, { measureCodes: codes });
      const fields = await loadMeasureFields(store.db, tree.id, tree.period?.asOf ?? null, codes);
      const originals = place.item.measures.filter((m) => !m.relistingOf).map((m) => m.code);
      const similar = await findSimilarMeasures(store, tree.slug, originals);
      const { indicators, bands } = await publicIndicators(store, tree);
      return c.html(
        itemPage(page, tree, place, history, fields, similar, { list: indicators, bands }),
      );
    }),
  );
}
