import { type Actor, isStaffRole } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { tokenDigest } from "./session-token.ts";

export interface StaffSession {
  actor: Actor;
  login: string;
  displayName: string;
  csrfToken: string;
  departmentName: string | null;
}

/**
 * The session a cookie's token names, while it has not expired and its account is enabled;
 * null otherwise. Sessions live in the store, so every app server sees the same ones.
 */
export async function findSession(
  store: Store,
  token: string | undefined,
  now = new Date(),
): Promise<StaffSession | null> {
  if (!token || token.length > 100) return null;
  const row = await store.db
    .selectFrom("session")
    .innerJoin("account", "account.id", "session.account_id")
    .leftJoin("department", "department.id", "account.department_id")
    .select([
      "session.csrf_token",
      "session.expires_at",
      "account.id",
      "account.organization_id",
      "account.role",
      "account.department_id",
      "account.login",
      "account.display_name",
      "account.disabled",
      "department.name as department_name",
    ])
    .where("session.id", "=", tokenDigest(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString() || row.disabled === 1 || !isStaffRole(row.role))
    return null;
  return {
    actor: {
      accountId: row.id,
      organizationId: row.organization_id,
      role: row.role,
      departmentId: row.department_id,
    },
    login: row.login,
    displayName: row.display_name,
    csrfToken: row.csrf_token,
    departmentName: row.department_name,
  };
}

/** End a session: its token no longer opens anything, on any server. */
export async function endSession(store: Store, token: string | undefined): Promise<void> {
  if (!token) return;
  await store.db.deleteFrom("session").where("id", "=", tokenDigest(token)).execute();
}
