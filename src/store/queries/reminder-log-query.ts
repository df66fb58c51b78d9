import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** One line of the reminder log: a message to one person, or a reminder nobody could receive. */
export interface ReminderLogEntry {
  /** When the reminder was made (ISO instant). */
  remindedAt: string;
  /** `opened`, `deadline`, `returned` or `digest`. */
  kind: string;
  /** null: the planning division's digest. */
  department: string | null;
  /** The returned measure's ID (取組ID), for a return. */
  measureCode: string | null;
  /** null: nobody in the department had an address and reminders on. */
  recipientName: string | null;
  recipient: string | null;
  subject: string | null;
  /** `queued`, `sending`, `sent`, `failed`, or `no_recipient`. */
  status: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

/**
 * Who was reminded when, for one reporting period of a plan: every reminder made, oldest first,
 * with each message's result (sent, still queued and how often tried, failed and why). The
 * completion dashboard shows it; nothing here is public.
 * @example const log = await reminderLog(store.db, plan.id, period.id);
 */
export async function reminderLog(
  db: Kysely<Database>,
  planId: number,
  periodId: number,
): Promise<ReminderLogEntry[]> {
  const rows = await db
    .selectFrom("reminder")
    .leftJoin("department", "department.id", "reminder.department_id")
    .leftJoin("measure", "measure.id", "reminder.measure_id")
    .leftJoin("outbox", "outbox.reminder_id", "reminder.id")
    .leftJoin("account", "account.id", "outbox.account_id")
    .select([
      "reminder.created_at as remindedAt",
      "reminder.kind",
      "department.name as department",
      "measure.code as measureCode",
      "account.display_name as recipientName",
      "outbox.recipient",
      "outbox.subject",
      "outbox.status",
      "outbox.sent_at as sentAt",
      "outbox.attempts",
      "outbox.last_error as lastError",
    ])
    .where("reminder.plan_id", "=", planId)
    .where("reminder.reporting_period_id", "=", periodId)
    .orderBy("reminder.created_at")
    .orderBy("reminder.id")
    .orderBy("outbox.id")
    .execute();
  return rows.map((r) => ({
    remindedAt: r.remindedAt,
    kind: r.kind,
    department: r.department,
    measureCode: r.measureCode,
    recipientName: r.recipientName,
    recipient: r.recipient,
    subject: r.subject,
    status: r.status ?? "no_recipient",
    sentAt: r.sentAt,
    attempts: Number(r.attempts ?? 0),
    lastError: r.lastError,
  }));
}

/** The last reminder a department was sent for a period: when, and to whom. */
export interface LastReminder {
  at: string;
  to: string;
}

/**
 * The last reminder of each department for a reporting period, by department id, for the
 * completion dashboard's 「最終督促」: when it was made, and the people it went to (「宛先なし」
 * when nobody in the department could receive it).
 */
export async function lastReminders(
  db: Kysely<Database>,
  periodId: number,
): Promise<Map<number, LastReminder>> {
  const rows = await db
    .selectFrom("reminder")
    .leftJoin("outbox", "outbox.reminder_id", "reminder.id")
    .leftJoin("account", "account.id", "outbox.account_id")
    .select([
      "reminder.id",
      "reminder.department_id as departmentId",
      "reminder.created_at as at",
      "account.display_name as name",
      "outbox.recipient",
    ])
    .where("reminder.reporting_period_id", "=", periodId)
    .where("reminder.department_id", "is not", null)
    .orderBy("reminder.created_at")
    .orderBy("reminder.id")
    .execute();
  const last = new Map<number, { id: number; at: string; to: string[] }>();
  for (const r of rows) {
    if (r.departmentId === null) continue;
    let entry = last.get(r.departmentId);
    if (!entry || entry.id !== r.id) {
      entry = { id: r.id, at: r.at, to: [] };
      last.set(r.departmentId, entry);
    }
    const who = r.name ?? r.recipient;
    if (who && !entry.to.includes(who)) entry.to.push(who);
  }
  return new Map(
    [...last].map(([department, e]) => [
      department,
      { at: e.at, to: e.to.length > 0 ? e.to.join("、") : "宛先なし" },
    ]),
  );
}
