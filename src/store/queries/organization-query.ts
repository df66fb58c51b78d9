import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/**
 * The organization with a 全国地方公共団体コード, or undefined.
 * @example await findOrganization(store.db, "431001") // { code: "431001", name: "熊本市" }
 */
export async function findOrganization(
  db: Kysely<Database>,
  code: string,
): Promise<{ code: string; name: string } | undefined> {
  return db
    .selectFrom("organization")
    .select(["code", "name"])
    .where("code", "=", code)
    .executeTakeFirst();
}
