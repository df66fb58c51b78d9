import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { duplicateAs } from "../../store/unique-violation.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import {
  checkedDepartmentName,
  lockedDepartment,
  mustBeFreeName,
  mustDefineDepartments,
} from "./department-rules.ts";

/**
 * Rename a department (administrators): its measures, accounts and tokens stay with it. The
 * public pages show the lead department, so the public data revision moves.
 * @example await renameDepartment(store, admin, { departmentId: 3, name: "こども保育課" });
 */
export async function renameDepartment(
  store: Store,
  actor: Actor,
  input: { departmentId: number; name: string },
  now = new Date(),
) {
  mustDefineDepartments(actor);
  const name = checkedDepartmentName(input.name);
  const at = now.toISOString();
  const written = store.db.transaction().execute(async (trx) => {
    const department = await lockedDepartment(trx, actor.organizationId, input.departmentId, "id");
    if (department.name === name) return { id: department.id, name, changed: false };
    await mustBeFreeName(trx, actor.organizationId, name);
    await trx.updateTable("department").set({ name }).where("id", "=", department.id).execute();
    await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "department.rename",
      entity: "department",
      entityId: department.id,
      before: { name: department.name },
      after: { name },
      at,
    });
    return { id: department.id, name, changed: true };
  });
  return written.catch(
    duplicateAs(
      () => new ShinchokuError("conflict", `担当課「${name}」はすでにあります`, { field: "name" }),
    ),
  );
}
