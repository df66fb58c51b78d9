import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { structureScope } from "./structure-scope.ts";

/**
 * Add the next fiscal year to the plan's roadmap (a rolling plan's new year). While a period is
 * open, the year is recorded on that period (`reporting_period.last_fiscal_year`) and the plan's
 * span takes it at publication, as a roadmap revision of a later year does; the roadmap form
 * then offers the year after. A plan without any period grows at once.
 * @throws ShinchokuError `forbidden`, `not_found`, `invalid_state`, `invalid_input` (past 30 years).
 * @example const { lastFiscalYear } = await extendSpan(store, planner, { planSlug });
 */
export async function extendSpan(
  store: Store,
  actor: Actor,
  input: { planSlug: string },
  now = new Date(),
) {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const span = await trx
      .selectFrom("plan")
      .select(["first_fiscal_year", "last_fiscal_year"])
      .where("id", "=", scope.plan.id)
      .executeTakeFirstOrThrow();
    const before = Math.max(span.last_fiscal_year, scope.open?.last_fiscal_year ?? 0);
    const next = before + 1;
    if (next - span.first_fiscal_year > 30)
      throw new ShinchokuError("invalid_input", "行程表の期間は30年までです", {
        field: "lastFiscalYear",
      });
    if (scope.open)
      await trx
        .updateTable("reporting_period")
        .set({ last_fiscal_year: next })
        .where("id", "=", scope.open.id)
        .execute();
    else
      await trx
        .updateTable("plan")
        .set({ last_fiscal_year: next })
        .where("id", "=", scope.plan.id)
        .execute();
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "structure.span",
      entity: "plan",
      entityId: input.planSlug,
      planId: scope.plan.id,
      before: { lastFiscalYear: before },
      after: { lastFiscalYear: next, period: scope.open?.as_of ?? null },
      at,
    });
    return { lastFiscalYear: next };
  });
}
