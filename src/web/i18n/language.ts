import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { safeNextPath } from "../safe-next-path.ts";
import type { Lang } from "./messages.ts";

/** The language of a request: `?lang=` first, then the `lang` cookie, Japanese by default. */
export function languageOf(c: Context): Lang {
  const asked = c.req.query("lang") ?? getCookie(c, "lang");
  return asked === "en" ? "en" : "ja";
}

/** `GET /language?lang=en&next=/plans/x`: remember the language in a cookie and go back. Works without script. */
export function languageRoutes(app: Hono): void {
  app.get("/language", (c) => {
    const lang: Lang = c.req.query("lang") === "en" ? "en" : "ja";
    setCookie(c, "lang", lang, {
      path: "/",
      sameSite: "Lax",
      httpOnly: true,
      maxAge: 60 * 60 * 24 * 365,
    });
    return c.redirect(safeNextPath(c.req.query("next"), "/"), 303);
  });
}
