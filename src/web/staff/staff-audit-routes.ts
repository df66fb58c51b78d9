import type { Context, Hono } from "hono";
import { z } from "zod";
import type { StaffSession } from "../../commands/auth/session-store.ts";
import { parseIsoDate } from "../../domain/era.ts";
import { can } from "../../domain/staff-policy.ts";
import { toCsv } from "../../export/csv-table.ts";
import {
  type AuditFilter,
  allAuditEvents,
  auditEvents,
  auditFacets,
  measureAuditHistory,
  statusNamesByPlan,
} from "../../store/queries/audit-query.ts";
import type { Store } from "../../store/store.ts";
import { pageContext } from "../routes/page-context.ts";
import { actionName } from "../views/staff/audit-changes.ts";
import { type AuditQuery, auditPage } from "../views/staff/audit-page.ts";
import { measureHistoryPage } from "../views/staff/measure-history-page.ts";
import type { FieldErrors } from "../views/staff/staff-form.ts";
import { forbiddenPage } from "../views/staff/staff-frame.ts";
import { staffText } from "../views/staff/staff-text.ts";
import type { StaffEnv } from "./staff-env.ts";

/** Events on one page of the audit trail. */
export const AUDIT_PAGE_SIZE = 50;

/** The audit page's query: anything malformed falls back to "not used", except dates, which are checked. */
const auditQuerySchema = z.object({
  action: z.string().max(100).catch(""),
  account: z
    .string()
    .regex(/^\d{1,9}$/u)
    .catch(""),
  from: z.string().max(30).catch(""),
  to: z.string().max(30).catch(""),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

function isDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/** The filter a query asks for, or the errors of its dates (in the reader's language). */
function readFilter(c: Context<StaffEnv>) {
  const lang = pageContext(c).lang;
  const q = auditQuerySchema.parse(c.req.query());
  const query: AuditQuery = {
    action: q.action,
    account: q.account,
    from: q.from.normalize("NFKC").trim(),
    to: q.to.normalize("NFKC").trim(),
  };
  const errors: FieldErrors = {};
  if (query.from !== "" && !isDate(query.from)) errors.from = staffText(lang, "dateInvalid");
  if (query.to !== "" && !isDate(query.to)) errors.to = staffText(lang, "dateInvalid");
  if (!errors.from && !errors.to && query.from !== "" && query.to !== "" && query.to < query.from)
    errors.to = staffText(lang, "dateOrder");
  const filter: AuditFilter = {
    action: query.action || null,
    accountId: query.account === "" ? null : Number(query.account),
    from: query.from || null,
    to: query.to || null,
  };
  return { query, page: q.page, errors, filter };
}

/** The session of someone who may read the audit trail, or null. */
function auditor(c: Context<StaffEnv>): StaffSession | null {
  const session = c.get("session");
  return session &&
    can(session.actor, "audit.read", { organizationId: session.actor.organizationId })
    ? session
    : null;
}

/** 403 as a page: who is signed in, and that this is not for them. */
function forbidden(c: Context<StaffEnv>) {
  const session = c.get("session");
  return session
    ? c.html(forbiddenPage(pageContext(c), session), 403)
    : c.text(staffText(pageContext(c).lang, "forbidden"), 403);
}

/**
 * The audit trail for administrators: the whole organization's (`/staff/audit`, filtered and
 * paginated, and as CSV), and one measure's (`…/measures/:code/history`). Everyone else: 403.
 */
export function staffAuditRoutes(staff: Hono<StaffEnv>, store: Store): void {
  staff.get("/audit", async (c) => {
    const session = auditor(c);
    if (!session) return forbidden(c);
    const org = session.actor.organizationId;
    const { query, page, errors, filter } = readFilter(c);
    const hasErrors = Object.keys(errors).length > 0;
    const result = hasErrors
      ? null
      : {
          ...(await auditEvents(store.db, org, filter, { page, pageSize: AUDIT_PAGE_SIZE })),
          pageSize: AUDIT_PAGE_SIZE,
        };
    return c.html(
      auditPage(pageContext(c), {
        session,
        query,
        errors,
        facets: await auditFacets(store.db, org),
        result,
        statusNames: await statusNamesByPlan(store.db, org),
      }),
      hasErrors ? 400 : 200,
    );
  });

  staff.get("/audit.csv", async (c) => {
    const session = auditor(c);
    if (!session) return forbidden(c);
    const { errors, filter } = readFilter(c);
    const problems = Object.values(errors);
    if (problems.length > 0) return c.text(problems.join("\n"), 400);
    const events = await allAuditEvents(store.db, session.actor.organizationId, filter);
    const csv = toCsv(
      [
        "記録ID",
        "日時",
        "操作",
        "操作名",
        "職員ログイン名",
        "職員名",
        "対象の種類",
        "対象ID",
        "計画",
        "取組ID",
        "変更前",
        "変更後",
      ],
      events.map((e) => [
        e.id,
        e.at,
        e.action,
        actionName("ja", e.action),
        e.actor?.login ?? null,
        e.actor?.displayName ?? null,
        e.entity,
        e.entityId,
        e.plan?.slug ?? null,
        e.measure?.code ?? null,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
      ]),
    );
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${today}.csv"`,
    });
  });

  staff.get("/plans/:slug/measures/:code/history", async (c) => {
    const session = auditor(c);
    if (!session) return forbidden(c);
    const org = session.actor.organizationId;
    const history = await measureAuditHistory(
      store.db,
      org,
      c.req.param("slug"),
      c.req.param("code"),
    );
    const page = pageContext(c);
    if (!history) return c.text(staffText(page.lang, "notFound"), 404);
    const statusNames = (await statusNamesByPlan(store.db, org)).get(history.measure.planId);
    return c.html(
      measureHistoryPage(page, { session, history, ...(statusNames ? { statusNames } : {}) }),
    );
  });
}
