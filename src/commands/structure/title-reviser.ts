import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { TitleHistory, type TitleOwner } from "../title-history.ts";
import { checkedTitle, structureScope } from "./structure-scope.ts";

/** Whose title: a group, an item or a measure, by its row id. */
export type StructureKind = "group" | "item" | "measure";

const TABLE = { group: "plan_group", item: "item", measure: "measure" } as const;

/**
 * Rename a group, an item or a measure. While a period is open the new title is a title
 * revision of that period (`TitleHistory`, migration 013): the staff pages show it at once, the
 * public once the period is published, and every earlier period keeps the title it published.
 * A plan without any period is renamed in place.
 * @throws ShinchokuError `invalid_input` (field `title`), `forbidden`, `not_found`, `invalid_state`.
 * @example await reviseTitle(store, planner, { planSlug, kind: "item", id: 40, title: "窓口の案内と予約" })
 */
export async function reviseTitle(
  store: Store,
  actor: Actor,
  input: { planSlug: string; kind: StructureKind; id: number; title: string },
  now = new Date(),
) {
  const title = checkedTitle(input.title, "title", input.kind === "measure" ? 500 : 300);
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const table = TABLE[input.kind];
    const row = await trx
      .selectFrom(table)
      .select(["id", "title"])
      .where("plan_id", "=", scope.plan.id)
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!row) throw new ShinchokuError("not_found", "見つかりません", { field: "id" });
    if (row.title === title) return { changed: false };
    const owner: TitleOwner =
      input.kind === "group"
        ? { plan_group_id: row.id }
        : input.kind === "item"
          ? { item_id: row.id }
          : { measure_id: row.id };
    const stored = scope.open
      ? await (
          await TitleHistory.load(trx, scope.plan.id, { id: scope.open.id, asOf: scope.open.as_of })
        ).keep(owner, row.title, title)
      : title;
    await trx.updateTable(table).set({ title: stored }).where("id", "=", row.id).execute();
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "structure.title",
      entity: table,
      entityId: row.id,
      planId: scope.plan.id,
      measureId: input.kind === "measure" ? row.id : null,
      before: { title: row.title },
      after: { title, period: scope.open?.as_of ?? null },
      at,
    });
    return { changed: true };
  });
}
