import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import { can } from "../../../domain/staff-policy.ts";
import type { Lang } from "../../i18n/messages.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { accountText } from "../../staff/account-text.ts";
import { uploadKindsFor } from "../../staff/upload-kinds.ts";
import { uploadText } from "../../staff/upload-text.ts";
import { layout } from "../layout.ts";
import { accountText as ownAccountText } from "./account-text.ts";
import { csrfField, type FieldErrors } from "./staff-form.ts";
import { type StaffTextKey, staffText } from "./staff-text.ts";

/** The staff pages' own styles (tables, filters, pickers), after the public site's. */
export const STAFF_STYLESHEET = html`<link rel="stylesheet" href="/staff/assets/staff.css">`;

const ROLE_KEYS: Record<string, StaffTextKey> = {
  administrator: "roleAdministrator",
  planner: "rolePlanner",
  departmentEditor: "roleDepartmentEditor",
  viewer: "roleViewer",
};

/**
 * A staff page in the reader's language: the public frame, who is signed in, the staff menu
 * (password; the audit trail for those who may read it) and the logout button.
 */
export function staffFrame(
  page: PageContext,
  input: {
    session: StaffSession;
    title: string;
    body: HtmlEscapedString | Promise<HtmlEscapedString>;
    breadcrumbs?: Array<{ href: string; label: string }>;
    hasErrors?: boolean;
  },
) {
  const { lang } = page;
  const s = input.session;
  return layout({
    ...page,
    title: input.title,
    ...(input.hasErrors ? { titlePrefix: staffText(lang, "errorPrefix") } : {}),
    breadcrumbs: input.breadcrumbs ?? [{ href: "/staff", label: staffText(lang, "staffTop") }],
    body: html`${STAFF_STYLESHEET}${staffBar(lang, s, page.path)}
${input.body}`,
  });
}

/**
 * Who is signed in, the staff menu (top, password, account settings; the audit trail for those who may read it;
 * the current page marked) and the logout button: the head of every signed-in staff page.
 */
export function staffBar(lang: Lang, s: StaffSession, path: string) {
  const role = staffText(lang, ROLE_KEYS[s.actor.role] ?? "roleViewer");
  const org = { organizationId: s.actor.organizationId };
  const mayAudit = can(s.actor, "audit.read", org);
  const mayUpload = uploadKindsFor(s.actor).length > 0;
  const mayManage = can(s.actor, "account.manage", org);
  const mayDefine = can(s.actor, "department.define", org);
  const links = [
    { href: "/staff", label: staffText(lang, "staffTop") },
    ...(mayUpload ? [{ href: "/staff/uploads", label: uploadText(lang, "menuLink") }] : []),
    { href: "/staff/password", label: staffText(lang, "passwordLink") },
    { href: "/staff/account", label: ownAccountText(lang, "accountLink") },
    ...(mayAudit ? [{ href: "/staff/audit", label: staffText(lang, "auditLink") }] : []),
    ...(mayManage ? [{ href: "/staff/accounts", label: accountText(lang, "menuAccounts") }] : []),
    ...(mayDefine
      ? [{ href: "/staff/departments", label: accountText(lang, "menuDepartments") }]
      : []),
    ...(mayManage ? [{ href: "/staff/tokens", label: accountText(lang, "menuTokens") }] : []),
  ];
  return html`<div class="staff-bar"><p>${s.displayName}（${role}${s.departmentName ? `・${s.departmentName}` : ""}）</p>
<nav aria-label="${staffText(lang, "staffMenu")}" class="staff-nav"><ul>${links.map(
    (l) =>
      html`<li><a href="${l.href}"${l.href === path ? html` aria-current="page"` : ""}>${l.label}</a></li>`,
  )}</ul></nav>
<form method="post" action="/staff/logout">${csrfField(s.csrfToken)}<button type="submit" class="button-secondary">${staffText(lang, "logout")}</button></form></div>`;
}

/** The page of a 403: who is signed in, and that this page is not for them. */
export function forbiddenPage(page: PageContext, session: StaffSession) {
  const title = staffText(page.lang, "forbidden");
  return staffFrame(page, { session, title, body: html`<h1>${title}</h1>` });
}

/**
 * The error summary at the top of a form (after the GOV.UK pattern), in the reader's language:
 * focused on load, linking to each field.
 */
export function errorSummaryIn(lang: Lang, errors: FieldErrors) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return "";
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${staffText(lang, "errorSummary")}</h2>
<ul>${entries.map(([field, message]) => html`<li><a href="#${field}">${refusalText(lang, message)}</a></li>`)}</ul>
</div>`;
}

const JAPANESE_FIRST = /^[^\p{L}]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * An error message as shown: the commands refuse in Japanese whatever the page's language, so
 * on an English page a message that starts in Japanese is marked `lang="ja"` (WCAG 3.1.2);
 * an English message naming Japanese data (“No department 保育課”) is left as English.
 */
function refusalText(lang: Lang, message: string) {
  return lang === "en" && JAPANESE_FIRST.test(message)
    ? html`<span lang="ja">${message}</span>`
    : message;
}

/** The message beside a field (id `{field}-error`, for its `aria-describedby`). */
export function fieldErrorIn(lang: Lang, errors: FieldErrors, field: string) {
  const message = errors[field];
  return message
    ? html`<p class="field-error" id="${field}-error"><span class="visually-hidden">${staffText(lang, "errorPrefix")}</span>${refusalText(lang, message)}</p>`
    : "";
}

/** The attributes of a field that may have an error: described by its hint and its message. */
export function fieldState(errors: FieldErrors, field: string, hint?: string) {
  const ids = [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(" ");
  return html`${ids ? html` aria-describedby="${ids}"` : ""}${errors[field] ? html` aria-invalid="true"` : ""}`;
}
