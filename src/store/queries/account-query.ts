import type { Kysely } from "kysely";
import { type Actor, isStaffRole } from "../../domain/staff-policy.ts";
import type { Database } from "../database.ts";

/**
 * The staff member with a login name, as an actor for the commands; null when there is no such
 * account, or it is disabled. The login is compared as `createAccount` stores it (NFKC, lower
 * case).
 * @example const operator = await actorByLogin(store.db, "kikaku");
 */
export async function actorByLogin(
  db: Kysely<Database>,
  login: string,
): Promise<{ actor: Actor; login: string; displayName: string } | null> {
  const row = await db
    .selectFrom("account")
    .select(["id", "organization_id", "role", "department_id", "login", "display_name", "disabled"])
    .where("login", "=", login.normalize("NFKC").trim().toLowerCase())
    .executeTakeFirst();
  if (!row || row.disabled === 1 || !isStaffRole(row.role)) return null;
  return {
    actor: {
      accountId: row.id,
      organizationId: row.organization_id,
      role: row.role,
      departmentId: row.department_id,
    },
    login: row.login,
    displayName: row.display_name,
  };
}
