import type { Actor } from "../../domain/staff-policy.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import type { Store } from "../../store/store.ts";
import { tokenDigest } from "../auth/session-token.ts";

/** A live API token: who it acts as (a department editor of its department) and its label. */
export interface ApiTokenHolder {
  tokenId: number;
  name: string;
  departmentName: string;
  actor: Actor;
}

/**
 * The token a request's `Authorization: Bearer …` carries, while it is not revoked and the
 * account that issued it is enabled; null for a missing, unknown or revoked token, or one whose
 * issuer is disabled. Looked up by its SHA-256, never by the token itself.
 */
export async function findApiToken(
  store: Store,
  token: string | undefined,
): Promise<ApiTokenHolder | null> {
  if (!token || token.length > 200) return null;
  const row = await store.db
    .withTables<ApiTokenTables>()
    .selectFrom("api_token")
    .innerJoin("department", "department.id", "api_token.department_id")
    .innerJoin("account as issuer", "issuer.id", "api_token.created_by")
    .select([
      "api_token.id",
      "api_token.name",
      "api_token.organization_id",
      "api_token.department_id",
      "api_token.account_id",
      "api_token.revoked_at",
      "department.name as department_name",
      "issuer.disabled as issuer_disabled",
    ])
    .where("api_token.digest", "=", tokenDigest(token))
    .executeTakeFirst();
  // A token stops with the administrator who issued it: disabling that account (someone who
  // left) refuses its tokens until it is enabled again or they are reissued.
  if (!row || row.revoked_at !== null || row.issuer_disabled === 1) return null;
  return {
    tokenId: row.id,
    name: row.name,
    departmentName: row.department_name,
    actor: {
      accountId: row.account_id,
      organizationId: row.organization_id,
      role: "departmentEditor",
      departmentId: row.department_id,
      apiTokenId: row.id,
    },
  };
}
