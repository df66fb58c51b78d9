import { html } from "hono/html";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { MAX_QUERY_LENGTH } from "../../domain/search-tokens.ts";
import { defineMessages, type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { planLinks } from "./plan-links.ts";

const text = defineMessages(
  {
    navLabel: "この計画のページ",
    overview: "概要",
    measures: "取組の一覧",
    report: "公表資料の形式（印刷用）",
    searchLabel: "この計画の取組を検索",
    searchField: "取組を検索",
    searchButton: "検索",
    printable: "印刷用・表計算用",
    pdf: "公表資料の形式 PDF（A4横）",
    xlsx: "Excel（XLSX）",
  },
  {
    navLabel: "Pages of this plan",
    overview: "Overview",
    measures: "Measures",
    report: "As published (for printing)",
    searchLabel: "Search the measures of this plan",
    searchField: "Search measures",
    searchButton: "Search",
    printable: "For printing and spreadsheets",
    pdf: "As published, PDF (A4 landscape)",
    xlsx: "Excel (XLSX)",
  },
);

/** Which of a plan's pages is shown, if it is one of those the plan navigation names. */
export type PlanNavPage = "overview" | "measures" | "report" | "search" | null;

export interface PlanNavInput {
  lang: Lang;
  slug: string;
  /** The page's own path and query: `?lang=` in it is kept by the search form. */
  pagePath: string;
  /** The reporting period the page shows when it is not the latest one, else null. */
  period: string | null;
  current: PlanNavPage;
  /** Whether to show the search form: not on the search page, whose own form is the page. */
  search?: boolean;
}

/**
 * The navigation every page of a plan shows in its header: the overview, the measure list, the
 * report view, and a small labelled GET search form (role=search). The search page leaves the
 * form out (its own form is the page), and so does the measure list (its filter form is the
 * page's one form). Links keep a period other than the latest.
 * @example layout({ ...page, headerNav: planNav({ lang, slug, pagePath, period: null, current: "overview" }), … })
 */
export function planNav(input: PlanNavInput) {
  const { lang, current } = input;
  const base = `/plans/${encodeURIComponent(input.slug)}`;
  const query = input.period ? `?period=${encodeURIComponent(input.period)}` : "";
  const asked = new URL(input.pagePath, "http://localhost").searchParams.get("lang");
  const link = (page: Exclude<PlanNavPage, null>, href: string, label: string) =>
    html`<li><a href="${href}"${current === page ? html` aria-current="page"` : ""}>${label}</a></li>`;
  return html`<div class="plan-nav">
<nav aria-label="${text(lang, "navLabel")}"><ul>${link("overview", `${base}${query}`, text(lang, "overview"))}${link(
    "measures",
    `${base}/measures${query}`,
    text(lang, "measures"),
  )}${link("report", `${base}/report${query}`, text(lang, "report"))}</ul></nav>
${
  !(input.search ?? current !== "search")
    ? ""
    : html`<form role="search" method="get" action="${base}/search" class="plan-search" aria-label="${text(lang, "searchLabel")}">
<label for="plan-search-q">${text(lang, "searchField")}</label>
<input type="search" id="plan-search-q" name="q" maxlength="${MAX_QUERY_LENGTH}">
${input.period ? html`<input type="hidden" name="period" value="${input.period}">` : ""}${
  asked === "en" ? html`<input type="hidden" name="lang" value="en">` : ""
}<button type="submit">${text(lang, "searchButton")}</button>
</form>`
}
</div>`;
}

/**
 * The downloads of a plan: the open data (CSV, JSON; UTF-8 with BOM), then the printable report
 * (PDF) and the spreadsheet (XLSX). `download` makes a file's URL, keeping the period.
 */
export function openDataLinks(lang: Lang, download: (name: string) => string) {
  return html`<div class="downloads">
<p>${t(lang, "openData")}: <a href="${download("measures.csv")}">${t(lang, "measuresCsv")}</a>・<a href="${download("roadmap.csv")}">${t(lang, "roadmapCsv")}</a>・<a href="${download("plan.json")}">${t(lang, "json")}</a></p>
<p>${text(lang, "printable")}: <a href="${download("report.pdf")}">${text(lang, "pdf")}</a>・<a href="${download("plan.xlsx")}">${text(lang, "xlsx")}</a></p>
</div>`;
}

/** {@link planNav} for a page that has the plan's tree: the period is kept as its links keep it. */
export function planTreeNav(page: PageContext, tree: PlanTree, current: PlanNavPage) {
  return planNav({
    lang: page.lang,
    slug: tree.slug,
    pagePath: page.path,
    period: planLinks(tree).query === "" ? null : (tree.period?.asOf ?? null),
    current,
  });
}
