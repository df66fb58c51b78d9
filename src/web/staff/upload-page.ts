import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import type { UploadKind } from "../../commands/uploads/staged-uploads.ts";
import type { PageContext } from "../routes/page-context.ts";
import { layout } from "../views/layout.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import {
  errorSummaryIn,
  fieldErrorIn,
  fieldState,
  staffFrame,
} from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import { uploadText, uploadTextWith } from "./upload-text.ts";

/** The largest upload, in MB (the body limit of the upload form's route). */
export const UPLOAD_LIMIT_MB = 20;

/** The upload form: what to import (the kinds this person may import) and the file. */
export function uploadPage(
  page: PageContext,
  input: { session: StaffSession; kinds: UploadKind[]; kind: UploadKind; errors: FieldErrors },
) {
  const { lang } = page;
  const { errors } = input;
  const title = uploadText(lang, "uploadTitle");
  const radio = (kind: UploadKind, label: string, hint: string) =>
    html`<div class="field-checkbox"><input type="radio" id="kind-${kind}" name="kind" value="${kind}"${input.kind === kind ? " checked" : ""} aria-describedby="kind-${kind}-hint"><label for="kind-${kind}">${label}</label></div>
<p class="hint" id="kind-${kind}-hint">${hint}</p>`;
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${title}</h1>
${errorSummaryIn(lang, errors)}
<p>${uploadText(lang, "uploadIntro")}</p>
<form method="post" action="/staff/uploads" enctype="multipart/form-data" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
${
  input.kinds.length > 1
    ? html`<fieldset class="field"><legend>${uploadText(lang, "kindLegend")}</legend>
${radio("plan", uploadText(lang, "kindPlan"), uploadText(lang, "kindPlanHint"))}
${radio("workbook", uploadText(lang, "kindWorkbook"), uploadText(lang, "kindWorkbookHint"))}</fieldset>`
    : html`<input type="hidden" name="kind" value="${input.kinds[0] ?? "workbook"}">
<p>${uploadText(lang, input.kinds[0] === "plan" ? "kindPlan" : "kindWorkbook")}</p>`
}
<div class="field${errors.file ? " field-has-error" : ""}"><label for="file">${uploadText(lang, "fileLabel")}</label>
<p class="hint" id="file-hint">${uploadTextWith(lang, "fileHint", { limit: UPLOAD_LIMIT_MB })}${errors.file ? html` ${uploadText(lang, "fileAgain")}` : ""}</p>${fieldErrorIn(lang, errors, "file")}
<input type="file" id="file" name="file" accept=".xlsx,.csv,.tsv,.txt,.pdf,.json"${fieldState(errors, "file", "file-hint")}></div>
<button type="submit">${uploadText(lang, "uploadSubmit")}</button>
</form>`,
  });
}

/**
 * The page of an upload refused for its size, before the body is read (so before the session
 * is known): what the limit is, that nothing was stored, the way back.
 */
export function uploadTooLargePage(page: PageContext) {
  const { lang } = page;
  const title = uploadText(lang, "tooLargeTitle");
  return layout({
    ...page,
    title,
    titlePrefix: staffText(lang, "errorPrefix"),
    breadcrumbs: [{ href: "/staff", label: staffText(lang, "staffTop") }],
    body: html`<h1>${title}</h1>
<p>${uploadTextWith(lang, "tooLarge", { limit: UPLOAD_LIMIT_MB })}</p>
<p><a href="/staff/uploads">${uploadText(lang, "tooLargeBack")}</a></p>`,
  });
}

/** After a commit: what was stored, with the links to the plan. */
export function uploadDonePage(
  page: PageContext,
  input: { session: StaffSession; result: Record<string, unknown> },
) {
  const { lang } = page;
  const r = input.result;
  const slug = typeof r.planSlug === "string" ? r.planSlug : "";
  const plan = typeof r.planTitle === "string" ? r.planTitle : slug;
  const asOf = typeof r.asOf === "string" ? r.asOf : "";
  const title = uploadText(lang, "doneTitle");
  const message =
    r.kind === "workbook"
      ? uploadTextWith(lang, "doneWorkbook", { changed: Number(r.changed ?? 0), asOf })
      : r.unchanged === true
        ? uploadTextWith(lang, "doneUnchanged", { plan })
        : uploadTextWith(lang, "donePlan", { plan, asOf });
  const base = encodeURIComponent(slug);
  return staffFrame(page, {
    session: input.session,
    title,
    body: html`<h1>${title}</h1>
<p class="notice" role="status">${message}</p>
<ul>
<li><a href="/staff/plans/${base}">${uploadText(lang, "doneStaffLink")}</a></li>
${r.kind === "workbook" ? "" : html`<li><a href="/plans/${base}">${uploadText(lang, "donePublicLink")}</a></li>`}
<li><a href="/staff/uploads">${uploadText(lang, "again")}</a></li>
</ul>`,
  });
}
