import { html } from "hono/html";

/** A field's error, keyed by the field's name (`narrative`, `asOf`). */
export type FieldErrors = Record<string, string>;

/**
 * The error summary at the top of a form (after the GOV.UK pattern): headed
 * 「入力内容に問題があります」, focused on load, linking to each field.
 */
export function errorSummary(errors: FieldErrors) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return "";
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
<h2 id="error-summary-title">入力内容に問題があります</h2>
<ul>${entries.map(([field, message]) => html`<li><a href="#${field}">${message}</a></li>`)}</ul>
</div>`;
}

/** The message beside a field, referenced by its `aria-describedby`. */
export function fieldError(errors: FieldErrors, field: string) {
  const message = errors[field];
  return message
    ? html`<p class="field-error" id="${field}-error"><span class="visually-hidden">エラー：</span>${message}</p>`
    : "";
}

export function describedBy(errors: FieldErrors, field: string, hint?: string): string {
  return [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(" ");
}

/** The hidden CSRF field every staff form carries. */
export function csrfField(token: string) {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
