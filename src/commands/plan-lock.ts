import type { Transaction } from "kysely";
import { ShinchokuError } from "../domain/errors.ts";
import type { Database } from "../store/database.ts";

/**
 * How a state change holds its plan: `share` for changes of one draft inside the open period
 * (a save, a review), which may run side by side; `update` for changes of the cycle itself, of
 * who owns which measure, or of the roadmap (open, publish, department assignment, roadmap
 * revision), which wait for every change in flight and make the others wait for them.
 */
export type PlanLock = "share" | "update";

/**
 * A plan by its slug, with its organization, locked for the rest of the transaction before any
 * of its state is read; `not_found` otherwise. Every state change of a plan's reporting cycle
 * starts here, so a publish and a save serialize: on PostgreSQL (READ COMMITTED) by this row
 * lock, after which each statement reads what the other committed; on SQLite the transaction
 * already holds the database's write lock (`SqliteStoreDialect`), and the clause is dropped.
 * @example const plan = await lockPlan(trx, "431001-1", "update");
 */
export async function lockPlan(trx: Transaction<Database>, slug: string, mode: PlanLock) {
  const query = trx
    .selectFrom("plan")
    .select(["id", "organization_id", "slug"])
    .where("slug", "=", slug);
  const plan = await (mode === "update" ? query.forUpdate() : query.forShare()).executeTakeFirst();
  if (!plan) throw new ShinchokuError("not_found", `計画 ${slug} がありません`, { field: "plan" });
  return plan;
}
