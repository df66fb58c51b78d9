import { html } from "hono/html";
import { errorSummary, type FieldErrors, fieldError } from "./staff-form.ts";
import { staffLayout } from "./staff-layout.ts";

export function loginPage(input: {
  path: string;
  next: string;
  login: string;
  csrf: string;
  errors: FieldErrors;
}) {
  const { errors } = input;
  return staffLayout({
    session: null,
    path: input.path,
    title: "職員ログイン",
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>職員ログイン</h1>
${errorSummary(errors)}
<form method="post" action="/staff/login" class="staff-form" novalidate>
<input type="hidden" name="_csrf" value="${input.csrf}">
<input type="hidden" name="next" value="${input.next}">
<div class="field${errors.login ? " field-has-error" : ""}">
<label for="login">ログイン名</label>
${fieldError(errors, "login")}
<input id="login" name="login" type="text" autocomplete="username" value="${input.login}" required${errors.login ? html` aria-invalid="true" aria-describedby="login-error"` : ""}>
</div>
<div class="field${errors.password ? " field-has-error" : ""}">
<label for="password">パスワード</label>
${fieldError(errors, "password")}
<input id="password" name="password" type="password" autocomplete="current-password" required${errors.password ? html` aria-invalid="true" aria-describedby="password-error"` : ""}>
</div>
<button type="submit">ログイン</button>
</form>`,
  });
}
