import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A department and the items of one plan whose measures it leads or contributes to. */
export interface DepartmentAssignment {
  id: number;
  name: string;
  /** Item numbers, ascending. */
  leadItems: number[];
  contributorItems: number[];
  /** Measures it is responsible for in this plan, either way. */
  measureCount: number;
}

/**
 * The departments of a plan's organization with the items they are assigned in that plan, the
 * plan's numbered items, and those with a measure that has no lead department yet. Null when
 * there is no such plan. Re-listings are left out: they follow their original.
 */
export async function departmentAssignments(db: Kysely<Database>, planSlug: string) {
  const plan = await db
    .selectFrom("plan")
    .select(["id", "slug", "title", "organization_id as organizationId"])
    .where("slug", "=", planSlug)
    .executeTakeFirst();
  if (!plan) return null;
  const departments = await db
    .selectFrom("department")
    .select(["id", "name"])
    .where("organization_id", "=", plan.organizationId)
    .orderBy("name")
    .execute();
  const links = await db
    .selectFrom("measure_department")
    .innerJoin("measure", "measure.id", "measure_department.measure_id")
    .innerJoin("item", "item.id", "measure.item_id")
    .select([
      "measure_department.department_id as departmentId",
      "measure_department.role",
      "measure.id as measureId",
      "item.number as itemNumber",
    ])
    .where("measure.plan_id", "=", plan.id)
    .where("measure.relisting_of_measure_id", "is", null)
    .execute();
  const measures = await db
    .selectFrom("measure")
    .innerJoin("item", "item.id", "measure.item_id")
    .select(["measure.id", "item.number as itemNumber"])
    .where("measure.plan_id", "=", plan.id)
    .where("measure.relisting_of_measure_id", "is", null)
    .execute();

  const numbers = (list: Array<number | null>) =>
    [...new Set(list.filter((n): n is number => n !== null))].sort((a, b) => a - b);
  const led = new Set(links.filter((l) => l.role === "lead").map((l) => l.measureId));
  return {
    plan,
    departments: departments.map((d): DepartmentAssignment => {
      const mine = links.filter((l) => l.departmentId === d.id);
      return {
        id: d.id,
        name: d.name,
        leadItems: numbers(mine.filter((l) => l.role === "lead").map((l) => l.itemNumber)),
        contributorItems: numbers(mine.filter((l) => l.role !== "lead").map((l) => l.itemNumber)),
        measureCount: new Set(mine.map((l) => l.measureId)).size,
      };
    }),
    itemNumbers: numbers(measures.map((m) => m.itemNumber)),
    itemsWithoutLead: numbers(measures.filter((m) => !led.has(m.id)).map((m) => m.itemNumber)),
  };
}
