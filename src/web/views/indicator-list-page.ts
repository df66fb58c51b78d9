import { html } from "hono/html";
import type { ScoreBand } from "../../domain/indicator.ts";
import type { PlanTree } from "../../domain/plan-tree.ts";
import type { StoredIndicator } from "../../store/queries/indicator-query.ts";
import { dateText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import type { IndicatorFilter } from "../routes/indicator-list-schema.ts";
import type { PageContext } from "../routes/page-context.ts";
import { scoreDistribution, scoreDistributionTable } from "./indicator-distribution.ts";
import { indicatorFigure } from "./indicator-figure.ts";
import { indicatorText, indicatorTextWith } from "./indicator-text.ts";
import { jaAttrFor } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { type PageOfList, pageLinks } from "./page-links.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { planLinks } from "./plan-links.ts";
import { itemPlaces } from "./plan-lookup.ts";
import { periodSelector, planMeta } from "./plan-meta.ts";
import { planTreeNav } from "./plan-nav.ts";

/** What the plan's indicator page shows. */
export interface IndicatorListData {
  all: readonly StoredIndicator[];
  shown: readonly StoredIndicator[];
  bands: readonly ScoreBand[];
  kinds: readonly string[];
  levels: readonly string[];
  departments: readonly string[];
  filter: IndicatorFilter;
  /** The page of `shown` to render (INDICATOR_LIST_PAGE_SIZE indicators a page). */
  at: PageOfList;
}

/** Indicators a page: each brings a chart and a table, so a long plan is read page by page. */
export const INDICATOR_LIST_PAGE_SIZE = 50;

/**
 * `/plans/:slug/indicators`: every indicator of the plan with its chart, table, achievement and
 * score, a GET form of filters (kind, level, department, achieved or not) and the distribution of
 * scores per level.
 */
export function indicatorListPage(page: PageContext, tree: PlanTree, data: IndicatorListData) {
  const { lang } = page;
  const links = planLinks(tree);
  const asOf = tree.period?.asOf;
  const title = indicatorText(lang, "pageTitle");
  const from = (data.at.page - 1) * INDICATOR_LIST_PAGE_SIZE + 1;
  const onPage = data.shown.slice(from - 1, from - 1 + INDICATOR_LIST_PAGE_SIZE);
  const placeOf = placeLabels(tree);
  return layout({
    ...page,
    title,
    breadcrumbs: planBreadcrumbs(lang, tree, links).slice(0, 1),
    headerNav: planTreeNav(page, tree, null),
    body: html`<h1>${title}</h1>
${planMeta(lang, tree, tree.title)}
${periodSelector(lang, tree, page.path)}
<p>${indicatorText(lang, "intro")}</p>
${
  data.all.length === 0
    ? html`<p class="empty">${indicatorText(lang, "noIndicatorsAtAll")}</p>`
    : html`<section aria-labelledby="distribution-heading">
<h2 id="distribution-heading">${indicatorText(lang, "distributionHeading")}</h2>
${scoreDistributionTable(
  lang,
  indicatorTextWith(lang, "distributionCaption", {
    date: asOf ? dateText(lang, asOf) : "—",
  }),
  data.bands,
  scoreDistribution(data.all, data.bands, tree.levels),
)}
</section>
${filterForm(lang, tree, data)}
<section aria-labelledby="list-heading">
<h2 id="list-heading">${indicatorText(lang, "heading")}</h2>
<p id="indicator-count">${
        data.at.pageCount > 1
          ? indicatorTextWith(lang, "countPaged", {
              total: data.shown.length,
              from,
              to: from + onPage.length - 1,
              page: data.at.page,
              pages: data.at.pageCount,
            })
          : indicatorTextWith(lang, "count", { n: data.shown.length })
      }</p>
${
  data.shown.length === 0
    ? html`<p class="empty">${indicatorText(lang, "noIndicators")}</p>`
    : onPage.map((i) =>
        indicatorFigure(lang, i, data.bands, {
          headingLevel: 3,
          place: placeOf(i),
        }),
      )
}
${pageLinks(lang, data.at, (n) => listHref(lang, tree, data.filter, n))}
</section>`
}`,
  });
}

/**
 * Where an indicator sits, as text: the level's name and the measure, item or group's title
 * (measures looked up once for the page, not once an indicator).
 */
function placeLabels(tree: PlanTree): (indicator: StoredIndicator) => string {
  const measures = new Map<string, string>();
  for (const p of itemPlaces(tree))
    for (const m of p.item.measures)
      if (m.relistingOf === null && !measures.has(m.code))
        measures.set(
          m.code,
          `${m.title}${p.item.number === null ? "" : `（No.${p.item.number}）`}`,
        );
  return ({ place }) => {
    if (place.level === "group") return `${place.levelName}: ${place.groupTitle}`;
    if (place.level === "item")
      return `${place.levelName}: ${place.itemNumber === null ? "" : `No.${place.itemNumber} `}${place.itemTitle}`;
    return `${place.levelName}: ${measures.get(place.measureCode) ?? place.measureCode}`;
  };
}

/** The list's address with its filters, language and period, at page `n`. */
function listHref(lang: Lang, tree: PlanTree, filter: IndicatorFilter, n: number): string {
  const q = new URLSearchParams();
  if (lang === "en") q.set("lang", "en");
  if (tree.period && planLinks(tree).query !== "") q.set("period", tree.period.asOf);
  for (const key of ["kind", "level", "department", "achieved"] as const) {
    const value = filter[key];
    if (value !== null) q.set(key, value);
  }
  if (n > 1) q.set("page", String(n));
  const query = q.toString();
  return `/plans/${encodeURIComponent(tree.slug)}/indicators${query === "" ? "" : `?${query}`}`;
}

function filterForm(lang: Lang, tree: PlanTree, data: IndicatorListData) {
  const action = `/plans/${encodeURIComponent(tree.slug)}/indicators`;
  const keepLang = lang === "en";
  const option = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${on ? html` selected` : ""}${jaAttrFor(lang, label)}>${label}</option>`;
  const select = (
    name: keyof IndicatorFilter,
    label: string,
    values: ReadonlyArray<readonly [string, string]>,
  ) =>
    html`<div class="filter-field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">${option("", indicatorText(lang, "any"), data.filter[name] === null)}${values.map(
      ([value, text]) => option(value, text, data.filter[name] === value),
    )}</select></div>`;
  const pairs = (list: readonly string[]) => list.map((v) => [v, v] as const);
  return html`<form method="get" action="${action}" class="measure-filter">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
${tree.period && planLinks(tree).query !== "" ? html`<input type="hidden" name="period" value="${tree.period.asOf}">` : ""}
<fieldset><legend>${indicatorText(lang, "filtersHeading")}</legend><div class="filter-fields">
${select("kind", indicatorText(lang, "filterKind"), pairs(data.kinds))}
${select("level", indicatorText(lang, "filterLevel"), pairs(data.levels))}
${data.departments.length > 0 ? select("department", indicatorText(lang, "filterDepartment"), pairs(data.departments)) : ""}
${select("achieved", indicatorText(lang, "filterAchieved"), [
  ["yes", indicatorText(lang, "achieved")],
  ["no", indicatorText(lang, "notAchieved")],
])}
</div></fieldset>
<div class="filter-actions"><button type="submit">${indicatorText(lang, "apply")}</button><a href="${action}${keepLang ? "?lang=en" : ""}">${indicatorText(lang, "reset")}</a></div>
</form>`;
}
