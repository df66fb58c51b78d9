import { ShinchokuError } from "../../domain/errors.ts";
import { passwordProblem } from "../../domain/password-policy.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import {
  ATTEMPT_FAILED,
  MAX_FAILURES_PER_LOGIN,
  THROTTLE_WINDOW_MINUTES,
} from "./login-authenticator.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { newToken, tokenDigest } from "./session-token.ts";

/** The same lifetime as a session opened by logging in. */
const SESSION_HOURS = 8;

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  /** The new password typed a second time. */
  confirmation: string;
  /** Where the request came from, recorded with a wrong current password. */
  address: string;
}

/**
 * Change the signed-in person's own password. The current password must be right (a wrong one
 * counts as a failed login, so a left-open session cannot be used to guess it); the new one must
 * meet the rules and be typed twice alike. Every session of the account ends — a stolen cookie
 * stops working — and a new session is opened for the person who changed it.
 * @returns the new session's cookie token and CSRF token.
 * @throws ShinchokuError `invalid_input` (field `currentPassword`, `newPassword`, `confirmation`)
 *   or `throttled`.
 * @example const { token } = await changePassword(store, actor, { currentPassword, newPassword, confirmation: newPassword, address });
 */
export async function changePassword(
  store: Store,
  actor: Actor,
  change: PasswordChange,
  now = new Date(),
) {
  if (change.currentPassword === "")
    throw new ShinchokuError("invalid_input", "現在のパスワードを入力してください", {
      field: "currentPassword",
    });
  const at = now.toISOString();
  const account = await store.db
    .selectFrom("account")
    .select(["id", "login", "display_name", "password_hash", "disabled"])
    .where("id", "=", actor.accountId)
    .where("organization_id", "=", actor.organizationId)
    .executeTakeFirst();
  if (!account || account.disabled === 1)
    throw new ShinchokuError("unauthenticated", "ログインし直してください");
  const problem = await passwordProblem(change.newPassword, {
    login: account.login,
    displayName: account.display_name,
  });
  if (problem) throw new ShinchokuError("invalid_input", problem.message, { field: "newPassword" });
  if (change.newPassword !== change.confirmation)
    throw new ShinchokuError("invalid_input", "確認用のパスワードが新しいパスワードと違います", {
      field: "confirmation",
    });
  if (change.newPassword === change.currentPassword)
    throw new ShinchokuError(
      "invalid_input",
      "新しいパスワードは現在のものと違うものにしてください",
      {
        field: "newPassword",
      },
    );

  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const failures = await store.db
    .selectFrom("login_attempt")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("login", "=", account.login)
    .where("success", "=", ATTEMPT_FAILED)
    .where("at", ">=", since)
    .executeTakeFirstOrThrow();
  if (Number(failures.n) >= MAX_FAILURES_PER_LOGIN)
    throw new ShinchokuError(
      "throttled",
      "パスワードの誤りが続いたため、しばらくしてからお試しください",
      { field: "currentPassword" },
    );
  if (!(await verifyPassword(change.currentPassword, account.password_hash))) {
    await store.db
      .insertInto("login_attempt")
      .values({ login: account.login, address: change.address, at, success: ATTEMPT_FAILED })
      .execute();
    throw new ShinchokuError("invalid_input", "現在のパスワードが違います", {
      field: "currentPassword",
    });
  }

  const passwordHash = await hashPassword(change.newPassword);
  const token = newToken();
  const csrfToken = newToken();
  await store.db.transaction().execute(async (trx) => {
    // The account locked, and its password still the one just verified: of two changes at
    // once, the second is refused rather than leaving the first one's new session alive.
    const still = await trx
      .selectFrom("account")
      .select("password_hash")
      .where("id", "=", account.id)
      .forUpdate()
      .executeTakeFirst();
    if (still?.password_hash !== account.password_hash)
      throw new ShinchokuError(
        "invalid_input",
        "パスワードは今、別の操作で変更されました。新しいパスワードでログインし直してください",
        { field: "currentPassword" },
      );
    const ended = await trx
      .deleteFrom("session")
      .where("account_id", "=", account.id)
      .executeTakeFirst();
    await trx
      .updateTable("account")
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
      .where("id", "=", account.id)
      .execute();
    await trx
      .insertInto("session")
      .values({
        id: tokenDigest(token),
        account_id: account.id,
        csrf_token: csrfToken,
        created_at: at,
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      })
      .execute();
    // Never the hashes: the record says that the password changed and what that ended.
    await recordAudit(trx, {
      actor,
      action: "account.password",
      entity: "account",
      entityId: account.id,
      after: { sessionsEnded: Number(ended.numDeletedRows) },
      at,
    });
  });
  return { token, csrfToken };
}
