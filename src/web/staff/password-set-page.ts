import { html } from "hono/html";
import { PASSWORD_SET_LINK_HOURS } from "../../commands/accounts/password-set-link.ts";
import type { PageContext } from "../routes/page-context.ts";
import { layout } from "../views/layout.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { errorSummaryIn, fieldErrorIn, fieldState } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import {
  type AccountTextKey,
  accountText,
  accountTextWith,
  tokyoDateTime,
} from "./account-text.ts";

/**
 * The page a password-set link opens (no session): the new password twice. The token travels in
 * a hidden field; passwords are never sent back, not even after an error.
 */
export function passwordSetPage(
  page: PageContext,
  input: {
    token: string;
    csrf: string;
    login: string;
    displayName: string;
    expiresAt: string;
    errors: FieldErrors;
  },
) {
  const { lang } = page;
  const { errors } = input;
  const a = (key: AccountTextKey) => accountText(lang, key);
  const field = (name: "password" | "confirmation", label: AccountTextKey, hint?: string) =>
    html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${a(label)}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ""}${fieldErrorIn(lang, errors, name)}
<input id="${name}" name="${name}" type="password" autocomplete="new-password" required${fieldState(errors, name, hint ? `${name}-hint` : undefined)}></div>`;
  return layout({
    ...page,
    title: a("setPasswordTitle"),
    ...(Object.keys(errors).length > 0 ? { titlePrefix: staffText(lang, "errorPrefix") } : {}),
    breadcrumbs: [],
    body: html`<h1>${a("setPasswordTitle")}</h1>
${errorSummaryIn(lang, errors)}
<p>${accountTextWith(lang, "setPasswordIntro", { name: input.displayName, login: input.login, expires: tokyoDateTime(input.expiresAt) })}</p>
<form method="post" action="/staff/set-password" class="staff-form" novalidate>
<input type="hidden" name="_csrf" value="${input.csrf}">
<input type="hidden" name="token" value="${input.token}">
<input type="text" name="username" autocomplete="username" value="${input.login}" hidden>
${field("password", "setPasswordNew", a("setPasswordHint"))}
${field("confirmation", "setPasswordConfirm")}
<button type="submit">${a("setPasswordSubmit")}</button>
</form>`,
  });
}

/** A link that opens nothing: expired, used, replaced or never issued, all said alike. */
export function linkRefusedPage(page: PageContext) {
  const { lang } = page;
  return layout({
    ...page,
    title: accountText(lang, "linkRefusedTitle"),
    breadcrumbs: [],
    body: html`<h1>${accountText(lang, "linkRefusedTitle")}</h1>
<p>${accountTextWith(lang, "linkRefused", { hours: PASSWORD_SET_LINK_HOURS })}</p>
<p><a href="/staff/login">${accountText(lang, "toLogin")}</a></p>`,
  });
}

/** After the password was set: to the login page. */
export function passwordSetDonePage(page: PageContext) {
  const { lang } = page;
  return layout({
    ...page,
    title: accountText(lang, "passwordSetTitle"),
    breadcrumbs: [],
    body: html`<h1>${accountText(lang, "passwordSetTitle")}</h1>
<p class="notice" role="status">${accountText(lang, "passwordSetBody")}</p>
<p><a href="/staff/login">${accountText(lang, "toLogin")}</a></p>`,
  });
}
