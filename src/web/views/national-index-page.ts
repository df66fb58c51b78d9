import { html } from "hono/html";
import { type Prefecture, prefectureOf } from "../../domain/prefecture.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import type { IndexedOrganization } from "../../store/queries/national-index-query.ts";
import { t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import {
  latestAsOfLabel,
  organizationHref,
  prefectureAnchor,
  prefectureName,
} from "./national-links.ts";
import { nationalText, nationalTextWith } from "./national-text.ts";

/** The organizations of one prefecture (null: codes that name none), in code order. */
export interface PrefectureGroup {
  prefecture: Prefecture | null;
  organizations: IndexedOrganization[];
  plans: number;
}

/**
 * Organizations grouped by the prefecture of their code, in prefecture order (北海道 first), the
 * organizations whose code names no prefecture last. Only prefectures with an organization.
 */
export function groupByPrefecture(
  organizations: readonly IndexedOrganization[],
): PrefectureGroup[] {
  const groups = new Map<string, PrefectureGroup>();
  for (const organization of organizations) {
    const prefecture = prefectureOf(organization.code);
    const key = prefecture?.code ?? "99";
    const group = groups.get(key) ?? { prefecture, organizations: [], plans: 0 };
    group.organizations.push(organization);
    group.plans += organization.plans.length;
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

/**
 * The national index (`/`): a search box over every plan, a jump list of the prefectures that
 * have organizations, then one section per prefecture with its organizations and their plans
 * (each with the as-of date of its latest published progress).
 */
export function nationalIndexPage(
  page: PageContext,
  organizations: readonly IndexedOrganization[],
) {
  const { lang } = page;
  const groups = groupByPrefecture(organizations);
  const planCount = groups.reduce((n, g) => n + g.plans, 0);
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const counts = (g: PrefectureGroup) =>
    nationalTextWith(lang, "prefectureCounts", {
      organizations: g.organizations.length,
      plans: g.plans,
    });
  return layout({
    ...page,
    title: t(lang, "plans"),
    body: html`<link rel="stylesheet" href="/assets/search.css"><link rel="stylesheet" href="/assets/national.css">
<h1>${t(lang, "plans")}</h1>
${
  groups.length === 0
    ? html`<p>${t(lang, "noPlans")}</p>`
    : html`<p>${nationalText(lang, "intro")}</p>
<p class="national-totals">${nationalTextWith(lang, "totals", { organizations: organizations.length, plans: planCount })}</p>
<form role="search" method="get" action="/search" class="search-form national-search" aria-label="${nationalText(lang, "searchTitle")}">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<label for="national-q">${nationalText(lang, "searchTitle")}</label>
<p class="hint" id="national-q-hint">${nationalText(lang, "queryHint")}</p>
<div class="search-box"><input type="search" id="national-q" name="q" maxlength="${MAX_QUERY_LENGTH}" aria-describedby="national-q-hint" autocomplete="off"><button type="submit">${nationalText(lang, "submit")}</button></div>
</form>
<p class="national-indicator-link"><a href="/indicators${keepLang ? "?lang=en" : ""}">${nationalText(lang, "indicatorSearchLink")}</a></p>
<nav class="prefecture-jump" aria-labelledby="prefecture-jump-heading">
<h2 id="prefecture-jump-heading">${nationalText(lang, "jumpList")}</h2>
<ul>${groups.map(
        (g) =>
          html`<li><a href="#${prefectureAnchor(g.prefecture?.code ?? null)}">${prefectureName(lang, g.prefecture)}<span class="count">（${counts(g)}）</span></a></li>`,
      )}</ul>
</nav>
${groups.map(
  (
    g,
  ) => html`<section class="prefecture" aria-labelledby="${prefectureAnchor(g.prefecture?.code ?? null)}">
<h2 id="${prefectureAnchor(g.prefecture?.code ?? null)}">${prefectureName(lang, g.prefecture)}<span class="count">（${counts(g)}）</span></h2>
<ul class="organization-list">${g.organizations.map(
    (o) => html`<li>
<h3 class="organization-name"><a href="${organizationHref(o.code)}"${jaAttr(lang)}>${o.name}</a></h3>
<ul class="organization-plans">${o.plans.map(
      (p) =>
        html`<li><a href="/plans/${encodeURIComponent(p.slug)}"${jaAttr(lang)}>${p.title}</a><span class="count">（${latestAsOfLabel(lang, p.latestAsOf)}）</span></li>`,
    )}</ul>
</li>`,
  )}</ul>
</section>`,
)}`
}`,
  });
}
