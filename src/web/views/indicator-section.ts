import { html } from "hono/html";
import type { ScoreBand } from "../../domain/indicator.ts";
import type { StoredIndicator } from "../../store/queries/indicator-query.ts";
import type { Lang } from "../i18n/messages.ts";
import { indicatorFigure } from "./indicator-figure.ts";
import { indicatorText } from "./indicator-text.ts";

/** The indicators a page shows, with the plan's score bands. */
export interface PageIndicators {
  list: readonly StoredIndicator[];
  bands: readonly ScoreBand[];
}

/** The indicators of one measure (by its code; a re-listing shows its original's). */
export function indicatorsOfMeasure(indicators: PageIndicators, code: string): PageIndicators {
  return {
    list: indicators.list.filter(
      (i) => i.place.level === "measure" && i.place.measureCode === code,
    ),
    bands: indicators.bands,
  };
}

/**
 * A heading 「指標」 at `level` and each indicator below it (a heading one level down); nothing
 * when there are none.
 */
export function indicatorSection(lang: Lang, id: string, indicators: PageIndicators, level: 2 | 4) {
  if (indicators.list.length === 0) return "";
  return html`<section class="indicators" aria-labelledby="${id}">
<h${level} id="${id}">${indicatorText(lang, "heading")}</h${level}>
${indicators.list.map((i) =>
  indicatorFigure(lang, i, indicators.bands, { headingLevel: level === 2 ? 3 : 5 }),
)}
</section>`;
}
