import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { structureScope } from "./structure-scope.ts";

/**
 * Retire a measure from the open period on (`measure.retired_period_id`): the periods that had it
 * keep it on their pages and downloads, the open period and the later ones leave it out (with its
 * re-listings) once published, and no later period opens a draft for it. Only within an open
 * period: a plan without periods has nothing published to keep it in.
 * @throws ShinchokuError `invalid_state` (no open period), `invalid_input` (already retired),
 *   `forbidden`, `not_found`.
 * @example await retireMeasure(store, planner, { planSlug, measureId: 93 })
 */
export async function retireMeasure(
  store: Store,
  actor: Actor,
  input: { planSlug: string; measureId: number },
  now = new Date(),
) {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    if (!scope.open)
      throw new ShinchokuError(
        "invalid_state",
        "取組の廃止は、受付中の報告期の中で行います。先に報告期を開いてください",
        { field: "period" },
      );
    const measure = await trx
      .selectFrom("measure")
      .select(["id", "code", "retired_period_id"])
      .where("plan_id", "=", scope.plan.id)
      .where("id", "=", input.measureId)
      .executeTakeFirst();
    if (!measure) throw new ShinchokuError("not_found", "見つかりません", { field: "id" });
    if (measure.retired_period_id !== null)
      throw new ShinchokuError("invalid_input", "この取組はもう廃止されています", {
        field: "retire",
      });
    await trx
      .updateTable("measure")
      .set({ retired_period_id: scope.open.id })
      .where("id", "=", measure.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: "structure.retire",
      entity: "measure",
      entityId: measure.code,
      planId: scope.plan.id,
      measureId: measure.id,
      after: { retiredFrom: scope.open.as_of },
      at,
    });
    return { retiredFrom: scope.open.as_of };
  });
}
