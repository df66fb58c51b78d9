import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";

type Trx = Transaction<Database>;

/** A department name as stored: NFKC, trimmed, 1–100 characters. */
export function checkedDepartmentName(raw: string, field = "name"): string {
  const name = raw.normalize("NFKC").trim();
  if (name === "" || name.length > 100)
    throw new ShinchokuError("invalid_input", "担当課の名前を100文字以内で入力してください", {
      field,
    });
  return name;
}

/** Refused unless the actor may create, rename and merge departments (administrators). */
export function mustDefineDepartments(actor: Actor): void {
  if (!can(actor, "department.define", { organizationId: actor.organizationId }))
    throw new ShinchokuError("forbidden", "担当課を作成・変更・統合する権限がありません");
}

/**
 * Every plan of the organization, locked in id order, then its department rows: a save or a
 * review in flight was authorized by the old owners of its measure and commits first; later
 * ones see the new owners. The same order everywhere, so two of these never deadlock.
 */
export async function lockOrganizationPlans(trx: Trx, organizationId: number): Promise<void> {
  await trx
    .selectFrom("plan")
    .select("id")
    .where("organization_id", "=", organizationId)
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** A department of the organization by id, locked; `not_found` for another organization's. */
export async function lockedDepartment(
  trx: Trx,
  organizationId: number,
  id: number,
  field: string,
) {
  const row = await trx
    .selectFrom("department")
    .select(["id", "name"])
    .where("id", "=", id)
    .where("organization_id", "=", organizationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new ShinchokuError("not_found", `担当課 ${id} はありません`, { field });
  return row;
}

/** Refused when the organization already has a department of that name. */
export async function mustBeFreeName(trx: Trx, organizationId: number, name: string) {
  const taken = await trx
    .selectFrom("department")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (taken)
    throw new ShinchokuError("conflict", `担当課「${name}」はすでにあります`, { field: "name" });
}
