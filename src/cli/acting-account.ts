import { ShinchokuError } from "../domain/errors.ts";
import type { Actor } from "../domain/staff-policy.ts";
import { actorByLogin } from "../store/queries/account-query.ts";
import type { Store } from "../store/store.ts";

/**
 * The person a command acts as (`--as LOGIN`). The command line reaches the database directly,
 * so it is trusted as the database is and asks for no password; `--as` says whose rights apply
 * (a department editor's workbook is checked against their department) and whom the audit
 * trail names. A disabled account cannot be acted as.
 * @throws ShinchokuError `not_found` on `--as` when there is no such enabled account.
 * @example const { actor } = await actingAccount(store, "nursery");
 */
export async function actingAccount(
  store: Store,
  login: string,
): Promise<{ actor: Actor; login: string; displayName: string }> {
  const found = await actorByLogin(store.db, login);
  if (!found)
    throw new ShinchokuError(
      "not_found",
      `アカウント ${login.normalize("NFKC").trim().toLowerCase()} はないか、無効です`,
      { field: "--as" },
    );
  return found;
}
