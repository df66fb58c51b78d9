import type { Kysely } from "kysely";
import { type DialectName, withId } from "../dialect/dialect-name.ts";

/**
 * API tokens: issued by an administrator to one department, kept as the SHA-256 of the token
 * (a copied database yields no usable token), revoked by setting `revoked_at`. Each token has
 * an account of its own (`account_id`, never able to sign in) so that the progress it saves
 * and the audit trail name the token, not the administrator who issued it.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable("api_token"), dialect)
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id"))
    .addColumn("department_id", "integer", (c) => c.notNull().references("department.id"))
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "integer", (c) => c.notNull().references("account.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
}
