import type { Context } from "hono";
import { languageOf } from "../i18n/language.ts";
import type { Lang } from "../i18n/messages.ts";

/** What every page needs to know about its request: the reader's language and the page's own path. */
export interface PageContext {
  lang: Lang;
  path: string;
}

export function pageContext(c: Context): PageContext {
  const url = new URL(c.req.url);
  return { lang: languageOf(c), path: `${url.pathname}${url.search}` };
}
