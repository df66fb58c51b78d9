import type { Transaction } from "kysely";
import type { Placement } from "../../domain/placement.ts";
import type { Database } from "../../store/database.ts";
import type { TitleOwner } from "../title-history.ts";

/**
 * Record where a part stands from the open period on, as `TitleHistory` does for titles: the
 * first time it moves, where it stood so far is kept from the plan's earliest period, so every
 * earlier period still shows it there; a second change in the same period replaces the first.
 * The caller stores `next` on the row too (the open period is the plan's latest).
 */
export async function keepPlacement(
  trx: Transaction<Database>,
  planId: number,
  open: { id: number },
  owner: TitleOwner,
  current: Placement,
  next: Placement,
): Promise<void> {
  const ownerColumns = {
    plan_group_id: owner.plan_group_id ?? null,
    item_id: owner.item_id ?? null,
    measure_id: owner.measure_id ?? null,
  };
  const ownerFilter = trx
    .selectFrom("placement_revision as r")
    .select(["r.id", "r.reporting_period_id"])
    .where((eb) =>
      owner.plan_group_id !== undefined
        ? eb("r.plan_group_id", "=", owner.plan_group_id)
        : owner.item_id !== undefined
          ? eb("r.item_id", "=", owner.item_id)
          : eb("r.measure_id", "=", owner.measure_id ?? -1),
    );
  const revisions = await ownerFilter.execute();
  if (revisions.length === 0) {
    const earliest = await trx
      .selectFrom("reporting_period")
      .select("id")
      .where("plan_id", "=", planId)
      .where("id", "!=", open.id)
      .orderBy("as_of")
      .executeTakeFirst();
    if (earliest)
      await trx
        .insertInto("placement_revision")
        .values({ ...ownerColumns, reporting_period_id: earliest.id, ...current })
        .execute();
  }
  const here = revisions.find((r) => r.reporting_period_id === open.id);
  if (here)
    await trx.updateTable("placement_revision").set(next).where("id", "=", here.id).execute();
  else
    await trx
      .insertInto("placement_revision")
      .values({ ...ownerColumns, reporting_period_id: open.id, ...next })
      .execute();
}
