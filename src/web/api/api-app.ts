import { Hono } from "hono";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import type { Store } from "../../store/store.ts";
import type { ApiEnv } from "./api-env.ts";
import { problem, problemOf } from "./api-problem.ts";
import { OPENAPI_DOCUMENT } from "./openapi.ts";
import { draftApiRoutes } from "./routes/draft-api-routes.ts";
import { indicatorApiRoutes } from "./routes/indicator-api-routes.ts";
import { measureApiRoutes } from "./routes/measure-api-routes.ts";
import { nationalIndicatorApiRoutes } from "./routes/national-indicator-api-routes.ts";
import { organizationApiRoutes } from "./routes/organization-api-routes.ts";
import { planApiRoutes } from "./routes/plan-api-routes.ts";
import { searchApiRoutes } from "./routes/search-api-routes.ts";

/** Revalidated on every use: the ETag makes that a 304 when nothing changed. */
export const API_CACHE_CONTROL = "public, max-age=0, must-revalidate";
const OPEN_DATA_HEADERS = ["ETag", "Link", "X-Total-Count"];
const OPENAPI_JSON = `${JSON.stringify(OPENAPI_DOCUMENT, null, 2)}\n`;

const sha256 = (body: Uint8Array) => crypto.subtle.digest("SHA-256", body);
const isDraft = (path: string) => /\/draft\/?$/u.test(path);

/**
 * The JSON API, mounted at `/api`: `/api/openapi.json` describes it (OpenAPI 3.1), `/api/v1/…`
 * is the API. Reads are open data: only published periods, CORS for any origin, an ETag (a hash
 * of the body) on every 200 with 304 for `If-None-Match`. Writes (progress drafts) need an API
 * token and are never offered cross-origin. Every error is `application/problem+json`.
 * @example app.route("/api", apiApp(store));
 */
export function apiApp(store: Store) {
  const api = new Hono<ApiEnv>();
  const openData = cors({
    origin: "*",
    allowMethods: ["GET", "HEAD"],
    exposeHeaders: OPEN_DATA_HEADERS,
    maxAge: 86400,
  });
  api.use("*", (c, next) => (isDraft(c.req.path) ? next() : openData(c, next)));
  api.use("*", async (c, next) => {
    await next();
    const cacheable = c.req.method === "GET" || c.req.method === "HEAD";
    if (
      cacheable &&
      (c.res.status === 200 || c.res.status === 304) &&
      !c.res.headers.has("Cache-Control")
    )
      c.header("Cache-Control", API_CACHE_CONTROL);
  });
  api.use(
    "*",
    etag({
      generateDigest: sha256,
      retainedHeaders: [
        ...RETAINED_304_HEADERS,
        "access-control-allow-origin",
        "access-control-expose-headers",
      ],
    }),
  );

  api.get("/openapi.json", (c) =>
    c.body(OPENAPI_JSON, 200, { "Content-Type": "application/json; charset=utf-8" }),
  );
  organizationApiRoutes(api, store);
  planApiRoutes(api, store);
  measureApiRoutes(api, store);
  indicatorApiRoutes(api, store);
  searchApiRoutes(api, store);
  nationalIndicatorApiRoutes(api, store);
  draftApiRoutes(api, store);

  api.all("*", (c) => problem(c, "not_found", "この URL の API はありません"));
  api.onError((error, c) => problemOf(c, error));
  return api;
}
