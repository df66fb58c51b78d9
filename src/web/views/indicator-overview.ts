import { html } from "hono/html";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import { scoreDistribution, scoreDistributionTable } from "./indicator-distribution.ts";
import type { PageIndicators } from "./indicator-section.ts";
import { indicatorText, indicatorTextWith } from "./indicator-text.ts";
import type { PlanLinks } from "./plan-links.ts";

/** The overview's section of indicators: the scores per level and the way to all of them. */
export function indicatorOverview(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  indicators: PageIndicators,
) {
  if (indicators.list.length === 0) return "";
  const asOf = tree.period?.asOf;
  return html`<section aria-labelledby="indicator-heading">
<h2 id="indicator-heading">${indicatorText(lang, "distributionHeading")}</h2>
${scoreDistributionTable(
  lang,
  indicatorTextWith(lang, "distributionCaption", {
    date: asOf ? dateText(lang, asOf) : "—",
  }),
  indicators.bands,
  scoreDistribution(indicators.list, indicators.bands, tree.levels),
)}
<p><a href="${links.download("indicators")}">${indicatorText(lang, "pageLink")}</a></p>
</section>`;
}
