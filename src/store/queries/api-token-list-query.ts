import type { Kysely } from "kysely";
import type { ApiTokenTables } from "../api-token-table.ts";
import type { Database } from "../database.ts";

/** An organization's API tokens, newest first: never the token, only what names it. */
export async function listApiTokens(db: Kysely<Database>, organizationId: number) {
  const rows = await db
    .withTables<ApiTokenTables>()
    .selectFrom("api_token")
    .innerJoin("department", "department.id", "api_token.department_id")
    .innerJoin("account", "account.id", "api_token.created_by")
    .select([
      "api_token.id",
      "api_token.name",
      "api_token.created_at",
      "api_token.revoked_at",
      "department.name as department",
      "account.login as created_by",
      "account.disabled as creator_disabled",
    ])
    .where("api_token.organization_id", "=", organizationId)
    .orderBy("api_token.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    department: r.department,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    /** The issuer's account is disabled: the token is refused until it is enabled again. */
    issuerDisabled: r.creator_disabled === 1,
  }));
}
