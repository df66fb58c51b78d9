import { html } from "hono/html";
import { formatFiscalYear } from "../../domain/fiscal-year.ts";
import type { RoadmapEntry } from "../../domain/roadmap-entry.ts";
import { type Lang, t } from "../i18n/messages.ts";

/**
 * A roadmap cell as printed. `—` is read as "none". `⇒` stays as printed, with the activity it
 * continues written beside it in small text: visible to everyone (no hover or focus needed),
 * read by screen readers, printed; the mark itself keeps a tooltip.
 */
export function roadmapCell(lang: Lang, fiscalYear: number, entry: RoadmapEntry | undefined) {
  const label = formatFiscalYear(fiscalYear);
  if (!entry) return html`<td data-label="${label}"></td>`;
  if (entry.none)
    return html`<td data-label="${label}"><span aria-hidden="true">—</span><span class="visually-hidden">${t(lang, "none")}</span></td>`;
  if (entry.continued) {
    const explanation = `${t(lang, "continuedFrom")}: ${entry.activity ?? t(lang, "continuedBeforePlan")}`;
    return html`<td data-label="${label}"><span class="continued-mark" aria-hidden="true" title="${explanation}">${entry.text}</span><span class="continued-note">${explanation}</span></td>`;
  }
  return html`<td data-label="${label}">${entry.text}</td>`;
}

/** A fiscal year's column header: 平成24年度 with （2012年度） below. */
export function fiscalYearHeader(fiscalYear: number) {
  return html`<th scope="col" class="col-year">${formatFiscalYear(fiscalYear)}<span class="gregorian">（${fiscalYear}年度）</span></th>`;
}
