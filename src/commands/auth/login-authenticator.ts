import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { newToken, tokenDigest } from "./session-token.ts";

/** Failures of one login name within the window that lock it for {@link LOCK_MINUTES}. */
export const MAX_FAILURES_PER_LOGIN = 5;
/** Failures from one address within the window after which it is refused (many names tried). */
export const MAX_FAILURES_PER_ADDRESS = 20;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
const SESSION_HOURS = 8;

// Verifying against this when the login is unknown keeps the answer time the same.
const UNKNOWN_ACCOUNT_HASH = hashPassword("unknown account placeholder");

/**
 * Check a login and password and open a session. Every attempt is recorded; too many failures
 * lock the login name and refuse the address for a while. Unknown names and wrong passwords get
 * the same answer. A new session id is made at every login (no fixation).
 * @returns the session token for the cookie and the CSRF token for forms.
 * @throws ShinchokuError `unauthenticated` or `throttled`.
 */
export async function logIn(
  store: Store,
  input: { login: string; password: string; address: string },
  now = new Date(),
) {
  const login = input.login.normalize("NFKC").trim().toLowerCase();
  const at = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString();
  const failures = async (column: "login" | "address", value: string) =>
    Number(
      (
        await store.db
          .selectFrom("login_attempt")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where(column, "=", value)
          .where("success", "=", 0)
          .where("at", ">=", since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const record = (success: boolean) =>
    store.db
      .insertInto("login_attempt")
      .values({ login, address: input.address, at, success: success ? 1 : 0 })
      .execute();

  if ((await failures("address", input.address)) >= MAX_FAILURES_PER_ADDRESS) {
    await record(false);
    throw new ShinchokuError(
      "throttled",
      "ログインの失敗が続いたため、しばらくしてからお試しください",
      { field: "login" },
    );
  }
  const account = await store.db
    .selectFrom("account")
    .selectAll()
    .where("login", "=", login)
    .executeTakeFirst();
  if (account?.locked_until && account.locked_until > at) {
    await record(false);
    throw new ShinchokuError(
      "throttled",
      "ログインの失敗が続いたため、このアカウントはしばらく使えません",
      { field: "login" },
    );
  }
  const ok = await verifyPassword(
    input.password,
    account?.password_hash ?? (await UNKNOWN_ACCOUNT_HASH),
  );
  if (!account || !ok || account.disabled === 1) {
    await record(false);
    if (account && (await failures("login", login)) >= MAX_FAILURES_PER_LOGIN) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      await store.db
        .updateTable("account")
        .set({ locked_until: until })
        .where("id", "=", account.id)
        .execute();
    }
    throw new ShinchokuError("unauthenticated", "ログイン名またはパスワードが違います", {
      field: "login",
    });
  }

  const token = newToken();
  const csrfToken = newToken();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("login_attempt")
      .values({ login, address: input.address, at, success: 1 })
      .execute();
    await trx
      .updateTable("account")
      .set({ failed_logins: 0, locked_until: null })
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
    await recordAudit(trx, {
      actor: null,
      action: "session.login",
      entity: "account",
      entityId: account.id,
      after: { address: input.address },
      at,
    });
  });
  return { token, csrfToken, accountId: account.id };
}
