import { ShinchokuError } from "../../domain/errors.ts";
import { isMailAddress, normalizeMailAddress } from "../../domain/mail-address.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";

export interface AccountSettings {
  /** As typed: full-width characters and surrounding spaces are accepted; empty removes it. */
  email: string;
  /** false: the person gets no reminder e-mail at all. */
  remindersOn: boolean;
}

/**
 * A signed-in person sets their own e-mail address and whether they want reminders; nobody sets
 * another's here. The change and its audit event are one transaction.
 * @throws ShinchokuError `invalid_input` (field `email`) or `unauthenticated` (account disabled).
 * @example await updateAccountSettings(store, actor, { email: "hoiku@city.example.jp", remindersOn: true });
 */
export async function updateAccountSettings(
  store: Store,
  actor: Actor,
  settings: AccountSettings,
  now = new Date(),
): Promise<{ email: string | null; remindersOn: boolean }> {
  const email = normalizeMailAddress(settings.email);
  if (email !== "" && !isMailAddress(email))
    throw new ShinchokuError(
      "invalid_input",
      "メールアドレスを name@example.jp の形で入力してください（254文字以内）",
      { field: "email" },
    );
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom("account")
      .select(["id", "email", "reminders_off", "disabled"])
      .where("id", "=", actor.accountId)
      .where("organization_id", "=", actor.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!account || account.disabled === 1 || actor.apiTokenId !== undefined)
      throw new ShinchokuError("unauthenticated", "ログインし直してください");
    const after = { email: email || null, remindersOff: settings.remindersOn ? 0 : 1 };
    await trx
      .updateTable("account")
      .set({ email: after.email, reminders_off: after.remindersOff })
      .where("id", "=", account.id)
      .execute();
    if (account.email !== after.email || account.reminders_off !== after.remindersOff)
      await recordAudit(trx, {
        actor,
        action: "account.settings",
        entity: "account",
        entityId: account.id,
        before: { email: account.email, remindersOff: account.reminders_off === 1 },
        after: { email: after.email, remindersOff: after.remindersOff === 1 },
        at,
      });
    return { email: after.email, remindersOn: settings.remindersOn };
  });
}
