import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import type { Store } from "../store/store.ts";
import { apiApp } from "./api/api-app.ts";
import { languageRoutes } from "./i18n/language.ts";
import type { Logger } from "./logging/json-logger.ts";
import { requestLog } from "./logging/request-log.ts";
import { pageCache } from "./middleware/page-cache.ts";
import { catalogueRoutes } from "./routes/catalogue-routes.ts";
import { feedRoutes } from "./routes/feed-routes.ts";
import { healthRoutes } from "./routes/health-routes.ts";
import { measureListRoutes } from "./routes/measure-list-routes.ts";
import { nationalRoutes } from "./routes/national-routes.ts";
import { openDataRoutes } from "./routes/open-data-routes.ts";
import { pageContext } from "./routes/page-context.ts";
import { planRoutes } from "./routes/plan-routes.ts";
import { planTreeLoader } from "./routes/plan-tree-loader.ts";
import { searchRoutes } from "./routes/search-routes.ts";
import { staffApp } from "./staff/staff-app.ts";
import { errorPage } from "./views/error-page.ts";
import { notFoundPage } from "./views/not-found-page.ts";

const STYLE = readFileSync(new URL("./assets/style.css", import.meta.url), "utf8");

export interface AppOptions {
  logger?: Logger;
  /**
   * Where the public pages read from (a read replica); the store itself by default. The staff
   * pages and the API (drafts, tokens, sessions) always use `store`, the primary.
   */
  readStore?: Store;
}

/**
 * The public site: server-rendered HTML with no script, and the open-data downloads.
 * @example serve({ fetch: createApp(store).fetch, port: 3000 })
 */
export function createApp(store: Store, options: AppOptions = {}) {
  const { logger } = options;
  const reads = options.readStore ?? store;
  const app = new Hono();
  if (logger) app.use(requestLog(logger));
  // Before the page cache and the headers: plain JSON, never kept.
  healthRoutes(app, reads === store ? [store] : [store, reads], logger);
  app.use(pageCache(reads)); // outermost: a kept page is sent with the headers it was rendered with
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
  languageRoutes(app);
  nationalRoutes(app, reads);
  const planTreeFor = planTreeLoader(reads); // one kept tree per plan, shared by pages and downloads
  feedRoutes(app, reads, planTreeFor);
  planRoutes(app, reads, planTreeFor);
  catalogueRoutes(app, reads);
  app.route("/api", apiApp(store));
  searchRoutes(app, reads);
  measureListRoutes(app, reads);
  openDataRoutes(app, reads, planTreeFor);
  app.route("/staff", staffApp(store));

  app.notFound((c) =>
    c.html(notFoundPage(pageContext(c).lang, pageContext(c).path, "notFoundPage"), 404),
  );
  app.onError((error, c) => {
    if (logger) logger.error("server error", { method: c.req.method, path: c.req.path, error });
    else console.error(error);
    return c.html(errorPage(pageContext(c).lang, pageContext(c).path, 500), 500);
  });
  return app;
}
