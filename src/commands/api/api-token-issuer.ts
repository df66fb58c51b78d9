import { randomUUID } from "node:crypto";
import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { newToken, tokenDigest } from "../auth/session-token.ts";

/** Every token starts with this, so secret scanners and people recognise one. */
export const API_TOKEN_PREFIX = "shk_";
/** Stored in place of a password hash: no password ever matches it. */
const NO_PASSWORD = "!api-token";

/** What the display name of a token's account says, for the audit trail and the cycle board. */
export function apiTokenDisplayName(name: string): string {
  return `APIトークン「${name}」`;
}

/**
 * Issue an API token to a department: administrators only. The token is returned once and
 * only its SHA-256 is stored. The token gets an account of its own (a department editor of
 * that department that can never sign in), so what it saves and the audit trail carry the
 * token's name rather than the issuing administrator's.
 * @example const { id, token } = await issueApiToken(store, admin, { department: "保育幼稚園課", name: "進捗連携" });
 */
export async function issueApiToken(
  store: Store,
  actor: Actor,
  input: { department: string; name: string },
  now = new Date(),
) {
  const name = input.name.trim();
  if (name === "" || name.length > 100)
    throw new ShinchokuError("invalid_input", "トークンの名前を100文字以内で入力してください", {
      field: "name",
    });
  const departmentName = input.department.trim();
  const at = now.toISOString();
  const token = `${API_TOKEN_PREFIX}${newToken()}`;
  return store.db.transaction().execute(async (trx) => {
    if (!can(actor, "account.manage", { organizationId: actor.organizationId }))
      throw new ShinchokuError("forbidden", "APIトークンを発行する権限がありません");
    const department = await trx
      .selectFrom("department")
      .select(["id", "name"])
      .where("organization_id", "=", actor.organizationId)
      .where("name", "=", departmentName)
      .executeTakeFirst();
    if (!department)
      throw new ShinchokuError("not_found", `担当課「${departmentName}」はありません`, {
        field: "department",
      });
    const account = await trx
      .insertInto("account")
      .values({
        organization_id: actor.organizationId,
        // A colon never passes the login rules of a person's account: no name can collide.
        login: `api-token:${randomUUID()}`,
        display_name: apiTokenDisplayName(name),
        password_hash: NO_PASSWORD,
        role: "departmentEditor",
        department_id: department.id,
        disabled: 1,
        locked_until: null,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const row = await trx
      .withTables<ApiTokenTables>()
      .insertInto("api_token")
      .values({
        organization_id: actor.organizationId,
        department_id: department.id,
        account_id: account.id,
        name,
        digest: tokenDigest(token),
        created_by: actor.accountId,
        created_at: at,
        revoked_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: "api_token.issue",
      entity: "api_token",
      entityId: row.id,
      after: { name, department: department.name, accountId: account.id },
      at,
    });
    return { id: row.id, token, name, department: department.name };
  });
}

/**
 * Revoke an API token: administrators of its organization only. From the commit on, every
 * request with it is refused (401), on every app server.
 */
export async function revokeApiToken(
  store: Store,
  actor: Actor,
  input: { id: number },
  now = new Date(),
) {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const db = trx.withTables<ApiTokenTables>();
    // Locked: a save through this token in flight commits first; a later one finds it revoked.
    const row = await db
      .selectFrom("api_token")
      .select(["id", "organization_id", "name", "revoked_at"])
      .where("id", "=", input.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row)
      throw new ShinchokuError("not_found", `APIトークン ${input.id} はありません`, {
        field: "id",
      });
    if (!can(actor, "account.manage", { organizationId: row.organization_id }))
      throw new ShinchokuError("forbidden", "APIトークンを無効にする権限がありません");
    if (row.revoked_at !== null)
      throw new ShinchokuError("invalid_state", `APIトークン ${row.id} は無効になっています`, {
        field: "id",
      });
    await db.updateTable("api_token").set({ revoked_at: at }).where("id", "=", row.id).execute();
    await recordAudit(trx, {
      actor,
      action: "api_token.revoke",
      entity: "api_token",
      entityId: row.id,
      before: { name: row.name, revokedAt: null },
      after: { name: row.name, revokedAt: at },
      at,
    });
    return { id: row.id, name: row.name };
  });
}
