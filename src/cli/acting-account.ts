import { ShinchokuError } from "../domain/errors.ts";
import { type Actor, isStaffRole } from "../domain/staff-policy.ts";
import type { Store } from "../store/store.ts";

/**
 * The person a command acts as (`--as LOGIN`). The command line reaches the database directly,
 * so it is trusted as the database is and asks for no password; `--as` says whose rights apply
 * (a department editor's workbook is checked against their department) and whom the audit
 * trail names. A disabled account cannot be acted as.
 * @example const actor = await actingAccount(store, "nursery");
 */
export async function actingAccount(store: Store, login: string): Promise<Actor> {
  const name = login.normalize("NFKC").trim().toLowerCase();
  const account = await store.db
    .selectFrom("account")
    .select(["id", "organization_id", "role", "department_id", "disabled"])
    .where("login", "=", name)
    .executeTakeFirst();
  if (!account)
    throw new ShinchokuError("not_found", `アカウント ${name} がありません`, { field: "--as" });
  if (account.disabled === 1 || !isStaffRole(account.role))
    throw new ShinchokuError("forbidden", `アカウント ${name} は無効です`, { field: "--as" });
  return {
    accountId: account.id,
    organizationId: account.organization_id,
    role: account.role,
    departmentId: account.department_id,
  };
}
