import { html } from "hono/html";
import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { contactSection } from "./contact-view.ts";
import { ja, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { planLinks } from "./plan-links.ts";
import { groupLabel } from "./plan-lookup.ts";
import { periodSelector, planMeta } from "./plan-meta.ts";
import { openDataLinks, planTreeNav } from "./plan-nav.ts";
import { planText } from "./plan-text.ts";
import { fiscalYearHeader, roadmapCell } from "./roadmap-cell.ts";

/**
 * The plan as the published report shows it (the official report view, printable on A4
 * landscape): pillars, areas, categories, then per category one table with the report's columns,
 * 区分・No. / 項目 / one per fiscal year / 進捗状況 with its as-of date. Items keep `#item-N` and
 * measures `#measure-CODE`.
 */
export function reportPage(page: PageContext, tree: PlanTree) {
  const { lang } = page;
  const links = planLinks(tree);
  return layout({
    ...page,
    title: planText(lang, "reportTitle"),
    breadcrumbs: planBreadcrumbs(lang, tree, links),
    headerNav: planTreeNav(page, tree, "report"),
    body: html`<h1${jaAttr(lang)}>${tree.title}</h1>
${planMeta(lang, tree)}
<p class="report-intro">${planText(lang, "reportIntro")}</p>
${periodSelector(lang, tree, page.path)}
<nav aria-label="${t(lang, "tableOfContents")}" class="toc"><h2 class="toc-title">${t(lang, "tableOfContents")}</h2><ol>${tree.pillars.map(
      (p) =>
        html`<li><a href="#pillar-${p.number}"${jaAttr(lang)}>${groupLabel(p)}</a>${
          p.children.some((c) => c.level === "area")
            ? html`<ol>${p.children.map((a) => html`<li><a href="#pillar-${p.number}-area-${a.number}"${jaAttr(lang)}>${groupLabel(a)}</a></li>`)}</ol>`
            : ""
        }</li>`,
    )}</ol></nav>
${openDataLinks(lang, links.download)}
${tree.pillars.map((p) => groupSection(page, tree, p, 0, `pillar-${p.number}`))}
${contactSection(lang, tree.contact)}`,
  });
}

/**
 * A group and everything below it: a group with groups below is a section (a pillar's has the
 * class `pillar`), a group holding items gets its table. Headings go one level deeper per level,
 * h2 for a pillar, down to h6 in a plan of many levels.
 */
function groupSection(
  page: PageContext,
  tree: PlanTree,
  group: GroupNode,
  depth: number,
  id: string,
): ReturnType<typeof html> {
  const heading = groupHeading(depth + 2, id, groupLabel(group), page.lang);
  const table = group.items.length > 0 ? itemTable(page, tree, group, id) : "";
  const below = group.children.map((c) =>
    groupSection(page, tree, c, depth + 1, `${id}-${c.level}-${c.number}`),
  );
  if (group.children.length === 0)
    return html`${heading}
${table}`;
  return html`<section${depth === 0 ? html` class="pillar"` : ""} aria-labelledby="${id}">
${heading}
${table}${below}
</section>`;
}

function groupHeading(level: number, id: string, text: string, lang: Lang) {
  const ja = jaAttr(lang);
  switch (level) {
    case 2:
      return html`<h2 id="${id}"${ja}>${text}</h2>`;
    case 3:
      return html`<h3 id="${id}"${ja}>${text}</h3>`;
    case 4:
      return html`<h4 id="${id}"${ja}>${text}</h4>`;
    case 5:
      return html`<h5 id="${id}"${ja}>${text}</h5>`;
    default:
      return html`<h6 id="${id}"${ja}>${text}</h6>`;
  }
}

function itemTable(page: PageContext, tree: PlanTree, group: GroupNode, id: string) {
  const { lang } = page;
  return html`<div class="table-wrap"><table class="report" aria-labelledby="${id}">
<thead><tr><th scope="col" class="col-no">${planText(lang, "noColumn")}</th><th scope="col">${planText(lang, "itemColumn")}</th>${tree.fiscalYears.map(
    (fy) => fiscalYearHeader(fy, lang),
  )}<th scope="col">${t(lang, "progress")}${tree.period ? html`<span class="gregorian">（${dateText(lang, tree.period.asOf)}${t(lang, "asOfSuffix")}）</span>` : ""}</th></tr></thead>
<tbody>${group.items.map((item) => itemRows(page, tree, item))}</tbody>
</table></div>`;
}

function itemRows(page: PageContext, tree: PlanTree, item: ItemNode) {
  const { lang } = page;
  const itemId = item.number === null ? undefined : `item-${item.number}`;
  return html`<tr class="item-row"${itemId ? html` id="${itemId}"` : ""}>
<td class="col-no">${item.number ?? ""}</td>
<td colspan="${tree.fiscalYears.length + 2}" class="item-title">${ja(lang, `${item.label}. ${item.title}`)}${
    item.relistingOfItemNumber !== null
      ? html` <a class="relisting" href="#item-${item.relistingOfItemNumber}">${t(lang, "relistingOf")}: No.${item.relistingOfItemNumber}</a>`
      : ""
  }</td>
</tr>
${item.measures.map((m) => measureRow(page, tree, m))}`;
}

function measureRow(page: PageContext, tree: PlanTree, measure: MeasureNode) {
  const { lang } = page;
  return html`<tr id="measure-${measure.code}">
<td class="col-no"></td>
<th scope="row" class="measure-title" data-label="${planText(lang, "itemColumn")}">${ja(lang, measure.title)}${
    measure.relistingOf
      ? html` <a class="relisting" href="#measure-${measure.relistingOf.code}">${t(lang, "relistingOf")}: No.${measure.relistingOf.itemNumber ?? ""}</a>`
      : ""
  }</th>
${tree.fiscalYears.map((fy) =>
  roadmapCell(
    lang,
    fy,
    measure.roadmap.find((r) => r.fiscalYear === fy),
  ),
)}
<td class="progress" data-label="${t(lang, "progress")}">${measure.progress ? ja(lang, measure.progress.narrative) : html`<span class="empty">${t(lang, "noEntry")}</span>`}</td>
</tr>`;
}
