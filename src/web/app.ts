import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { measuresCsv } from "../export/measures-csv.ts";
import { planJson } from "../export/plan-json.ts";
import { roadmapCsv } from "../export/roadmap-csv.ts";
import { listPlans, loadPlanTree } from "../store/queries/plan-tree-query.ts";
import type { Store } from "../store/store.ts";
import { notFoundPage } from "./views/not-found-page.ts";
import { planListPage } from "./views/plan-list-page.ts";
import { planPage } from "./views/plan-page.ts";

const STYLE = readFileSync(new URL("./assets/style.css", import.meta.url), "utf8");

/**
 * The public site: server-rendered HTML with no script, and the open-data downloads.
 * @example serve({ fetch: createApp(store).fetch, port: 3000 })
 */
export function createApp(store: Store) {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(compress());

  app.get("/assets/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/", async (c) => c.html(planListPage(await listPlans(store.db))));

  const withTree = async (slug: string, period: string | undefined) =>
    loadPlanTree(
      store.db,
      slug,
      period && /^\d{4}-\d{2}-\d{2}$/u.test(period) ? period : undefined,
    );

  app.get("/plans/:slug", async (c) => {
    const tree = await withTree(c.req.param("slug"), c.req.query("period"));
    if (!tree) return c.html(notFoundPage("お探しの計画は見つかりませんでした。"), 404);
    return c.html(planPage(tree));
  });
  const download = (
    name: string,
    type: string,
    render: (tree: NonNullable<Awaited<ReturnType<typeof withTree>>>) => string,
  ) =>
    app.get(`/plans/:slug/${name}`, async (c) => {
      const tree = await withTree(c.req.param("slug"), c.req.query("period"));
      if (!tree) return c.html(notFoundPage("お探しの計画は見つかりませんでした。"), 404);
      const file = `${tree.slug}-${tree.period?.asOf ?? "plan"}-${name}`;
      return c.body(render(tree), 200, {
        "Content-Type": type,
        "Content-Disposition": `attachment; filename="${file}"`,
      });
    });
  download("measures.csv", "text/csv; charset=utf-8", (t) => measuresCsv(t));
  download("roadmap.csv", "text/csv; charset=utf-8", (t) => roadmapCsv(t));
  download("plan.json", "application/json; charset=utf-8", (t) => planJson(t));

  app.notFound((c) =>
    c.html(notFoundPage("お探しのページは見つかりませんでした。URL をお確かめください。"), 404),
  );
  app.onError((error, c) => {
    console.error(error);
    return c.html(notFoundPage("申し訳ありません。サーバーでエラーが起きました。"), 500);
  });
  return app;
}
