import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** Every organization that has at least one plan, with how many, by organization code. */
export async function listOrganizations(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("organization")
    .innerJoin("plan", "plan.organization_id", "organization.id")
    .select(["organization.code", "organization.name", (eb) => eb.fn.countAll().as("plans")])
    .groupBy(["organization.id", "organization.code", "organization.name"])
    .orderBy("organization.code")
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, planCount: Number(r.plans) }));
}
