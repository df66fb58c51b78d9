import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Uploads from the staff side: `staged_upload` keeps an uploaded file between the steps of the
 * upload (mapping form → preview → commit) without JavaScript, owned by the account and its
 * organization, expiring after a few hours (left out of backups: it is not plan data);
 * `import_mapping` keeps the column mapping a plan was last imported with, offered next time.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("staged_upload")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organization.id").onDelete("cascade"),
    )
    .addColumn("account_id", "integer", (c) =>
      c.notNull().references("account.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    // Base64: the same text column in both databases (backups and both stores know no binary).
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .addColumn("result", "text")
    .execute();
  await db.schema
    .createIndex("staged_upload_expires")
    .on("staged_upload")
    .columns(["expires_at"])
    .execute();
  await withId(db.schema.createTable("import_mapping"), dialect)
    .addColumn("plan_id", "integer", (c) =>
      c.notNull().unique().references("plan.id").onDelete("cascade"),
    )
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("saved_by", "integer", (c) => c.references("account.id").onDelete("set null"))
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();
}
