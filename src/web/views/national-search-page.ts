import { html } from "hono/html";

import { PREFECTURES } from "../../domain/prefecture.ts";
import { highlightPieces, type MatchRange } from "../../domain/search-snippet.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import type { MeasureSearch, MeasureSearchResult } from "../../store/search/measure-search.ts";
import { fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import { t } from "../i18n/messages.ts";
import {
  NATIONAL_PAGE_SIZE,
  type NationalSearchRequest,
} from "../routes/national-search-schema.ts";
import type { PageContext } from "../routes/page-context.ts";
import { feedLinkList, planFeeds } from "./feed-links.ts";
import { fillJa, ja, jaAttr, jaAttrFor } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { organizationHref, prefectureName } from "./national-links.ts";
import { nationalText, nationalTextWith } from "./national-text.ts";
import { statusText } from "./status-text.ts";

/** What the form offers besides the query: the prefecture shown and its organizations. */
export interface NationalSearchChoices {
  prefecture: string | null;
  organizations: Array<{ code: string; name: string }>;
  /** The name of the organization searched, when one is. */
  organizationName: string | null;
}

const selected = (on: boolean) => (on ? html` selected` : "");

/** A text with its matches in `<mark>`; every piece is escaped by `html`. */
function marked(text: string, matches: readonly MatchRange[]) {
  return highlightPieces(text, matches).map((p) =>
    p.match ? html`<mark>${p.text}</mark>` : p.text,
  );
}

/**
 * The search across every plan (`/search`): a labelled GET form with the prefecture and
 * organization filters (no script), the number of results in text, one page of results with
 * the matches marked, each naming its organization and plan and linking to the measure.
 */
export function nationalSearchPage(
  page: PageContext,
  request: NationalSearchRequest,
  found: MeasureSearch | null,
  choices: NationalSearchChoices,
) {
  const { lang } = page;
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const searched = found !== null && found.terms.length > 0;
  const feeds = searched ? [planFeeds.search("/search", found.query)] : [];
  return layout({
    ...page,
    feeds,
    title: searched
      ? nationalTextWith(lang, found.totalCapped ? "resultsTitleCapped" : "resultsTitle", {
          query: found.query,
          total: found.total.toLocaleString("ja-JP"),
        })
      : nationalText(lang, "searchTitle"),
    breadcrumbs: [{ href: "/", label: t(lang, "plans") }],
    body: html`<link rel="stylesheet" href="/assets/search.css"><link rel="stylesheet" href="/assets/national.css">
<h1>${nationalText(lang, "searchTitle")}</h1>
<p>${
      choices.organizationName
        ? fillJa(
            lang,
            nationalText(lang, "searchOrganizationIntro"),
            { organization: choices.organizationName },
            ["organization"],
          )
        : nationalText(lang, "searchIntro")
    }</p>
${searchForm(lang, request, found, choices, keepLang)}
${request.q.trim() === "" ? html`<p class="search-message">${nationalText(lang, "empty")}</p>` : results(lang, request, found, keepLang)}
<p class="national-indicator-link"><a href="/indicators${keepLang ? "?lang=en" : ""}">${nationalText(lang, "indicatorSearchLink")}</a></p>
${feedLinkList(lang, feeds)}`,
  });
}

function searchForm(
  lang: Lang,
  request: NationalSearchRequest,
  found: MeasureSearch | null,
  choices: NationalSearchChoices,
  keepLang: boolean,
) {
  const option = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${selected(on)}${jaAttrFor(lang, label)}>${label}</option>`;
  return html`<form role="search" method="get" action="/search" class="search-form" aria-label="${nationalText(lang, "searchTitle")}">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<div class="search-query">
<label for="search-q">${nationalText(lang, "query")}</label>
<p class="hint" id="search-q-hint">${nationalText(lang, "queryHint")}</p>
<div class="search-box"><input type="search" id="search-q" name="q" value="${found?.query ?? request.q}" maxlength="${MAX_QUERY_LENGTH}" aria-describedby="search-q-hint" autocomplete="off"><button type="submit">${nationalText(lang, "submit")}</button></div>
</div>
<fieldset><legend>${nationalText(lang, "filterLegend")}</legend><div class="search-fields">
<div class="search-field"><label for="search-pref">${nationalText(lang, "prefecture")}</label><select id="search-pref" name="pref">${option("", nationalText(lang, "all"), choices.prefecture === null)}${PREFECTURES.map(
    (p) => option(p.code, prefectureName(lang, p), p.code === choices.prefecture),
  )}</select></div>
<div class="search-field"><label for="search-org">${nationalText(lang, "organization")}</label><select id="search-org" name="org" aria-describedby="search-org-hint">${option("", nationalText(lang, "all"), request.organization === null)}${choices.organizations.map(
    (o) => option(o.code, o.name, o.code === request.organization),
  )}</select><p class="hint" id="search-org-hint">${nationalText(lang, "organizationHint")}</p></div>
</div></fieldset>
<div class="search-actions"><button type="submit">${nationalText(lang, "submitFilters")}</button><a href="/search${keepLang ? "?lang=en" : ""}">${nationalText(lang, "reset")}</a></div>
</form>`;
}

function results(
  lang: Lang,
  request: NationalSearchRequest,
  found: MeasureSearch | null,
  keepLang: boolean,
) {
  if (!found) return "";
  const query = found.query.trim();
  const notice = found.truncated
    ? html`<p class="search-message">${nationalTextWith(lang, "truncated", { max: MAX_QUERY_LENGTH })}</p>`
    : "";
  if (found.terms.length === 0)
    return html`${notice}<p class="search-message">${fillJa(lang, nationalText(lang, "symbolsOnly"), { query }, ["query"])}</p>`;
  const from = (request.page - 1) * NATIONAL_PAGE_SIZE + 1;
  const to = from + found.results.length - 1;
  const total = found.total.toLocaleString("ja-JP");
  const count =
    found.total === 0
      ? fillJa(lang, nationalText(lang, "noResults"), { query }, ["query"])
      : found.results.length === 0
        ? fillJa(lang, nationalText(lang, "countBeyond"), { query, total }, ["query"])
        : fillJa(
            lang,
            nationalText(lang, found.totalCapped ? "countCapped" : "count"),
            { query, total, from, to },
            ["query"],
          );
  const href = (pageNumber: number) => {
    const params = new URLSearchParams({ q: request.q });
    if (request.prefecture) params.set("pref", request.prefecture);
    if (request.organization) params.set("org", request.organization);
    if (keepLang) params.set("lang", "en");
    params.set("page", String(pageNumber));
    return `/search?${params}`;
  };
  return html`<section aria-labelledby="results-heading">
<h2 id="results-heading">${nationalText(lang, "resultsHeading")}</h2>
${notice}<p class="result-count" id="result-count">${count}</p>
${
  found.results.length > 0
    ? html`<ol class="search-results" start="${from}" aria-describedby="result-count">${found.results.map(
        (r) => resultItem(lang, r),
      )}</ol>`
    : ""
}
${
  found.total > NATIONAL_PAGE_SIZE
    ? html`<nav class="search-pages" aria-label="${nationalText(lang, "pagination")}"><ul>${
        request.page > 1
          ? html`<li><a href="${href(request.page - 1)}" rel="prev">${nationalTextWith(lang, "previous", { n: NATIONAL_PAGE_SIZE })}</a></li>`
          : ""
      }${
        to < found.total && found.results.length > 0
          ? html`<li><a href="${href(request.page + 1)}" rel="next">${nationalTextWith(lang, "next", { n: NATIONAL_PAGE_SIZE })}</a></li>`
          : ""
      }</ul></nav>`
    : ""
}
</section>`;
}

function resultItem(lang: Lang, r: MeasureSearchResult) {
  const base = `/plans/${encodeURIComponent(r.plan.slug)}`;
  const anchor = `#measure-${encodeURIComponent(r.measureCode)}`;
  const link =
    r.item.number === null ? `${base}${anchor}` : `${base}/items/${r.item.number}${anchor}`;
  const snippet = r.snippet;
  const source =
    snippet?.source === "roadmap" && snippet.fiscalYear !== null
      ? nationalTextWith(lang, "roadmapAt", {
          year: fiscalYearWithGregorianText(lang, snippet.fiscalYear),
        })
      : nationalText(lang, "progress");
  return html`<li class="search-result">
<h3 class="result-title"><a href="${link}"${jaAttr(lang)}>${marked(r.measureTitle, r.titleMatches)}</a></h3>
<p class="result-plan"><span class="result-label">${nationalText(lang, "plan")}：</span><a href="${organizationHref(r.plan.organizationCode)}"${jaAttr(lang)}>${r.plan.organizationName}</a><span class="result-separator">／</span><a href="${base}"${jaAttr(lang)}>${r.plan.title}</a></p>
<p class="result-item"><span class="result-label">${nationalText(lang, "item")}：</span>${ja(lang, html`${r.item.number === null ? "" : `No.${r.item.number} `}${r.item.label}. ${marked(r.item.title, r.item.titleMatches)}`)}</p>
<p class="result-meta"><span class="result-label">${nationalText(lang, "status")}：</span>${r.status ? ja(lang, r.status.name) : nationalText(lang, "unset")}${r.statusSuggested ? html` <span class="status-source">（${statusText(lang, "suggested")}）</span>` : ""}</p>
${
  snippet
    ? html`<p class="result-snippet"><span class="result-label">${source}：</span>${ja(lang, html`${snippet.before ? "…" : ""}${marked(snippet.text, snippet.matches)}${snippet.after ? "…" : ""}`)}</p>`
    : ""
}
</li>`;
}
