import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/**
 * The departments responsible for a plan's measures (a re-listing's are its original's), by
 * measure code: the lead first, then contributors by name.
 */
export async function loadMeasureDepartments(
  db: Kysely<Database>,
  planId: number,
  measureCodes: readonly string[],
): Promise<Map<string, Array<{ name: string; role: string }>>> {
  const byCode = new Map<string, Array<{ name: string; role: string }>>();
  if (measureCodes.length === 0) return byCode;
  const rows = await db
    .selectFrom("measure as m")
    .innerJoin("measure_department as md", (join) =>
      join.on((eb) =>
        eb("md.measure_id", "=", eb.fn.coalesce("m.relisting_of_measure_id", "m.id")),
      ),
    )
    .innerJoin("department as d", "d.id", "md.department_id")
    .select(["m.code", "d.name", "md.role"])
    .where("m.plan_id", "=", planId)
    .where("m.code", "in", measureCodes)
    .orderBy("m.code")
    .orderBy((eb) => eb.case().when("md.role", "=", "lead").then(0).else(1).end())
    .orderBy("d.name")
    .execute();
  for (const r of rows)
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), { name: r.name, role: r.role }]);
  return byCode;
}
