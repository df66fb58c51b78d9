import { html } from "hono/html";
import type { RoadmapEntry } from "../../domain/roadmap-entry.ts";
import { fiscalYearText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import { ja } from "./lang-ja.ts";

/**
 * A roadmap cell as printed. `—` is read as "none". `⇒` stays as printed, with the activity it
 * continues written beside it in small text: visible to everyone (no hover or focus needed),
 * read by screen readers, printed; the mark itself keeps a tooltip. The printed text is
 * Japanese: marked so on English pages.
 */
export function roadmapCell(lang: Lang, fiscalYear: number, entry: RoadmapEntry | undefined) {
  const label = fiscalYearText(lang, fiscalYear);
  if (!entry) return html`<td data-label="${label}"></td>`;
  if (entry.none)
    return html`<td data-label="${label}"><span aria-hidden="true">—</span><span class="visually-hidden">${t(lang, "none")}</span></td>`;
  if (entry.continued) {
    const activity = entry.activity ?? t(lang, "continuedBeforePlan");
    const explanation = `${t(lang, "continuedFrom")}: ${activity}`;
    return html`<td data-label="${label}"><span class="continued-mark" aria-hidden="true" title="${explanation}">${ja(lang, entry.text)}</span><span class="continued-note">${t(lang, "continuedFrom")}: ${entry.activity == null ? activity : ja(lang, activity)}</span></td>`;
  }
  return html`<td data-label="${label}">${ja(lang, entry.text)}</td>`;
}

/** A fiscal year's column header: 平成24年度 with （2012年度） below; "FY2012 (Heisei 24)" in English. */
export function fiscalYearHeader(fiscalYear: number, lang: Lang = "ja") {
  return lang === "ja"
    ? html`<th scope="col" class="col-year">${fiscalYearText(lang, fiscalYear)}<span class="gregorian">（${fiscalYear}年度）</span></th>`
    : html`<th scope="col" class="col-year">${fiscalYearText(lang, fiscalYear)}</th>`;
}
