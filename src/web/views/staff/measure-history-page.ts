import { html } from "hono/html";
import type { StaffSession } from "../../../commands/auth/session-store.ts";
import type { measureAuditHistory } from "../../../store/queries/audit-query.ts";
import type { PageContext } from "../../routes/page-context.ts";
import { actionName, auditActor, auditChanges, auditTime } from "./audit-changes.ts";
import { staffFrame } from "./staff-frame.ts";
import { staffText, staffTextWith } from "./staff-text.ts";

type History = NonNullable<Awaited<ReturnType<typeof measureAuditHistory>>>;

/**
 * One measure's audit trail for administrators: every change, newest first, with who, when,
 * before → after, and the narrative as a character diff.
 */
export function measureHistoryPage(
  page: PageContext,
  input: { session: StaffSession; history: History; statusNames?: ReadonlyMap<string, string> },
) {
  const { lang } = page;
  const { measure, events } = input.history;
  const base = `/staff/plans/${encodeURIComponent(measure.planSlug)}`;
  const title = staffTextWith(lang, "historyTitle", { title: measure.title });
  return staffFrame(page, {
    session: input.session,
    title,
    breadcrumbs: [
      { href: "/staff", label: staffText(lang, "staffTop") },
      { href: base, label: staffText(lang, "cycle") },
      { href: "/staff/audit", label: staffText(lang, "auditTitle") },
    ],
    body: html`<h1>${title}</h1>
<p>${staffTextWith(lang, "historyMeta", {
      number: measure.itemNumber ?? "",
      label: measure.itemLabel,
      item: measure.itemTitle,
      code: measure.code,
      plan: measure.planTitle,
    })}・<a href="${base}/measures/${encodeURIComponent(measure.code)}">${staffText(lang, "editLink")}</a></p>
<p>${staffText(lang, "historyIntro")}</p>
${
  events.length === 0
    ? html`<p>${staffText(lang, "historyNone")}</p>`
    : html`<ol class="history" reversed>${events.map(
        (e) => html`<li id="event-${String(e.id)}">
<h2 class="history-date">${auditTime(e.at)} ${actionName(lang, e.action)}</h2>
<p class="history-label">${staffText(lang, "colActor")}: ${auditActor(lang, e)}</p>
${auditChanges(lang, e, input.statusNames)}
</li>`,
      )}</ol>`
}`,
  });
}
