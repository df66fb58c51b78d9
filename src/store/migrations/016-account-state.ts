import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * Account state for the administrators' pages: when an account was disabled (`disabled` stays
 * the flag every check reads; `disabled_at` says since when), and one-time password-set links.
 * A link is kept as the SHA-256 of its token (a copied database yields no usable link), expires,
 * and is used once (`used_at`); issuing a new one for an account ends the unused ones.
 * `account.failed_logins` and `locked_until` stay unused: login attempts are rows (migration 004).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable("account").addColumn("disabled_at", "text").execute();
  await withId(db.schema.createTable("password_set_link"), dialect)
    .addColumn("account_id", "integer", (c) =>
      c.notNull().references("account.id").onDelete("cascade"),
    )
    .addColumn("digest", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "integer", (c) => c.references("account.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("password_set_link_account")
    .on("password_set_link")
    .columns(["account_id"])
    .execute();
}
