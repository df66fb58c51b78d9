import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { checkedNumber, checkedTitle, structureScope } from "./structure-scope.ts";

/** An item as typed on the structure page. */
export interface NewItem {
  planSlug: string;
  groupId: string;
  number: string;
  label: string;
  title: string;
}

/**
 * Add an item (項目) to a group of the plan, with its number (unique in the plan: it is the
 * item's URL) and label (ア, イ…). Added while a period is open, it belongs to the plan from that
 * period on, as a group does (`addGroup`).
 * @throws ShinchokuError `invalid_input` / `conflict` naming the field, `forbidden`, `not_found`,
 *   `invalid_state`.
 * @example await addItem(store, planner, { planSlug, groupId: "12", number: "101", label: "ア", title: "窓口の案内" })
 */
export async function addItem(store: Store, actor: Actor, input: NewItem, now = new Date()) {
  const title = checkedTitle(input.title, "title");
  const number = checkedNumber(input.number, "number", "番号", { min: 1, max: 999999 });
  const label = input.label.normalize("NFKC").trim();
  if ([...label].length > 10)
    throw new ShinchokuError("invalid_input", "記号は10文字以内にしてください", { field: "label" });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const { plan } = scope;
    const group = /^\d{1,9}$/u.test(input.groupId.trim())
      ? await trx
          .selectFrom("plan_group")
          .select(["id", "title"])
          .where("plan_id", "=", plan.id)
          .where("id", "=", Number(input.groupId))
          .executeTakeFirst()
      : undefined;
    if (!group)
      throw new ShinchokuError("invalid_input", "項目を置く階層を一覧から選んでください", {
        field: "groupId",
      });
    const taken = await trx
      .selectFrom("item")
      .select("id")
      .where("plan_id", "=", plan.id)
      .where("number", "=", number)
      .executeTakeFirst();
    if (taken)
      throw new ShinchokuError("conflict", `番号 ${number} の項目はもうあります`, {
        field: "number",
      });
    const last = await trx
      .selectFrom("item")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("group_id", "=", group.id)
      .executeTakeFirst();
    const row = await trx
      .insertInto("item")
      .values({
        plan_id: plan.id,
        group_id: group.id,
        number,
        label,
        title,
        position: last?.position == null ? 0 : Number(last.position) + 1,
        relisting_of_item_id: null,
        introduced_period_id: scope.open?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "structure.item_add",
      entity: "item",
      entityId: row.id,
      planId: plan.id,
      after: { groupId: group.id, number, label, title, period: scope.open?.as_of ?? null },
      at,
    });
    return { id: row.id, number };
  });
}
