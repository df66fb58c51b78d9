import type { Transaction } from "kysely";
import type { Database } from "../../store/database.ts";

/** Each group of a plan with its depth (0: the top level), from the parent links. */
export async function groupDepths(
  trx: Transaction<Database>,
  planId: number,
): Promise<Map<number, number>> {
  const groups = await trx
    .selectFrom("plan_group")
    .select(["id", "parent_id"])
    .where("plan_id", "=", planId)
    .execute();
  const parentOf = new Map(groups.map((g) => [g.id, g.parent_id]));
  const depths = new Map<number, number>();
  for (const g of groups) {
    let depth = 0;
    // Bounded: a plan has at most six levels, and a broken chain must not loop.
    for (let p = g.parent_id; p !== null && depth < 10; p = parentOf.get(p) ?? null) depth++;
    depths.set(g.id, depth);
  }
  return depths;
}
