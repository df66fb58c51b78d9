import type { Context, Hono } from "hono";
import { can } from "../../domain/staff-policy.ts";
import { toCsv } from "../../export/csv-table.ts";
import { reminderLog } from "../../store/queries/reminder-log-query.ts";
import type { Store } from "../../store/store.ts";
import {
  MAIL_STATUS_NAMES,
  REMINDER_KIND_NAMES,
  reminderLogPage,
} from "../views/staff/reminder-log-page.ts";
import type { StaffEnv } from "./staff-env.ts";

/**
 * `/staff/plans/:slug/reminders` (and `.csv`): who was reminded when, for the open period or
 * `?asOf=`. For the planning division and administrators (it lists people's addresses); others
 * get 404, as for a plan they cannot see.
 */
export function staffReminderRoutes(staff: Hono<StaffEnv>, store: Store): void {
  const load = async (c: Context<StaffEnv>) => {
    const session = c.get("session");
    const slug = c.req.param("slug") ?? "";
    const plan = await store.db
      .selectFrom("plan")
      .select(["id", "slug", "title", "organization_id"])
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (
      !session ||
      !plan ||
      !can(session.actor, "progress.review", { organizationId: plan.organization_id })
    )
      return null;
    const asOf = c.req.query("asOf");
    let query = store.db
      .selectFrom("reporting_period")
      .select(["id", "as_of", "deadline"])
      .where("plan_id", "=", plan.id);
    query = asOf ? query.where("as_of", "=", asOf) : query.where("state", "=", "open");
    const period = await query.executeTakeFirst();
    if (!period) return null;
    return { session, plan, period, log: await reminderLog(store.db, plan.id, period.id) };
  };

  staff.get("/plans/:slug/reminders", async (c) => {
    const found = await load(c);
    if (!found) return c.text("見つかりません", 404);
    return c.html(
      reminderLogPage({
        session: found.session,
        path: new URL(c.req.url).pathname,
        plan: found.plan,
        period: { asOf: found.period.as_of, deadline: found.period.deadline },
        log: found.log,
      }),
    );
  });

  staff.get("/plans/:slug/reminders.csv", async (c) => {
    const found = await load(c);
    if (!found) return c.text("見つかりません", 404);
    const csv = toCsv(
      [
        "基準日",
        "作成日時",
        "種類",
        "担当課",
        "取組ID",
        "宛先の氏名",
        "宛先",
        "結果",
        "送信日時",
        "試行回数",
        "最後のエラー",
      ],
      found.log.map((e) => [
        found.period.as_of,
        e.remindedAt,
        REMINDER_KIND_NAMES[e.kind] ?? e.kind,
        e.department,
        e.measureCode,
        e.recipientName,
        e.recipient,
        MAIL_STATUS_NAMES[e.status] ?? e.status,
        e.sentAt,
        e.attempts,
        e.lastError,
      ]),
    );
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reminders-${found.period.as_of}.csv"`,
    });
  });
}
