import { html } from "hono/html";
import type { SimilarMeasure } from "../../store/search/similar-measures.ts";
import { dateText } from "../i18n/date-text.ts";
import { defineMessages, type Lang } from "../i18n/messages.ts";
import { ja } from "./lang-ja.ts";
import { statusBadge } from "./status-badge.ts";

export const similarText = defineMessages(
  {
    heading: "他の自治体の似た取組",
    intro: "ほかの地方公共団体が公表している計画から、題名が似ている取組です（最大5件）。",
    notSet: "未設定",
    asOf: "{date}時点",
    item: "No.{n}",
  },
  {
    heading: "Similar measures in other municipalities",
    intro:
      "Measures with similar titles in plans other municipalities have published (up to five).",
    notSet: "Not set",
    asOf: "as of {date}",
    item: "No.{n}",
  },
);

/**
 * A measure's similar measures of other organizations: each linked to its item page, with its
 * organization, plan, status and as-of date. Nothing when there are none.
 */
export function similarMeasuresView(
  lang: Lang,
  measureCode: string,
  similar: readonly SimilarMeasure[] | undefined,
) {
  if (!similar || similar.length === 0) return "";
  const id = `measure-${measureCode}-similar`;
  return html`<section class="similar" aria-labelledby="${id}">
<h4 id="${id}">${similarText(lang, "heading")}</h4>
<p class="hint">${similarText(lang, "intro")}</p>
<ul class="similar-list">${similar.map((s) => {
    const plan = `/plans/${encodeURIComponent(s.plan.slug)}`;
    const href =
      s.item.number === null
        ? `${plan}/report#measure-${encodeURIComponent(s.measureCode)}`
        : `${plan}/items/${s.item.number}#measure-${encodeURIComponent(s.measureCode)}`;
    return html`<li><a href="${href}">${ja(lang, s.measureTitle)}</a>
<p class="similar-meta"><a href="/orgs/${encodeURIComponent(s.plan.organizationCode)}">${ja(lang, s.plan.organizationName)}</a><span>${ja(lang, s.plan.title)}</span>${statusBadge(lang, s.status?.code, s.status?.name ?? similarText(lang, "notSet"), s.status !== null)}${
      s.period
        ? html`<span>${similarText(lang, "asOf").replace("{date}", dateText(lang, s.period))}</span>`
        : ""
    }</p></li>`;
  })}</ul>
</section>`;
}
