import { html } from "hono/html";
import { formatWarekiDate, parseIsoDate } from "../../domain/era.ts";
import {
  MEASURE_LIST_PAGE_SIZE,
  type MeasureListFacets,
  type MeasureListFilter,
  type MeasureListPage,
  type MeasureListRow,
  UNSET_STATUS,
} from "../../store/queries/measure-list-query.ts";
import { dateText } from "../i18n/date-text.ts";
import { defineMessages, type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { ja, jaAttr, jaAttrFor } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { pageLinks } from "./page-links.ts";
import { planNav } from "./plan-nav.ts";
import { errorSummaryIn, fieldErrorIn, fieldState } from "./staff/staff-frame.ts";
import { staffText } from "./staff/staff-text.ts";
import { statusText } from "./status-text.ts";

const text = defineMessages(
  {
    title: "取組の一覧",
    intro: "計画のすべての取組を、状況区分・柱・区分などで絞り込み、並べ替えて一覧できます。",
    progressAsOf: "{date}時点の進捗状況",
    filterHeading: "絞り込みと並べ替え",
    filterLegend: "絞り込み",
    sortLegend: "並べ替え",
    period: "報告期",
    status: "状況区分",
    all: "すべて",
    unset: "未設定",
    pillar: "柱",
    category: "区分",
    categoryHint: "柱も選んだときは、その柱の区分だけが使われます。",
    department: "担当課",
    departmentHint: "選んだ課が主担当または関係課として担当する取組に絞ります。",
    figures: "数値の記載",
    withFigures: "あり",
    withoutFigures: "なし",
    since: "変更を比べる報告期",
    noComparison: "比べない",
    sinceHint:
      "表示する報告期より前の報告期を選ぶと、進捗状況か状況区分が変わった取組と、その後に加わった取組に「変更あり」と表示します。",
    changedOnly: "変更ありの取組だけを表示する",
    relistings: "再掲の行も表示する（再掲元の進捗状況を表示します）",
    sort: "並べ替えの基準",
    sortItem: "項目番号",
    sortTitle: "取組名",
    sortStatus: "状況区分",
    sortDepartment: "担当課",
    sortChanged: "変更ありを先に",
    direction: "順序",
    asc: "昇順",
    desc: "降順",
    submit: "この条件で表示",
    reset: "条件をすべて解除",
    resultsHeading: "該当する取組",
    count: "{total}件のうち {from}〜{to}件目を表示（{page}／{pages}ページ）",
    noResults: "該当する取組は0件です。条件を変えてお試しください。",
    colItem: "項目",
    colMeasure: "取組",
    colDepartment: "担当課",
    colNarrative: "進捗状況（冒頭）",
    colChanged: "変更",
    changed: "変更あり",
    relisting: "再掲（No.{n}）",
    sinceNeeded:
      "「変更ありを先に」の並べ替えや変更ありの取組だけの表示には、変更を比べる報告期を選んでください",
  },
  {
    title: "Measures",
    intro:
      "Every measure of the plan, to filter by status, pillar, category and more, and to sort.",
    progressAsOf: "Progress as of {date}",
    filterHeading: "Filter and sort",
    filterLegend: "Filter",
    sortLegend: "Sort",
    period: "Reporting period",
    status: "Status",
    all: "All",
    unset: "Not set",
    pillar: "Pillar",
    category: "Category",
    categoryHint: "With a pillar chosen too, only a category of that pillar applies.",
    department: "Department",
    departmentHint: "Only measures the department leads or contributes to.",
    figures: "Figures in the progress",
    withFigures: "With figures",
    withoutFigures: "Without figures",
    since: "Compare with period",
    noComparison: "No comparison",
    sinceHint:
      "Choose a period before the one shown to mark as changed the measures whose progress or status differs, and those added since.",
    changedOnly: "Show changed measures only",
    relistings: "Show re-listings as rows too (with their original's progress)",
    sort: "Sort by",
    sortItem: "Item number",
    sortTitle: "Measure title",
    sortStatus: "Status",
    sortDepartment: "Department",
    sortChanged: "Changed first",
    direction: "Order",
    asc: "Ascending",
    desc: "Descending",
    submit: "Show",
    reset: "Clear all filters",
    resultsHeading: "Matching measures",
    count: "Showing {from}–{to} of {total} (page {page} of {pages})",
    noResults: "No measure matches (0). Please change the filters.",
    colItem: "Item",
    colMeasure: "Measure",
    colDepartment: "Lead department",
    colNarrative: "Progress (beginning)",
    colChanged: "Change",
    changed: "Changed",
    relisting: "Re-listed from No.{n}",
    sinceNeeded:
      "To sort changed measures first or show only changed measures, choose an earlier period to compare with",
  },
);

/** How much of a narrative a row shows, in characters. */
const NARRATIVE_START = 60;

const fill = (message: string, values: Record<string, string | number>) =>
  message.replace(/\{(\w+)\}/gu, (whole, name: string) => String(values[name] ?? whole));
const selected = (on: boolean) => (on ? html` selected` : "");
const checked = (on: boolean) => (on ? html` checked` : "");

/** 平成26年3月末（2014年3月31日）: 和暦 first, 西暦 in brackets. */
function periodLabel(lang: Lang, asOf: string): string {
  const { year, month, day } = parseIsoDate(asOf);
  return lang === "ja"
    ? `${formatWarekiDate(asOf, "monthEnd")}（${year}年${month}月${day}日）`
    : dateText(lang, asOf);
}

/**
 * The list of a plan's measures: a GET form of filters and sorting (no script), the result
 * count, one page of rows linking to their item's page, and links to the other pages. With
 * `problems` (fields of the query to correct) the page starts with an error summary and its
 * title with 「エラー：」, the form as sent.
 */
export function measureListPage(
  page: PageContext,
  facets: MeasureListFacets,
  filter: MeasureListFilter,
  result: MeasureListPage,
  problems: readonly "f-since"[] = [],
) {
  const { lang } = page;
  const errors = Object.fromEntries(problems.map((field) => [field, text(lang, "sinceNeeded")]));
  const base = `/plans/${encodeURIComponent(facets.plan.slug)}`;
  const keepLang = new URL(page.path, "http://localhost").searchParams.get("lang") === "en";
  const href = (pageNumber: number) =>
    `${base}/measures${queryOf(facets, filter, keepLang, pageNumber)}`;
  const statusName = new Map(facets.statuses.map((s) => [s.code, s.name]));
  // An item page shows the latest period unless told otherwise: keep the period listed.
  const itemQuery =
    filter.period !== null && filter.period !== facets.periods.at(-1)?.asOf
      ? `?period=${filter.period}`
      : "";
  const from = (result.page - 1) * MEASURE_LIST_PAGE_SIZE + 1;
  return layout({
    ...page,
    title: text(lang, "title"),
    ...(problems.length > 0 ? { titlePrefix: staffText(lang, "errorPrefix") } : {}),
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      { href: base, label: facets.plan.title },
    ],
    headerNav: planNav({
      lang,
      slug: facets.plan.slug,
      pagePath: page.path,
      period: itemQuery === "" ? null : filter.period,
      current: "measures",
      search: false,
    }),
    body: html`<link rel="stylesheet" href="/assets/measure-list.css">
${errorSummaryIn(lang, errors)}
<h1>${text(lang, "title")}</h1>
<p class="plan-meta">${ja(lang, facets.plan.title)}・${
      filter.period
        ? fill(text(lang, "progressAsOf"), { date: periodLabel(lang, filter.period) })
        : t(lang, "noProgressYet")
    }</p>
<p>${text(lang, "intro")}</p>
<section aria-labelledby="filter-heading">
<h2 id="filter-heading">${text(lang, "filterHeading")}</h2>
${filterForm(lang, base, facets, filter, keepLang, errors)}
</section>
<section aria-labelledby="results-heading">
<h2 id="results-heading">${text(lang, "resultsHeading")}</h2>
<p id="result-count" class="result-count">${
      result.total === 0
        ? text(lang, "noResults")
        : fill(text(lang, "count"), {
            total: result.total,
            from,
            to: from + result.rows.length - 1,
            page: result.page,
            pages: result.pageCount,
          })
    }</p>
${result.rows.length > 0 ? resultTable(lang, base, filter, result.rows, statusName, itemQuery) : ""}
${pageLinks(lang, result, href)}
</section>`,
  });
}

function filterForm(
  lang: Lang,
  base: string,
  facets: MeasureListFacets,
  filter: MeasureListFilter,
  keepLang: boolean,
  errors: Record<string, string>,
) {
  const newestFirst = [...facets.periods].reverse();
  const field = (id: string, label: string, control: unknown, hint?: string) =>
    html`<div class="filter-field"><label for="${id}">${label}</label>${control}${
      hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""
    }</div>`;
  const option = (value: string, label: string, on: boolean) =>
    html`<option value="${value}"${selected(on)}${jaAttrFor(lang, label)}>${label}</option>`;
  return html`<form method="get" action="${base}/measures" class="measure-filter">
${keepLang ? html`<input type="hidden" name="lang" value="en">` : ""}
<fieldset><legend>${text(lang, "filterLegend")}</legend><div class="filter-fields">
${field(
  "f-period",
  text(lang, "period"),
  html`<select id="f-period" name="period">${newestFirst.map((p) =>
    option(p.asOf, periodLabel(lang, p.asOf), p.asOf === filter.period),
  )}</select>`,
)}
${field(
  "f-status",
  text(lang, "status"),
  html`<select id="f-status" name="status">${option("", text(lang, "all"), filter.status === null)}${facets.statuses.map(
    (s) => option(s.code, s.name, s.code === filter.status),
  )}${option(UNSET_STATUS, text(lang, "unset"), filter.status === UNSET_STATUS)}</select>`,
)}
${field(
  "f-pillar",
  text(lang, "pillar"),
  html`<select id="f-pillar" name="pillar">${option("", text(lang, "all"), filter.pillar === null)}${facets.pillars.map(
    (p) => option(String(p.number), `${p.label}. ${p.title}`, p.number === filter.pillar),
  )}</select>`,
)}
${field(
  "f-category",
  text(lang, "category"),
  html`<select id="f-category" name="category" aria-describedby="f-category-hint">${option("", text(lang, "all"), filter.category === null)}${facets.pillars.map(
    (p) =>
      html`<optgroup label="${p.label}. ${p.title}">${facets.categories
        .filter((c) => c.pillarNumber === p.number)
        .map((c) =>
          option(
            c.key,
            `${c.area ? `${c.area.label}. ${c.area.title}：` : ""}${c.label} ${c.title}`,
            c.key === filter.category,
          ),
        )}</optgroup>`,
  )}</select>`,
  text(lang, "categoryHint"),
)}
${
  facets.departments && facets.departments.length > 0
    ? field(
        "f-department",
        text(lang, "department"),
        html`<select id="f-department" name="department" aria-describedby="f-department-hint">${option("", text(lang, "all"), filter.department === undefined)}${facets.departments.map(
          (d) => option(String(d.id), d.name, d.id === filter.department),
        )}</select>`,
        text(lang, "departmentHint"),
      )
    : ""
}
${field(
  "f-figures",
  text(lang, "figures"),
  html`<select id="f-figures" name="figures">${option("", text(lang, "all"), filter.figures === null)}${option("with", text(lang, "withFigures"), filter.figures === "with")}${option("without", text(lang, "withoutFigures"), filter.figures === "without")}</select>`,
)}
${field(
  "f-since",
  text(lang, "since"),
  html`${fieldErrorIn(lang, errors, "f-since")}<select id="f-since" name="since"${fieldState(errors, "f-since", "f-since-hint")}>${option("", text(lang, "noComparison"), filter.since === null)}${newestFirst
    .slice(1)
    .map((p) => option(p.asOf, periodLabel(lang, p.asOf), p.asOf === filter.since))}</select>`,
  text(lang, "sinceHint"),
)}
</div>
<div class="filter-check"><input type="checkbox" id="f-changed" name="changed" value="1"${checked(filter.changedOnly)}><label for="f-changed">${text(lang, "changedOnly")}</label></div>
<div class="filter-check"><input type="checkbox" id="f-relistings" name="relistings" value="1"${checked(filter.relistings)}><label for="f-relistings">${text(lang, "relistings")}</label></div>
</fieldset>
<fieldset><legend>${text(lang, "sortLegend")}</legend><div class="filter-fields">
${field(
  "f-sort",
  text(lang, "sort"),
  html`<select id="f-sort" name="sort">${option("item", text(lang, "sortItem"), filter.sort === "item")}${option("title", text(lang, "sortTitle"), filter.sort === "title")}${option("status", text(lang, "sortStatus"), filter.sort === "status")}${option("department", text(lang, "sortDepartment"), filter.sort === "department")}${option("changed", text(lang, "sortChanged"), filter.sort === "changed")}</select>`,
)}
${field(
  "f-dir",
  text(lang, "direction"),
  html`<select id="f-dir" name="dir">${option("asc", text(lang, "asc"), filter.direction === "asc")}${option("desc", text(lang, "desc"), filter.direction === "desc")}</select>`,
)}
</div></fieldset>
<div class="filter-actions"><button type="submit">${text(lang, "submit")}</button><a href="${base}/measures${keepLang ? "?lang=en" : ""}">${text(lang, "reset")}</a></div>
</form>`;
}

function resultTable(
  lang: Lang,
  base: string,
  filter: MeasureListFilter,
  rows: MeasureListRow[],
  statusName: Map<string, string>,
  itemQuery: string,
) {
  const compare = filter.since !== null;
  return html`<div class="table-wrap"><table class="report measure-list" aria-labelledby="results-heading" aria-describedby="result-count">
<thead><tr><th scope="col">${text(lang, "colItem")}</th><th scope="col">${text(lang, "colMeasure")}</th><th scope="col" class="col-status">${text(lang, "status")}</th><th scope="col">${text(lang, "colDepartment")}</th><th scope="col">${text(lang, "colNarrative")}</th>${
    compare ? html`<th scope="col">${text(lang, "colChanged")}</th>` : ""
  }</tr></thead>
<tbody>${rows.map((row) => {
    // A re-listed item has no number of its own: its rows lead to the original on its item's page.
    const itemNumber = row.item.number ?? row.relistingOf?.itemNumber ?? null;
    const anchor = row.item.number === null ? (row.relistingOf?.code ?? row.code) : row.code;
    const itemText = `${row.item.number === null ? "" : `No.${row.item.number} `}${row.item.label}. ${row.item.title}`;
    const narrative = row.narrative === null ? null : Array.from(row.narrative.trim());
    return html`<tr>
<td data-label="${text(lang, "colItem")}">${
      itemNumber === null
        ? ja(lang, itemText)
        : html`<a href="${base}/items/${itemNumber}${itemQuery}#measure-${anchor}"${jaAttr(lang)}>${itemText}</a>`
    }</td>
<th scope="row" class="measure-title">${ja(lang, row.title)}${
      row.relistingOf
        ? html` <span class="relisting-mark">${fill(text(lang, "relisting"), { n: row.relistingOf.itemNumber ?? "" })}</span>`
        : ""
    }</th>
<td class="col-status" data-label="${text(lang, "status")}">${
      row.statusCode === null
        ? text(lang, "unset")
        : ja(lang, statusName.get(row.statusCode) ?? row.statusCode)
    }${row.statusSuggested ? html` <span class="status-source">（${statusText(lang, "suggested")}）</span>` : ""}</td>
<td data-label="${text(lang, "colDepartment")}">${row.leadDepartment ? ja(lang, row.leadDepartment) : text(lang, "unset")}</td>
<td data-label="${text(lang, "colNarrative")}">${
      narrative === null
        ? html`<span class="empty">${t(lang, "noEntry")}</span>`
        : ja(
            lang,
            narrative.length > NARRATIVE_START
              ? `${narrative.slice(0, NARRATIVE_START).join("")}…`
              : narrative.join(""),
          )
    }</td>
${compare ? html`<td data-label="${text(lang, "colChanged")}">${row.changed ? html`<strong class="changed-mark">${text(lang, "changed")}</strong>` : ""}</td>` : ""}
</tr>`;
  })}</tbody>
</table></div>`;
}

/** The query of a link to another page of the same list: only what differs from the defaults. */
function queryOf(
  facets: MeasureListFacets,
  filter: MeasureListFilter,
  keepLang: boolean,
  pageNumber: number,
): string {
  const q = new URLSearchParams();
  if (filter.period !== null && filter.period !== facets.periods.at(-1)?.asOf)
    q.set("period", filter.period);
  if (filter.status !== null) q.set("status", filter.status);
  if (filter.pillar !== null) q.set("pillar", String(filter.pillar));
  if (filter.category !== null) q.set("category", filter.category);
  if (filter.figures !== null) q.set("figures", filter.figures);
  if (filter.department !== undefined) q.set("department", String(filter.department));
  if (filter.since !== null) q.set("since", filter.since);
  if (filter.changedOnly) q.set("changed", "1");
  if (filter.relistings) q.set("relistings", "1");
  if (filter.sort !== "item") q.set("sort", filter.sort);
  if (filter.direction !== "asc") q.set("dir", filter.direction);
  if (keepLang) q.set("lang", "en");
  if (pageNumber > 1) q.set("page", String(pageNumber));
  const query = q.toString();
  return query === "" ? "" : `?${query}`;
}
