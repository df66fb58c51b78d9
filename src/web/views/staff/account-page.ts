import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { accountText } from "./account-text.ts";
import { csrfField, type FieldErrors } from "./staff-form.ts";
import { errorSummaryIn, fieldErrorIn, fieldState, staffFrame } from "./staff-frame.ts";

/** A person's own settings: their e-mail address and whether they want reminders. */
export function accountPage(
  page: PageContext,
  input: {
    session: StaffSession;
    values: { email: string; remindersOn: boolean };
    errors: FieldErrors;
    saved: boolean;
  },
) {
  const { lang } = page;
  const { errors, values } = input;
  const t = (key: Parameters<typeof accountText>[1]) => accountText(lang, key);
  return staffFrame(page, {
    session: input.session,
    title: t("accountTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${t("accountTitle")}</h1>
${input.saved ? html`<p class="notice" role="status">${t("saved")}</p>` : ""}
${errorSummaryIn(lang, errors)}
<p>${t("accountIntro")}</p>
<form method="post" action="/staff/account" class="staff-form" novalidate>${csrfField(input.session.csrfToken)}
<div class="field${errors.email ? " field-has-error" : ""}"><label for="email">${t("email")}</label>
<p class="hint" id="email-hint">${t("emailHint")}</p>${fieldErrorIn(lang, errors, "email")}
<input id="email" name="email" type="email" autocomplete="email" spellcheck="false" value="${values.email}"${fieldState(errors, "email", "email-hint")}></div>
<fieldset class="field"><legend>${t("reminders")}</legend>
<p class="hint" id="remindersOn-hint">${t("remindersHint")}</p>
<div class="field-checkbox"><input id="remindersOn" name="remindersOn" type="checkbox" value="1" aria-describedby="remindersOn-hint"${values.remindersOn ? " checked" : ""}>
<label for="remindersOn">${t("remindersOn")}</label></div></fieldset>
<button type="submit">${t("save")}</button>
</form>`,
  });
}
