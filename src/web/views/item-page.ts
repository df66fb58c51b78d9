import { html } from "hono/html";
import { formatFigure } from "../../domain/confirmed-figure.ts";
import type { MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import type { MeasureFieldValue } from "../../store/queries/measure-fields-query.ts";
import type { PeriodProgress } from "../../store/queries/progress-history-query.ts";
import type { SimilarMeasure } from "../../store/search/similar-measures.ts";
import { dateText } from "../i18n/date-text.ts";
import { defineMessages, type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { feedLinkList, planFeeds } from "./feed-links.ts";
import { indicatorSection, indicatorsOfMeasure, type PageIndicators } from "./indicator-section.ts";
import { ja, jaAttr } from "./lang-ja.ts";
import { layout } from "./layout.ts";
import { planBreadcrumbs } from "./plan-breadcrumbs.ts";
import { type PlanLinks, planLinks } from "./plan-links.ts";
import { categoryPath, groupLabel, type ItemPlace, itemLabel, itemPlaces } from "./plan-lookup.ts";
import { periodSelector, planMeta } from "./plan-meta.ts";
import { planTreeNav } from "./plan-nav.ts";
import { planText, planTextWith } from "./plan-text.ts";
import { fiscalYearHeader, roadmapCell } from "./roadmap-cell.ts";
import { similarMeasuresView } from "./similar-measures-view.ts";
import { statusBadge } from "./status-badge.ts";
import { statusNameOf } from "./status-distribution.ts";
import { statusChangeLine, statusSourceNote } from "./status-label.ts";
import { textDiffView } from "./text-diff-view.ts";

const figureText = defineMessages(
  { figures: "数値（担当課が確定した値）", fields: "その他の項目" },
  { figures: "Figures (as confirmed by the department)", fields: "Other fields" },
);

/**
 * An item's page: the roadmap of its measures across the fiscal years, then each measure
 * (`#measure-{code}`) with its status, the progress of the period and its confirmed figures, the history of every published
 * period up to it with what changed, and its re-listings both ways.
 * `history` holds the progress by measure code (a re-listing's under its original's code).
 */
export function itemPage(
  page: PageContext,
  tree: PlanTree,
  place: ItemPlace,
  history: ReadonlyMap<string, readonly PeriodProgress[]>,
  fields: readonly MeasureFieldValue[] = [],
  similar: ReadonlyMap<string, readonly SimilarMeasure[]> = new Map(),
  indicators: PageIndicators = { list: [], bands: [] },
) {
  const { lang } = page;
  const links = planLinks(tree);
  const { item } = place;
  const feeds = [
    ...(item.number === null ? [] : [planFeeds.item(tree.slug, item.number)]),
    ...item.measures.map((m) => planFeeds.measure(tree.slug, m.code, m.title)),
  ];
  return layout({
    ...page,
    title: itemLabel(item),
    feeds,
    breadcrumbs: planBreadcrumbs(lang, tree, links, place),
    headerNav: planTreeNav(page, tree, null),
    body: html`<h1${jaAttr(lang)}>${itemLabel(item)}</h1>
${planMeta(lang, tree, tree.title)}
${periodSelector(lang, tree, page.path)}
<section aria-labelledby="roadmap-heading">
<h2 id="roadmap-heading">${planText(lang, "roadmap")}</h2>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="roadmap-heading"><table class="report roadmap">
<thead><tr><th scope="col">${planText(lang, "measure")}</th>${tree.fiscalYears.map((fy) => fiscalYearHeader(fy, lang))}</tr></thead>
<tbody>${item.measures.map(
      (m) =>
        html`<tr><th scope="row" class="measure-title"><a href="#measure-${m.code}"${jaAttr(lang)}>${m.title}</a></th>${tree.fiscalYears.map(
          (fy) =>
            roadmapCell(
              lang,
              fy,
              m.roadmap.find((r) => r.fiscalYear === fy),
            ),
        )}</tr>`,
    )}</tbody>
</table></div>
</section>
<section aria-labelledby="measures-heading">
<h2 id="measures-heading">${planText(lang, "measuresAndProgress")}</h2>
${item.measures.map((m) =>
  measureSection(
    lang,
    tree,
    links,
    m,
    history,
    fields.filter((f) => f.code === (m.relistingOf?.code ?? m.code)),
    m.relistingOf ? undefined : similar.get(m.code),
    indicatorsOfMeasure(indicators, m.relistingOf?.code ?? m.code),
  ),
)}
</section>
${indicatorSection(
  lang,
  "item-indicators",
  {
    list: indicators.list.filter(
      (i) => i.place.level === "item" && i.place.itemNumber === item.number,
    ),
    bands: indicators.bands,
  },
  2,
)}
${feedLinkList(lang, feeds)}`,
  });
}

function measureSection(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  measure: MeasureNode,
  history: ReadonlyMap<string, readonly PeriodProgress[]>,
  fields: readonly MeasureFieldValue[],
  similar: readonly SimilarMeasure[] | undefined,
  indicators: PageIndicators,
) {
  const original = measure.relistingOf;
  const current = tree.period?.asOf;
  const periods = (history.get(original?.code ?? measure.code) ?? []).filter(
    (p) => current !== undefined && p.asOf <= current,
  );
  const notSet = planText(lang, "statusNotSet");
  return html`<section class="measure" id="measure-${measure.code}" aria-labelledby="measure-${measure.code}-title">
<h3 id="measure-${measure.code}-title" class="keeps-lines"${jaAttr(lang)}>${measure.title}</h3>
${
  original
    ? html`<p class="relisting-note"><a class="relisting" href="${original.itemNumber === null ? links.report(`measure-${original.code}`) : links.item(original.itemNumber, original.code)}">${t(lang, "relistingOf")}: No.${original.itemNumber ?? ""}</a> ${planTextWith(lang, "relistedFromItem", { n: original.itemNumber ?? "" })}</p>`
    : ""
}
${relistedAt(lang, tree, links, measure)}
<p class="status-line">${planText(lang, "status")}: ${statusBadge(lang, measure.progress?.statusCode, statusNameOf(tree.statuses, measure.progress?.statusCode, notSet))}${statusSourceNote(lang, tree.statuses, measure.progress)}</p>
<h4>${planTextWith(lang, "currentProgress", { date: current ? dateText(lang, current) : "—" })}</h4>
${
  measure.progress && measure.progress.narrative !== ""
    ? html`<p class="narrative"${jaAttr(lang)}>${measure.progress.narrative}</p>`
    : html`<p class="empty">${planText(lang, "noProgress")}</p>`
}
${
  measure.progress && measure.progress.figures.length > 0
    ? html`<p class="figures-label" id="measure-${measure.code}-figures">${figureText(lang, "figures")}</p>
<ul class="figure-list" aria-labelledby="measure-${measure.code}-figures">${measure.progress.figures.map((f) => html`<li${jaAttr(lang)}>${formatFigure(f)}</li>`)}</ul>`
    : ""
}
${
  fields.length > 0
    ? html`<h4>${figureText(lang, "fields")}</h4>
<dl class="custom-fields"${jaAttr(lang)}>${fields.map((f) => html`<dt>${f.heading}</dt><dd>${f.value}</dd>`)}</dl>`
    : ""
}
${indicatorSection(lang, `measure-${measure.code}-indicators`, indicators, 4)}
<h4>${planText(lang, "history")}</h4>
${
  periods.length === 0
    ? html`<p class="empty">${planText(lang, "noHistory")}</p>`
    : html`<ol class="history" reversed>${[...periods.entries()].reverse().map(([index, p]) => {
        const before = periods[index - 1];
        return html`<li>
<p class="history-date"><strong>${dateText(lang, p.asOf)}${t(lang, "asOfSuffix")}</strong>（<time datetime="${p.asOf}">${p.asOf}</time>）・${planText(lang, "status")}: ${statusBadge(lang, p.statusCode, statusNameOf(tree.statuses, p.statusCode, notSet))}${statusSourceNote(lang, tree.statuses, p)}</p>${before ? historyStatusChange(lang, tree, before, p) : ""}
${
  before === undefined
    ? html`<p class="history-label">${planText(lang, "firstReport")}</p>${p.narrative === "" ? html`<p class="empty">${planText(lang, "noProgress")}</p>` : html`<p class="narrative"${jaAttr(lang)}>${p.narrative}</p>`}`
    : before.narrative === p.narrative
      ? html`<p class="history-label">${planText(lang, "unchanged")}</p>`
      : html`<p class="history-label">${planText(lang, "changed")}</p>${textDiffView(lang, before.narrative, p.narrative, "word")}`
}
</li>`;
      })}</ol>`
}
${similarMeasuresView(lang, measure.code, similar)}
</section>`;
}

/** 再掲先: where an original measure is shown again, each linked. */
function relistedAt(lang: Lang, tree: PlanTree, links: PlanLinks, measure: MeasureNode) {
  const places: Array<{ href: string; label: string }> = [];
  for (const place of itemPlaces(tree)) {
    for (const m of place.item.measures) {
      if (m.relistingOf?.code !== measure.code) continue;
      places.push(
        place.item.number === null
          ? {
              href: links.group(categoryPath(place), `measure-${m.code}`),
              label: groupLabel(place.category),
            }
          : { href: links.item(place.item.number, m.code), label: `No.${place.item.number}` },
      );
    }
  }
  if (places.length === 0) return "";
  return html`<p class="relisting-note">${places.map(
    (p, i) =>
      html`${i > 0 ? (lang === "ja" ? "、" : ", ") : ""}<a class="relisting" href="${p.href}">${t(lang, "relistedAt")}: ${ja(lang, p.label)}</a>`,
  )}</p>`;
}

/** The status change between two periods of a measure's history, marked; "" when none. */
function historyStatusChange(
  lang: Lang,
  tree: PlanTree,
  before: PeriodProgress,
  after: PeriodProgress,
) {
  const source = (p: PeriodProgress) =>
    p.statusCode !== null && p.statusSource === "suggested" ? "suggested" : "confirmed";
  if (before.statusCode === after.statusCode && source(before) === source(after)) return "";
  return statusChangeLine(lang, tree.statuses, {
    before: { code: before.statusCode, source: source(before) },
    after: { code: after.statusCode, source: source(after) },
  });
}
