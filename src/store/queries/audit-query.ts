import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** What the audit trail is narrowed to; null where a filter is not used. */
export interface AuditFilter {
  action: string | null;
  /** Events done by this account, or about it (its creation, its logins, its password). */
  accountId: number | null;
  /** First and last day (`YYYY-MM-DD`, Asia/Tokyo), both included. */
  from: string | null;
  to: string | null;
}

export const NO_AUDIT_FILTER: AuditFilter = { action: null, accountId: null, from: null, to: null };

/** One event of the audit trail, with the names of who, what plan and what measure. */
export interface AuditEvent {
  id: number;
  /** ISO timestamp (UTC). */
  at: string;
  action: string;
  entity: string;
  entityId: string;
  /** Who did it; null for the system (a login, an account made from the CLI). */
  actor: { login: string; displayName: string } | null;
  /** The account an event is about (`entity` is `account`). */
  subject: { login: string; displayName: string } | null;
  plan: { id: number; slug: string; title: string } | null;
  measure: { code: string; title: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The first instant (UTC ISO) of a day in Japan. */
const tokyoDayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+09:00`).toISOString();
const DAY_MS = 86_400_000;

function scoped(db: Kysely<Database>, organizationId: number, filter: AuditFilter) {
  const { action, accountId, from, to } = filter;
  return (
    db
      .selectFrom("audit_event as e")
      .leftJoin("account as actor", "actor.id", "e.account_id")
      .leftJoin("account as subject", (join) =>
        join
          .on("e.entity", "=", "account")
          .on((eb) => eb(eb.cast<string>("subject.id", "text"), "=", eb.ref("e.entity_id"))),
      )
      .leftJoin("plan", "plan.id", "e.plan_id")
      .leftJoin("measure", "measure.id", "e.measure_id")
      // An event belongs to the organization of its plan, of who did it, or of whom it is about.
      .where((eb) =>
        eb(
          eb.fn.coalesce(
            "plan.organization_id",
            "actor.organization_id",
            "subject.organization_id",
          ),
          "=",
          organizationId,
        ),
      )
      .$if(action !== null, (q) => q.where("e.action", "=", action ?? ""))
      .$if(accountId !== null, (q) =>
        q.where((eb) =>
          eb.or([eb("e.account_id", "=", accountId ?? -1), eb("subject.id", "=", accountId ?? -1)]),
        ),
      )
      .$if(from !== null, (q) => q.where("e.at", ">=", tokyoDayStart(from ?? "")))
      .$if(to !== null, (q) =>
        q.where("e.at", "<", new Date(Date.parse(tokyoDayStart(to ?? "")) + DAY_MS).toISOString()),
      )
  );
}

type Scoped = ReturnType<typeof scoped>;

async function eventsOf(query: Scoped): Promise<AuditEvent[]> {
  const rows = await query
    .select([
      "e.id",
      "e.at",
      "e.action",
      "e.entity",
      "e.entity_id",
      "e.before",
      "e.after",
      "actor.login as actorLogin",
      "actor.display_name as actorName",
      "subject.login as subjectLogin",
      "subject.display_name as subjectName",
      "plan.id as planId",
      "plan.slug as planSlug",
      "plan.title as planTitle",
      "measure.code as measureCode",
      "measure.title as measureTitle",
    ])
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    actor: r.actorLogin === null ? null : { login: r.actorLogin, displayName: r.actorName ?? "" },
    subject:
      r.subjectLogin === null ? null : { login: r.subjectLogin, displayName: r.subjectName ?? "" },
    plan:
      r.planId === null ? null : { id: r.planId, slug: r.planSlug ?? "", title: r.planTitle ?? "" },
    measure: r.measureCode === null ? null : { code: r.measureCode, title: r.measureTitle ?? "" },
    before: jsonObject(r.before),
    after: jsonObject(r.after),
  }));
}

/** A stored before/after value as an object (a value that is not one is kept under `value`). */
function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null) return null;
    return typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { value: text };
  }
}

/**
 * One page of an organization's audit trail, newest first.
 * @example const { events, pageCount } = await auditEvents(db, 1, NO_AUDIT_FILTER, { page: 1, pageSize: 50 });
 */
export async function auditEvents(
  db: Kysely<Database>,
  organizationId: number,
  filter: AuditFilter,
  paging: { page: number; pageSize: number },
) {
  const { n } = await scoped(db, organizationId, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / paging.pageSize));
  const page = Math.min(Math.max(1, paging.page), pageCount);
  const events = await eventsOf(
    scoped(db, organizationId, filter)
      .limit(paging.pageSize)
      .offset((page - 1) * paging.pageSize),
  );
  return { events, total, page, pageCount };
}

/** Every event of an organization's audit trail that the filter lets through, newest first (the CSV). */
export function allAuditEvents(
  db: Kysely<Database>,
  organizationId: number,
  filter: AuditFilter,
): Promise<AuditEvent[]> {
  return eventsOf(scoped(db, organizationId, filter));
}

/** What the filters of the audit page offer: the actions recorded, and the organization's accounts. */
export async function auditFacets(db: Kysely<Database>, organizationId: number) {
  const actions = await scoped(db, organizationId, NO_AUDIT_FILTER)
    .select("e.action")
    .distinct()
    .orderBy("e.action")
    .execute();
  const accounts = await db
    .selectFrom("account")
    .select(["id", "login", "display_name as displayName"])
    .where("organization_id", "=", organizationId)
    .orderBy("login")
    .execute();
  return { actions: actions.map((a) => a.action), accounts };
}

/**
 * Every recorded change of one measure, newest first: its progress (saves, reviews), its
 * roadmap, and the assignments of departments that named it. Null when the plan is not the
 * organization's or has no such measure.
 */
export async function measureAuditHistory(
  db: Kysely<Database>,
  organizationId: number,
  planSlug: string,
  measureCode: string,
) {
  const measure = await db
    .selectFrom("measure")
    .innerJoin("plan", "plan.id", "measure.plan_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .select([
      "measure.id",
      "measure.code",
      "measure.title",
      "item.number as itemNumber",
      "item.label as itemLabel",
      "item.title as itemTitle",
      "plan.id as planId",
      "plan.slug as planSlug",
      "plan.title as planTitle",
    ])
    .where("plan.slug", "=", planSlug)
    .where("plan.organization_id", "=", organizationId)
    .where("measure.code", "=", measureCode)
    .executeTakeFirst();
  if (!measure) return null;
  const events = await eventsOf(
    scoped(db, organizationId, NO_AUDIT_FILTER).where((eb) =>
      eb.or([
        eb("e.measure_id", "=", measure.id),
        eb.and([
          eb("e.entity", "=", "department"),
          eb("e.plan_id", "=", measure.planId),
          // The assignment lists the measure IDs it gave: `"measures":["M0082",…]`.
          eb("e.after", "like", `%"${measure.code}"%`),
        ]),
      ]),
    ),
  );
  return { measure, events };
}

/** The status names of the organization's plans, by plan and status code. */
export async function statusNamesByPlan(db: Kysely<Database>, organizationId: number) {
  const rows = await db
    .selectFrom("status_definition")
    .innerJoin("plan", "plan.id", "status_definition.plan_id")
    .select([
      "status_definition.plan_id as planId",
      "status_definition.code",
      "status_definition.name",
    ])
    .where("plan.organization_id", "=", organizationId)
    .execute();
  const names = new Map<number, Map<string, string>>();
  for (const r of rows) {
    const plan = names.get(r.planId) ?? new Map<string, string>();
    plan.set(r.code, r.name);
    names.set(r.planId, plan);
  }
  return names;
}
