import { html } from "hono/html";
import type { ScoreBand } from "../../domain/indicator.ts";
import { achievementOf } from "../../domain/indicator-achievement.ts";
import type { PlanLevel } from "../../domain/plan-draft.ts";
import type { StoredIndicator } from "../../store/queries/indicator-query.ts";
import type { Lang } from "../i18n/messages.ts";
import { indicatorText } from "./indicator-text.ts";
import { jaRuns, jaText } from "./lang-ja.ts";

/** How many indicators of one level earned each score, and how many have none yet. */
export interface ScoreDistributionRow {
  levelName: string;
  counts: number[];
  unscored: number;
  total: number;
}

/**
 * The scores of a plan's indicators per level (in the plan's order of levels, top down), one
 * count per band in the bands' order; an indicator without an achievement is `unscored`.
 */
export function scoreDistribution(
  indicators: readonly StoredIndicator[],
  bands: readonly ScoreBand[],
  levels: readonly PlanLevel[],
): ScoreDistributionRow[] {
  const names = [...new Set(levels.map((l) => l.name))];
  for (const i of indicators) if (!names.includes(i.place.levelName)) names.push(i.place.levelName);
  return names.flatMap((levelName) => {
    const ofLevel = indicators.filter((i) => i.place.levelName === levelName);
    if (ofLevel.length === 0) return [];
    const scores = ofLevel.map((i) => achievementOf(i, bands)?.score ?? null);
    return [
      {
        levelName,
        counts: bands.map((b) => scores.filter((s) => s === b.label).length),
        unscored: scores.filter((s) => s === null).length,
        total: ofLevel.length,
      },
    ];
  });
}

/** The distribution as a table with a caption (its own text; no chart needed beside it). */
export function scoreDistributionTable(
  lang: Lang,
  caption: string,
  bands: readonly ScoreBand[],
  rows: readonly ScoreDistributionRow[],
) {
  const captionId = "score-distribution-caption";
  return html`<div class="status-figure"><div class="table-wrap" role="region" tabindex="0" aria-labelledby="${captionId}"><table class="status-table score-distribution">
<caption id="${captionId}">${jaRuns(lang, caption)}</caption>
<thead><tr><th scope="col">${indicatorText(lang, "level")}</th>${bands.map(
    (b) => html`<th scope="col" class="num">${b.label}</th>`,
  )}<th scope="col" class="num">${indicatorText(lang, "unscored")}</th><th scope="col" class="num">${indicatorText(lang, "total")}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${jaText(lang, r.levelName)}</th>${r.counts.map((n) => html`<td class="num">${n}</td>`)}<td class="num">${r.unscored}</td><td class="num">${r.total}</td></tr>`,
  )}</tbody>
</table></div></div>`;
}
