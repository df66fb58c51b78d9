import { html } from "hono/html";
import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { indicatorSection, type PageIndicators } from "./indicator-section.ts";
import { ja, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { childPath, type GroupPath, type PlanLinks, planLinks } from "./plan-links.ts";
import {
  type GroupPlace,
  groupLabel,
  itemLabel,
  numberedItems,
  originalMeasures,
} from "./plan-lookup.ts";
import { periodSelector, planMeta } from "./plan-meta.ts";
import { planTreeNav } from "./plan-nav.ts";
import { planText, planTextWith } from "./plan-text.ts";
import { statusBadge } from "./status-badge.ts";
import { statusChart } from "./status-chart.ts";
import { statusNameOf } from "./status-distribution.ts";
import { statusSourceNote } from "./status-label.ts";
import { statusRows } from "./status-rows.ts";

/**
 * A pillar's, area's or category's page: its status distribution, then the groups below it down
 * to the items (a pillar or an area), or its items and their measures (a category).
 */
export function groupPage(
  page: PageContext,
  tree: PlanTree,
  place: GroupPlace,
  indicators: PageIndicators = { list: [], bands: [] },
) {
  const { lang } = page;
  const links = planLinks(tree);
  const { group, path } = place;
  const asOf = tree.period?.asOf;
  const above = { groups: place.chain.slice(0, -1) };
  return layout({
    ...page,
    title: groupLabel(group),
    breadcrumbs: planBreadcrumbs(lang, tree, links, above),
    headerNav: planTreeNav(page, tree, null),
    body: html`<h1${jaAttr(lang)}>${groupLabel(group)}</h1>
${planMeta(lang, tree, tree.title)}
${periodSelector(lang, tree, page.path)}
<section aria-labelledby="status-heading">
<h2 id="status-heading">${planText(lang, "statusHeading")}</h2>
${statusChart(
  lang,
  "group-status",
  planTextWith(lang, "statusCaption", { date: asOf ? dateText(lang, asOf) : "—" }),
  statusRows(lang, tree, links, { group, path }),
)}
</section>
${indicatorSection(lang, "group-indicators", groupIndicators(indicators, place), 2)}
${group.children.length === 0 ? categoryItems(lang, links, tree.statuses, group) : groupTree(lang, links, group, path)}`,
  });
}

/** The indicators of the group itself (not of the groups, items or measures below it). */
function groupIndicators(indicators: PageIndicators, place: GroupPlace): PageIndicators {
  const path = place.chain.map((g) => g.number).join("/");
  return {
    list: indicators.list.filter(
      (i) => i.place.level === "group" && i.place.groupPath.join("/") === path,
    ),
    bands: indicators.bands,
  };
}

function groupTree(lang: Lang, links: PlanLinks, group: GroupNode, path: GroupPath) {
  const counts = (g: GroupNode) =>
    planTextWith(lang, "itemsAndMeasures", {
      items: numberedItems(g).length,
      measures: originalMeasures(g).length,
    });
  const entry = (g: GroupNode, p: GroupPath): ReturnType<typeof html> => {
    const below = g.children.map((c) => entry(c, childPath(p, c)));
    const items = g.items.map(
      (i) =>
        html`<li>${
          i.number === null
            ? html`${ja(lang, itemLabel(i))}${
                i.relistingOfItemNumber === null
                  ? ""
                  : html`（<a href="${links.item(i.relistingOfItemNumber)}">${planTextWith(lang, "relistedItem", { n: i.relistingOfItemNumber })}</a>）`
              }`
            : html`<a href="${links.item(i.number)}"${jaAttr(lang)}>${itemLabel(i)}</a>`
        }</li>`,
    );
    return html`<li><a href="${links.group(p)}"${jaAttr(lang)}>${groupLabel(g)}</a> <span class="count">${counts(g)}</span>${
      below.length > 0 ? html`<ul>${below}</ul>` : ""
    }${items.length > 0 ? html`<ul>${items}</ul>` : ""}</li>`;
  };
  const heading = planText(
    lang,
    group.children.some((c) => c.level === "area") ? "areas" : "categories",
  );
  return html`<nav aria-labelledby="below-heading" class="hierarchy">
<h2 id="below-heading">${heading}</h2>
<ul class="nav-list">${group.children.map((c) => entry(c, childPath(path, c)))}</ul>
</nav>`;
}

function categoryItems(
  lang: Lang,
  links: PlanLinks,
  statuses: PlanTree["statuses"],
  category: GroupNode,
) {
  return html`<section aria-labelledby="items-heading">
<h2 id="items-heading">${planText(lang, "itemsHeading")}</h2>
${category.items.map((item, index) => itemBlock(lang, links, statuses, item, index))}
</section>`;
}

function itemBlock(
  lang: Lang,
  links: PlanLinks,
  statuses: PlanTree["statuses"],
  item: ItemNode,
  index: number,
) {
  const id = item.number === null ? `relisted-item-${index + 1}` : `item-${item.number}`;
  const heading =
    item.number === null
      ? html`<h3 id="${id}"${jaAttr(lang)}>${itemLabel(item)}</h3>${
          item.relistingOfItemNumber === null
            ? ""
            : html`<p class="relisting-note"><a href="${links.item(item.relistingOfItemNumber)}">${planTextWith(lang, "relistedItem", { n: item.relistingOfItemNumber })}</a></p>`
        }`
      : html`<h3 id="${id}"${jaAttr(lang)}><a href="${links.item(item.number)}">${itemLabel(item)}</a></h3>`;
  return html`<section class="item-block" aria-labelledby="${id}">${heading}
<ul class="measure-list">${item.measures.map((m) => measureEntry(lang, links, statuses, item, m))}</ul>
</section>`;
}

function measureEntry(
  lang: Lang,
  links: PlanLinks,
  statuses: PlanTree["statuses"],
  item: ItemNode,
  measure: MeasureNode,
) {
  const original = measure.relistingOf;
  const statusName = statusNameOf(
    statuses,
    measure.progress?.statusCode,
    planText(lang, "statusNotSet"),
  );
  // A measure under a re-listed item heading has no page of its own: its 再掲 link leads on.
  const title =
    item.number === null
      ? ja(lang, measure.title)
      : html`<a href="${links.item(item.number, measure.code)}"${jaAttr(lang)}>${measure.title}</a>`;
  return html`<li id="measure-${measure.code}">${title} <span class="status">${planText(lang, "status")}: ${statusBadge(lang, measure.progress?.statusCode, statusName)}${statusSourceNote(lang, statuses, measure.progress)}</span>${
    original
      ? html` <a class="relisting" href="${original.itemNumber === null ? links.report(`measure-${original.code}`) : links.item(original.itemNumber, original.code)}">${t(lang, "relistingOf")}: No.${original.itemNumber ?? ""}</a>`
      : ""
  }</li>`;
}
