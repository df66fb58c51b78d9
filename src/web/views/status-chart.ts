import { html } from "hono/html";
import type { Lang } from "../i18n/messages.ts";
import { jaText } from "./lang-ja.ts";
import { planText } from "./plan-text.ts";
import type { StatusDistribution } from "./status-distribution.ts";
import { statusText, statusTextWith } from "./status-text.ts";

/** One row of the chart and table: the whole plan, a pillar, an area or a category. */
export interface StatusRow {
  /** The row header in the table: "II. もっと暮らしやすさを…". */
  label: string;
  /** The bar's label in the chart: "II". */
  shortLabel: string;
  href?: string;
  /** Indentation in the table: 0 for the plan or the page's own group, 1, 2 below. */
  depth: number;
  /** Whether the row also gets a bar (the table has every row). */
  inChart: boolean;
  distribution: StatusDistribution;
}

/**
 * Fills that differ in pattern as well as colour (solid, stripes, dots, cross-hatch, lines), so a
 * status is told apart without colour; every segment is outlined, and "not set" is plain white.
 */
const FILLS = [
  { background: "#0031d8", ink: null, shape: "" },
  { background: "#d9e6ff", ink: "#0031d8", shape: "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" },
  { background: "#ffffff", ink: "#00118f", shape: "dots" },
  { background: "#ececec", ink: "#333333", shape: "M0,4 h8 M4,0 v8" },
  { background: "#ffffff", ink: "#8f0000", shape: "M0,2 h8 M0,6 h8" },
];
const NOT_SET = { background: "#ffffff", ink: null, shape: "" };

const W = 640;
const LABEL_W = 96;
const BAR_X = LABEL_W + 8;
const BAR_W = 470;
const ROW_H = 26;
const ROW_GAP = 10;
const LEGEND_COL = 210;

/**
 * A status distribution as an inline SVG bar chart (no script) with the table beside it, which is
 * the chart's text equivalent: the chart is an image labelled as such, the numbers are read from
 * the table. Each bar is 100% of its row's measures, split by status.
 */
export function statusChart(lang: Lang, id: string, caption: string, rows: readonly StatusRow[]) {
  const first = rows[0];
  if (!first) return "";
  const all = first.distribution.counts;
  // Buckets of suggested statuses appear only where some row has one.
  const shown = all
    .map((bucket, index) => ({ bucket, index }))
    .filter(
      ({ bucket, index }) =>
        !bucket.suggested || rows.some((r) => (r.distribution.counts[index]?.count ?? 0) > 0),
    );
  const confirmedCount = all.filter((b) => b.code !== null && !b.suggested).length;
  const fillOf = (index: number) => {
    const bucket = all[index];
    if (!bucket || bucket.code === null) return NOT_SET;
    // A suggested status has its status's pattern, paler, and a dashed outline.
    const base = bucket.suggested ? index - confirmedCount : index;
    return FILLS[base % FILLS.length] ?? NOT_SET;
  };
  const paint = (index: number) => {
    const fill = fillOf(index);
    return fill.ink ? `url(#${id}-fill-${index})` : fill.background;
  };
  const outline = (index: number) =>
    all[index]?.suggested
      ? html` fill-opacity="0.45" stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="4 2"`
      : html` stroke="#1a1a1a" stroke-width="1"`;
  const chartRows = rows.filter((r) => r.inChart);
  const legendTop = chartRows.length * (ROW_H + ROW_GAP) + 8;
  const legendRows = Math.ceil(shown.length / 3);
  const height = legendTop + legendRows * 26;

  const patterns = shown.map(({ index }) => {
    const fill = fillOf(index);
    if (!fill.ink) return "";
    const ink =
      fill.shape === "dots"
        ? html`<circle cx="2" cy="2" r="1.6" fill="${fill.ink}"/><circle cx="6" cy="6" r="1.6" fill="${fill.ink}"/>`
        : html`<path d="${fill.shape}" stroke="${fill.ink}" stroke-width="1.6"/>`;
    return html`<pattern id="${id}-fill-${index}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${fill.background}"/>${ink}</pattern>`;
  });

  const bars = chartRows.map((row, r) => {
    const y = r * (ROW_H + ROW_GAP);
    let x = BAR_X;
    const segments = shown.map(({ index }) => {
      const bucket = row.distribution.counts[index];
      if (!bucket || bucket.count === 0 || row.distribution.total === 0) return "";
      const width = (bucket.count / row.distribution.total) * BAR_W;
      const segment = html`<rect class="${bucket.suggested ? "segment-suggested" : bucket.code === null ? "segment-not-set" : "segment-confirmed"}" x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW_H}" fill="${paint(index)}"${outline(index)}/>${
        width >= 28
          ? html`<text x="${(x + width / 2).toFixed(1)}" y="${y + 18}" text-anchor="middle" font-size="14" fill="#1a1a1a" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${bucket.count}</text>`
          : ""
      }`;
      x += width;
      return segment;
    });
    const empty =
      row.distribution.total === 0
        ? html`<rect x="${BAR_X}" y="${y}" width="${BAR_W}" height="${ROW_H}" fill="#ffffff" stroke="#949494" stroke-dasharray="4 3"/>`
        : "";
    return html`<text x="${LABEL_W}" y="${y + 18}" text-anchor="end" font-size="14" fill="#1a1a1a">${row.shortLabel}</text>${empty}${segments}<text x="${BAR_X + BAR_W + 8}" y="${y + 18}" font-size="14" fill="#1a1a1a">${row.distribution.total}</text>`;
  });

  const legend = shown.map(({ bucket, index }, position) => {
    const x = (position % 3) * LEGEND_COL + 8;
    const y = legendTop + Math.floor(position / 3) * 26;
    return html`<rect x="${x}" y="${y}" width="20" height="18" fill="${paint(index)}"${outline(index)}/><text x="${x + 28}" y="${y + 14}" font-size="14" fill="#1a1a1a">${bucket.name}</text>`;
  });

  const suggestedTotal = shown
    .filter(({ bucket }) => bucket.suggested)
    .reduce((sum, { bucket }) => sum + bucket.count, 0);
  const captionId = `${id}-caption`;
  return html`<div class="status-figure">
<svg class="status-chart" role="img" aria-label="${planText(lang, "statusChartLabel")}" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" xmlns="http://www.w3.org/2000/svg"><defs>${patterns}</defs>${bars}${legend}</svg>
${
  suggestedTotal > 0
    ? html`<p class="status-suggested-note">${statusTextWith(lang, "suggestedCount", { n: suggestedTotal })}${statusText(lang, "suggestedNote")}</p>`
    : ""
}
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${captionId}"><table class="status-table">
<caption id="${captionId}">${caption}</caption>
<thead><tr><th scope="col">${planText(lang, "statusScope")}</th>${shown.map(
    ({ bucket }) =>
      html`<th scope="col" class="num${bucket.suggested ? " status-suggested" : ""}">${jaText(lang, bucket.name)}</th>`,
  )}<th scope="col" class="num">${planText(lang, "statusTotal")}</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr class="depth-${row.depth}"><th scope="row">${row.href ? html`<a href="${row.href}">${jaText(lang, row.label)}</a>` : jaText(lang, row.label)}</th>${shown.map(
        ({ bucket, index }) =>
          html`<td class="num${bucket.suggested ? " status-suggested" : ""}">${row.distribution.counts[index]?.count ?? 0}</td>`,
      )}<td class="num">${row.distribution.total}</td></tr>`,
  )}</tbody>
</table></div>
</div>`;
}
