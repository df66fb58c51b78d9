import type { MiddlewareHandler } from "hono";
import { pageContext } from "../routes/page-context.ts";
import { errorPage } from "../views/error-page.ts";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Every form post is read here once, before any route: a body that is not a form (another
 * `Content-Type`, or none) or a form that cannot be read (malformed multipart, no boundary) is
 * answered with a 400 page naming the problem, and nothing runs. Hono keeps the parsed form, so
 * the routes' own `parseBody()` reads it again at no cost and can no longer throw.
 */
export function formBody(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const type = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    const refuse = (detail: "unsupportedForm" | "unreadableForm") => {
      const page = pageContext(c);
      return c.html(errorPage(page.lang, page.path, 400, detail), 400);
    };
    if (!FORM_TYPES.has(type)) return refuse("unsupportedForm");
    try {
      await c.req.parseBody();
    } catch {
      return refuse("unreadableForm");
    }
    await next();
  };
}
