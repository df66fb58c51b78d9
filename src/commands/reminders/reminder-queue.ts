import type { Transaction } from "kysely";
import type { Database } from "../../store/database.ts";
import type { MailText } from "./reminder-texts.ts";

type Trx = Transaction<Database>;

/**
 * What the commands need to queue reminders: where the links in a message point (the site's
 * public address). Passed only when mail is configured; without it nothing is queued.
 */
export interface ReminderMail {
  baseUrl: string;
}

/** A person a reminder goes to: enabled, with an address, reminders not turned off. */
export interface Recipient {
  accountId: number;
  name: string;
  email: string;
}

/** The editors of a department who want reminders and can receive them. */
export async function departmentRecipients(
  trx: Trx,
  organizationId: number,
  departmentId: number,
): Promise<Recipient[]> {
  return recipients(trx, organizationId, "departmentEditor", departmentId);
}

/** The planning division's people (role planner) who want reminders and can receive them. */
export async function plannerRecipients(trx: Trx, organizationId: number): Promise<Recipient[]> {
  return recipients(trx, organizationId, "planner", null);
}

async function recipients(
  trx: Trx,
  organizationId: number,
  role: string,
  departmentId: number | null,
): Promise<Recipient[]> {
  let query = trx
    .selectFrom("account")
    .select(["id", "display_name", "email"])
    .where("organization_id", "=", organizationId)
    .where("role", "=", role)
    .where("disabled", "=", 0)
    .where("reminders_off", "=", 0)
    .where("email", "is not", null)
    .orderBy("id");
  if (departmentId !== null) query = query.where("department_id", "=", departmentId);
  const rows = await query.execute();
  return rows.map((r) => ({ accountId: r.id, name: r.display_name, email: r.email as string }));
}

export interface QueuedReminder {
  organizationId: number;
  planId: number;
  periodId: number;
  departmentId: number | null;
  measureId?: number | null;
  kind: "opened" | "deadline" | "returned" | "digest";
  /** Unique per occasion: a second reminder with the same key is not made. */
  key: string;
  createdBy: number | null;
  at: string;
  recipients: readonly Recipient[];
  text: MailText;
}

/**
 * Record a reminder and queue one message per recipient, in the caller's transaction (so they
 * are stored with the change they tell about, or not at all). A reminder whose key was already
 * used is not made again: the answer is then false. A reminder with no recipient is still
 * recorded, so the log shows a department nobody could be told about.
 */
export async function queueReminder(trx: Trx, reminder: QueuedReminder): Promise<boolean> {
  const row = await trx
    .insertInto("reminder")
    .values({
      plan_id: reminder.planId,
      reporting_period_id: reminder.periodId,
      department_id: reminder.departmentId,
      measure_id: reminder.measureId ?? null,
      kind: reminder.kind,
      key: reminder.key,
      created_at: reminder.at,
      created_by: reminder.createdBy,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  await queueMail(trx, {
    reminderId: row.id,
    organizationId: reminder.organizationId,
    recipients: reminder.recipients,
    text: reminder.text,
    at: reminder.at,
  });
  return true;
}

/**
 * Queue one message per recipient in the caller's transaction: the sender loop delivers it, with
 * retries, and the row records the result. For a message that is no reminder (a password-set
 * link, say), leave `reminderId` out; only `accountId` (may be null) and the address are needed
 * of a recipient.
 * @example await queueMail(trx, { organizationId, recipients: [{ accountId, email }], text, at });
 */
export async function queueMail(
  trx: Trx,
  message: {
    reminderId?: number | null;
    organizationId: number;
    recipients: ReadonlyArray<Pick<Recipient, "email"> & { accountId: number | null }>;
    text: MailText;
    at: string;
  },
): Promise<void> {
  if (message.recipients.length === 0) return;
  await trx
    .insertInto("outbox")
    .values(
      message.recipients.map((r) => ({
        reminder_id: message.reminderId ?? null,
        organization_id: message.organizationId,
        account_id: r.accountId,
        recipient: r.email,
        subject: message.text.subject,
        body: message.text.body,
        status: "queued",
        next_attempt_at: message.at,
        created_at: message.at,
        sent_at: null,
        last_error: null,
      })),
    )
    .execute();
}
