import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Reminders by e-mail: an account's address and whether it wants reminders; the reminders made
 * (one row per department and occasion, unique by `key`, so a periodic check sends each once);
 * and the outbox the sender drains, one row per message, written in the transaction of the
 * change it tells about. Neither table is backed up (src/commands/backup/backup-tables.ts).
 * The period's deadline is `reporting_period.deadline` (001).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable("account").addColumn("email", "text").execute();
  await db.schema
    .alterTable("account")
    .addColumn("reminders_off", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db.schema.createTable("reminder"), dialect)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("plan.id").onDelete("cascade"))
    .addColumn("reporting_period_id", "integer", (c) =>
      c.notNull().references("reporting_period.id").onDelete("cascade"),
    )
    .addColumn("department_id", "integer", (c) => c.references("department.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("reminder_period")
    .on("reminder")
    .columns(["reporting_period_id", "created_at"])
    .execute();

  await withId(db.schema.createTable("outbox"), dialect)
    .addColumn("reminder_id", "integer", (c) => c.references("reminder.id").onDelete("cascade"))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organization.id").onDelete("cascade"),
    )
    .addColumn("account_id", "integer", (c) => c.references("account.id").onDelete("cascade"))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema
    .createIndex("outbox_due")
    .on("outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("outbox_reminder").on("outbox").column("reminder_id").execute();
}
