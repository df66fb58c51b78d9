import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { type Lang, t } from "../i18n/messages.ts";

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  lang: Lang;
  /** The page's own path and query, for the language switch to come back to. */
  path: string;
  title: string;
  /** `<title>` prefix, e.g. 「エラー：」 for a form with errors. */
  titlePrefix?: string;
  body: Content;
  breadcrumbs?: Array<{ href: string; label: string }>;
  /** Navigation under the site bar: a plan's pages and its search form (`planNav`). */
  headerNav?: Content;
  /** Atom feeds of what the page shows, as `<link rel="alternate">` (views/feed-links.ts). */
  feeds?: ReadonlyArray<{ href: string; title: string }>;
}

/** The page frame: language, skip link, header with the language switch, main landmark, footer. No script at all. */
export function layout(page: PageFrame) {
  const other: Lang = page.lang === "ja" ? "en" : "ja";
  const switchHref = `/language?lang=${other}&next=${encodeURIComponent(page.path)}`;
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.titlePrefix ?? ""}${page.title}｜${t(page.lang, "siteName")}</title>
<link rel="stylesheet" href="/assets/style.css">
${(page.feeds ?? []).map(
  (f) => html`<link rel="alternate" type="application/atom+xml" href="${f.href}" title="${f.title}">
`,
)}</head>
<body>
<a class="skip-link" href="#main">${t(page.lang, "skipToContent")}</a>
<header class="site-header">
  <div class="site-bar">
    <p class="site-name"><a href="/">${t(page.lang, "siteName")}</a></p>
    <p class="language-switch"><a href="${switchHref}" lang="${other}" hreflang="${other}" aria-label="${t(page.lang, "languageSwitchLabel")}">${t(page.lang, "languageSwitch")}</a></p>
  </div>
  ${page.headerNav ?? ""}
  ${
    page.breadcrumbs && page.breadcrumbs.length > 0
      ? html`<nav aria-label="${t(page.lang, "breadcrumbs")}"><ol class="breadcrumbs">${page.breadcrumbs.map(
          (b) => html`<li><a href="${b.href}">${b.label}</a></li>`,
        )}<li aria-current="page">${page.title}</li></ol></nav>`
      : ""
  }
</header>
<main id="main" tabindex="-1">
${page.body}
</main>
<footer class="site-footer"><p>${t(page.lang, "footer")}</p></footer>
</body>
</html>`;
}
