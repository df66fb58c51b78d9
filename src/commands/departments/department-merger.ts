import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { ApiTokenTables } from "../../store/api-token-table.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import {
  lockedDepartment,
  lockOrganizationPlans,
  mustDefineDepartments,
} from "./department-rules.ts";

/**
 * Merge one department into another (administrators), e.g. after a reorganization or to undo a
 * mistyped name: every measure assignment, account and API token of `from` moves to `into`,
 * then `from` is deleted. Where both were assigned to a measure, `into` keeps it, as lead if
 * either was. One transaction, one audit event naming what moved.
 * @example await mergeDepartment(store, admin, { fromId: 9, intoId: 3 });
 */
export async function mergeDepartment(
  store: Store,
  actor: Actor,
  input: { fromId: number; intoId: number },
  now = new Date(),
) {
  mustDefineDepartments(actor);
  if (input.fromId === input.intoId)
    throw new ShinchokuError("invalid_input", "統合先には別の担当課を選んでください", {
      field: "intoId",
    });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    await lockOrganizationPlans(trx, actor.organizationId);
    const from = await lockedDepartment(trx, actor.organizationId, input.fromId, "fromId");
    const into = await lockedDepartment(trx, actor.organizationId, input.intoId, "intoId");
    const rows = await trx
      .selectFrom("measure_department")
      .select(["id", "measure_id", "department_id", "role"])
      .where("department_id", "in", [from.id, into.id])
      .execute();
    const kept = new Map(
      rows.filter((r) => r.department_id === into.id).map((r) => [r.measure_id, r]),
    );
    let measures = 0;
    for (const row of rows.filter((r) => r.department_id === from.id)) {
      measures++;
      const existing = kept.get(row.measure_id);
      if (!existing) {
        await trx
          .updateTable("measure_department")
          .set({ department_id: into.id })
          .where("id", "=", row.id)
          .execute();
        continue;
      }
      await trx.deleteFrom("measure_department").where("id", "=", row.id).execute();
      if (row.role === "lead" && existing.role !== "lead")
        await trx
          .updateTable("measure_department")
          .set({ role: "lead" })
          .where("id", "=", existing.id)
          .execute();
    }
    // People, counted for the report; the tokens' own accounts move with them, uncounted.
    const people = await trx
      .selectFrom("account")
      .select("id")
      .where("department_id", "=", from.id)
      .where("login", "not like", "api-token:%")
      .execute();
    await trx
      .updateTable("account")
      .set({ department_id: into.id })
      .where("department_id", "=", from.id)
      .execute();
    const tokens = await trx
      .withTables<ApiTokenTables>()
      .updateTable("api_token")
      .set({ department_id: into.id })
      .where("department_id", "=", from.id)
      .executeTakeFirst();
    await trx.deleteFrom("department").where("id", "=", from.id).execute();
    await bumpRevision(trx, now);
    const moved = {
      measures,
      accounts: people.length,
      apiTokens: Number(tokens.numUpdatedRows),
    };
    await recordAudit(trx, {
      actor,
      action: "department.merge",
      entity: "department",
      entityId: into.id,
      before: { from: from.name, into: into.name },
      after: { into: into.name, moved },
      at,
    });
    return { from: from.name, into: into.name, moved };
  });
}
