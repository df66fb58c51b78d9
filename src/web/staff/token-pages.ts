import { html } from "hono/html";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import type { listApiTokens } from "../../store/queries/api-token-list-query.ts";
import type { DepartmentListing } from "../../store/queries/department-list-query.ts";
import type { PageContext } from "../routes/page-context.ts";
import { csrfField, type FieldErrors } from "../views/staff/staff-form.ts";
import {
  errorSummaryIn,
  fieldErrorIn,
  fieldState,
  staffFrame,
} from "../views/staff/staff-frame.ts";
import {
  type AccountTextKey,
  accountText,
  accountTextWith,
  tokyoDateTime,
} from "./account-text.ts";

type TokenListing = Awaited<ReturnType<typeof listApiTokens>>[number];

/** What the issue form holds: as typed. */
export interface TokenForm {
  departmentId: string;
  name: string;
}

/**
 * The organization's API tokens (never the tokens themselves), a revoke button for each active
 * one, the form that issues one, and — right after issuing — the new token, shown this once.
 */
export function tokenListPage(
  page: PageContext,
  input: {
    session: StaffSession;
    tokens: TokenListing[];
    departments: DepartmentListing[];
    values: TokenForm;
    errors: FieldErrors;
    notice?: string;
    issued?: { name: string; department: string; token: string };
  },
) {
  const { lang } = page;
  const { values, errors, issued } = input;
  const a = (key: AccountTextKey) => accountText(lang, key);
  const csrf = csrfField(input.session.csrfToken);
  const state = (t: TokenListing) =>
    t.revokedAt
      ? accountTextWith(lang, "tokenRevoked", { at: tokyoDateTime(t.revokedAt) })
      : t.issuerDisabled
        ? a("tokenIssuerDisabled")
        : a("tokenActive");
  return staffFrame(page, {
    session: input.session,
    title: issued ? accountTextWith(lang, "issuedTitle", { name: issued.name }) : a("tokensTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${a("tokensTitle")}</h1>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
${
  issued
    ? html`<section aria-labelledby="issued-title" class="notice"><h2 id="issued-title">${accountTextWith(lang, "issuedTitle", { name: issued.name })}</h2>
<p>${a("issuedOnce")}</p>
<div class="staff-form"><div class="field"><label for="issued-token">${accountTextWith(lang, "tokenLabel", { department: issued.department })}</label>
<input id="issued-token" type="text" readonly value="${issued.token}" spellcheck="false"></div></div></section>`
    : ""
}
${errorSummaryIn(lang, errors)}
<p>${a("tokensIntro")}</p>
${
  input.tokens.length === 0
    ? html`<p>${a("noTokens")}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="tokens-caption"><table class="report">
<caption id="tokens-caption">${accountTextWith(lang, "tokensCaption", { n: input.tokens.length })}</caption>
<thead><tr><th scope="col">${a("colTokenName")}</th><th scope="col">${a("colDepartment")}</th><th scope="col">${a("colIssuedBy")}</th><th scope="col">${a("colIssuedAt")}</th><th scope="col">${a("colState")}</th><th scope="col">${a("colActions")}</th></tr></thead>
<tbody>${input.tokens.map(
        (t) =>
          html`<tr><th scope="row">${t.name}</th><td>${t.department}</td><td>${t.createdBy}</td><td>${tokyoDateTime(t.createdAt)}</td><td>${state(t)}</td><td>${
            t.revokedAt
              ? ""
              : html`<form method="post" action="/staff/tokens/${t.id}/revoke">${csrf}<button type="submit" class="button-secondary">${accountTextWith(lang, "revokeSubmit", { name: t.name })}</button></form>`
          }</td></tr>`,
      )}</tbody></table></div>`
}
<section aria-labelledby="issue-title"><h2 id="issue-title">${a("issueTitle")}</h2>
<form method="post" action="/staff/tokens" class="staff-form" novalidate>${csrf}
<div class="field${errors.departmentId ? " field-has-error" : ""}"><label for="departmentId">${a("fieldDepartment")}</label>${fieldErrorIn(lang, errors, "departmentId")}
<select id="departmentId" name="departmentId"${fieldState(errors, "departmentId")}><option value="">${a("mergeChoose")}</option>${input.departments.map(
      (d) =>
        html`<option value="${String(d.id)}"${values.departmentId === String(d.id) ? " selected" : ""}>${d.name}</option>`,
    )}</select></div>
<div class="field${errors.name ? " field-has-error" : ""}"><label for="name">${a("fieldTokenName")}</label>
<p class="hint" id="name-hint">${a("fieldTokenNameHint")}</p>${fieldErrorIn(lang, errors, "name")}
<input id="name" name="name" type="text" maxlength="100" autocomplete="off" value="${values.name}"${fieldState(errors, "name", "name-hint")}></div>
<button type="submit">${a("issueSubmit")}</button>
</form></section>`,
  });
}
