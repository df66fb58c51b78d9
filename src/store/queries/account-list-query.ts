import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A person's account as the administrators' pages and `shinchoku user list` show it. */
export interface AccountListing {
  id: number;
  login: string;
  displayName: string;
  role: string;
  departmentId: number | null;
  department: string | null;
  disabled: boolean;
  disabledAt: string | null;
  /** Where e-mail (password-set links, reminders) goes; null when none is set. */
  email: string | null;
  /** No password set yet: the person has not used their password-set link. */
  passwordUnset: boolean;
  createdAt: string;
}

/**
 * The people's accounts of an organization in login order; the accounts behind API tokens are
 * left out (the token pages list those). Never a password hash.
 * @example const people = await listAccounts(store.db, admin.organizationId);
 */
export async function listAccounts(
  db: Kysely<Database>,
  organizationId: number,
  options: { accountId?: number } = {},
): Promise<AccountListing[]> {
  let query = db
    .selectFrom("account")
    .leftJoin("department", "department.id", "account.department_id")
    .select([
      "account.id",
      "account.login",
      "account.display_name",
      "account.role",
      "account.department_id",
      "account.disabled",
      "account.disabled_at",
      "account.password_hash",
      "account.created_at",
      "account.email",
      "department.name as department",
    ])
    .where("account.organization_id", "=", organizationId)
    .where("account.login", "not like", "api-token:%")
    .orderBy("account.login");
  if (options.accountId !== undefined) query = query.where("account.id", "=", options.accountId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    role: r.role,
    departmentId: r.department_id,
    department: r.department,
    disabled: r.disabled === 1,
    disabledAt: r.disabled_at,
    email: r.email,
    passwordUnset: r.password_hash.startsWith("!"),
    createdAt: r.created_at,
  }));
}
