import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { passwordProblem } from "../../domain/password-policy.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import type { PasswordSetLinkTables } from "../../store/password-set-link-table.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { hashPassword } from "../auth/password-hash.ts";
import { newToken, tokenDigest } from "../auth/session-token.ts";
import { isApiTokenLogin, lockedPersonAccount, mustManageAccounts } from "./account-rules.ts";

const NO_ROLE = { role: "viewer", departmentId: null } as const;

/** How long a password-set link opens the page: three days, a long weekend included. */
export const PASSWORD_SET_LINK_HOURS = 72;

/** Said for every link that opens nothing: unknown, expired, used or replaced alike. */
export const LINK_REFUSED =
  "このリンクは使えません。有効期限（72時間）が過ぎたか、すでに使われたか、新しいリンクが発行されています。管理者に新しいリンクを依頼してください";

/** A fresh link's token and when it stops working. */
export interface PasswordSetLink {
  token: string;
  expiresAt: string;
}

/**
 * Make a link for an account inside the caller's transaction: the unused links it had before
 * end now (only the newest one works), and only the token's SHA-256 is stored.
 */
export async function createPasswordSetLink(
  trx: Transaction<Database>,
  input: { accountId: number; createdBy: number | null },
  now: Date,
): Promise<PasswordSetLink> {
  const db = trx.withTables<PasswordSetLinkTables>();
  const at = now.toISOString();
  await db
    .updateTable("password_set_link")
    .set({ used_at: at })
    .where("account_id", "=", input.accountId)
    .where("used_at", "is", null)
    .execute();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_SET_LINK_HOURS * 3600_000).toISOString();
  await db
    .insertInto("password_set_link")
    .values({
      account_id: input.accountId,
      digest: tokenDigest(token),
      created_by: input.createdBy,
      created_at: at,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * A new password-set link for an existing account (a forgotten password, or a link that
 * expired): administrators only. The account's password stays as it is until the link is used.
 * @example const { token } = await issuePasswordSetLink(store, admin, { accountId: 7 });
 */
export async function issuePasswordSetLink(
  store: Store,
  actor: Actor,
  input: { accountId: number },
  now = new Date(),
): Promise<PasswordSetLink & { login: string; displayName: string }> {
  mustManageAccounts(actor, "パスワード設定リンクを発行する");
  return store.db.transaction().execute(async (trx) => {
    const account = await lockedPersonAccount(trx, actor, input.accountId);
    if (account.disabled === 1)
      throw new ShinchokuError(
        "invalid_state",
        "無効にしたアカウントにはリンクを発行できません。先に有効にしてください",
        { field: "account" },
      );
    const link = await createPasswordSetLink(
      trx,
      { accountId: account.id, createdBy: actor.accountId },
      now,
    );
    await recordAudit(trx, {
      actor,
      action: "account.password_link",
      entity: "account",
      entityId: account.id,
      after: { login: account.login, expiresAt: link.expiresAt },
      at: now.toISOString(),
    });
    return { ...link, login: account.login, displayName: account.display_name };
  });
}

/** Whose link a token is, while it is unused, unexpired and its account enabled; else null. */
export async function passwordSetLinkHolder(
  store: Store,
  token: string | undefined,
  now = new Date(),
): Promise<{ accountId: number; login: string; displayName: string; expiresAt: string } | null> {
  if (!token || token.length > 100) return null;
  const row = await store.db
    .withTables<PasswordSetLinkTables>()
    .selectFrom("password_set_link")
    .innerJoin("account", "account.id", "password_set_link.account_id")
    .select([
      "account.id",
      "account.login",
      "account.display_name",
      "account.disabled",
      "password_set_link.expires_at",
      "password_set_link.used_at",
    ])
    .where("password_set_link.digest", "=", tokenDigest(token))
    .executeTakeFirst();
  if (
    !row ||
    row.used_at !== null ||
    row.expires_at <= now.toISOString() ||
    row.disabled === 1 ||
    isApiTokenLogin(row.login)
  )
    return null;
  return {
    accountId: row.id,
    login: row.login,
    displayName: row.display_name,
    expiresAt: row.expires_at,
  };
}

/**
 * Set an account's password through its link: the link must be unused and unexpired, the
 * account enabled, and the password must pass the password policy. The link is used up in the
 * same transaction (a replay, even one racing this request, is refused), every session of the
 * account ends, and the audit trail records it without any hash.
 * @throws ShinchokuError `invalid_state` (field `token`) for a link that opens nothing,
 *   `invalid_input` (field `password`) for a password the policy refuses.
 */
export async function setPasswordByLink(
  store: Store,
  input: { token: string; password: string },
  now = new Date(),
): Promise<{ login: string }> {
  const holder = await passwordSetLinkHolder(store, input.token, now);
  if (!holder) throw new ShinchokuError("invalid_state", LINK_REFUSED, { field: "token" });
  const problem = await passwordProblem(input.password, {
    login: holder.login,
    displayName: holder.displayName,
  });
  if (problem) throw new ShinchokuError("invalid_input", problem.message, { field: "password" });
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const db = trx.withTables<PasswordSetLinkTables>();
    // Locked, then read again: of two requests with one link, the second finds it used.
    const link = await db
      .selectFrom("password_set_link")
      .select(["id", "account_id", "used_at", "expires_at"])
      .where("digest", "=", tokenDigest(input.token))
      .forUpdate()
      .executeTakeFirst();
    const account = link
      ? await trx
          .selectFrom("account")
          .select(["id", "organization_id", "login", "role", "department_id", "disabled"])
          .where("id", "=", link.account_id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!link || !account || link.used_at !== null || link.expires_at <= at || account.disabled)
      throw new ShinchokuError("invalid_state", LINK_REFUSED, { field: "token" });
    await db
      .updateTable("password_set_link")
      .set({ used_at: at })
      .where("id", "=", link.id)
      .execute();
    await trx
      .updateTable("account")
      .set({ password_hash: passwordHash })
      .where("id", "=", account.id)
      .execute();
    await trx.deleteFrom("session").where("account_id", "=", account.id).execute();
    await recordAudit(trx, {
      // The person themselves: the link stood for them.
      actor: { ...NO_ROLE, accountId: account.id, organizationId: account.organization_id },
      action: "account.password_set",
      entity: "account",
      entityId: account.id,
      after: { login: account.login, by: "password-set link" },
      at,
    });
    return { login: account.login };
  });
}
