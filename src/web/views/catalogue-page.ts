import { html } from "hono/html";
import { formatWarekiWithGregorian } from "../../domain/era.ts";
import type { PlanTree, ReportingPeriodSummary } from "../../domain/plan-tree.ts";
import { dateText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { DownloadSize } from "../routes/download-sizes.ts";
import type { OpenDataLicence } from "../routes/open-data-licence.ts";
import type { PageContext } from "../routes/page-context.ts";
import { type CatalogueTextKey, catalogueText, catalogueTextWith } from "./catalogue-text.ts";
import { fillJa, ja } from "./lang-ja.ts";
import { layout } from "./layout.ts";

const STYLESHEET = html`<link rel="stylesheet" href="/assets/catalogue.css">`;

/** What each download is: its format and encoding as the catalogue states them. */
const FORMATS: Record<string, { format: string; encoding: CatalogueTextKey | null }> = {
  "measures.csv": { format: "CSV", encoding: "utf8Bom" },
  "roadmap.csv": { format: "CSV", encoding: "utf8Bom" },
  "indicators.csv": { format: "CSV", encoding: "utf8Bom" },
  "plan.json": { format: "JSON", encoding: "utf8" },
  "report.pdf": { format: "PDF", encoding: null },
  "plan.xlsx": { format: "Excel（XLSX）", encoding: null },
};

/** A period's downloads, sized. */
export interface PeriodDownloads {
  period: ReportingPeriodSummary;
  files: DownloadSize[];
}

/** `/data`: every plan, each leading to its downloads, and the licence. */
export function dataCataloguePage(
  page: PageContext,
  plans: Array<{ slug: string; title: string; organizationName: string }>,
  licence: OpenDataLicence,
) {
  const { lang } = page;
  const [before, after] = catalogueText(lang, "licenceAll").split("{licence}");
  return layout({
    ...page,
    title: catalogueText(lang, "title"),
    breadcrumbs: [{ href: "/", label: t(lang, "plans") }],
    body: html`${STYLESHEET}
<h1>${catalogueText(lang, "title")}</h1>
<p>${catalogueText(lang, "intro")}</p>
<p>${before}${licenceLink(licence)}${after}</p>
<h2>${catalogueText(lang, "plansHeading")}</h2>
${
  plans.length === 0
    ? html`<p>${catalogueText(lang, "noPlans")}</p>`
    : html`<ul class="catalogue-plans">${plans.map(
        (p) =>
          html`<li><a class="catalogue-link" href="/plans/${encodeURIComponent(p.slug)}/downloads">${fillJa(
            lang,
            catalogueText(lang, "planLink"),
            { plan: p.title, organization: p.organizationName },
            ["plan", "organization"],
          )}</a></li>`,
      )}</ul>`
}`,
  });
}

/**
 * `/plans/:slug/downloads`: every download of every published period (newest first) with its
 * format, encoding and size, the CSV also without BOM, and the licence.
 */
export function planDownloadsPage(
  page: PageContext,
  tree: PlanTree,
  periods: PeriodDownloads[],
  licence: OpenDataLicence,
) {
  const { lang } = page;
  const base = `/plans/${encodeURIComponent(tree.slug)}`;
  const [beforeText = "", afterText = ""] = catalogueText(lang, "licence").split("{licence}");
  const values = { organization: tree.organization.name, plan: tree.title };
  const before = fillJa(lang, beforeText, values, ["organization", "plan"]);
  const after = fillJa(lang, afterText, values, ["organization", "plan"]);
  return layout({
    ...page,
    title: `${catalogueText(lang, "downloadsTitle")}：${tree.title}`,
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      { href: base, label: tree.title },
    ],
    body: html`${STYLESHEET}
<h1>${catalogueText(lang, "downloadsTitle")}：${ja(lang, tree.title)}</h1>
<section aria-labelledby="terms">
<h2 id="terms">${catalogueText(lang, "licenceHeading")}</h2>
<p>${before}${licenceLink(licence)}${after}</p>
<p>${catalogueText(lang, "encodingNote")}</p>
</section>
${
  periods.length === 0
    ? html`<p>${catalogueText(lang, "noPeriods")}</p>`
    : periods.map((p) => periodSection(lang, base, p))
}`,
  });
}

function licenceLink(licence: OpenDataLicence) {
  return licence.url
    ? html`<a href="${licence.url}" rel="license">${licence.name}</a>`
    : html`${licence.name}`;
}

function periodSection(lang: Lang, base: string, { period, files }: PeriodDownloads) {
  const date =
    lang === "ja" ? formatWarekiWithGregorian(period.asOf) : dateText(lang, period.asOf, "full");
  const id = `period-${period.asOf}`;
  const href = (name: string, bom = true) =>
    `${base}/${name}?period=${encodeURIComponent(period.asOf)}${bom ? "" : "&bom=0"}`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}"><time datetime="${period.asOf}">${catalogueTextWith(lang, "periodHeading", { date })}</time></h2>
<div class="table-wrap"><table class="catalogue">
<caption>${catalogueTextWith(lang, "caption", { date, n: files.length })}</caption>
<thead><tr><th scope="col">${catalogueText(lang, "data")}</th><th scope="col">${catalogueText(lang, "format")}</th><th scope="col">${catalogueText(lang, "encoding")}</th><th scope="col" class="num">${catalogueText(lang, "size")}</th><th scope="col">${catalogueText(lang, "download")}</th></tr></thead>
<tbody>${files.map((f) => {
    const about = FORMATS[f.name];
    const name = catalogueText(lang, f.name as CatalogueTextKey);
    const context = html`<span class="visually-hidden">: ${name}（${date}）</span>`;
    return html`<tr><th scope="row">${name}</th><td>${about?.format ?? f.type}</td><td>${about?.encoding ? catalogueText(lang, about.encoding) : catalogueText(lang, "binary")}</td><td class="num">${size(lang, f.bytes)}</td><td><a class="catalogue-link" href="${href(f.name)}" download>${catalogueText(lang, "download")}${context}</a>${
      f.bytesWithoutBom === null
        ? ""
        : html` <a class="catalogue-link" href="${href(f.name, false)}" download>${catalogueText(lang, "withoutBom")}${context}</a>`
    }</td></tr>`;
  })}</tbody>
</table></div>
</section>`;
}

/** `812 バイト`, `79.3 KB（81,234 バイト）`. */
function size(lang: Lang, bytes: number): string {
  const n = new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-GB").format(bytes);
  if (bytes < 1024) return catalogueTextWith(lang, "bytes", { n });
  return catalogueTextWith(lang, "kilobytes", { kb: (bytes / 1024).toFixed(1), n });
}
