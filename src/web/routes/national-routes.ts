import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { prefectureOf } from "../../domain/prefecture.ts";
import { loadNationalIndex } from "../../store/queries/national-index-query.ts";
import { findOrganization } from "../../store/queries/organization-query.ts";
import { searchIndicators } from "../../store/search/indicator-search.ts";
import { searchMeasures } from "../../store/search/measure-search.ts";
import type { Store } from "../../store/store.ts";
import { nationalIndexPage } from "../views/national-index-page.ts";
import { nationalIndicatorPage } from "../views/national-indicator-page.ts";
import { nationalSearchPage } from "../views/national-search-page.ts";
import { organizationNotFoundPage } from "../views/organization-not-found-page.ts";
import { organizationPage } from "../views/organization-page.ts";
import {
  INDICATOR_COUNT_LIMIT,
  INDICATOR_PAGE_SIZE,
  nationalIndicatorRequest,
} from "./national-indicator-schema.ts";
import {
  NATIONAL_COUNT_LIMIT,
  NATIONAL_PAGE_SIZE,
  nationalSearchRequest,
} from "./national-search-schema.ts";
import { pageContext } from "./page-context.ts";

const STYLE = readFileSync(new URL("../assets/national.css", import.meta.url), "utf8");

/**
 * The pages over every organization: the national index (`/`, organizations by prefecture with
 * their plans), an organization's page (`/orgs/:code`, stable: the 6-digit code) and the search
 * across the latest published period of every plan (`/search?q=&pref=&org=&page=`), and the
 * indicators of every plan by name (`/indicators?q=&pref=&page=`).
 */
export function nationalRoutes(app: Hono, store: Store): void {
  app.get("/assets/national.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get("/", async (c) =>
    c.html(nationalIndexPage(pageContext(c), await loadNationalIndex(store.db))),
  );

  app.get("/orgs/:code", async (c) => {
    const page = pageContext(c);
    const code = c.req.param("code");
    const organization = /^\d{6}$/u.test(code) ? await findOrganization(store.db, code) : undefined;
    if (!organization) return c.html(organizationNotFoundPage(page, code), 404);
    const [indexed] = await loadNationalIndex(store.db, { code });
    return c.html(organizationPage(page, organization, indexed?.plans ?? []));
  });

  app.get("/search", async (c) => {
    const page = pageContext(c);
    const request = nationalSearchRequest(c.req.query());
    const asked = request.organization
      ? await findOrganization(store.db, request.organization)
      : undefined;
    // An organization outside the chosen prefecture (a stale URL) is dropped, as an unknown one is.
    const organization =
      asked &&
      (request.prefecture === null || prefectureOf(asked.code)?.code === request.prefecture)
        ? asked
        : undefined;
    const prefecture = request.prefecture ?? prefectureOf(organization?.code ?? "")?.code ?? null;
    const searched = { ...request, organization: organization?.code ?? null };
    const [choices, found] = await Promise.all([
      prefecture === null ? [] : loadNationalIndex(store.db, { prefecture }),
      request.q.trim() === ""
        ? null
        : searchMeasures(store, {
            query: request.q,
            prefecture: request.prefecture ?? undefined,
            organization: organization?.code,
            limit: NATIONAL_PAGE_SIZE,
            offset: (request.page - 1) * NATIONAL_PAGE_SIZE,
            countLimit: NATIONAL_COUNT_LIMIT,
          }),
    ]);
    return c.html(
      nationalSearchPage(page, searched, found, {
        prefecture,
        organizations: choices.map((o) => ({ code: o.code, name: o.name })),
        organizationName: organization?.name ?? null,
      }),
    );
  });

  app.get("/indicators", async (c) => {
    const request = nationalIndicatorRequest(c.req.query());
    const found =
      request.q.trim() === ""
        ? null
        : await searchIndicators(store, {
            query: request.q,
            prefecture: request.prefecture ?? undefined,
            limit: INDICATOR_PAGE_SIZE,
            offset: (request.page - 1) * INDICATOR_PAGE_SIZE,
            countLimit: INDICATOR_COUNT_LIMIT,
          });
    return c.html(nationalIndicatorPage(pageContext(c), request, found));
  });
}
