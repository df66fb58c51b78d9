import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { keepOneAdministrator, lockedPersonAccount, mustManageAccounts } from "./account-rules.ts";

/**
 * Disable or re-enable a person's account: administrators only, never their own, never the last
 * enabled administrator. Disabling ends every session of the account in the same transaction
 * (and every request checks the account again, so none survives on another server), and the
 * API tokens the account issued are refused while it stays disabled. Re-enabling lets the
 * person sign in again with the password they had; sessions are not revived.
 * @example await setAccountEnabled(store, admin, { accountId: 7, enabled: false });
 */
export async function setAccountEnabled(
  store: Store,
  actor: Actor,
  input: { accountId: number; enabled: boolean },
  now = new Date(),
) {
  mustManageAccounts(actor, input.enabled ? "アカウントを有効にする" : "アカウントを無効にする");
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const account = await lockedPersonAccount(trx, actor, input.accountId);
    if (!input.enabled && account.id === actor.accountId)
      throw new ShinchokuError("invalid_state", "自分のアカウントは無効にできません", {
        field: "account",
      });
    const disabled = account.disabled === 1;
    if (disabled === !input.enabled)
      throw new ShinchokuError(
        "invalid_state",
        `アカウント ${account.login} はすでに${disabled ? "無効" : "有効"}です`,
        { field: "account" },
      );
    if (!input.enabled && account.role === "administrator")
      await keepOneAdministrator(trx, actor.organizationId, account.id);
    await trx
      .updateTable("account")
      .set({ disabled: input.enabled ? 0 : 1, disabled_at: input.enabled ? null : at })
      .where("id", "=", account.id)
      .execute();
    const ended = input.enabled
      ? 0
      : Number(
          (await trx.deleteFrom("session").where("account_id", "=", account.id).executeTakeFirst())
            .numDeletedRows,
        );
    await recordAudit(trx, {
      actor,
      action: input.enabled ? "account.enable" : "account.disable",
      entity: "account",
      entityId: account.id,
      before: { login: account.login, disabled },
      after: {
        login: account.login,
        disabled: !input.enabled,
        ...(ended ? { sessionsEnded: ended } : {}),
      },
      at,
    });
    return { id: account.id, login: account.login };
  });
}
