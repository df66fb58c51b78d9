import type { Kysely } from "kysely";
import { effectivePlacement, type Placement } from "../../domain/placement.ts";
import type { Database } from "../database.ts";

/**
 * Where a plan's groups, items and measures stood at a date, where the planning division moved,
 * renumbered or re-listed them (`placement_revision`), keyed `g12`, `i34`, `m56`; the others
 * stand where their row says.
 */
export async function loadPlacementsAt(
  db: Kysely<Database>,
  planId: number,
  asOf: string,
): Promise<Map<string, Placement>> {
  const rows = await db
    .selectFrom("placement_revision as r")
    .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
    .select([
      "r.plan_group_id",
      "r.item_id",
      "r.measure_id",
      "r.parent_id",
      "r.number",
      "r.label",
      "r.relisting_of_measure_id",
      "p.as_of as asOf",
    ])
    .where("p.plan_id", "=", planId)
    .execute();
  const byOwner = new Map<string, Array<(typeof rows)[number]>>();
  for (const r of rows) {
    const key =
      r.plan_group_id !== null
        ? `g${r.plan_group_id}`
        : r.item_id !== null
          ? `i${r.item_id}`
          : `m${r.measure_id}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), r]);
  }
  const placements = new Map<string, Placement>();
  for (const [key, revisions] of byOwner) {
    const held = effectivePlacement(revisions, asOf);
    if (held) placements.set(key, held);
  }
  return placements;
}
