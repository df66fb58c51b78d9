import type { Kysely } from "kysely";
import { effectiveTitle } from "../../domain/title-revision.ts";
import type { Database } from "../database.ts";

/**
 * The titles a plan's groups, items and measures had at a date, where a later period spelled them
 * differently (`title_revision`), keyed `g12`, `i34`, `m56`; the others hold their row's title.
 */
export async function loadTitlesAt(
  db: Kysely<Database>,
  planId: number,
  asOf: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("title_revision as r")
    .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
    .select(["r.plan_group_id", "r.item_id", "r.measure_id", "r.title", "p.as_of as asOf"])
    .where("p.plan_id", "=", planId)
    .execute();
  const byOwner = new Map<string, Array<{ asOf: string; title: string }>>();
  for (const r of rows) {
    const key =
      r.plan_group_id !== null
        ? `g${r.plan_group_id}`
        : r.item_id !== null
          ? `i${r.item_id}`
          : `m${r.measure_id}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), r]);
  }
  const titles = new Map<string, string>();
  for (const [key, revisions] of byOwner) {
    const title = effectiveTitle(revisions, asOf);
    if (title !== null) titles.set(key, title);
  }
  return titles;
}
