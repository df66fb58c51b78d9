import { html } from "hono/html";
import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import { t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { contactSection } from "./contact-view.ts";
import { ja, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { planLinks } from "./plan-links.ts";
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
        html`<li><a href="#pillar-${p.number}"${jaAttr(lang)}>${p.label}. ${p.title}</a>${
          p.children.some((c) => c.level === "area")
            ? html`<ol>${p.children.map((a) => html`<li><a href="#pillar-${p.number}-area-${a.number}"${jaAttr(lang)}>${a.label}. ${a.title}</a></li>`)}</ol>`
            : ""
        }</li>`,
    )}</ol></nav>
${openDataLinks(lang, links.download)}
${tree.pillars.map((p) => pillarSection(page, tree, p))}
${contactSection(lang, tree.contact)}`,
  });
}

function pillarSection(page: PageContext, tree: PlanTree, pillar: GroupNode) {
  const lang = jaAttr(page.lang);
  return html`<section class="pillar" aria-labelledby="pillar-${pillar.number}">
<h2 id="pillar-${pillar.number}"${lang}>${pillar.label}. ${pillar.title}</h2>
${pillar.children.map((child) =>
  child.level === "area"
    ? html`<section aria-labelledby="pillar-${pillar.number}-area-${child.number}">
<h3 id="pillar-${pillar.number}-area-${child.number}"${lang}>${child.label}. ${child.title}</h3>
${child.children.map((c) => categoryTable(page, tree, c, 4, `pillar-${pillar.number}-area-${child.number}`))}
</section>`
    : categoryTable(page, tree, child, 3, `pillar-${pillar.number}`),
)}
</section>`;
}

function categoryTable(
  page: PageContext,
  tree: PlanTree,
  category: GroupNode,
  level: 3 | 4,
  prefix: string,
) {
  const { lang } = page;
  const id = `${prefix}-category-${category.number}`;
  const heading =
    level === 3
      ? html`<h3 id="${id}"${jaAttr(lang)}>${category.label} ${category.title}</h3>`
      : html`<h4 id="${id}"${jaAttr(lang)}>${category.label} ${category.title}</h4>`;
  return html`${heading}
<div class="table-wrap"><table class="report" aria-labelledby="${id}">
<thead><tr><th scope="col" class="col-no">${planText(lang, "noColumn")}</th><th scope="col">${planText(lang, "itemColumn")}</th>${tree.fiscalYears.map(
    (fy) => fiscalYearHeader(fy, lang),
  )}<th scope="col">${t(lang, "progress")}${tree.period ? html`<span class="gregorian">（${dateText(lang, tree.period.asOf)}${t(lang, "asOfSuffix")}）</span>` : ""}</th></tr></thead>
<tbody>${category.items.map((item) => itemRows(page, tree, item))}</tbody>
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
