import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import type { Database } from "../../store/database.ts";

/**
 * For an actor acting through an API token: hold the token (a share lock, so its revocation
 * waits for this transaction) and refuse with `unauthenticated` when it was revoked since the
 * request was let in. The request's own check comes before the transaction; without this one a
 * revocation committed in between would not stop the write. Nothing for a signed-in person.
 * @example await confirmApiToken(trx, actor);
 */
export async function confirmApiToken(trx: Transaction<Database>, actor: Actor): Promise<void> {
  if (actor.apiTokenId === undefined) return;
  const token = await trx
    .withTables<ApiTokenTables>()
    .selectFrom("api_token")
    .innerJoin("account as issuer", "issuer.id", "api_token.created_by")
    .select(["api_token.revoked_at", "issuer.disabled as issuer_disabled"])
    .where("api_token.id", "=", actor.apiTokenId)
    .forShare()
    .executeTakeFirst();
  if (!token || token.revoked_at !== null || token.issuer_disabled === 1)
    throw new ShinchokuError("unauthenticated", "APIトークンが正しくないか、無効にされています");
}
