import type { Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Lang } from "./messages.ts";

/** The language of a request: `?lang=` first, then the `lang` cookie, Japanese by default. */
export function languageOf(c: Context): Lang {
  const asked = c.req.query("lang") ?? getCookie(c, "lang");
  return asked === "en" ? "en" : "ja";
}

/** A path on this site, or "/" for anything that could lead elsewhere (`//host`, `https:`, `/\host`). */
export function localPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
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
    return c.redirect(localPath(c.req.query("next")), 303);
  });
}
