import type { Kysely } from "kysely";
import { indexText } from "../../domain/search-tokens.ts";
import type { Database } from "../database.ts";
import type { SearchTables } from "./search-entry-table.ts";

const ROWS_PER_INSERT = 100;

export interface ReindexOptions {
  /**
   * Mark the entries of the latest published period as current (the default). Only migration
   * 002, which runs before the `current` column exists, leaves it out.
   */
  markCurrent?: boolean;
}

/**
 * Rebuild a plan's search entries: one per original measure per reporting period, with the
 * grams of the measure's and its item's titles, and of its roadmap texts and that period's
 * progress; the entries of the latest published period are marked current (the national
 * search asks only those). Re-listings have no entry of their own (they are references; a
 * search finds the original and names where it is re-listed). Same SQL on both stores:
 * SQLite's FTS5 table follows `search_entry` by triggers, PostgreSQL's index by a generated
 * column. Call it inside the transaction that changed the plan, publishing included.
 * @example await store.db.transaction().execute((trx) => reindexPlan(trx, planId));
 */
export async function reindexPlan(
  store: Kysely<Database>,
  planId: number,
  options: ReindexOptions = {},
): Promise<void> {
  const db = store.withTables<SearchTables>();
  const markCurrent = options.markCurrent ?? true;
  const [periods, groups, items, measures, roadmap, progress] = await Promise.all([
    db
      .selectFrom("reporting_period")
      .select(["id", "state", "as_of"])
      .where("plan_id", "=", planId)
      .execute(),
    db
      .selectFrom("plan_group")
      .select(["id", "parent_id", "number"])
      .where("plan_id", "=", planId)
      .execute(),
    db
      .selectFrom("item")
      .select(["id", "group_id", "number", "title"])
      .where("plan_id", "=", planId)
      .execute(),
    db
      .selectFrom("measure")
      .select(["id", "item_id", "title"])
      .where("plan_id", "=", planId)
      .where("relisting_of_measure_id", "is", null)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("roadmap_entry")
      .innerJoin("measure", "measure.id", "roadmap_entry.measure_id")
      .select(["roadmap_entry.measure_id", "roadmap_entry.text"])
      .where("measure.plan_id", "=", planId)
      .orderBy("roadmap_entry.fiscal_year")
      .execute(),
    db
      .selectFrom("progress")
      .innerJoin("measure", "measure.id", "progress.measure_id")
      .select(["progress.measure_id", "progress.reporting_period_id", "progress.narrative"])
      .where("measure.plan_id", "=", planId)
      .execute(),
  ]);

  const groupById = new Map(groups.map((g) => [g.id, g]));
  const pathOf = (groupId: number): number[] => {
    const group = groupById.get(groupId);
    if (!group) return [];
    return group.parent_id === null ? [group.number] : [...pathOf(group.parent_id), group.number];
  };
  const itemById = new Map(items.map((i) => [i.id, i]));
  const roadmapText = new Map<number, string[]>();
  for (const r of roadmap)
    roadmapText.set(r.measure_id, [...(roadmapText.get(r.measure_id) ?? []), r.text]);
  const narrative = new Map(
    progress.map((p) => [`${p.measure_id}/${p.reporting_period_id}`, p.narrative]),
  );

  const latestPublished = periods
    .filter((p) => p.state === "published")
    .reduce<{ id: number; as_of: string } | null>(
      (latest, p) => (latest === null || p.as_of > latest.as_of ? p : latest),
      null,
    );
  const periodIds: Array<number | null> = periods.length > 0 ? periods.map((p) => p.id) : [null];
  const rows = measures.flatMap((m) => {
    const item = itemById.get(m.item_id);
    const path = item ? pathOf(item.group_id) : [];
    const titleGrams = indexText(`${m.title}\n${item?.title ?? ""}`);
    const roadmapTexts = roadmapText.get(m.id) ?? [];
    return periodIds.map((periodId) => ({
      ...(markCurrent ? { current: periodId === latestPublished?.id ? 1 : 0 } : {}),
      plan_id: planId,
      measure_id: m.id,
      reporting_period_id: periodId,
      item_number: item?.number ?? null,
      pillar_number: path[0] ?? 0,
      group_path: path.join("-"),
      title_grams: titleGrams,
      body_grams: indexText(
        [...roadmapTexts, narrative.get(`${m.id}/${periodId}`) ?? ""].join("\n"),
      ),
    }));
  });
  // Written a period at a time, the current period last: its entries are the plan's newest
  // (the national search reads newest first) and lie together, so reading them touches few
  // pages instead of one in every eight rows.
  const written = new Map(
    periodIds.map((id, i) => [id, id === latestPublished?.id ? periodIds.length : i]),
  );
  const place = (periodId: number | null) => written.get(periodId) ?? 0;
  rows.sort((a, b) => place(a.reporting_period_id) - place(b.reporting_period_id));

  await db.deleteFrom("search_entry").where("plan_id", "=", planId).execute();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db
      .insertInto("search_entry")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
}
