import { formatWarekiDate } from "../../src/domain/era.ts";
import type { GroupNode, MeasureNode, PlanTree } from "../../src/domain/plan-tree.ts";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/gu,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );

/** Whether an item's measures can be printed as one block of `・` lines with their cells level. */
function joinable(measures: MeasureNode[], years: number[]): boolean {
  // The report-text format splits a merged row's cells at spaces: a part with a space, or a
  // missing part, could not be told apart, so such items are printed a row per measure.
  const part = (text: string | undefined) => text !== undefined && text !== "" && !/\s/u.test(text);
  return (
    measures.length > 1 &&
    measures.every(
      (m) =>
        part(m.progress?.narrative) &&
        years.every((fy) => part(m.roadmap.find((r) => r.fiscalYear === fy)?.text)),
    )
  );
}

/**
 * A plan's progress report as an HTML page laid out unlike our own PDF, to be printed to PDF by
 * Chromium: A4 portrait, a cover page with a table of contents, 明朝, no cell borders (a rule under
 * the header only), the header row repeated by the browser, a running title and page numbers
 * printed by the browser, no pillar or area rows (the sections are in the table of contents),
 * categories written `①.`, the year columns headed `2012年度`, and the measures of an item printed
 * as one block of `・` lines, level with their cells, whenever the format allows it.
 * @example await page.setContent(reportHtml(tree)); await page.pdf({ ...REPORT_HTML_PRINT });
 */
export function reportHtml(tree: PlanTree): string {
  const asOf = tree.period ? formatWarekiDate(tree.period.asOf, "monthEnd") : "";
  const published = tree.period?.publishedOn
    ? formatWarekiDate(`${tree.period.publishedOn.slice(0, 7)}-01`).replace(/1日$/u, "")
    : "";
  const years = tree.fiscalYears;
  const columns = 3 + years.length;
  const toc: string[] = [];
  const rows: string[] = [];
  const measureRow = (m: MeasureNode, joined: "" | "first" | "inner" | "last") => {
    const mark = m.relistingOf ? `【No.${m.relistingOf.itemNumber}再掲】` : "";
    const cells = years.map(
      (fy) => `<td>${escapeHtml(m.roadmap.find((r) => r.fiscalYear === fy)?.text ?? "")}</td>`,
    );
    return `<tr class="measure ${joined}"><td></td><td>・${escapeHtml(m.title + mark)}</td>${cells.join("")}<td>${escapeHtml(m.progress?.narrative ?? "")}</td></tr>`;
  };
  const group = (g: GroupNode) => {
    if (g.level === "pillar")
      toc.push(`<tr><td>${g.label}. ${escapeHtml(g.title)}</td><td></td></tr>`);
    else if (g.level === "area")
      toc.push(
        `<tr><td class="area">${g.label}. ${escapeHtml(g.title)}</td><td>${g.number}</td></tr>`,
      );
    else
      rows.push(
        `<tr class="category"><td colspan="${columns}">${g.label}. ${escapeHtml(g.title)}</td></tr>`,
      );
    for (const item of g.items) {
      rows.push(
        `<tr class="item"><td>${item.number ?? ""}</td><td colspan="${columns - 1}">${item.label}. ${escapeHtml(item.title)}</td></tr>`,
      );
      if (joinable(item.measures, years)) {
        item.measures.forEach((m, i) => {
          const at = i === 0 ? "first" : i === item.measures.length - 1 ? "last" : "inner";
          rows.push(measureRow(m, at));
        });
      } else for (const m of item.measures) rows.push(measureRow(m, ""));
    }
    for (const child of g.children) group(child);
  };
  for (const pillar of tree.pillars) group(pillar);

  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(tree.title)}</title><style>
@page { size: A4 portrait; }
body { font-family: "IPAexMincho"; font-size: 10.5px; line-height: 1.45; margin: 0; }
.cover { text-align: center; break-after: page; }
.cover .title { font-size: 24px; margin-top: 120px; }
.cover h2 { font-size: 16px; margin-top: 60px; }
.toc { margin: 0 auto; border-collapse: collapse; text-align: left; width: 70%; }
.toc td { padding: 4px 8px; font-size: 13px; }
.toc td.area { padding-left: 32px; }
.report { width: 100%; border-collapse: collapse; table-layout: fixed; }
.report th { font-family: "IPAexGothic"; text-align: center; border-bottom: 1.5px solid #000; padding: 4px 3px; vertical-align: middle; }
.report td { vertical-align: top; padding: 5px 3px; text-align: left; }
.report tr.first td { padding-bottom: 0; }
.report tr.inner td { padding-top: 0; padding-bottom: 0; }
.report tr.last td { padding-top: 0; }
.report tr.category td { font-family: "IPAexGothic"; padding-top: 10px; }
.report tr.item td { font-family: "IPAexGothic"; }
.report tr { break-inside: avoid; }
</style></head><body>
<section class="cover">
<p class="title">${escapeHtml(tree.title)}</p>
<p>(行程表)</p>
<p>進捗状況</p>
<p>(${asOf}時点)</p>
<p>${published}</p>
<h2>目 次</h2>
<table class="toc">${toc.join("\n")}</table>
</section>
<table class="report">
<colgroup><col style="width: 5%"><col style="width: 27%">${years.map(() => '<col style="width: 11%">').join("")}<col></colgroup>
<thead><tr><th>No.</th><th>項目</th>${years.map((fy) => `<th>${fy}年度</th>`).join("")}<th>進捗状況<br>(${asOf}時点)</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</body></html>`;
}

/** How the test prints the page: the running title and the page numbers come from Chromium. */
export function reportHtmlPrint(tree: PlanTree) {
  const small =
    'style="font-family: IPAexGothic; font-size: 8px; width: 100%; text-align: center;"';
  return {
    format: "A4" as const,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div ${small}>${escapeHtml(tree.title)}(行程表)進捗状況</div>`,
    footerTemplate: `<div ${small}><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    margin: { top: "20mm", bottom: "18mm", left: "12mm", right: "12mm" },
  };
}
