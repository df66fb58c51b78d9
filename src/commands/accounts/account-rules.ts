import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { isMailAddress, normalizeMailAddress } from "../../domain/mail-address.ts";
import { type Actor, can, isStaffRole, type StaffRole } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";

type Trx = Transaction<Database>;

/** Stored in place of a password hash until the person sets one through their link. */
export const UNSET_PASSWORD = "!unset";

/** The accounts behind API tokens are named so (see api-token-issuer.ts): never a person. */
export const isApiTokenLogin = (login: string) => login.startsWith("api-token:");

/** A login as the store keeps it (NFKC, trimmed, lower case), refused unless it fits the rules. */
export function checkedLogin(raw: string): string {
  const login = raw.normalize("NFKC").trim().toLowerCase();
  if (!/^[a-z0-9._@-]{3,64}$/u.test(login))
    throw new ShinchokuError(
      "invalid_input",
      "ログイン名は半角英数字と . _ @ - の3〜64文字にしてください",
      { field: "login" },
    );
  return login;
}

export function checkedRole(raw: string): StaffRole {
  if (!isStaffRole(raw))
    throw new ShinchokuError(
      "invalid_input",
      `役割「${raw}」はありません（administrator, planner, departmentEditor, viewer）`,
      { field: "role" },
    );
  return raw;
}

/** A display name of at most 100 characters; the login when left empty. */
export function checkedDisplayName(raw: string, login: string): string {
  const name = raw.normalize("NFKC").trim();
  if (name.length > 100)
    throw new ShinchokuError("invalid_input", "表示名は100文字以内にしてください", {
      field: "displayName",
    });
  return name || login;
}

/**
 * An e-mail address as typed for someone's account: made plain (NFKC, trimmed), null when empty,
 * refused unless it is a plain `local@domain`.
 * @example checkedEmail(" ｈｏｉｋｕ＠city.example.jp ") // "hoiku@city.example.jp"
 */
export function checkedEmail(raw: string): string | null {
  const email = normalizeMailAddress(raw);
  if (email !== "" && !isMailAddress(email))
    throw new ShinchokuError(
      "invalid_input",
      "メールアドレスを name@example.jp の形で入力してください（254文字以内）",
      { field: "email" },
    );
  return email || null;
}

/** Refused unless the actor may manage accounts: checked before anything is read. */
export function mustManageAccounts(actor: Actor, what: string): void {
  if (!can(actor, "account.manage", { organizationId: actor.organizationId }))
    throw new ShinchokuError("forbidden", `${what}権限がありません`);
}

/**
 * A person's account of the actor's organization, locked for the rest of the transaction (a
 * sign-in, a password change or another administrator's edit waits); `not_found` for an
 * account of another organization, as for one that does not exist, and for a token's account.
 */
export async function lockedPersonAccount(trx: Trx, actor: Actor, accountId: number) {
  const row = await trx
    .selectFrom("account")
    .leftJoin("department", "department.id", "account.department_id")
    .select([
      "account.id",
      "account.organization_id",
      "account.login",
      "account.display_name",
      "account.role",
      "account.department_id",
      "account.disabled",
      "account.password_hash",
      "account.email",
      "department.name as department_name",
    ])
    .where("account.id", "=", accountId)
    .forUpdate("account")
    .executeTakeFirst();
  if (!row || row.organization_id !== actor.organizationId || isApiTokenLogin(row.login))
    throw new ShinchokuError("not_found", `アカウント ${accountId} はありません`, {
      field: "account",
    });
  return row;
}

/** A department of the organization by id, or `invalid_input` on the department field. */
export async function departmentOf(trx: Trx, organizationId: number, departmentId: number) {
  const row = await trx
    .selectFrom("department")
    .select(["id", "name"])
    .where("id", "=", departmentId)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  if (!row)
    throw new ShinchokuError("invalid_input", "その担当課はありません", { field: "departmentId" });
  return row;
}

/**
 * Refuse a change that would leave the organization without an enabled administrator who can
 * sign in (disabling or demoting the last one): nobody could manage accounts afterwards.
 */
export async function keepOneAdministrator(
  trx: Trx,
  organizationId: number,
  leaving: number,
): Promise<void> {
  const others = await trx
    .selectFrom("account")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("role", "=", "administrator")
    .where("disabled", "=", 0)
    .where("id", "!=", leaving)
    .where("password_hash", "not like", "!%")
    .executeTakeFirst();
  if (!others)
    throw new ShinchokuError(
      "invalid_state",
      "有効な管理者がほかにいないため、この変更はできません",
      { field: "role" },
    );
}
