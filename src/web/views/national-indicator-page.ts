import { html } from "hono/html";
import { PREFECTURES } from "../../domain/prefecture.ts";
import { highlightPieces } from "../../domain/search-snippet.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import type {
  IndicatorSearch,
  IndicatorSearchResult,
} from "../../store/search/indicator-search.ts";
import { fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import {
  INDICATOR_PAGE_SIZE,
  type NationalIndicatorRequest,
} from "../routes/national-indicator-schema.ts";
import type { PageContext } from "../routes/page-context.ts";
import { formatDecimal } from "./indicator-rows.ts";
import { fillJa, ja, jaAttr, jaAttrFor } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import {
  nationalIndicatorText as text,
  nationalIndicatorTextWith as textWith,
} from "./national-indicator-text.ts";
import { organizationHref, prefectureName } from "./national-links.ts";

/**
 * The indicator search across every plan (`/indicators`): a labelled GET form (words of the name,
 * a prefecture; no script), the count in text, and one page of matches as a table whose row
 * headers are the indicators' names (matches marked), each with its organization and plan, what
 * it is on, its latest result, target and achievement.
 */
export function nationalIndicatorPage(
  page: PageContext,
  request: NationalIndicatorRequest,
  found: IndicatorSearch | null,
) {
  const { lang } = page;
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const searched = found !== null && found.terms.length > 0;
  return layout({
    ...page,
    title: searched
      ? textWith(lang, found.totalCapped ? "resultsTitleCapped" : "resultsTitle", {
          query: found.query,
          total: found.total.toLocaleString("ja-JP"),
        })
      : text(lang, "title"),
    breadcrumbs: [{ href: "/", label: t(lang, "plans") }],
    body: html`<link rel="stylesheet" href="/assets/search.css"><link rel="stylesheet" href="/assets/national.css">
<h1>${text(lang, "title")}</h1>
<p>${text(lang, "intro")}</p>
${form(lang, request, found, keepLang)}
${request.q.trim() === "" ? html`<p class="search-message">${text(lang, "empty")}</p>` : results(lang, request, found, keepLang)}
<p><a href="/search${keepLang ? "?lang=en" : ""}">${text(lang, "measureSearchLink")}</a></p>`,
  });
}

function form(
  lang: Lang,
  request: NationalIndicatorRequest,
  found: IndicatorSearch | null,
  keepLang: boolean,
) {
  const option = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${on ? html` selected` : ""}${jaAttrFor(lang, label)}>${label}</option>`;
  return html`<form role="search" method="get" action="/indicators" class="search-form" aria-label="${text(lang, "title")}">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<div class="search-query">
<label for="indicator-q">${text(lang, "query")}</label>
<p class="hint" id="indicator-q-hint">${text(lang, "queryHint")}</p>
<div class="search-box"><input type="search" id="indicator-q" name="q" value="${found?.query ?? request.q}" maxlength="${MAX_QUERY_LENGTH}" aria-describedby="indicator-q-hint" autocomplete="off"></div>
</div>
<div class="search-fields"><div class="search-field"><label for="indicator-pref">${text(lang, "prefecture")}</label><select id="indicator-pref" name="pref">${option("", text(lang, "all"), request.prefecture === null)}${PREFECTURES.map(
    (p) => option(p.code, prefectureName(lang, p), p.code === request.prefecture),
  )}</select></div></div>
<div class="search-actions"><button type="submit">${text(lang, "submit")}</button></div>
</form>`;
}

function results(
  lang: Lang,
  request: NationalIndicatorRequest,
  found: IndicatorSearch | null,
  keepLang: boolean,
) {
  if (!found) return "";
  const query = found.query.trim();
  const notice = found.truncated
    ? html`<p class="search-message">${textWith(lang, "truncated", { max: MAX_QUERY_LENGTH })}</p>`
    : "";
  if (found.terms.length === 0)
    return html`${notice}<p class="search-message">${fillJa(lang, text(lang, "symbolsOnly"), { query }, ["query"])}</p>`;
  const from = (request.page - 1) * INDICATOR_PAGE_SIZE + 1;
  const to = from + found.results.length - 1;
  const total = found.total.toLocaleString("ja-JP");
  const count =
    found.total === 0
      ? fillJa(lang, text(lang, "noResults"), { query }, ["query"])
      : found.results.length === 0
        ? fillJa(lang, text(lang, "countBeyond"), { query, total }, ["query"])
        : fillJa(
            lang,
            text(lang, found.totalCapped ? "countCapped" : "count"),
            { query, total, from, to },
            ["query"],
          );
  const href = (pageNumber: number) => {
    const params = new URLSearchParams({ q: request.q });
    if (request.prefecture) params.set("pref", request.prefecture);
    if (keepLang) params.set("lang", "en");
    params.set("page", String(pageNumber));
    return `/indicators?${params}`;
  };
  return html`<section aria-labelledby="results-heading">
<h2 id="results-heading">${text(lang, "resultsHeading")}</h2>
${notice}<p class="result-count" id="result-count">${count}</p>
${
  found.results.length > 0
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="indicator-caption"><table class="indicator-results">
<caption id="indicator-caption">${fillJa(lang, text(lang, "caption"), { query, from, to }, ["query"])}</caption>
<thead><tr><th scope="col">${text(lang, "indicator")}</th><th scope="col">${text(lang, "organization")}</th><th scope="col">${text(lang, "owner")}</th><th scope="col">${text(lang, "latest")}</th><th scope="col">${text(lang, "target")}</th><th scope="col">${text(lang, "achievement")}</th></tr></thead>
<tbody>${found.results.map((r) => row(lang, r))}</tbody>
</table></div>`
    : ""
}
${
  found.total > INDICATOR_PAGE_SIZE
    ? html`<nav class="search-pages" aria-label="${text(lang, "pagination")}"><ul>${
        request.page > 1
          ? html`<li><a href="${href(request.page - 1)}" rel="prev">${textWith(lang, "previous", { n: INDICATOR_PAGE_SIZE })}</a></li>`
          : ""
      }${
        to < found.total && found.results.length > 0
          ? html`<li><a href="${href(request.page + 1)}" rel="next">${textWith(lang, "next", { n: INDICATOR_PAGE_SIZE })}</a></li>`
          : ""
      }</ul></nav>`
    : ""
}
</section>`;
}

function row(lang: Lang, r: IndicatorSearchResult) {
  const base = `/plans/${encodeURIComponent(r.plan.slug)}`;
  const unit = r.unit ?? "";
  const value = (v: string | null) =>
    v === null ? text(lang, "none") : `${formatDecimal(v)}${unit}`;
  const owner =
    r.owner.level === "measure" && r.owner.itemNumber !== null
      ? html`<a href="${base}/items/${r.owner.itemNumber}#measure-${encodeURIComponent(r.owner.measureCode ?? "")}"${jaAttr(lang)}>${r.owner.title}</a>`
      : ja(lang, r.owner.title);
  const a = r.achievement;
  return html`<tr>
<th scope="row"><a href="${base}/indicators"${jaAttr(lang)}>${highlightPieces(r.name, r.nameMatches).map((p) => (p.match ? html`<mark>${p.text}</mark>` : p.text))}</a> <span class="result-label"${jaAttr(lang)}>${r.kind}</span></th>
<td><a href="${organizationHref(r.plan.organizationCode)}"${jaAttr(lang)}>${r.plan.organizationName}</a><br><a href="${base}"${jaAttr(lang)}>${r.plan.title}</a></td>
<td><span class="result-label"${jaAttr(lang)}>${r.owner.levelName}</span> ${owner}</td>
<td class="num">${
    r.latest
      ? html`${value(r.latest.value)}${r.latest.note ? html` <span${jaAttr(lang)}>（${r.latest.note}）</span>` : ""}<br><span class="result-label">${fiscalYearWithGregorianText(lang, r.latest.fiscalYear)}</span>`
      : text(lang, "none")
  }</td>
<td class="num">${a ? value(a.target) : text(lang, "none")}</td>
<td class="num">${a && a.rate !== null ? `${a.rate}%${a.score ? `（${a.score}）` : ""}` : text(lang, "none")}</td>
</tr>`;
}
