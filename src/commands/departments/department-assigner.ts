import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { lockPlan } from "../plan-lock.ts";
import { bumpRevision } from "../revision-bumper.ts";

/**
 * Make a department responsible for the measures of some items (by item number): the lead
 * department, or a contributing one. The department is created when new. A re-listing follows
 * its original and is never assigned itself.
 * @example assignDepartment(store, planner, { planSlug: "431001-1", department: "保育幼稚園課", itemNumbers: [56, 57, 58], role: "lead" })
 */
export async function assignDepartment(
  store: Store,
  actor: Actor,
  input: {
    planSlug: string;
    department: string;
    itemNumbers: number[];
    role: "lead" | "contributor";
    createDepartment?: boolean;
  },
  now = new Date(),
) {
  const name = input.department.trim();
  if (name === "" || name.length > 100)
    throw new ShinchokuError("invalid_input", "担当課の名前を100文字以内で入力してください", {
      field: "department",
    });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    // A save in flight was authorized by the old owners: it commits first, or sees the new ones.
    const plan = await lockPlan(trx, input.planSlug, "update");
    if (!can(actor, "department.manage", { organizationId: plan.organization_id })) {
      throw new ShinchokuError("forbidden", "担当課を割り当てる権限がありません");
    }
    const found = await trx
      .selectFrom("department")
      .select("id")
      .where("organization_id", "=", plan.organization_id)
      .where("name", "=", name)
      .executeTakeFirst();
    if (!found && !input.createDepartment)
      throw new ShinchokuError("not_found", `担当課「${name}」はありません`, {
        field: "department",
      });
    const departmentId =
      found?.id ??
      (
        await trx
          .insertInto("department")
          .values({ organization_id: plan.organization_id, name, created_at: at })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const measures = await trx
      .selectFrom("measure")
      .innerJoin("item", "item.id", "measure.item_id")
      .select(["measure.id", "measure.code"])
      .where("measure.plan_id", "=", plan.id)
      .where("measure.relisting_of_measure_id", "is", null)
      .where("item.number", "in", input.itemNumbers.length > 0 ? input.itemNumbers : [-1])
      .execute();
    for (const m of measures) {
      if (input.role === "lead") {
        // One lead per measure: a new lead replaces the old one.
        await trx
          .deleteFrom("measure_department")
          .where("measure_id", "=", m.id)
          .where("role", "=", "lead")
          .execute();
      }
      await trx
        .deleteFrom("measure_department")
        .where("measure_id", "=", m.id)
        .where("department_id", "=", departmentId)
        .execute();
      await trx
        .insertInto("measure_department")
        .values({ measure_id: m.id, department_id: departmentId, role: input.role })
        .execute();
    }
    await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "department.assign",
      entity: "department",
      entityId: departmentId,
      planId: plan.id,
      after: {
        department: name,
        role: input.role,
        measures: measures.map((m) => m.code),
        ...(found ? {} : { departmentCreated: true }),
      },
      at,
    });
    return { departmentId, measures: measures.length };
  });
}
