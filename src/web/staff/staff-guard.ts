import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sameToken } from "../../commands/auth/same-token.ts";
import { findSession } from "../../commands/auth/session-store.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { errorPage } from "../views/error-page.ts";
import { SESSION_COOKIE, type StaffEnv } from "./staff-env.ts";

/** Load the session named by the cookie into `c.var.session` (null when there is none). */
export function loadSession(store: Store): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    c.set("session", await findSession(store, getCookie(c, SESSION_COOKIE)));
    await next();
  };
}

/**
 * Every staff page needs a session (else: to the login page, coming back afterwards), and every
 * form post needs the session's CSRF token (else: 403, nothing done).
 */
export function requireSession(): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const session = c.get("session");
    if (!session) {
      const url = new URL(c.req.url);
      if (c.req.method !== "GET") {
        const page = pageContext(c);
        return c.html(errorPage(page.lang, page.path, 401), 401);
      }
      return c.redirect(
        `/staff/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`,
        303,
      );
    }
    if (c.req.method === "POST") {
      const body = await c.req.parseBody();
      if (!sameToken(typeof body._csrf === "string" ? body._csrf : undefined, session.csrfToken)) {
        const page = pageContext(c);
        return c.html(errorPage(page.lang, page.path, 403, "staleForm"), 403);
      }
    }
    await next();
  };
}
