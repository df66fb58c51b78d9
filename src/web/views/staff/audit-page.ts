import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import type { AuditEvent } from "../../../store/queries/audit-query.ts";
import type { Lang } from "../../i18n/messages.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { actionName, auditActor, auditChanges, auditTime } from "./audit-changes.ts";
import type { FieldErrors } from "./staff-form.ts";
import { errorSummaryIn, fieldErrorIn, fieldState, staffFrame } from "./staff-frame.ts";
import { staffText, staffTextWith } from "./staff-text.ts";

/** The audit page's filters as typed (strings; empty when not used). */
export interface AuditQuery {
  action: string;
  account: string;
  from: string;
  to: string;
}

export interface AuditPageInput {
  session: StaffSession;
  query: AuditQuery;
  errors: FieldErrors;
  facets: {
    actions: string[];
    accounts: Array<{ id: number; login: string; displayName: string }>;
  };
  /** Null when the filters have errors. */
  result: {
    events: AuditEvent[];
    total: number;
    page: number;
    pageCount: number;
    pageSize: number;
  } | null;
  statusNames: ReadonlyMap<number, ReadonlyMap<string, string>>;
}

/** The query string of the filters that are used, for links and the CSV. */
export function auditQueryString(query: AuditQuery, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...extra })) if (v !== "") q.set(k, v);
  const text = q.toString();
  return text === "" ? "" : `?${text}`;
}

/** The whole organization's audit trail for administrators: filters, one page of events, the CSV. */
export function auditPage(page: PageContext, input: AuditPageInput) {
  const { lang } = page;
  const { errors, result } = input;
  return staffFrame(page, {
    session: input.session,
    title: staffText(lang, "auditTitle"),
    hasErrors: Object.keys(errors).length > 0,
    body: html`<h1>${staffText(lang, "auditTitle")}</h1>
<p>${staffText(lang, "auditIntro")}</p>
${errorSummaryIn(lang, errors)}
${filterForm(lang, input)}
${result ? results(lang, input, result) : ""}`,
  });
}

function filterForm(lang: Lang, input: AuditPageInput) {
  const { query, errors, facets } = input;
  const selected = (a: string, b: string) => (a === b ? html` selected` : "");
  const dateField = (name: "from" | "to", key: "filterFrom" | "filterTo") =>
    html`<div class="field${errors[name] ? " field-has-error" : ""}"><label for="${name}">${staffText(lang, key)}</label>${fieldErrorIn(lang, errors, name)}
<input id="${name}" name="${name}" type="date" value="${query[name]}"${fieldState(errors, name)}></div>`;
  return html`<form method="get" action="/staff/audit" class="staff-form" novalidate>
<fieldset><legend>${staffText(lang, "filter")}</legend>
<div class="field"><label for="action">${staffText(lang, "filterAction")}</label>
<select id="action" name="action"><option value="">${staffText(lang, "filterAll")}</option>${facets.actions.map(
    (a) => html`<option value="${a}"${selected(a, query.action)}>${actionName(lang, a)}</option>`,
  )}</select></div>
<div class="field"><label for="account">${staffText(lang, "filterAccount")}</label>
<select id="account" name="account"><option value="">${staffText(lang, "filterAll")}</option>${facets.accounts.map(
    (a) =>
      html`<option value="${String(a.id)}"${selected(String(a.id), query.account)}>${a.displayName}（${a.login}）</option>`,
  )}</select></div>
${dateField("from", "filterFrom")}
${dateField("to", "filterTo")}
<button type="submit">${staffText(lang, "filterApply")}</button>
<a href="/staff/audit">${staffText(lang, "filterClear")}</a>
</fieldset>
</form>`;
}

function results(lang: Lang, input: AuditPageInput, result: NonNullable<AuditPageInput["result"]>) {
  const { query } = input;
  if (result.total === 0) return html`<p>${staffText(lang, "resultNone")}</p>`;
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.events.length - 1;
  return html`<p role="status">${staffTextWith(lang, "resultCount", { total: result.total, first, last })}・<a href="/staff/audit.csv${auditQueryString(query)}">${staffText(lang, "csvLink")}</a></p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="audit-caption"><table class="report">
<caption id="audit-caption">${staffText(lang, "auditTitle")}（${staffTextWith(lang, "pageOf", { page: result.page, count: result.pageCount })}）</caption>
<thead><tr><th scope="col">${staffText(lang, "colAt")}</th><th scope="col">${staffText(lang, "colAction")}</th><th scope="col">${staffText(lang, "colActor")}</th><th scope="col">${staffText(lang, "colTarget")}</th><th scope="col">${staffText(lang, "colChanges")}</th></tr></thead>
<tbody>${result.events.map(
    (e) =>
      html`<tr><th scope="row">${auditTime(e.at)}</th><td>${actionName(lang, e.action)}</td><td>${auditActor(lang, e)}</td><td>${target(lang, e)}</td><td>${auditChanges(lang, e, e.plan ? input.statusNames.get(e.plan.id) : undefined)}</td></tr>`,
  )}</tbody></table></div>
${pager(lang, query, result)}`;
}

/** What an event was about: the measure (linked to its history), the plan, the account. */
function target(lang: Lang, e: AuditEvent) {
  if (e.measure && e.plan) {
    const href = `/staff/plans/${encodeURIComponent(e.plan.slug)}/measures/${encodeURIComponent(e.measure.code)}/history`;
    return html`${e.measure.code} ${e.measure.title}<br><a href="${href}">${staffText(lang, "historyLink")}<span class="visually-hidden">: ${e.measure.title}</span></a>`;
  }
  if (e.subject) return html`${e.subject.displayName}（${e.subject.login}）`;
  if (e.plan) return e.plan.title;
  return `${e.entity} ${e.entityId}`;
}

/** Previous and next page as a GET form: buttons are large enough targets, and need no script. */
function pager(lang: Lang, query: AuditQuery, result: NonNullable<AuditPageInput["result"]>) {
  if (result.pageCount <= 1) return "";
  return html`<nav aria-label="${staffText(lang, "pagination")}"><form method="get" action="/staff/audit">
${Object.entries(query).map(([k, v]) => (v === "" ? "" : html`<input type="hidden" name="${k}" value="${v}">`))}
${result.page > 1 ? html`<button type="submit" name="page" value="${String(result.page - 1)}" class="button-secondary">${staffText(lang, "previousPage")}</button>` : ""}
<span>${staffTextWith(lang, "pageOf", { page: result.page, count: result.pageCount })}</span>
${result.page < result.pageCount ? html`<button type="submit" name="page" value="${String(result.page + 1)}" class="button-secondary">${staffText(lang, "nextPage")}</button>` : ""}
</form></nav>`;
}
