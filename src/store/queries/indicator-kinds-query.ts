import type { Kysely } from "kysely";
import { DEFAULT_INDICATOR_KINDS } from "../../domain/indicator.ts";
import type { Database } from "../database.ts";

/**
 * A plan's indicator kinds in order, or the defaults it gets with its first indicator.
 * @example await planKindsIn(trx, plan.id) // ["活動指標", "対象指標", "成果指標", "KPI", "事業費"]
 */
export async function planKindsIn(db: Kysely<Database>, planId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("indicator_kind")
    .select("name")
    .where("plan_id", "=", planId)
    .orderBy("position")
    .execute();
  return rows.length > 0 ? rows.map((r) => r.name) : [...DEFAULT_INDICATOR_KINDS];
}
