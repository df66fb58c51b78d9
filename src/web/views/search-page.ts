import { html } from "hono/html";
import { parseIsoDate } from "../../domain/era.ts";
import { highlightPieces, type MatchRange } from "../../domain/search-snippet.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import {
  type MeasureSearch,
  type MeasureSearchResult,
  UNSET_STATUS,
} from "../../store/search/measure-search.ts";
import type { SearchFilters } from "../../store/search/search-filters.ts";
import { dateText, fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { SEARCH_PAGE_SIZE, type SearchRequest } from "../routes/search-schema.ts";
import { feedLinkList, planFeeds } from "./feed-links.ts";
import { fillJa, ja, jaAttr, jaAttrFor } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planNav } from "./plan-nav.ts";
import { searchText, searchTextWith } from "./search-text.ts";
import { statusText } from "./status-text.ts";

const selected = (on: boolean) => (on ? html` selected` : "");

/** 平成25年9月末時点（2013年9月30日）: 和暦 first, 西暦 in brackets. */
function periodLabel(lang: Lang, asOf: string): string {
  const { year, month, day } = parseIsoDate(asOf);
  return searchTextWith(lang, "periodOption", {
    date: dateText(lang, asOf),
    iso: lang === "ja" ? `${year}年${month}月${day}日` : asOf,
  });
}

/** A text with its matches in `<mark>`; every piece is escaped by `html`. */
function marked(text: string, matches: readonly MatchRange[]) {
  return highlightPieces(text, matches).map((p) =>
    p.match ? html`<mark>${p.text}</mark>` : p.text,
  );
}

/**
 * The search page of a plan: a labelled GET search form with its filters (no script), the
 * number of results in text, and one page of results with the matches marked, each linking to
 * the measure on its item's page.
 */
export function searchPage(
  page: PageContext,
  filters: SearchFilters,
  request: SearchRequest,
  found: MeasureSearch | null,
) {
  const { lang } = page;
  const base = `/plans/${encodeURIComponent(filters.plan.slug)}`;
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const searched = found !== null && found.terms.length > 0;
  const period = found?.period ?? request.period ?? filters.periods.at(-1) ?? null;
  const feeds = searched ? [planFeeds.search(`${base}/search`, found.query)] : [];
  return layout({
    ...page,
    feeds,
    title: searched
      ? searchTextWith(lang, "resultsTitle", { query: found.query, total: found.total })
      : searchText(lang, "title"),
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      { href: base, label: filters.plan.title },
    ],
    headerNav: planNav({
      lang,
      slug: filters.plan.slug,
      pagePath: page.path,
      period: period !== null && period !== filters.periods.at(-1) ? period : null,
      current: "search",
    }),
    body: html`<link rel="stylesheet" href="/assets/search.css">
<h1>${searchText(lang, "title")}</h1>
<p class="plan-meta">${ja(lang, filters.plan.title)}${
      period
        ? `・${searchTextWith(lang, "searchedPeriod", { period: periodLabel(lang, period) })}`
        : ""
    }</p>
<p>${searchText(lang, "intro")}</p>
${searchForm(lang, base, filters, request, found, keepLang)}
${request.q.trim() === "" ? html`<p class="search-message">${searchText(lang, "empty")}</p>` : results(lang, base, filters, request, found, keepLang)}
${feedLinkList(lang, feeds)}`,
  });
}

function searchForm(
  lang: Lang,
  base: string,
  filters: SearchFilters,
  request: SearchRequest,
  found: MeasureSearch | null,
  keepLang: boolean,
) {
  const period = found?.period ?? request.period ?? filters.periods.at(-1) ?? null;
  const option = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${selected(on)}${jaAttrFor(lang, label)}>${label}</option>`;
  const field = (id: string, label: string, control: unknown, hint?: string) =>
    html`<div class="search-field"><label for="${id}">${label}</label>${control}${
      hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""
    }</div>`;
  const groups = [...new Set(filters.categories.map((c) => c.parent.path))].map((path) => {
    const categories = filters.categories.filter((c) => c.parent.path === path);
    const parent = categories[0]?.parent;
    const pillar = filters.pillars.find((p) => String(p.number) === path.split("-")[0]);
    const label =
      parent && path.includes("-")
        ? `${pillar?.label ?? ""}-${parent.label}. ${parent.title}`
        : `${parent?.label ?? ""}. ${parent?.title ?? ""}`;
    return { path, label, categories };
  });
  return html`<form role="search" method="get" action="${base}/search" class="search-form" aria-label="${searchText(lang, "title")}">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<div class="search-query">
<label for="search-q">${searchText(lang, "query")}</label>
<p class="hint" id="search-q-hint">${searchText(lang, "queryHint")}</p>
<div class="search-box"><input type="search" id="search-q" name="q" value="${found?.query ?? request.q}" maxlength="${MAX_QUERY_LENGTH}" aria-describedby="search-q-hint" autocomplete="off"><button type="submit">${searchText(lang, "submit")}</button></div>
</div>
<fieldset><legend>${searchText(lang, "filterLegend")}</legend><div class="search-fields">
${
  filters.periods.length > 1
    ? field(
        "search-period",
        searchText(lang, "period"),
        html`<select id="search-period" name="period">${[...filters.periods]
          .reverse()
          .map((p) => option(p, periodLabel(lang, p), p === period))}</select>`,
      )
    : ""
}
${field(
  "search-status",
  searchText(lang, "status"),
  html`<select id="search-status" name="status">${option("", searchText(lang, "all"), request.status === null)}${filters.statuses.map(
    (s) => option(s.code, s.name, s.code === request.status),
  )}${option(UNSET_STATUS, searchText(lang, "unset"), request.status === UNSET_STATUS)}</select>`,
)}
${field(
  "search-pillar",
  searchText(lang, "pillar"),
  html`<select id="search-pillar" name="pillar">${option("", searchText(lang, "all"), request.pillar === null)}${filters.pillars.map(
    (p) => option(String(p.number), `${p.label}. ${p.title}`, p.number === request.pillar),
  )}</select>`,
)}
${field(
  "search-category",
  searchText(lang, "category"),
  html`<select id="search-category" name="category">${option("", searchText(lang, "all"), request.category === null)}${groups.map(
    (g) =>
      html`<optgroup label="${g.label}">${g.path.includes("-") ? option(g.path, `${g.label}（${searchText(lang, "all")}）`, g.path === request.category) : ""}${g.categories.map(
        (c) => option(c.path, `${c.label} ${c.title}`, c.path === request.category),
      )}</optgroup>`,
  )}</select>`,
)}
${field(
  "search-fy",
  searchText(lang, "fiscalYear"),
  html`<select id="search-fy" name="fy" aria-describedby="search-fy-hint">${option("", searchText(lang, "all"), request.fiscalYear === null)}${filters.fiscalYears.map(
    (fy) => option(String(fy), fiscalYearWithGregorianText(lang, fy), fy === request.fiscalYear),
  )}</select>`,
  searchText(lang, "fiscalYearHint"),
)}
${
  filters.departments.length > 0
    ? field(
        "search-department",
        searchText(lang, "department"),
        html`<select id="search-department" name="department" aria-describedby="search-department-hint">${option("", searchText(lang, "all"), request.department === null)}${filters.departments.map(
          (d) => option(String(d.id), d.name, d.id === request.department),
        )}</select>`,
        searchText(lang, "departmentHint"),
      )
    : ""
}
</div></fieldset>
<div class="search-actions"><button type="submit">${searchText(lang, "submitFilters")}</button><a href="${base}/search${keepLang ? "?lang=en" : ""}">${searchText(lang, "reset")}</a></div>
</form>`;
}

function results(
  lang: Lang,
  base: string,
  filters: SearchFilters,
  request: SearchRequest,
  found: MeasureSearch | null,
  keepLang: boolean,
) {
  if (!found) return "";
  const query = found.query.trim();
  const notice = found.truncated
    ? html`<p class="search-message">${searchTextWith(lang, "truncated", { max: MAX_QUERY_LENGTH })}</p>`
    : "";
  if (found.terms.length === 0)
    return html`${notice}<p class="search-message">${fillJa(lang, searchText(lang, "symbolsOnly"), { query }, ["query"])}</p>`;
  const from = (request.page - 1) * SEARCH_PAGE_SIZE + 1;
  const to = from + found.results.length - 1;
  const count =
    found.total === 0
      ? fillJa(lang, searchText(lang, "noResults"), { query }, ["query"])
      : found.results.length === 0
        ? fillJa(lang, searchText(lang, "countBeyond"), { query, total: found.total }, ["query"])
        : fillJa(lang, searchText(lang, "count"), { query, total: found.total, from, to }, [
            "query",
          ]);
  // Item pages keep a period other than the latest published one, as the plan's own links do.
  const periodQuery =
    found.period && found.period !== filters.periods.at(-1)
      ? `?period=${encodeURIComponent(found.period)}`
      : "";
  const href = (pageNumber: number) => {
    const params = new URLSearchParams({ q: request.q });
    if (request.period) params.set("period", request.period);
    if (request.status) params.set("status", request.status);
    if (request.pillar !== null) params.set("pillar", String(request.pillar));
    if (request.category) params.set("category", request.category);
    if (request.fiscalYear !== null) params.set("fy", String(request.fiscalYear));
    if (request.department !== null) params.set("department", String(request.department));
    if (keepLang) params.set("lang", "en");
    params.set("page", String(pageNumber));
    return `${base}/search?${params}`;
  };
  return html`<section aria-labelledby="results-heading">
<h2 id="results-heading">${searchText(lang, "resultsHeading")}</h2>
${notice}<p class="result-count" id="result-count">${count}</p>
${
  found.results.length > 0
    ? html`<ol class="search-results" start="${from}" aria-describedby="result-count">${found.results.map(
        (r) => resultItem(lang, base, periodQuery, r),
      )}</ol>`
    : ""
}
${
  found.total > SEARCH_PAGE_SIZE
    ? html`<nav class="search-pages" aria-label="${searchText(lang, "pagination")}"><ul>${
        request.page > 1
          ? html`<li><a href="${href(request.page - 1)}" rel="prev">${searchTextWith(lang, "previous", { n: SEARCH_PAGE_SIZE })}</a></li>`
          : ""
      }${
        to < found.total && found.results.length > 0
          ? html`<li><a href="${href(request.page + 1)}" rel="next">${searchTextWith(lang, "next", { n: SEARCH_PAGE_SIZE })}</a></li>`
          : ""
      }</ul></nav>`
    : ""
}
</section>`;
}

function resultItem(lang: Lang, base: string, periodQuery: string, r: MeasureSearchResult) {
  const link =
    r.item.number === null
      ? `${base}${periodQuery}#measure-${encodeURIComponent(r.measureCode)}`
      : `${base}/items/${r.item.number}${periodQuery}#measure-${encodeURIComponent(r.measureCode)}`;
  const snippet = r.snippet;
  const source =
    snippet?.source === "roadmap" && snippet.fiscalYear !== null
      ? searchTextWith(lang, "roadmapAt", {
          year: fiscalYearWithGregorianText(lang, snippet.fiscalYear),
        })
      : searchText(lang, "progress");
  return html`<li class="search-result">
<h3 class="result-title"><a href="${link}"${jaAttr(lang)}>${marked(r.measureTitle, r.titleMatches)}</a></h3>
<p class="result-item"><span class="result-label">${searchText(lang, "item")}：</span>${ja(lang, html`${r.item.number === null ? "" : `No.${r.item.number} `}${r.item.label}. ${marked(r.item.title, r.item.titleMatches)}`)}</p>
<p class="result-meta"><span class="result-label">${searchText(lang, "status")}：</span>${r.status ? ja(lang, r.status.name) : searchText(lang, "unset")}${r.statusSuggested ? html` <span class="status-source">（${statusText(lang, "suggested")}）</span>` : ""}<span class="result-separator">／</span><span class="result-label">${searchText(lang, "department")}：</span>${r.leadDepartment ? ja(lang, r.leadDepartment) : searchText(lang, "unset")}<span class="result-separator">／</span><span class="result-label">${searchText(lang, "measureCode")}：</span>${r.measureCode}</p>
${
  snippet
    ? html`<p class="result-snippet"><span class="result-label">${source}：</span>${ja(lang, html`${snippet.before ? "…" : ""}${marked(snippet.text, snippet.matches)}${snippet.after ? "…" : ""}`)}</p>`
    : ""
}
${
  r.relistedAt.length > 0
    ? html`<p class="result-relisted"><span class="result-label">${searchText(lang, "relistedAt")}：</span>${r.relistedAt.map(
        (l, i) =>
          html`${i > 0 ? "、" : ""}<a href="${
            l.itemNumber === null
              ? `${base}${periodQuery}#measure-${encodeURIComponent(l.code)}`
              : `${base}/items/${l.itemNumber}${periodQuery}#measure-${encodeURIComponent(l.code)}`
          }">${
            l.itemNumber === null
              ? fillJa(lang, searchText(lang, "unnumberedItem"), { title: l.itemTitle }, ["title"])
              : `No.${l.itemNumber}`
          }</a>`,
      )}</p>`
    : ""
}
</li>`;
}
