import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * The reporting cycle: departments and the measures they own, staff accounts and their
 * sessions, login attempts for throttling, the review state of progress, and the audit trail.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const table = (name: string) => withId(db.schema.createTable(name), dialect);

  await table("department")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("department_organization_name", ["organization_id", "name"])
    .execute();

  await table("measure_department")
    .addColumn("measure_id", "integer", (c) =>
      c.notNull().references("measure.id").onDelete("cascade"),
    )
    .addColumn("department_id", "integer", (c) =>
      c.notNull().references("department.id").onDelete("cascade"),
    )
    .addColumn("role", "text", (c) => c.notNull())
    .addUniqueConstraint("measure_department_pair", ["measure_id", "department_id"])
    .execute();

  await table("account")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
    .addColumn("login", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("department_id", "integer", (c) => c.references("department.id"))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) =>
      c.notNull().references("account.id").onDelete("cascade"),
    )
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await table("login_attempt")
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("success", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempt_login_at")
    .on("login_attempt")
    .columns(["login", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempt_address_at")
    .on("login_attempt")
    .columns(["address", "at"])
    .execute();

  await table("audit_event")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("account_id", "integer", (c) => c.references("account.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("plan_id", "integer", (c) => c.references("plan.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.references("measure.id").onDelete("cascade"))
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema
    .createIndex("audit_event_measure")
    .on("audit_event")
    .column("measure_id")
    .execute();

  // Progress imported from a published report is accepted as printed.
  await db.schema
    .alterTable("progress")
    .addColumn("review_state", "text", (c) => c.notNull().defaultTo("accepted"))
    .execute();
  await db.schema.alterTable("progress").addColumn("review_comment", "text").execute();
  await db.schema
    .alterTable("progress")
    .addColumn("updated_by", "integer", (c) => c.references("account.id"))
    .execute();
}
