import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { DESIGN_TOKENS, SITE_STYLE } from "../assets/site-assets.ts";
import { type Lang, t } from "../i18n/messages.ts";
import { currentSiteIdentity, type SiteIdentity } from "../site/site-identity.ts";
import { jaRuns } from "./lang-ja.ts";

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

/**
 * The page frame after the Digital Agency design system's patterns: language, skip link, a header
 * with the organization's logo and name (settings: `SHINCHOKU_ORG_NAME`, `SHINCHOKU_ORG_LOGO`)
 * and the language switch, breadcrumbs under it, the main landmark, a footer with the
 * accessibility pages. Titles and crumbs come from the store and are Japanese: in English pages
 * they are marked `lang="ja"`. No script at all.
 */
export function layout(page: PageFrame) {
  const other: Lang = page.lang === "ja" ? "en" : "ja";
  const switchHref = `/language?lang=${other}&next=${encodeURIComponent(page.path)}`;
  const site = currentSiteIdentity();
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.titlePrefix ?? ""}${page.title}｜${siteTitle(page.lang, site)}</title>
<link rel="icon" href="${site.favicon.href}" type="${site.favicon.type}">
<link rel="stylesheet" href="${DESIGN_TOKENS.href}">
<link rel="stylesheet" href="${SITE_STYLE.href}">
${(page.feeds ?? []).map(
  (f) => html`<link rel="alternate" type="application/atom+xml" href="${f.href}" title="${f.title}">
`,
)}</head>
<body>
<a class="skip-link" href="#main">${t(page.lang, "skipToContent")}</a>
<header class="site-header">
  <div class="site-bar">
    <p class="site-name"><a href="/">${siteMark(page.lang, site)}</a></p>
    <p class="language-switch"><a href="${switchHref}" lang="${other}" hreflang="${other}" aria-label="${t(page.lang, "languageSwitchLabel")}">${t(page.lang, "languageSwitch")}</a></p>
  </div>
  ${page.headerNav ? html`<div class="site-nav">${page.headerNav}</div>` : ""}
</header>
${
  page.breadcrumbs && page.breadcrumbs.length > 0
    ? html`<nav class="breadcrumbs-bar" aria-label="${t(page.lang, "breadcrumbs")}"><ol class="breadcrumbs">${page.breadcrumbs.map(
        (b) => html`<li><a href="${b.href}">${jaRuns(page.lang, b.label)}</a></li>`,
      )}<li aria-current="page">${jaRuns(page.lang, page.title)}</li></ol></nav>`
    : ""
}
<main id="main" tabindex="-1">
${page.body}
</main>
<footer class="site-footer">
<ul class="footer-links">
<li><a href="/accessibility">${t(page.lang, "accessibilityPolicy")}</a></li>
<li><a href="/accessibility/results">${t(page.lang, "accessibilityResults")}</a></li>
</ul>
<p>${t(page.lang, "footer")}</p>
</footer>
</body>
</html>`;
}

/** The header's mark: the logo (decorative: the name beside it says who), the organization, the product. */
function siteMark(lang: Lang, site: SiteIdentity) {
  const name =
    lang === "en" ? (site.organizationNameEn ?? site.organizationName) : site.organizationName;
  return html`${site.logo ? html`<img class="site-logo" src="${site.logo.href}" alt="" height="40">` : ""}${
    name === null
      ? ""
      : html`<span class="site-organization"${lang === "en" && site.organizationNameEn === null ? html` lang="ja"` : ""}>${name}</span>`
  }<span class="site-product">${t(lang, "siteName")}</span>`;
}

function siteTitle(lang: Lang, site: SiteIdentity): string {
  const name =
    lang === "en" ? (site.organizationNameEn ?? site.organizationName) : site.organizationName;
  return name === null ? t(lang, "siteName") : `${t(lang, "siteName")}｜${name}`;
}
