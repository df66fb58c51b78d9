import { html } from "hono/html";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import { jaAttr, jaText } from "./lang-ja.ts";
import { planText, planTextWith } from "./plan-text.ts";

/**
 * The line under a plan page's heading: organization, plan, and the as-of date of the period in
 * 和暦 and 西暦 (平成25年9月末時点、2013-09-30).
 */
export function planMeta(lang: Lang, tree: PlanTree, what: string = t(lang, "roadmapAndProgress")) {
  const asOf = tree.period?.asOf;
  const asOfText = asOf
    ? `${dateText(lang, asOf)}${t(lang, "asOfSuffix")}`
    : t(lang, "noProgressYet");
  return html`<p class="plan-meta"><a href="/orgs/${encodeURIComponent(tree.organization.code)}"${jaAttr(lang)}>${tree.organization.name}</a>・${jaText(lang, what)}（${asOfText}${
    asOf ? html`、<time datetime="${asOf}">${asOf}</time>` : ""
  }）</p>`;
}

/**
 * A GET form to choose the reporting period, shown when the plan has several. It keeps `?lang=`
 * when the page was asked for with it. Works without script: the reader submits with the button.
 */
export function periodSelector(lang: Lang, tree: PlanTree, pagePath: string) {
  const periods = tree.periods.filter((p) => p.state === "published" || p === tree.period);
  if (periods.length < 2) return "";
  const current = tree.period?.asOf;
  const asked = new URL(pagePath, "http://localhost").searchParams.get("lang");
  const action = new URL(pagePath, "http://localhost").pathname;
  return html`<form class="period-form" method="get" action="${action}">
<label for="period-select">${planText(lang, "periodLabel")}</label>
<select id="period-select" class="period-select" name="period">${[...periods]
    .reverse()
    .map(
      (p) =>
        html`<option value="${p.asOf}"${p.asOf === current ? html` selected` : ""}>${planTextWith(
          lang,
          "periodCurrent",
          { date: dateText(lang, p.asOf), iso: p.asOf },
        )}</option>`,
    )}</select>
${asked === "en" || asked === "ja" ? html`<input type="hidden" name="lang" value="${asked}">` : ""}
<button type="submit" class="period-button">${planText(lang, "periodShow")}</button>
</form>`;
}
