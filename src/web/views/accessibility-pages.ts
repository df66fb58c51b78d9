import { html } from "hono/html";
import type { AccessibilityResults } from "../accessibility/accessibility-results.ts";
import { dateText } from "../i18n/date-text.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { currentSiteIdentity } from "../site/site-identity.ts";
import { accessibilityText as text } from "./accessibility-text.ts";
import { jaRuns } from "./lang-ja.ts";
import { layout } from "./layout.ts";

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );

/** Who runs the site, as the policy names it: the organization, or the product. */
function siteName(lang: Lang): string {
  const site = currentSiteIdentity();
  const name = lang === "en" ? site.organizationNameEn : site.organizationName;
  return name ?? t(lang, "siteName");
}

/** ウェブアクセシビリティ方針: the target (JIS X 8341-3:2016 AA), the scope, the exceptions, how it is checked. */
export function accessibilityPolicyPage(page: PageContext) {
  const { lang } = page;
  const site = siteName(lang);
  return layout({
    ...page,
    title: text(lang, "policyTitle"),
    breadcrumbs: [{ href: "/", label: t(lang, "plans") }],
    body: html`<h1>${text(lang, "policyTitle")}</h1>
<h2>${text(lang, "policyHeading")}</h2>
<p>${fill(text(lang, "policy"), { site })}</p>
<h2>${text(lang, "targetHeading")}</h2>
<p>${text(lang, "target")}</p>
<h2>${text(lang, "scopeHeading")}</h2>
<p>${text(lang, "scope")}</p>
<h2>${text(lang, "exceptionsHeading")}</h2>
<ul>
<li>${text(lang, "exceptionPdf")}</li>
<li>${text(lang, "exceptionData")}</li>
<li>${text(lang, "exceptionChart")}</li>
</ul>
<h2>${text(lang, "howHeading")}</h2>
<p>${fill(text(lang, "how"), { results: text(lang, "resultsTitle") })} <a href="/accessibility/results">${text(lang, "resultsTitle")}</a></p>
<h2>${text(lang, "contactHeading")}</h2>
<p>${fill(text(lang, "contact"), { site })}</p>`,
  });
}

/**
 * 試験結果, from the results the accessibility browser test recorded: the date, the standard
 * and level, the tool and browser, every page tested with axe-core's result, and the keyboard
 * checks.
 */
export function accessibilityResultsPage(page: PageContext, recorded: AccessibilityResults | null) {
  const { lang } = page;
  if (recorded === null)
    return layout({
      ...page,
      title: text(lang, "resultsTitle"),
      body: html`<h1>${text(lang, "resultsTitle")}</h1><p>${text(lang, "noResults")}</p>`,
    });
  const results = recorded;
  const passed = results.pages.filter((p) => p.violations === 0).length;
  const total = results.pages.length;
  const row = (term: string, value: unknown) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return layout({
    ...page,
    title: text(lang, "resultsTitle"),
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      { href: "/accessibility", label: text(lang, "policyTitle") },
    ],
    body: html`<h1>${text(lang, "resultsTitle")}</h1>
<p>${text(lang, "resultsIntro")}</p>
<h2>${text(lang, "summaryHeading")}</h2>
<dl class="counts results-summary">
${row(text(lang, "date"), html`<time datetime="${results.date}">${dateText(lang, results.date, "full")}</time>`)}
${row(text(lang, "standard"), results.standard)}
${row(text(lang, "level"), results.level)}
${row(text(lang, "tool"), `${results.tool.name} ${results.tool.version}`)}
${row(text(lang, "browser"), results.browser)}
${row(text(lang, "scopeOfTest"), fill(text(lang, "scopeValue"), { n: total }))}
</dl>
<p>${text(lang, "rules")}: ${fill(text(lang, "rulesValue"), { tags: results.tool.tags.join(", ") })}</p>
<div class="progress-bar"><label for="passed-pages">${text(lang, "passedPages")}</label>
<meter id="passed-pages" min="0" max="${total}" value="${passed}">${passed}/${total}</meter>
<span>${fill(text(lang, "passedOf"), { n: total, m: passed })}</span></div>
<div class="${passed === total ? "banner banner-success" : "banner banner-error"}" role="note"><p>${text(lang, "limits")}</p></div>
<h2 id="pages-heading">${text(lang, "pagesHeading")}</h2>
<div class="status-figure"><div class="table-wrap" role="region" tabindex="0" aria-labelledby="pages-caption"><table class="status-table">
<caption id="pages-caption">${text(lang, "pagesCaption")}</caption>
<thead><tr><th scope="col">${text(lang, "pageColumn")}</th><th scope="col">${text(lang, "urlColumn")}</th><th scope="col">${text(lang, "langColumn")}</th><th scope="col">${text(lang, "violationsColumn")}</th><th scope="col">${text(lang, "passesColumn")}</th><th scope="col">${text(lang, "incompleteColumn")}</th><th scope="col">${text(lang, "resultColumn")}</th></tr></thead>
<tbody>${results.pages.map(
      (p) =>
        html`<tr><th scope="row">${lang === "ja" ? p.ja : jaRuns(lang, p.en)}</th><td><code>${jaRuns(lang, p.path)}</code></td><td>${text(lang, p.lang === "ja" ? "langJa" : "langEn")}</td><td>${p.violations}</td><td>${p.passes}</td><td>${p.incomplete}</td><td>${text(lang, p.violations === 0 ? "pass" : "fail")}</td></tr>`,
    )}</tbody>
</table></div></div>
<h2>${text(lang, "keyboardHeading")}</h2>
<div class="status-figure"><div class="table-wrap" role="region" tabindex="0" aria-labelledby="keyboard-caption"><table class="status-table">
<caption id="keyboard-caption">${text(lang, "keyboardCaption")}</caption>
<thead><tr><th scope="col">${text(lang, "checkColumn")}</th><th scope="col">${text(lang, "resultColumn")}</th></tr></thead>
<tbody>${results.keyboard.map(
      (k) =>
        html`<tr><th scope="row">${lang === "ja" ? k.ja : k.en}</th><td>${text(lang, k.passed ? "passed" : "failed")}</td></tr>`,
    )}</tbody>
</table></div></div>`,
  });
}
