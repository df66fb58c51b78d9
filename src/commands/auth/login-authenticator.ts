import { ShinchokuError } from "../../domain/errors.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { newToken, tokenDigest } from "./session-token.ts";

/** Failures of one login name within the window after which it is refused (known or not). */
export const MAX_FAILURES_PER_LOGIN = 5;
/** Failures from one address within the window after which it is refused (many names tried). */
export const MAX_FAILURES_PER_ADDRESS = 20;
/** How far back failures count: a locked name opens again once its failures age past this. */
export const THROTTLE_WINDOW_MINUTES = 15;
const SESSION_HOURS = 8;

/** `login_attempt.success`: the password was checked and was right, or wrong (or the name unknown). */
export const ATTEMPT_SUCCEEDED = 1;
export const ATTEMPT_FAILED = 0;
/** Refused while throttled, without checking the password: counts against the address only. */
export const ATTEMPT_REFUSED = 2;

// Verifying against this when the login is unknown keeps the work the same as for a known one.
const UNKNOWN_ACCOUNT_HASH = hashPassword("unknown account placeholder");

/**
 * Check a login and password and open a session. Every attempt is recorded under the
 * normalized login name, whether an account has it or not, so known and unknown names meet the
 * same checks in the same order with the same work and get the same answers: a refused
 * address, then a locked name (5 wrong passwords within 15 minutes, counted for any name), then
 * a scrypt verification (against a dummy hash for an unknown name), then one answer for an
 * unknown name, a wrong password and a disabled account. A new session id is made at every
 * login (no fixation).
 * @returns the session token for the cookie and the CSRF token for forms.
 * @throws ShinchokuError `unauthenticated` or `throttled`.
 * @example const { token } = await logIn(store, { login: "kikaku", password, address: "192.0.2.1" });
 */
export async function logIn(
  store: Store,
  input: { login: string; password: string; address: string },
  now = new Date(),
) {
  const login = input.login.normalize("NFKC").trim().toLowerCase();
  const at = now.toISOString();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const count = async (column: "login" | "address", value: string, outcomes: number[]) =>
    Number(
      (
        await store.db
          .selectFrom("login_attempt")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where(column, "=", value)
          .where("success", "in", outcomes)
          .where("at", ">=", since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const record = (success: number) =>
    store.db
      .insertInto("login_attempt")
      .values({ login, address: input.address, at, success })
      .execute();

  // Every refusal of an address counts against it, so a client that keeps going stays refused.
  if (
    (await count("address", input.address, [ATTEMPT_FAILED, ATTEMPT_REFUSED])) >=
    MAX_FAILURES_PER_ADDRESS
  ) {
    await record(ATTEMPT_REFUSED);
    throw new ShinchokuError(
      "throttled",
      "ログインの失敗が続いたため、しばらくしてからお試しください",
      { field: "login" },
    );
  }
  // Only checked passwords lock a name: tries while it is locked do not keep it locked, so the
  // person whose name it is gets in once the window has passed.
  if ((await count("login", login, [ATTEMPT_FAILED])) >= MAX_FAILURES_PER_LOGIN) {
    await record(ATTEMPT_REFUSED);
    throw new ShinchokuError(
      "throttled",
      "ログインの失敗が続いたため、このアカウントはしばらく使えません",
      { field: "login" },
    );
  }
  const account = await store.db
    .selectFrom("account")
    .selectAll()
    .where("login", "=", login)
    .executeTakeFirst();
  // An account with no password yet (`!unset`) or a token's account costs the same scrypt work
  // as an unknown name, so timing does not tell them apart.
  const stored = account?.password_hash.startsWith("scrypt$") ? account.password_hash : null;
  const ok =
    (await verifyPassword(input.password, stored ?? (await UNKNOWN_ACCOUNT_HASH))) &&
    stored !== null;
  if (!account || !ok || account.disabled === 1) {
    await record(ATTEMPT_FAILED);
    throw new ShinchokuError("unauthenticated", "ログイン名またはパスワードが違います", {
      field: "login",
    });
  }

  const token = newToken();
  const csrfToken = newToken();
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("login_attempt")
      .values({ login, address: input.address, at, success: ATTEMPT_SUCCEEDED })
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
