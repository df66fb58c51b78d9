import { html } from "hono/html";
import type { GroupNode, PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { contactSection } from "./contact-view.ts";
import { feedLinkList, planFeeds } from "./feed-links.ts";
import { indicatorOverview } from "./indicator-overview.ts";
import type { PageIndicators } from "./indicator-section.ts";
import { ja, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { childPath, type GroupPath, type PlanLinks, planLinks } from "./plan-links.ts";
import {
  categoryPath,
  groupLabel,
  itemLabel,
  itemPlaces,
  numberedItems,
  originalMeasures,
} from "./plan-lookup.ts";
import { periodSelector, planMeta } from "./plan-meta.ts";
import { openDataLinks, planTreeNav } from "./plan-nav.ts";
import { planText, planTextWith } from "./plan-text.ts";
import { countChanges, type ProgressChange } from "./progress-changes.ts";
import { statusChart } from "./status-chart.ts";
import { statusChangeLine } from "./status-label.ts";
import { statusRows } from "./status-rows.ts";
import { statusText } from "./status-text.ts";
import { textDiffView } from "./text-diff-view.ts";

/** How many changed measures are shown with their diff; the rest are listed as links. */
const CHANGES_SHOWN = 20;

/**
 * A plan's overview: the as-of date, the size of the plan, the status distribution (chart and
 * table), what changed since the previous period, and the way into the hierarchy.
 */
export function overviewPage(
  page: PageContext,
  tree: PlanTree,
  changes: { previous: string | null; list: ProgressChange[] },
  indicators: PageIndicators = { list: [], bands: [] },
) {
  const { lang } = page;
  const links = planLinks(tree);
  const asOf = tree.period?.asOf;
  const feeds = [planFeeds.publications(tree.slug, tree.title)];
  return layout({
    ...page,
    title: tree.title,
    feeds,
    breadcrumbs: planBreadcrumbs(lang, tree, links).slice(0, 1),
    headerNav: planTreeNav(page, tree, "overview"),
    body: html`<h1${jaAttr(lang)}>${tree.title}</h1>
${planMeta(lang, tree)}
${periodSelector(lang, tree, page.path)}
<ul class="plan-links">
<li><a href="${links.report()}">${planText(lang, "reportLink")}</a></li>
</ul>
${openDataLinks(lang, links.download)}
${changesSection(lang, tree, links, changes)}
${structureSection(lang, tree)}
<section aria-labelledby="status-heading">
<h2 id="status-heading">${planText(lang, "statusHeading")}</h2>
${allNotSet(tree) ? html`<div class="note" role="note"><p>${planText(lang, "statusAllNotSet")}</p></div>` : ""}
${statusChart(
  lang,
  "plan-status",
  planTextWith(lang, "statusCaption", { date: asOf ? dateText(lang, asOf) : "—" }),
  statusRows(lang, tree, links, null),
)}
</section>
${indicatorOverview(lang, tree, links, indicators)}
${hierarchySection(lang, tree, links)}
${feedLinkList(lang, feeds)}
${contactSection(lang, tree.contact)}`,
  });
}

function allNotSet(tree: PlanTree): boolean {
  return tree.pillars.flatMap(originalMeasures).every((m) => !m.progress?.statusCode);
}

function structureSection(lang: Lang, tree: PlanTree) {
  const groups: GroupNode[] = [];
  const walk = (g: GroupNode) => {
    groups.push(g);
    g.children.forEach(walk);
  };
  tree.pillars.forEach(walk);
  const places = itemPlaces(tree);
  const relistedMeasures = places.flatMap((p) => p.item.measures).filter((m) => m.relistingOf);
  const relistedItems = places.filter((p) => p.item.number === null).length;
  const count = (n: number) => planTextWith(lang, "countUnit", { n });
  const rows: Array<[string, string]> = [
    [planText(lang, "pillars"), count(tree.pillars.length)],
    [planText(lang, "areas"), count(groups.filter((g) => g.level === "area").length)],
    [planText(lang, "categories"), count(groups.filter((g) => g.level === "category").length)],
    [planText(lang, "items"), count(tree.pillars.flatMap(numberedItems).length)],
    [planText(lang, "measures"), count(tree.pillars.flatMap(originalMeasures).length)],
    [planText(lang, "relistings"), count(relistedMeasures.length)],
    [planText(lang, "relistedHeadings"), count(relistedItems)],
  ];
  return html`<section aria-labelledby="structure-heading">
<h2 id="structure-heading">${planText(lang, "structure")}</h2>
<dl class="counts">${rows.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}

function changesSection(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  changes: { previous: string | null; list: ProgressChange[] },
) {
  const heading = html`<h2 id="changes-heading">${planText(lang, "changesHeading")}</h2>`;
  const { previous, list } = changes;
  if (previous === null)
    return html`<section class="changes-first" aria-labelledby="changes-heading">${heading}<p>${planText(lang, "noPreviousPeriod")}</p></section>`;
  const shown = list.slice(0, CHANGES_SHOWN);
  const rest = list.slice(CHANGES_SHOWN);
  const href = (c: ProgressChange) =>
    c.place.item.number === null
      ? links.group(categoryPath(c.place), `measure-${c.measure.code}`)
      : links.item(c.place.item.number, c.measure.code);
  const counts = countChanges(list);
  return html`<section class="changes-first" aria-labelledby="changes-heading">${heading}
<p>${planTextWith(lang, "changesSince", {
    date: dateText(lang, previous),
    iso: previous,
    n: list.length,
  })}</p>
${
  list.length === 0
    ? html`<p>${planText(lang, "noChanges")}</p>`
    : html`<dl class="change-counts" aria-label="${statusText(lang, "changeCounts")}">
<div><dt>${statusText(lang, "newMeasures")}</dt><dd>${planTextWith(lang, "countUnit", { n: counts.added })}</dd></div>
<div><dt>${statusText(lang, "textChanged")}</dt><dd>${planTextWith(lang, "countUnit", { n: counts.textChanged })}</dd></div>
<div><dt>${statusText(lang, "statusChanges")}</dt><dd>${planTextWith(lang, "countUnit", { n: counts.statusChanged })}</dd></div>
</dl>
${changeLegend(lang)}`
}
${
  shown.length > 0
    ? html`<ol class="changes">${shown.map(
        (c) => html`<li>
<h3 class="change-title"><a href="${href(c)}"${jaAttr(lang)}>${c.measure.title}</a></h3>
<p class="change-place"${jaAttr(lang)}>${itemLabel(c.place.item)}</p>
${c.status ? statusChangeLine(lang, tree.statuses, c.status) : ""}
${
  c.before === null
    ? html`<p><strong class="tag change-new">${planText(lang, "newMeasure")}</strong></p><p class="narrative"${jaAttr(lang)}>${c.after}</p>`
    : c.before === c.after
      ? ""
      : textDiffView(lang, c.before, c.after, "word")
}
</li>`,
      )}</ol>`
    : ""
}
${
  rest.length > 0
    ? html`<p>${planTextWith(lang, "moreChanges", { n: rest.length })}</p><ul class="nav-list">${rest.map(
        (c) =>
          html`<li><a href="${href(c)}">${ja(lang, c.measure.title)}</a>（${ja(lang, itemLabel(c.place.item))}）${c.status ? html` <span class="status-change-mark">${statusText(lang, "statusChange")}</span>` : ""}</li>`,
      )}</ul>`
    : ""
}
</section>`;
}

/** What the marks of the change list mean, in words and shapes, not by colour alone. */
function changeLegend(lang: Lang) {
  return html`<div class="change-legend"><p class="change-legend-heading">${statusText(lang, "legendHeading")}</p>
<dl>
<div><dt><ins>${planText(lang, "added")}</ins></dt><dd>${statusText(lang, "legendAdded")}</dd></div>
<div><dt><del>${planText(lang, "removed")}</del></dt><dd>${statusText(lang, "legendRemoved")}</dd></div>
<div><dt><span class="status-change-mark">${statusText(lang, "statusChange")}</span></dt><dd>${statusText(lang, "legendStatus")}</dd></div>
<div><dt><strong class="tag change-new">${planText(lang, "newMeasure")}</strong></dt><dd>${statusText(lang, "legendNew")}</dd></div>
</dl></div>`;
}

function hierarchySection(lang: Lang, tree: PlanTree, links: PlanLinks) {
  const counts = (g: GroupNode) =>
    planTextWith(lang, "itemsAndMeasures", {
      items: numberedItems(g).length,
      measures: originalMeasures(g).length,
    });
  const entry = (g: GroupNode, path: GroupPath): ReturnType<typeof html> => {
    const children = g.children.map((c) => entry(c, childPath(path, c)));
    return html`<li><a href="${links.group(path)}"${jaAttr(lang)}>${groupLabel(g)}</a> <span class="count">${counts(g)}</span>${
      children.length > 0 ? html`<ul>${children}</ul>` : ""
    }</li>`;
  };
  return html`<nav aria-labelledby="browse-heading" class="hierarchy">
<h2 id="browse-heading">${planText(lang, "browse")}</h2>
<ul class="nav-list">${tree.pillars.map((p) => entry(p, { pillar: p.number }))}</ul>
</nav>`;
}
