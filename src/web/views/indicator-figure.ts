import { html } from "hono/html";
import type { IndicatorValue, ScoreBand } from "../../domain/indicator.ts";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import type { StoredIndicator } from "../../store/queries/indicator-query.ts";
import { dateText, fiscalYearWithGregorianText } from "../i18n/date-text.ts";
import type { Lang } from "../i18n/messages.ts";
import { indicatorChart } from "./indicator-chart.ts";
import { formatDecimal, type IndicatorRow, indicatorRows } from "./indicator-rows.ts";
import { indicatorText, indicatorTextWith } from "./indicator-text.ts";
import { jaRuns, jaText } from "./lang-ja.ts";

/** A fiscal year as the table writes it: 平成25年度（2013年度）, or "FY2013 (Heisei 25)". */
const yearLabel = (lang: Lang, fy: number) => fiscalYearWithGregorianText(lang, fy);

function cell(value: IndicatorValue | null, suffix = "") {
  if (value?.value === null || value?.value === undefined) return html`<td class="num"></td>`;
  return html`<td class="num">${formatDecimal(value.value)}${suffix}</td>`;
}

function rowHeader(lang: Lang, row: IndicatorRow) {
  if (row.fiscalYear === null) return indicatorText(lang, "finalTarget");
  const year = yearLabel(lang, row.fiscalYear);
  return row.periodAsOf === null
    ? year
    : `${year} ${indicatorTextWith(lang, "midYear", { date: dateText(lang, row.periodAsOf) })}`;
}

/**
 * One indicator on a public page: its heading, kind and direction, its achievement (達成率) and
 * score, the chart, and the table of the same values (年度, 基準値, 目標値, 実績値, 備考) as the
 * chart's text equivalent. `id` makes the ids of the section unique on the page.
 */
export function indicatorFigure(
  lang: Lang,
  indicator: StoredIndicator,
  bands: readonly ScoreBand[],
  options: { headingLevel: 3 | 4 | 5; place?: string },
) {
  const id = `indicator-${indicator.code}`;
  const rows = indicatorRows(indicator.values);
  const achievement = achievementOf(indicator, bands);
  const unit = indicator.unit ?? "";
  const caption = indicator.unit
    ? indicatorTextWith(lang, "caption", { name: indicator.name, unit: indicator.unit })
    : indicatorTextWith(lang, "captionNoUnit", { name: indicator.name });
  const heading = html`<h${options.headingLevel} id="${id}-title">${jaText(lang, indicator.name)}</h${options.headingLevel}>`;
  const notes = (row: IndicatorRow) =>
    [row.baseline, row.target, row.result]
      .flatMap((v) => (v?.note ? [`${indicatorText(lang, v.kind)}: ${v.note}`] : []))
      .join("、");
  const facts: Array<[string, string]> = [
    ...(options.place ? [[indicatorText(lang, "place"), options.place] as [string, string]] : []),
    [indicatorText(lang, "kind"), indicator.kind],
    [
      indicatorText(lang, "direction"),
      indicator.direction ? indicatorText(lang, indicator.direction) : indicatorText(lang, "none"),
    ],
    ...(indicator.source
      ? [[indicatorText(lang, "source"), indicator.source] as [string, string]]
      : []),
  ];
  return html`<section class="indicator" id="${id}" aria-labelledby="${id}-title">
${heading}
<dl class="indicator-facts">${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${jaRuns(lang, value)}</dd></div>`)}</dl>
${
  achievement && achievement.rate !== null && achievement.target !== null
    ? html`<p class="indicator-achievement">${jaRuns(
        lang,
        indicatorTextWith(lang, "achievementLine", {
          year: yearLabel(lang, achievement.fiscalYear),
          rate: achievement.rate.toFixed(1),
          result: `${formatDecimal(achievement.result ?? "")}${unit}`,
          target: `${formatDecimal(achievement.target)}${unit}`,
        }),
      )}${
        achievement.score
          ? html`・${indicatorText(lang, "score")}: <strong class="indicator-score">${achievement.score}</strong>`
          : ""
      }</p>`
    : html`<p class="indicator-achievement empty">${indicatorText(lang, "noAchievement")}</p>`
}
<div class="indicator-figure status-figure">
${indicatorChart(lang, indicatorTextWith(lang, "chartLabel", { name: indicator.name }), rows)}
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-caption"><table class="status-table indicator-table">
<caption id="${id}-caption">${jaRuns(lang, caption)}</caption>
<thead><tr><th scope="col">${indicatorText(lang, "year")}</th><th scope="col" class="num">${indicatorText(lang, "baseline")}</th><th scope="col" class="num">${indicatorText(lang, "target")}</th><th scope="col" class="num">${indicatorText(lang, "result")}</th><th scope="col">${indicatorText(lang, "note")}</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr><th scope="row">${jaRuns(lang, rowHeader(lang, row))}</th>${cell(row.baseline)}${cell(
        row.target,
        row.target?.final && row.fiscalYear !== null ? indicatorText(lang, "finalTargetYear") : "",
      )}${cell(row.result)}<td>${jaRuns(lang, notes(row))}</td></tr>`,
  )}</tbody>
</table></div>
</div>
</section>`;
}
