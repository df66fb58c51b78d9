import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { PLAN_XLSX_SHEETS } from "../../export/plan-xlsx.ts";
import {
  type WorkbookImportReport,
  workbookChanges,
} from "../../import/plan-xlsx/workbook-import-report.ts";
import type { PageContext } from "../routes/page-context.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import { errorSummaryIn, staffFrame } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import type { PlanPreview } from "./upload-preview.ts";
import { uploadText, uploadTextWith } from "./upload-text.ts";

const crumbs = (lang: PageContext["lang"]) => [
  { href: "/staff", label: staffText(lang, "staffTop") },
  { href: "/staff/uploads", label: uploadText(lang, "uploadTitle") },
];

/**
 * What a plan import would store, before anything is: the plan, the count of each level, the
 * first rows of each, every warning and note with its place, and the commit button. For a
 * mapped sheet the checked mapping travels in a hidden field (checked again on commit), with a
 * button back to the form.
 */
export function planPreviewPage(
  page: PageContext,
  input: {
    session: StaffSession;
    uploadId: string;
    fileName: string;
    preview: PlanPreview;
    mappingJson: string | null;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { preview, errors } = input;
  const title = uploadText(lang, "previewTitle");
  const base = `/staff/uploads/${input.uploadId}`;
  const warnings = preview.messages.filter((m) => m.level === "warning").length;
  const hidden = (token: string) =>
    html`${csrfField(token)}${input.mappingJson === null ? "" : html`<input type="hidden" name="mapping" value="${input.mappingJson}">`}`;
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: crumbs(lang),
    body: html`<h1>${title}</h1>
${errorSummaryIn(lang, errors)}
<p>${uploadTextWith(lang, "previewIntro", { file: input.fileName })}</p>
<p id="commit">${uploadTextWith(lang, "previewPlan", {
      plan: preview.title,
      asOf: preview.asOf,
      years:
        preview.fiscalYears.length > 0
          ? `${preview.fiscalYears[0]}–${preview.fiscalYears.at(-1)}`
          : "—",
    })}</p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="levels-caption"><table class="report">
<caption id="levels-caption">${uploadText(lang, "levelsCaption")}</caption>
<thead><tr><th scope="col">${uploadText(lang, "colLevel")}</th><th scope="col">${uploadText(lang, "colCount")}</th></tr></thead>
<tbody>${preview.levels.map((l) => html`<tr><th scope="row">${l.name}</th><td>${String(l.count)}</td></tr>`)}</tbody></table></div>
${preview.statusScale ? html`<p>${uploadTextWith(lang, "scale", { values: preview.statusScale.join("、") })}</p>` : ""}
${preview.levels.map(
  (
    l,
    i,
  ) => html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="level-${String(i)}-caption"><table class="report">
<caption id="level-${String(i)}-caption">${uploadTextWith(lang, "firstRows", { level: l.name, count: l.count, n: l.rows.length })}</caption>
<thead><tr><th scope="col">${uploadText(lang, "colLabel")}</th><th scope="col">${uploadText(lang, "colTitle")}</th><th scope="col">${uploadText(lang, "colDetail")}</th></tr></thead>
<tbody>${l.rows.map(
    (r) =>
      html`<tr><td>${r.label}</td><th scope="row">${r.title}</th><td>${r.detail.length > 0 ? html`<ul>${r.detail.map((d) => html`<li>${d}</li>`)}</ul>` : ""}</td></tr>`,
  )}</tbody></table></div>`,
)}
<section aria-labelledby="messages-title"><h2 id="messages-title">${uploadTextWith(
      lang,
      "messagesTitle",
      {
        warnings,
        infos: preview.messages.length - warnings,
      },
    )}</h2>
${
  preview.messages.length === 0
    ? html`<p>${uploadText(lang, "messagesNone")}</p>`
    : html`<ul class="import-messages">${preview.messages.map(
        (m) =>
          html`<li><strong>${uploadText(lang, m.level === "warning" ? "warning" : "info")}</strong>${m.line === null ? "" : html`（${uploadTextWith(lang, "row", { n: m.line })}）`}: ${m.message}</li>`,
      )}</ul>`
}</section>
<form method="post" action="${base}/commit" class="staff-form">${hidden(input.session.csrfToken)}
<button type="submit">${uploadText(lang, "commitSubmit")}</button></form>
${
  input.mappingJson === null
    ? ""
    : html`<form method="post" action="${base}/edit" class="staff-form">${hidden(input.session.csrfToken)}
<button type="submit" class="button-secondary">${uploadText(lang, "editSubmit")}</button></form>`
}
<p><a href="/staff/uploads">${uploadText(lang, "cancel")}</a></p>`,
  });
}

/** What a row's outcome says: the columns taken, the refusal with its columns, or a note. */
function detail(r: {
  outcome: string;
  changed: string[];
  refusal: { message: string; columns: string[] } | null;
  note: string | null;
}): string {
  if (r.outcome === "changed") return r.changed.join("、");
  if (r.refusal)
    return `${r.refusal.message}${r.refusal.columns.length > 0 ? `（${r.refusal.columns.join("、")}）` : ""}`;
  return r.note ?? "";
}

/** A department's workbook checked row by row (a dry run of its import), with the commit button. */
export function workbookPreviewPage(
  page: PageContext,
  input: {
    session: StaffSession;
    uploadId: string;
    report: WorkbookImportReport;
    planTitle: string;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { report, errors } = input;
  const c = report.counts;
  const title = uploadText(lang, "previewTitle");
  const outcome = {
    changed: "outcomeChanged",
    unchanged: "outcomeUnchanged",
    refused: "outcomeRefused",
  } as const;
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: crumbs(lang),
    body: html`<h1>${title}</h1>
${errorSummaryIn(lang, errors)}
<p>${uploadTextWith(lang, "workbookIntro", { file: report.source, plan: input.planTitle, asOf: report.asOf })}</p>
<p id="commit">${uploadTextWith(lang, "workbookCounts", c)}</p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="rows-caption"><table class="report">
<caption id="rows-caption">${uploadTextWith(lang, "workbookCaption", { n: report.rows.length })}</caption>
<thead><tr><th scope="col">${uploadText(lang, "colRow")}</th><th scope="col">${uploadText(lang, "colMeasure")}</th><th scope="col">${uploadText(lang, "colOutcome")}</th><th scope="col">${uploadText(lang, "colDetail")}</th></tr></thead>
<tbody>${report.rows.map(
      (r) =>
        html`<tr><td>${PLAN_XLSX_SHEETS.measures}!${String(r.row)}</td><th scope="row">${r.measureCode || "—"}</th><td>${uploadText(lang, outcome[r.outcome])}</td><td>${detail(r)}</td></tr>`,
    )}</tbody></table></div>
${
  report.indicators
    ? html`<p id="indicator-counts">${uploadTextWith(lang, "indicatorCounts", report.indicators.counts)}</p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="indicator-caption"><table class="report">
<caption id="indicator-caption">${uploadTextWith(lang, "indicatorCaption", { n: report.indicators.rows.length })}</caption>
<thead><tr><th scope="col">${uploadText(lang, "colRow")}</th><th scope="col">${uploadText(lang, "colIndicator")}</th><th scope="col">${uploadText(lang, "colOutcome")}</th><th scope="col">${uploadText(lang, "colDetail")}</th></tr></thead>
<tbody>${report.indicators.rows.map(
        (r) =>
          html`<tr><td>${PLAN_XLSX_SHEETS.indicators}!${String(r.row)}</td><th scope="row">${r.indicatorCode || "—"}</th><td>${uploadText(lang, outcome[r.outcome])}</td><td>${detail(r)}</td></tr>`,
      )}</tbody></table></div>`
    : ""
}
${
  workbookChanges(report) > 0
    ? html`<form method="post" action="/staff/uploads/${input.uploadId}/commit" class="staff-form">${csrfField(input.session.csrfToken)}
<button type="submit">${uploadText(lang, "commitSubmit")}</button></form>`
    : html`<p>${uploadText(lang, "workbookNothing")}</p>`
}
<p><a href="/staff/uploads">${uploadText(lang, "cancel")}</a></p>`,
  });
}
