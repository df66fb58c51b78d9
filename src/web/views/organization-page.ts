import { html } from "hono/html";
import { prefectureOf } from "../../domain/prefecture.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import type { IndexedPlan } from "../../store/queries/national-index-query.ts";
import { fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { feedLinkList, planFeeds } from "./feed-links.ts";
import { fillJa, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { latestAsOfLabel, prefectureAnchor, prefectureName } from "./national-links.ts";
import { nationalText, nationalTextWith } from "./national-text.ts";

/**
 * An organization's page (`/orgs/:code`): its name, prefecture and code, a search over its
 * plans, and each plan with its span, its latest published progress and its links.
 */
export function organizationPage(
  page: PageContext,
  organization: { code: string; name: string },
  plans: readonly IndexedPlan[],
) {
  const { lang } = page;
  const prefecture = prefectureOf(organization.code);
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const feeds = [
    planFeeds.organization(organization.code, organization.name),
    ...plans.map((p) => planFeeds.publications(p.slug, p.title)),
  ];
  return layout({
    ...page,
    title: organization.name,
    feeds,
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      {
        href: `/#${prefectureAnchor(prefecture?.code ?? null)}`,
        label: prefectureName(lang, prefecture),
      },
    ],
    body: html`<link rel="stylesheet" href="/assets/search.css"><link rel="stylesheet" href="/assets/national.css">
<h1${jaAttr(lang)}>${organization.name}</h1>
<p class="plan-meta">${nationalTextWith(lang, "organizationMeta", {
      prefecture: prefectureName(lang, prefecture),
      code: organization.code,
    })}</p>
${
  plans.length === 0
    ? html`<p>${nationalText(lang, "noPlansHere")}</p>`
    : html`<form role="search" method="get" action="/search" class="search-form national-search" aria-label="${nationalTextWith(lang, "searchOrganizationIntro", { organization: organization.name })}">
<input type="hidden" name="org" value="${organization.code}">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<label for="organization-q">${fillJa(lang, nationalText(lang, "searchOrganizationIntro"), { organization: organization.name }, ["organization"])}</label>
<div class="search-box"><input type="search" id="organization-q" name="q" maxlength="${MAX_QUERY_LENGTH}" autocomplete="off"><button type="submit">${nationalText(lang, "submit")}</button></div>
</form>
<h2>${nationalText(lang, "organizationPlans")}</h2>
${plans.map((p) => planSection(lang, p))}`
}
${feedLinkList(lang, feeds)}`,
  });
}

function planSection(lang: Lang, plan: IndexedPlan) {
  const base = `/plans/${encodeURIComponent(plan.slug)}`;
  return html`<section class="organization-plan" aria-labelledby="plan-${plan.slug}">
<h3 id="plan-${plan.slug}"${jaAttr(lang)}><a href="${base}">${plan.title}</a></h3>
<dl>
<dt>${nationalText(lang, "planSpan")}</dt><dd>${fiscalYearWithGregorianText(lang, plan.firstFiscalYear)}〜${fiscalYearWithGregorianText(lang, plan.lastFiscalYear)}</dd>
<dt>${nationalText(lang, "latestProgress")}</dt><dd>${latestAsOfLabel(lang, plan.latestAsOf)}</dd>
</dl>
<ul class="organization-plan-links">
<li><a href="${base}">${nationalText(lang, "overviewLink")}</a></li>
<li><a href="${base}/search">${nationalText(lang, "planSearchLink")}</a></li>
</ul>
</section>`;
}
