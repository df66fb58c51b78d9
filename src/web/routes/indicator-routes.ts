import type { Context, Hono } from "hono";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { loadPublicIndicators } from "../../store/queries/indicator-query.ts";
import { loadMeasureDepartments } from "../../store/queries/measure-departments-query.ts";
import type { Store } from "../../store/store.ts";
import { INDICATOR_LIST_PAGE_SIZE, indicatorListPage } from "../views/indicator-list-page.ts";
import { pageWithin } from "../views/page-links.ts";
import { indicatorFilterSchema } from "./indicator-list-schema.ts";
import type { PageContext } from "./page-context.ts";

/** A plan's indicators as the public sees them in the page's period (see loadPublicIndicators). */
export const publicIndicators = (store: Store, tree: PlanTree) =>
  loadPublicIndicators(store.db, tree);

/**
 * `GET /plans/:slug/indicators`: the plan's indicators, filtered by a GET form, fifty a page
 * (`page`); the distribution of scores counts every indicator.
 */
export function indicatorRoutes(
  app: Hono,
  store: Store,
  withTree: (
    handler: (c: Context, tree: PlanTree, page: PageContext) => Promise<Response>,
  ) => (c: Context) => Promise<Response>,
): void {
  app.get(
    "/plans/:slug/indicators",
    withTree(async (c, tree, page) => {
      const { indicators, bands, kinds } = await publicIndicators(store, tree);
      const codes = indicators.flatMap((i) =>
        i.place.level === "measure" ? [i.place.measureCode] : [],
      );
      const departmentsOf = await loadMeasureDepartments(store.db, tree.id, codes);
      const departments = [
        ...new Set([...departmentsOf.values()].flatMap((list) => list.map((d) => d.name))),
      ].sort((a, b) => a.localeCompare(b, "ja"));
      const levels = [...new Set(indicators.map((i) => i.place.levelName))];
      const filter = indicatorFilterSchema({ kinds, levels, departments }).parse(c.req.query());
      const shown = indicators.filter((i) => {
        if (filter.kind !== null && i.kind !== filter.kind) return false;
        if (filter.level !== null && i.place.levelName !== filter.level) return false;
        if (filter.department !== null) {
          const names =
            i.place.level === "measure"
              ? (departmentsOf.get(i.place.measureCode) ?? []).map((d) => d.name)
              : [];
          if (!names.includes(filter.department)) return false;
        }
        if (filter.achieved !== null) {
          const rate = achievementOf(i, bands)?.rate ?? null;
          if (rate === null) return false;
          if (rate >= 100 !== (filter.achieved === "yes")) return false;
        }
        return true;
      });
      return c.html(
        indicatorListPage(page, tree, {
          at: pageWithin(c.req.query("page"), shown.length, INDICATOR_LIST_PAGE_SIZE),
          all: indicators,
          shown,
          bands,
          kinds,
          levels,
          departments,
          filter,
        }),
      );
    }),
  );
}
