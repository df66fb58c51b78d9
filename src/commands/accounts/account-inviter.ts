import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { duplicateAs } from "../../store/unique-violation.ts";
import { recordAudit } from "../audit-recorder.ts";
import {
  checkedDisplayName,
  checkedEmail,
  checkedLogin,
  checkedRole,
  departmentOf,
  mustManageAccounts,
  UNSET_PASSWORD,
} from "./account-rules.ts";
import { createPasswordSetLink, type PasswordSetLink } from "./password-set-link.ts";

export interface InvitedAccount {
  login: string;
  displayName: string;
  role: string;
  /** Required for a department editor (an existing department: none is created here). */
  departmentId: number | null;
  /** Where the password-set link and reminders may be e-mailed; empty or absent for none. */
  email?: string | null;
}

/**
 * Create a person's account from the administrators' page, with no password: the person sets
 * one through the one-time link returned here (nobody types a password for someone else).
 * Administrators only; the department must exist; audited with the link's expiry, never the link.
 * @example const { id, link } = await inviteAccount(store, admin, { login: "hoiku", displayName: "保育 太郎", role: "departmentEditor", departmentId: 3 });
 */
export async function inviteAccount(
  store: Store,
  actor: Actor,
  input: InvitedAccount,
  now = new Date(),
): Promise<{ id: number; login: string; link: PasswordSetLink }> {
  mustManageAccounts(actor, "アカウントを作る");
  const login = checkedLogin(input.login);
  const role = checkedRole(input.role);
  const displayName = checkedDisplayName(input.displayName, login);
  const email = checkedEmail(input.email ?? "");
  if (role === "departmentEditor" && input.departmentId === null)
    throw new ShinchokuError("invalid_input", "担当課の編集者には担当課を選んでください", {
      field: "departmentId",
    });
  const at = now.toISOString();
  const written = store.db.transaction().execute(async (trx) => {
    const department =
      role === "departmentEditor" && input.departmentId !== null
        ? await departmentOf(trx, actor.organizationId, input.departmentId)
        : null;
    if (await trx.selectFrom("account").select("id").where("login", "=", login).executeTakeFirst())
      throw new ShinchokuError("conflict", `ログイン名 ${login} は使われています`, {
        field: "login",
      });
    const account = await trx
      .insertInto("account")
      .values({
        organization_id: actor.organizationId,
        login,
        display_name: displayName,
        password_hash: UNSET_PASSWORD,
        role,
        department_id: department?.id ?? null,
        email,
        locked_until: null,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const link = await createPasswordSetLink(
      trx,
      { accountId: account.id, createdBy: actor.accountId },
      now,
    );
    await recordAudit(trx, {
      actor,
      action: "account.create",
      entity: "account",
      entityId: account.id,
      after: {
        login,
        displayName,
        role,
        department: department?.name ?? null,
        email,
        passwordSetLinkExpiresAt: link.expiresAt,
      },
      at,
    });
    return { id: account.id, login, link };
  });
  return written.catch(
    duplicateAs(
      () =>
        new ShinchokuError("conflict", `ログイン名 ${login} は使われています`, { field: "login" }),
    ),
  );
}
