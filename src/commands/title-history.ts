import type { Transaction } from "kysely";
import { effectiveTitle } from "../domain/title-revision.ts";
import type { Database } from "../store/database.ts";

type Trx = Transaction<Database>;

/** Whose title: a group (pillar, area, category…), an item or a measure. */
export type TitleOwner =
  | { plan_group_id: number; item_id?: undefined; measure_id?: undefined }
  | { item_id: number; plan_group_id?: undefined; measure_id?: undefined }
  | { measure_id: number; plan_group_id?: undefined; item_id?: undefined };

interface Revision {
  id: number;
  asOf: string;
  periodId: number;
  title: string;
}

/**
 * Titles per reporting period, as progress is: when an import spells a stored group's, item's or
 * measure's title differently, the title it had is kept from the plan's earliest period and the
 * new one from the imported period on (`title_revision`), so an earlier period still shows and
 * exports what it published. The row's own title is the one of the plan's latest period.
 * @example const titles = await TitleHistory.load(trx, plan.id, { id: period.id, asOf: "2025-09-22" });
 * const current = await titles.keep({ measure_id: 7 }, "旧名", "新名"); // the title to store on the row
 */
export class TitleHistory {
  private constructor(
    private readonly trx: Trx,
    private readonly period: { id: number; asOf: string },
    private readonly periods: Array<{ id: number; asOf: string }>,
    private readonly revisions: Map<string, Revision[]>,
  ) {}

  static async load(
    trx: Trx,
    planId: number,
    period: { id: number; asOf: string },
  ): Promise<TitleHistory> {
    const periods = await trx
      .selectFrom("reporting_period")
      .select(["id", "as_of as asOf"])
      .where("plan_id", "=", planId)
      .orderBy("as_of")
      .execute();
    const rows = await trx
      .selectFrom("title_revision as r")
      .innerJoin("reporting_period as p", "p.id", "r.reporting_period_id")
      .select([
        "r.id",
        "r.plan_group_id",
        "r.item_id",
        "r.measure_id",
        "r.reporting_period_id as periodId",
        "r.title",
        "p.as_of as asOf",
      ])
      .where("p.plan_id", "=", planId)
      .execute();
    const revisions = new Map<string, Revision[]>();
    for (const r of rows) {
      const key = ownerKey(r);
      revisions.set(key, [...(revisions.get(key) ?? []), r]);
    }
    return new TitleHistory(trx, period, periods, revisions);
  }

  /**
   * Record `title` for the imported period where it differs from the title the owner had then.
   * @returns the title the owner's row holds afterwards: the one of the plan's latest period.
   */
  async keep(owner: TitleOwner, stored: string, title: string): Promise<string> {
    const key = ownerKey(owner);
    const revisions = this.revisions.get(key) ?? [];
    if ((effectiveTitle(revisions, this.period.asOf) ?? stored) === title) return stored;
    if (revisions.length === 0) {
      // The title stored so far held in every period before this one.
      const earliest = this.periods.find((p) => p.id !== this.period.id);
      if (earliest) revisions.push(await this.insert(owner, earliest, stored));
    }
    const here = revisions.find((r) => r.periodId === this.period.id);
    if (here) {
      await this.trx
        .updateTable("title_revision")
        .set({ title })
        .where("id", "=", here.id)
        .execute();
      here.title = title;
    } else revisions.push(await this.insert(owner, this.period, title));
    this.revisions.set(key, revisions);
    // The periods include this one, so the latest is never before it.
    return effectiveTitle(revisions, this.periods.at(-1)?.asOf ?? this.period.asOf) ?? title;
  }

  private async insert(
    owner: TitleOwner,
    period: { id: number; asOf: string },
    title: string,
  ): Promise<Revision> {
    const row = await this.trx
      .insertInto("title_revision")
      .values({
        plan_group_id: owner.plan_group_id ?? null,
        item_id: owner.item_id ?? null,
        measure_id: owner.measure_id ?? null,
        reporting_period_id: period.id,
        title,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, asOf: period.asOf, periodId: period.id, title };
  }
}

function ownerKey(owner: {
  plan_group_id?: number | null | undefined;
  item_id?: number | null | undefined;
  measure_id?: number | null | undefined;
}): string {
  if (owner.plan_group_id != null) return `g${owner.plan_group_id}`;
  if (owner.item_id != null) return `i${owner.item_id}`;
  return `m${owner.measure_id}`;
}
