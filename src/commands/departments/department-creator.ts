import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { duplicateAs } from "../../store/unique-violation.ts";
import { recordAudit } from "../audit-recorder.ts";
import {
  checkedDepartmentName,
  mustBeFreeName,
  mustDefineDepartments,
} from "./department-rules.ts";

/**
 * Create a department explicitly (administrators): the only way a department comes to exist
 * apart from an import told to create the ones its data names.
 * @example const { id } = await createDepartment(store, admin, { name: "保育幼稚園課" });
 */
export async function createDepartment(
  store: Store,
  actor: Actor,
  input: { name: string },
  now = new Date(),
) {
  mustDefineDepartments(actor);
  const name = checkedDepartmentName(input.name);
  const at = now.toISOString();
  const written = store.db.transaction().execute(async (trx) => {
    await mustBeFreeName(trx, actor.organizationId, name);
    const row = await trx
      .insertInto("department")
      .values({ organization_id: actor.organizationId, name, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: "department.create",
      entity: "department",
      entityId: row.id,
      after: { name },
      at,
    });
    return { id: row.id, name };
  });
  return written.catch(
    duplicateAs(
      () => new ShinchokuError("conflict", `担当課「${name}」はすでにあります`, { field: "name" }),
    ),
  );
}
