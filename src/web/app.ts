import { Hono } from "hono";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { outboxPasswordSetLinkSender } from "../commands/accounts/password-set-link-mail.ts";
import type { PasswordSetLinkSender } from "../commands/accounts/password-set-link-sender.ts";
import type { ReminderMail } from "../commands/reminders/reminder-queue.ts";
import type { Store } from "../store/store.ts";
import { apiApp } from "./api/api-app.ts";
import { DESIGN_TOKENS, SITE_STYLE } from "./assets/site-assets.ts";
import { serveAssets } from "./assets/static-asset.ts";
import { languageRoutes } from "./i18n/language.ts";
import type { Logger } from "./logging/json-logger.ts";
import { requestLog } from "./logging/request-log.ts";
import { createPageCache, type PageCache } from "./middleware/page-cache.ts";
import { accessibilityRoutes } from "./routes/accessibility-routes.ts";
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
import { DEFAULT_SITE_IDENTITY, type SiteIdentity, useSiteIdentity } from "./site/site-identity.ts";
import { staffApp } from "./staff/staff-app.ts";
import { errorPage } from "./views/error-page.ts";
import { notFoundPage } from "./views/not-found-page.ts";

export interface AppOptions {
  logger?: Logger;
  /**
   * Where the public pages read from (a read replica); the store itself by default. The staff
   * pages and the API (drafts, tokens, sessions) always use `store`, the primary.
   */
  readStore?: Store;
  /**
   * Where the links in e-mail point, when mail is configured: opening a period and returning a
   * draft then queue messages in their transaction. null or absent: nothing is queued.
   */
  mail?: ReminderMail | null;
  /**
   * Sends the password-set links the account pages issue; where `mail` is set and this is not,
   * they are queued in the outbox to the account's address.
   */
  passwordSetLinkSender?: PasswordSetLinkSender;
  /** The organization's name and logo in the header, and the favicon (the shipped one by default). */
  site?: SiteIdentity;
}

/**
 * The public site: server-rendered HTML with no script, and the open-data downloads.
 * @example serve({ fetch: createApp(store).fetch, port: 3000 })
 */
export function createApp(store: Store, options: AppOptions = {}) {
  return createSite(store, options).app;
}

/**
 * {@link createApp}, with its page cache: a server answers kept pages from it before Hono
 * (`keptPageListener`), the app renders and keeps the others.
 */
export function createSite(
  store: Store,
  options: AppOptions = {},
): { app: Hono; pages: PageCache } {
  const { logger } = options;
  const reads = options.readStore ?? store;
  const site = options.site ?? DEFAULT_SITE_IDENTITY;
  // Where mail is configured, password-set links go out by e-mail too (queued in the outbox).
  const passwordSetLinkSender =
    options.passwordSetLinkSender ??
    (options.mail ? outboxPasswordSetLinkSender(store, options.mail) : undefined);
  useSiteIdentity(site);
  const app = new Hono();
  if (logger) app.use(requestLog(logger));
  // Before the page cache and the headers: plain JSON, never kept.
  healthRoutes(app, reads === store ? [store] : [store, reads], logger);
  const pages = createPageCache(reads, { variant: site.fingerprint });
  app.use(pages.middleware); // outermost: a kept page is sent with the headers it was rendered with
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

  serveAssets(app, [DESIGN_TOKENS, SITE_STYLE, site.favicon, ...(site.logo ? [site.logo] : [])]);
  // Browsers ask for /favicon.ico whatever the page links to: the favicon's own bytes and type.
  app.get("/favicon.ico", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    c.header("Content-Type", site.favicon.type);
    return c.body(site.favicon.body as Uint8Array<ArrayBuffer>, 200);
  });
  languageRoutes(app);
  accessibilityRoutes(app);
  nationalRoutes(app, reads);
  const planTreeFor = planTreeLoader(reads); // one kept tree per plan, shared by pages and downloads
  feedRoutes(app, reads, planTreeFor);
  planRoutes(app, reads, planTreeFor);
  catalogueRoutes(app, reads);
  app.route("/api", apiApp(store));
  searchRoutes(app, reads);
  measureListRoutes(app, reads);
  openDataRoutes(app, reads, planTreeFor);
  app.route(
    "/staff",
    staffApp(store, {
      mail: options.mail ?? null,
      ...(passwordSetLinkSender ? { passwordSetLinkSender } : {}),
    }),
  );

  app.notFound((c) =>
    c.html(notFoundPage(pageContext(c).lang, pageContext(c).path, "notFoundPage"), 404),
  );
  app.onError((error, c) => {
    if (logger) logger.error("server error", { method: c.req.method, path: c.req.path, error });
    else console.error(error);
    return c.html(errorPage(pageContext(c).lang, pageContext(c).path, 500), 500);
  });
  return { app, pages };
}
