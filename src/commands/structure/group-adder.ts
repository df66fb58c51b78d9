import { ShinchokuError } from "../../domain/errors.ts";
import { groupLevelKeys } from "../../domain/plan-tree.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { groupDepths } from "./group-depths.ts";
import { checkedNumber, checkedTitle, structureScope } from "./structure-scope.ts";

/** A group as typed on the structure page; `parentId` empty for a group of the top level. */
export interface NewGroup {
  planSlug: string;
  parentId: string;
  number: string;
  label: string;
  title: string;
}

/**
 * Add a group (柱, 分野, 区分… as the plan names its levels) under a parent one level up, or at
 * the top. Added while a period is open, it belongs to the plan from that period on: the pages
 * of earlier periods do not show it, and the public sees it once the period is published.
 * @throws ShinchokuError `invalid_input` / `conflict` naming the field, `forbidden`, `not_found`,
 *   `invalid_state` (periods, none open).
 * @example await addGroup(store, planner, { planSlug, parentId: "", number: "4", label: "IV", title: "新しい柱" })
 */
export async function addGroup(store: Store, actor: Actor, input: NewGroup, now = new Date()) {
  const title = checkedTitle(input.title, "title");
  const number = checkedNumber(input.number, "number", "番号", { min: 1, max: 9999 });
  const label = input.label.normalize("NFKC").trim() || String(number);
  if ([...label].length > 10)
    throw new ShinchokuError("invalid_input", "表示する番号は10文字以内にしてください", {
      field: "label",
    });
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const { plan } = scope;
    const levels = await trx
      .selectFrom("plan_level")
      .select(["key", "name"])
      .where("plan_id", "=", plan.id)
      .orderBy("position")
      .execute();
    const groupLevels = levels.filter((l) => l.key !== "item" && l.key !== "measure");
    const depths = await groupDepths(trx, plan.id);
    let depth = 0;
    let parentId: number | null = null;
    if (input.parentId.trim() !== "") {
      const parent = depths.get(Number(input.parentId));
      if (!/^\d{1,9}$/u.test(input.parentId.trim()) || parent === undefined)
        throw new ShinchokuError("invalid_input", "上の階層を一覧から選んでください", {
          field: "parentId",
        });
      parentId = Number(input.parentId);
      depth = parent + 1;
    }
    if (depth >= groupLevels.length)
      throw new ShinchokuError(
        "invalid_input",
        `この計画の${groupLevels.at(-1)?.name ?? "最も下の階層"}の下には${levels.find((l) => l.key === "item")?.name ?? "項目"}を追加します`,
        { field: "parentId" },
      );
    const siblings = await trx
      .selectFrom("plan_group")
      .select(["number", "position"])
      .where("plan_id", "=", plan.id)
      .where((eb) =>
        parentId === null ? eb("parent_id", "is", null) : eb("parent_id", "=", parentId),
      )
      .execute();
    const levelName = groupLevels[depth]?.name ?? "";
    if (siblings.some((s) => s.number === number))
      throw new ShinchokuError("conflict", `同じ階層に番号 ${number} の${levelName}があります`, {
        field: "number",
      });
    const row = await trx
      .insertInto("plan_group")
      .values({
        plan_id: plan.id,
        parent_id: parentId,
        level: groupLevelKeys(groupLevels.length)[depth] ?? "category",
        number,
        label,
        title,
        position: Math.max(-1, ...siblings.map((s) => s.position)) + 1,
        introduced_period_id: scope.open?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "structure.group_add",
      entity: "plan_group",
      entityId: row.id,
      planId: plan.id,
      after: {
        level: levelName,
        parentId,
        number,
        label,
        title,
        period: scope.open?.as_of ?? null,
      },
      at,
    });
    return { id: row.id };
  });
}
