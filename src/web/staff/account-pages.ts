import { html } from "hono/html";
import { PASSWORD_SET_LINK_HOURS } from "../../commands/accounts/password-set-link.ts";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { STAFF_ROLES } from "../../domain/staff-policy.ts";
import type { AccountListing } from "../../store/queries/account-list-query.ts";
import type { DepartmentListing } from "../../store/queries/department-list-query.ts";
import type { PageContext } from "../routes/page-context.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import {
  errorSummaryIn,
  fieldErrorIn,
  fieldState,
  staffFrame,
} from "../views/staff/staff-frame.ts";
import { type StaffTextKey, staffText } from "../views/staff/staff-text.ts";
import { accountText, accountTextWith, tokyoDateTime } from "./account-text.ts";

const ROLE_KEYS: Record<string, StaffTextKey> = {
  administrator: "roleAdministrator",
  planner: "rolePlanner",
  departmentEditor: "roleDepartmentEditor",
  viewer: "roleViewer",
};

/** The role's name in the reader's language. */
export const roleLabel = (page: PageContext, role: string) =>
  staffText(page.lang, ROLE_KEYS[role] ?? "roleViewer");

/** What the create and edit forms hold: as typed, or as stored. */
export interface AccountForm {
  login: string;
  displayName: string;
  role: string;
  departmentId: string;
  /** null when the form did not send the field (the stored address is then left as it is). */
  email: string | null;
}

const crumbs = (page: PageContext, extra: Array<{ href: string; label: string }> = []) => [
  { href: "/staff", label: staffText(page.lang, "staffTop") },
  ...extra,
];
const toAccounts = (page: PageContext) => ({
  href: "/staff/accounts",
  label: accountText(page.lang, "accountsTitle"),
});

function stateOf(page: PageContext, a: AccountListing) {
  if (a.disabled)
    return accountTextWith(page.lang, "stateDisabled", {
      at: a.disabledAt ? tokyoDateTime(a.disabledAt) : "",
    });
  return accountText(page.lang, a.passwordUnset ? "statePasswordUnset" : "stateEnabled");
}

/** The people's accounts of the organization, with a link to create one and to edit each. */
export function accountListPage(
  page: PageContext,
  input: { session: StaffSession; accounts: AccountListing[]; notice?: string },
) {
  const { lang } = page;
  const a = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  return staffFrame(page, {
    session: input.session,
    title: a("accountsTitle"),
    body: html`<h1>${a("accountsTitle")}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
<p>${a("accountsIntro")}</p>
<p><a href="/staff/accounts/new">${a("newAccountLink")}</a></p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="accounts-caption"><table class="report">
<caption id="accounts-caption">${accountTextWith(lang, "accountsCaption", { n: input.accounts.length })}</caption>
<thead><tr><th scope="col">${a("colLogin")}</th><th scope="col">${a("colDisplayName")}</th><th scope="col">${a("colRole")}</th><th scope="col">${a("colDepartment")}</th><th scope="col">${a("colState")}</th><th scope="col">${a("colActions")}</th></tr></thead>
<tbody>${input.accounts.map(
      (row) =>
        html`<tr><th scope="row">${row.login}</th><td>${row.displayName}</td><td>${roleLabel(page, row.role)}</td><td>${row.department ?? a("noDepartment")}</td><td>${stateOf(page, row)}</td><td><a href="/staff/accounts/${row.id}">${accountTextWith(lang, "editLink", { login: row.login })}</a></td></tr>`,
    )}</tbody></table></div>`,
  });
}

/** The role and department fields, shared by the create and edit forms. */
function roleFields(
  page: PageContext,
  values: AccountForm,
  errors: FieldErrors,
  departments: DepartmentListing[],
) {
  const { lang } = page;
  const a = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  return html`<div class="field${errors.role ? " field-has-error" : ""}"><label for="role">${a("fieldRole")}</label>${fieldErrorIn(lang, errors, "role")}
<select id="role" name="role"${fieldState(errors, "role")}>${STAFF_ROLES.map(
    (role) =>
      html`<option value="${role}"${values.role === role ? " selected" : ""}>${roleLabel(page, role)}</option>`,
  )}</select></div>
<div class="field${errors.departmentId ? " field-has-error" : ""}"><label for="departmentId">${a("fieldDepartment")}</label>
<p class="hint" id="departmentId-hint">${a("fieldDepartmentHint")}</p>${fieldErrorIn(lang, errors, "departmentId")}
<select id="departmentId" name="departmentId"${fieldState(errors, "departmentId", "departmentId-hint")}><option value="">${a("departmentNone")}</option>${departments.map(
    (d) =>
      html`<option value="${String(d.id)}"${values.departmentId === String(d.id) ? " selected" : ""}>${d.name}</option>`,
  )}</select></div>`;
}

function displayNameField(page: PageContext, values: AccountForm, errors: FieldErrors) {
  const { lang } = page;
  return html`<div class="field${errors.displayName ? " field-has-error" : ""}"><label for="displayName">${accountText(lang, "fieldDisplayName")}</label>
<p class="hint" id="displayName-hint">${accountText(lang, "fieldDisplayNameHint")}</p>${fieldErrorIn(lang, errors, "displayName")}
<input id="displayName" name="displayName" type="text" maxlength="100" autocomplete="off" value="${values.displayName}"${fieldState(errors, "displayName", "displayName-hint")}></div>`;
}

function emailField(page: PageContext, values: AccountForm, errors: FieldErrors) {
  const { lang } = page;
  return html`<div class="field${errors.email ? " field-has-error" : ""}"><label for="email">${accountText(lang, "fieldEmail")}</label>
<p class="hint" id="email-hint">${accountText(lang, "fieldEmailHint")}</p>${fieldErrorIn(lang, errors, "email")}
<input id="email" name="email" type="email" maxlength="254" autocomplete="off" spellcheck="false" value="${values.email ?? ""}"${fieldState(errors, "email", "email-hint")}></div>`;
}

/** The form that creates an account: login, display name, e-mail address, role, department. */
export function newAccountPage(
  page: PageContext,
  input: {
    session: StaffSession;
    values: AccountForm;
    errors: FieldErrors;
    departments: DepartmentListing[];
  },
) {
  const { lang } = page;
  const { values, errors } = input;
  const a = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  return staffFrame(page, {
    session: input.session,
    title: a("newAccountTitle"),
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: crumbs(page, [toAccounts(page)]),
    body: html`<h1>${a("newAccountTitle")}</h1>
${errorSummaryIn(lang, errors)}
<p>${accountTextWith(lang, "newAccountIntro", { hours: PASSWORD_SET_LINK_HOURS })}</p>
<form method="post" action="/staff/accounts/new" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="field${errors.login ? " field-has-error" : ""}"><label for="login">${a("fieldLogin")}</label>
<p class="hint" id="login-hint">${a("fieldLoginHint")}</p>${fieldErrorIn(lang, errors, "login")}
<input id="login" name="login" type="text" maxlength="64" autocomplete="off" spellcheck="false" value="${values.login}" required${fieldState(errors, "login", "login-hint")}></div>
${displayNameField(page, values, errors)}
${emailField(page, values, errors)}
${roleFields(page, values, errors, input.departments)}
<button type="submit">${a("createSubmit")}</button>
</form>`,
  });
}

/** A password-set link shown once, after an account was created or a new link issued. */
export function passwordLinkPage(
  page: PageContext,
  input: {
    session: StaffSession;
    accountId: number;
    login: string;
    url: string;
    expiresAt: string;
    created: boolean;
    mailed: boolean | null;
  },
) {
  const { lang } = page;
  const a = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  const title = input.created
    ? accountTextWith(lang, "createdTitle", { login: input.login })
    : a("linkTitle");
  return staffFrame(page, {
    session: input.session,
    title,
    breadcrumbs: crumbs(page, [toAccounts(page)]),
    body: html`<h1>${title}</h1>
<section aria-labelledby="link-title"><h2 id="link-title">${a("linkTitle")}</h2>
<p>${accountTextWith(lang, "linkOnce", { expires: tokyoDateTime(input.expiresAt) })}</p>
<div class="staff-form"><div class="field"><label for="password-set-link">${a("linkLabel")}</label>
<input id="password-set-link" type="text" readonly value="${input.url}" spellcheck="false"></div></div>
${input.mailed === true ? html`<p class="notice" role="status">${a("linkMailed")}</p>` : ""}${input.mailed === false ? html`<p role="status">${a("linkMailFailed")}</p>` : ""}
</section>
<p><a href="/staff/accounts/${input.accountId}">${a("backToAccount")}</a>・<a href="/staff/accounts">${a("backToAccounts")}</a></p>`,
  });
}

/** One account: the edit form, disable or enable, and a new password-set link. */
export function editAccountPage(
  page: PageContext,
  input: {
    session: StaffSession;
    account: AccountListing;
    values: AccountForm;
    errors: FieldErrors;
    departments: DepartmentListing[];
    notice?: string;
  },
) {
  const { lang } = page;
  const { account, values, errors } = input;
  const a = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  const title = accountTextWith(lang, "editTitle", { login: account.login });
  const base = `/staff/accounts/${account.id}`;
  const csrf = csrfField(input.session.csrfToken);
  const self = account.id === input.session.actor.accountId;
  return staffFrame(page, {
    session: input.session,
    title,
    hasErrors: Object.keys(errors).length > 0,
    breadcrumbs: crumbs(page, [toAccounts(page)]),
    body: html`<h1>${title}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${a("colState")}: ${stateOf(page, account)}</p>
<p>${a("editIntro")}</p>
<form method="post" action="${base}" class="staff-form" novalidate>${csrf}
${displayNameField(page, values, errors)}
${emailField(page, values, errors)}
${roleFields(page, values, errors, input.departments)}
<button type="submit">${a("saveSubmit")}</button>
</form>
<section aria-labelledby="state-title"><h2 id="state-title">${a("stateTitle")}</h2>
${
  account.disabled
    ? html`<p>${accountTextWith(lang, "enableIntro", { at: account.disabledAt ? tokyoDateTime(account.disabledAt) : "" })}</p>
<form method="post" action="${base}/enable">${csrf}<button type="submit">${a("enableSubmit")}</button></form>`
    : self
      ? html`<p>${a("selfDisable")}</p>`
      : html`<p>${a("disableIntro")}</p>
<form method="post" action="${base}/disable">${csrf}<button type="submit" class="button-secondary">${a("disableSubmit")}</button></form>`
}
</section>
${
  account.disabled
    ? ""
    : html`<section aria-labelledby="link-title"><h2 id="link-title">${a("newLinkTitle")}</h2>
<p>${a("newLinkIntro")}</p>
<form method="post" action="${base}/password-link">${csrf}<button type="submit" class="button-secondary">${a("newLinkSubmit")}</button></form></section>`
}`,
  });
}
