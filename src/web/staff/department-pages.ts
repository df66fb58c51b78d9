import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import type { DepartmentListing } from "../../store/queries/department-list-query.ts";
import type { PageContext } from "../routes/page-context.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import {
  errorSummaryIn,
  fieldErrorIn,
  fieldState,
  staffFrame,
} from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import { type AccountTextKey, accountText, accountTextWith } from "./account-text.ts";

const toDepartments = (page: PageContext) => [
  { href: "/staff", label: staffText(page.lang, "staffTop") },
  { href: "/staff/departments", label: accountText(page.lang, "departmentsTitle") },
];

/** The organization's departments with what hangs on each, and the form that creates one. */
export function departmentListPage(
  page: PageContext,
  input: {
    session: StaffSession;
    departments: DepartmentListing[];
    name: string;
    errors: FieldErrors;
    notice?: string;
  },
) {
  const { lang } = page;
  const { errors } = input;
  const a = (key: AccountTextKey) => accountText(lang, key);
  return staffFrame(page, {
    session: input.session,
    title: a("departmentsTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${a("departmentsTitle")}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${a("departmentsIntro")}</p>
${
  input.departments.length === 0
    ? html`<p>${a("noDepartments")}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="departments-caption"><table class="report">
<caption id="departments-caption">${accountTextWith(lang, "departmentsCaption", { n: input.departments.length })}</caption>
<thead><tr><th scope="col">${a("colName")}</th><th scope="col">${a("colMeasures")}</th><th scope="col">${a("colAccounts")}</th><th scope="col">${a("colTokens")}</th><th scope="col">${a("colActions")}</th></tr></thead>
<tbody>${input.departments.map(
        (d) =>
          html`<tr><th scope="row">${d.name}</th><td>${String(d.measures)}</td><td>${String(d.accounts)}</td><td>${String(d.apiTokens)}</td><td><a href="/staff/departments/${d.id}">${accountTextWith(lang, "departmentEditLink", { name: d.name })}</a></td></tr>`,
      )}</tbody></table></div>`
}
<section aria-labelledby="create-title"><h2 id="create-title">${a("createDepartmentTitle")}</h2>
<form method="post" action="/staff/departments" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="field${errors.name ? " field-has-error" : ""}"><label for="name">${a("fieldDepartmentName")}</label>
<p class="hint" id="name-hint">${a("fieldDepartmentNameHint")}</p>${fieldErrorIn(lang, errors, "name")}
<input id="name" name="name" type="text" maxlength="100" autocomplete="off" value="${input.name}"${fieldState(errors, "name", "name-hint")}></div>
<button type="submit">${a("createDepartmentSubmit")}</button>
</form></section>`,
  });
}

/** One department: rename it, or merge it into another. */
export function departmentPage(
  page: PageContext,
  input: {
    session: StaffSession;
    department: DepartmentListing;
    others: DepartmentListing[];
    values: { name: string; intoId: string };
    errors: FieldErrors;
    notice?: string;
  },
) {
  const { lang } = page;
  const { department: d, errors, values } = input;
  const a = (key: AccountTextKey) => accountText(lang, key);
  const title = accountTextWith(lang, "departmentTitle", { name: d.name });
  const csrf = csrfField(input.session.csrfToken);
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: toDepartments(page),
    body: html`<h1>${title}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${accountTextWith(lang, "departmentHolds", { measures: d.measures, accounts: d.accounts, tokens: d.apiTokens })}</p>
<section aria-labelledby="rename-title"><h2 id="rename-title">${a("renameTitle")}</h2>
<form method="post" action="/staff/departments/${d.id}/rename" class="staff-form" novalidate>${csrf}
<div class="field${errors.name ? " field-has-error" : ""}"><label for="name">${a("fieldNewName")}</label>
<p class="hint" id="name-hint">${a("fieldDepartmentNameHint")}</p>${fieldErrorIn(lang, errors, "name")}
<input id="name" name="name" type="text" maxlength="100" autocomplete="off" value="${values.name}"${fieldState(errors, "name", "name-hint")}></div>
<button type="submit">${a("renameSubmit")}</button>
</form></section>
<section aria-labelledby="merge-title"><h2 id="merge-title">${a("mergeTitle")}</h2>
${
  input.others.length === 0
    ? html`<p>${a("mergeNoOther")}</p>`
    : html`<p>${accountTextWith(lang, "mergeIntro", { name: d.name })}</p>
<form method="post" action="/staff/departments/${d.id}/merge" class="staff-form" novalidate>${csrf}
<div class="field${errors.intoId ? " field-has-error" : ""}"><label for="intoId">${a("fieldMergeInto")}</label>${fieldErrorIn(lang, errors, "intoId")}
<select id="intoId" name="intoId"${fieldState(errors, "intoId")}><option value="">${a("mergeChoose")}</option>${input.others.map(
        (o) =>
          html`<option value="${String(o.id)}"${values.intoId === String(o.id) ? " selected" : ""}>${o.name}</option>`,
      )}</select></div>
<button type="submit" class="button-secondary">${a("mergeSubmit")}</button>
</form>`
}</section>`,
  });
}
