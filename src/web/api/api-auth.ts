import type { MiddlewareHandler } from "hono";
import { findApiToken } from "../../commands/api/api-token-store.ts";
import type { Store } from "../../store/store.ts";
import type { ApiEnv } from "./api-env.ts";
import { problem } from "./api-problem.ts";

/**
 * Requests that write (and read drafts) carry `Authorization: Bearer TOKEN`; a missing, unknown
 * or revoked token is refused with 401 before anything else is looked at. Cookies are never
 * read here, so a signed-in person's browser cannot be made to write (no CSRF).
 */
export function requireApiToken(store: Store): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)[ ]*$/iu.exec(header);
    if (!match) {
      return problem(
        c,
        "unauthenticated",
        "Authorization: Bearer でAPIトークンを送ってください",
        {},
        { "WWW-Authenticate": 'Bearer realm="shinchoku"' },
      );
    }
    const holder = await findApiToken(store, match[1]);
    if (!holder) {
      return problem(
        c,
        "unauthenticated",
        "APIトークンが正しくないか、無効にされています",
        {},
        { "WWW-Authenticate": 'Bearer realm="shinchoku", error="invalid_token"' },
      );
    }
    c.set("token", holder);
    await next();
  };
}
