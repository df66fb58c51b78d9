import { html } from "hono/html";
import { formatWarekiDate } from "../../domain/era.ts";
import { formatFiscalYear } from "../../domain/fiscal-year.ts";
import type { GroupNode, ItemNode, MeasureNode, PlanTree } from "../../domain/plan-tree.ts";
import type { RoadmapEntry } from "../../domain/roadmap-entry.ts";
import { layout } from "./layout.ts";

/**
 * The plan as the report shows it: pillars, areas, categories, then per category one table of
 * items and measures with a roadmap column per fiscal year and the progress of the period.
 */
export function planPage(tree: PlanTree) {
  const asOf = tree.period?.asOf;
  const asOfText = asOf
    ? `${formatWarekiDate(asOf, "monthEnd")}時点`
    : "進捗の報告はまだありません";
  const base = `/plans/${encodeURIComponent(tree.slug)}`;
  return layout({
    title: tree.title,
    breadcrumbs: [{ href: "/", label: "計画の一覧" }],
    body: html`<h1>${tree.title}</h1>
<p class="plan-meta">${tree.organization.name}・行程表と進捗状況（${asOfText}${asOf ? html`、<time datetime="${asOf}">${asOf}</time>` : ""}）</p>
<nav aria-label="目次" class="toc"><h2 class="toc-title">目次</h2><ol>${tree.pillars.map(
      (p) =>
        html`<li><a href="#pillar-${p.number}">${p.label}. ${p.title}</a>${
          p.children.some((c) => c.level === "area")
            ? html`<ol>${p.children.map((a) => html`<li><a href="#pillar-${p.number}-area-${a.number}">${a.label}. ${a.title}</a></li>`)}</ol>`
            : ""
        }</li>`,
    )}</ol></nav>
<p class="downloads">オープンデータ（UTF-8、BOM付き）: <a href="${base}/measures.csv">取組と進捗状況 CSV</a>・<a href="${base}/roadmap.csv">行程表 CSV</a>・<a href="${base}/plan.json">JSON</a></p>
${tree.pillars.map((p) => pillarSection(tree, p))}
${tree.contact ? html`<section aria-labelledby="contact"><h2 id="contact">お問い合わせ先</h2><p>${tree.contact}</p></section>` : ""}`,
  });
}

function pillarSection(tree: PlanTree, pillar: GroupNode) {
  return html`<section class="pillar" aria-labelledby="pillar-${pillar.number}">
<h2 id="pillar-${pillar.number}">${pillar.label}. ${pillar.title}</h2>
${pillar.children.map((child) =>
  child.level === "area"
    ? html`<section aria-labelledby="pillar-${pillar.number}-area-${child.number}">
<h3 id="pillar-${pillar.number}-area-${child.number}">${child.label}. ${child.title}</h3>
${child.children.map((c) => categoryTable(tree, c, 4, `pillar-${pillar.number}-area-${child.number}`))}
</section>`
    : categoryTable(tree, child, 3, `pillar-${pillar.number}`),
)}
</section>`;
}

function categoryTable(tree: PlanTree, category: GroupNode, level: 3 | 4, prefix: string) {
  const id = `${prefix}-category-${category.number}`;
  const heading =
    level === 3
      ? html`<h3 id="${id}">${category.label} ${category.title}</h3>`
      : html`<h4 id="${id}">${category.label} ${category.title}</h4>`;
  return html`${heading}
<div class="table-wrap"><table class="report" aria-labelledby="${id}">
<thead><tr><th scope="col" class="col-no">No.</th><th scope="col">項目・取組</th>${tree.fiscalYears.map(
    (fy) =>
      html`<th scope="col" class="col-year">${formatFiscalYear(fy)}<span class="gregorian">（${fy}年度）</span></th>`,
  )}<th scope="col">進捗状況${tree.period ? html`<span class="gregorian">（${formatWarekiDate(tree.period.asOf, "monthEnd")}時点）</span>` : ""}</th></tr></thead>
<tbody>${category.items.map((item) => itemRows(tree, item))}</tbody>
</table></div>`;
}

function itemRows(tree: PlanTree, item: ItemNode) {
  const itemId = item.number === null ? undefined : `item-${item.number}`;
  return html`<tr class="item-row"${itemId ? html` id="${itemId}"` : ""}>
<td class="col-no">${item.number ?? ""}</td>
<td colspan="${tree.fiscalYears.length + 2}" class="item-title">${item.label}. ${item.title}${
    item.relistingOfItemNumber !== null
      ? html` <a class="relisting" href="#item-${item.relistingOfItemNumber}">再掲: No.${item.relistingOfItemNumber}</a>`
      : ""
  }</td>
</tr>
${item.measures.map((m) => measureRow(tree, m))}`;
}

function measureRow(tree: PlanTree, measure: MeasureNode) {
  return html`<tr id="measure-${measure.code}">
<td class="col-no"></td>
<th scope="row" class="measure-title" data-label="取組">${measure.title}${
    measure.relistingOf
      ? html` <a class="relisting" href="#measure-${measure.relistingOf.code}">再掲: No.${measure.relistingOf.itemNumber ?? ""}</a>`
      : ""
  }</th>
${tree.fiscalYears.map((fy) =>
  roadmapCell(
    fy,
    measure.roadmap.find((r) => r.fiscalYear === fy),
  ),
)}
<td class="progress" data-label="進捗状況">${measure.progress?.narrative ?? html`<span class="empty">（記載なし）</span>`}</td>
</tr>`;
}

function roadmapCell(fiscalYear: number, entry: RoadmapEntry | undefined) {
  const label = formatFiscalYear(fiscalYear);
  if (!entry) return html`<td data-label="${label}"></td>`;
  if (entry.none)
    return html`<td data-label="${label}"><span aria-hidden="true">—</span><span class="visually-hidden">なし</span></td>`;
  if (entry.continued) {
    const continued = entry.activity ?? "計画期間より前の取組";
    return html`<td data-label="${label}"><span title="継続: ${continued}">${entry.text}</span><span class="visually-hidden">（前年度から継続: ${continued}）</span></td>`;
  }
  return html`<td data-label="${label}">${entry.text}</td>`;
}
