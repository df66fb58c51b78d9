import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { csrfField, type FieldErrors } from "./staff-form.ts";
import { errorSummaryIn, fieldErrorIn, fieldState, staffFrame } from "./staff-frame.ts";
import { staffText } from "./staff-text.ts";

/**
 * The form to change one's own password: the current one, the new one twice. Passwords are
 * never sent back in the page, not even after an error.
 */
export function passwordPage(
  page: PageContext,
  input: { session: StaffSession; errors: FieldErrors; changed: boolean },
) {
  const { lang } = page;
  const { errors } = input;
  const field = (
    name: "currentPassword" | "newPassword" | "confirmation",
    label: "passwordCurrent" | "passwordNew" | "passwordConfirm",
    autocomplete: string,
    hint?: string,
  ) =>
    html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${staffText(lang, label)}</label>
${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : ""}${fieldErrorIn(lang, errors, name)}
<input id="${name}" name="${name}" type="password" autocomplete="${autocomplete}" required${fieldState(errors, name, hint ? `${name}-hint` : undefined)}></div>`;
  return staffFrame(page, {
    session: input.session,
    title: staffText(lang, "passwordTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${staffText(lang, "passwordTitle")}</h1>
${input.changed ? html`<p class="notice" role="status">${staffText(lang, "passwordChanged")}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${staffText(lang, "passwordIntro")}</p>
<form method="post" action="/staff/password" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<input type="text" name="username" autocomplete="username" value="${input.session.login}" hidden>
${field("currentPassword", "passwordCurrent", "current-password")}
${field("newPassword", "passwordNew", "new-password", staffText(lang, "passwordNewHint"))}
${field("confirmation", "passwordConfirm", "new-password")}
<button type="submit">${staffText(lang, "passwordSubmit")}</button>
</form>`,
  });
}
