import { html } from "hono/html";
import { formatFiscalYear } from "../../domain/fiscal-year.ts";
import type { IndicatorValue } from "../../domain/indicator.ts";
import type { Lang } from "../i18n/messages.ts";
import type { IndicatorRow } from "./indicator-rows.ts";
import { indicatorText } from "./indicator-text.ts";

const W = 640;
const LEFT = 72;
const RIGHT = 616;
const TOP = 16;
const BOTTOM = 196;
const LEGEND_Y = 252;
const H = 268;
const INK = "#1a1a1a";

/** Steps of 1, 2 or 5 times a power of ten, about four of them over the range. */
function niceStep(range: number): number {
  const raw = range / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * magnitude >= raw) ?? 10;
  return factor * magnitude;
}

const num = (v: IndicatorValue | null) =>
  v?.value === null || v?.value === undefined ? null : Number(v.value);

/**
 * An indicator's values as an inline SVG line chart (no script): results as a solid line with
 * circles, targets as a dashed line with diamonds, the baseline as a dotted line with a square,
 * fiscal years in 和暦 with 西暦 below. Shapes and line styles, not colour alone, tell them apart.
 * The chart is an image with a label; the numbers are read from the table beside it. A fiscal year's
 * own result is charted, else its latest mid-year one. Empty when no value has a year.
 */
export function indicatorChart(lang: Lang, label: string, rows: readonly IndicatorRow[]) {
  const years = [...new Set(rows.flatMap((r) => (r.fiscalYear === null ? [] : [r.fiscalYear])))];
  const resultOf = (fy: number) => {
    const ofYear = rows.filter((r) => r.fiscalYear === fy && num(r.result) !== null);
    return num((ofYear.find((r) => r.periodAsOf === null) ?? ofYear.at(-1))?.result ?? null);
  };
  const points = years.map((fy) => {
    const own = rows.find((r) => r.fiscalYear === fy && r.periodAsOf === null);
    return {
      fy,
      result: resultOf(fy),
      target: num(own?.target ?? null),
      baseline: num(own?.baseline ?? null),
    };
  });
  const numbers = points.flatMap((p) =>
    [p.result, p.target, p.baseline].filter((n): n is number => n !== null && Number.isFinite(n)),
  );
  if (numbers.length === 0) return "";
  let low = Math.min(0, ...numbers);
  let high = Math.max(...numbers);
  if (high === low) high = low + 1;
  const step = niceStep(high - low);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const y = (n: number) => BOTTOM - ((n - low) / (high - low)) * (BOTTOM - TOP);
  const slot = (RIGHT - LEFT) / points.length;
  const x = (index: number) => LEFT + slot * (index + 0.5);
  const ticks: number[] = [];
  for (let n = low; n <= high + step / 2; n += step) ticks.push(Number(n.toPrecision(12)));

  const line = (pick: (p: (typeof points)[number]) => number | null) =>
    points
      .map((p, i) => [x(i), pick(p)] as const)
      .filter((pair): pair is readonly [number, number] => pair[1] !== null)
      .map(([px, py]) => `${px.toFixed(1)},${y(py).toFixed(1)}`)
      .join(" ");
  const results = line((p) => p.result);
  const targets = line((p) => p.target);
  const baselineIndex = points.findIndex((p) => p.baseline !== null);
  const baseline = baselineIndex >= 0 ? points[baselineIndex]?.baseline : null;
  const fontSize = points.length > 6 ? 11 : 13;

  return html`<svg class="indicator-chart" role="img" aria-label="${label}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">
${ticks.map(
  (n) =>
    html`<line x1="${LEFT}" x2="${RIGHT}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}" stroke="#cccccc" stroke-width="1"/><text x="${LEFT - 6}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="${INK}">${n.toLocaleString("ja-JP")}</text>`,
)}
<line x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}" stroke="${INK}" stroke-width="1"/>
${points.map(
  (p, i) =>
    html`<text x="${x(i).toFixed(1)}" y="${BOTTOM + 18}" text-anchor="middle" font-size="${fontSize}" fill="${INK}">${formatFiscalYear(p.fy)}</text><text x="${x(i).toFixed(1)}" y="${BOTTOM + 34}" text-anchor="middle" font-size="${fontSize}" fill="${INK}">（${p.fy}）</text>`,
)}
${
  baseline !== null && baseline !== undefined
    ? html`<line x1="${LEFT}" x2="${RIGHT}" y1="${y(baseline).toFixed(1)}" y2="${y(baseline).toFixed(1)}" stroke="#595959" stroke-width="1.5" stroke-dasharray="2 3"/><rect x="${(x(baselineIndex) - 5).toFixed(1)}" y="${(y(baseline) - 5).toFixed(1)}" width="10" height="10" fill="#ffffff" stroke="${INK}" stroke-width="2"/>`
    : ""
}
${targets ? html`<polyline points="${targets}" fill="none" stroke="#8f0000" stroke-width="2" stroke-dasharray="7 5"/>` : ""}
${points.map((p, i) =>
  p.target === null
    ? ""
    : html`<path d="M${x(i).toFixed(1)},${(y(p.target) - 7).toFixed(1)} l7,7 l-7,7 l-7,-7 z" fill="#ffffff" stroke="#8f0000" stroke-width="2"/>`,
)}
${results ? html`<polyline points="${results}" fill="none" stroke="#0031d8" stroke-width="2.5"/>` : ""}
${points.map((p, i) =>
  p.result === null
    ? ""
    : html`<circle cx="${x(i).toFixed(1)}" cy="${y(p.result).toFixed(1)}" r="5" fill="#0031d8" stroke="#ffffff" stroke-width="1.5"/>`,
)}
<g font-size="13" fill="${INK}">
<line x1="${LEFT}" x2="${LEFT + 28}" y1="${LEGEND_Y - 4}" y2="${LEGEND_Y - 4}" stroke="#0031d8" stroke-width="2.5"/><circle cx="${LEFT + 14}" cy="${LEGEND_Y - 4}" r="5" fill="#0031d8"/><text x="${LEFT + 34}" y="${LEGEND_Y}">${indicatorText(lang, "legendResult")}</text>
<line x1="${LEFT + 150}" x2="${LEFT + 178}" y1="${LEGEND_Y - 4}" y2="${LEGEND_Y - 4}" stroke="#8f0000" stroke-width="2" stroke-dasharray="7 5"/><path d="M${LEFT + 164},${LEGEND_Y - 11} l7,7 l-7,7 l-7,-7 z" fill="#ffffff" stroke="#8f0000" stroke-width="2"/><text x="${LEFT + 184}" y="${LEGEND_Y}">${indicatorText(lang, "legendTarget")}</text>
<line x1="${LEFT + 300}" x2="${LEFT + 328}" y1="${LEGEND_Y - 4}" y2="${LEGEND_Y - 4}" stroke="#595959" stroke-width="1.5" stroke-dasharray="2 3"/><rect x="${LEFT + 309}" y="${LEGEND_Y - 9}" width="10" height="10" fill="#ffffff" stroke="${INK}" stroke-width="2"/><text x="${LEFT + 334}" y="${LEGEND_Y}">${indicatorText(lang, "legendBaseline")}</text>
</g>
</svg>`;
}
