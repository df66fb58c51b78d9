import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Placement } from "../../domain/placement.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import type { TitleOwner } from "../title-history.ts";
import { keepPlacement } from "./placement-history.ts";
import { checkedNumber, structureScope } from "./structure-scope.ts";

/** What one form changes: a group's or an item's number, an item's group, a measure's item or original. */
export type PlacementChange =
  | { action: "renumber"; kind: "group" | "item"; id: number; number: string; label: string }
  | { action: "move"; kind: "item" | "measure"; id: number; parentId: string }
  | { action: "relist"; kind: "measure"; id: number; originalCode: string };

/**
 * Move an item to another group or a measure to another item, renumber a group or an item, or
 * make a measure a re-listing (再掲) of another (an empty code makes it an original again).
 * While a period is open the change is a placement revision of that period (`keepPlacement`):
 * the staff pages show it at once, the public once the period is published, and every earlier
 * period keeps the structure it published. A plan without periods changes in place.
 * @throws ShinchokuError `invalid_input` / `conflict` naming the field, `forbidden`,
 *   `not_found`, `invalid_state`.
 * @example await changePlacement(store, planner, { planSlug, action: "move", kind: "measure", id: 93, parentId: "41" })
 */
export async function changePlacement(
  store: Store,
  actor: Actor,
  input: { planSlug: string } & PlacementChange,
  now = new Date(),
) {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const planId = scope.plan.id;
    const { owner, current, table, entityId } = await placementOf(trx, planId, input);
    const next: Placement = { ...current };
    if (input.action === "renumber") {
      const max = input.kind === "group" ? 9999 : 999999;
      next.number = checkedNumber(input.number, "number", "番号", { min: 1, max });
      next.label = input.label.normalize("NFKC").trim();
      if (input.kind === "group" && next.label === "") next.label = String(next.number);
      if ([...next.label].length > 10)
        throw new ShinchokuError("invalid_input", "表示する番号は10文字以内にしてください", {
          field: "label",
        });
      const clash =
        input.kind === "group"
          ? await trx
              .selectFrom("plan_group")
              .select("id")
              .where("plan_id", "=", planId)
              .where((eb) =>
                current.parent_id === null
                  ? eb("parent_id", "is", null)
                  : eb("parent_id", "=", current.parent_id),
              )
              .where("number", "=", next.number)
              .where("id", "!=", input.id)
              .executeTakeFirst()
          : await trx
              .selectFrom("item")
              .select("id")
              .where("plan_id", "=", planId)
              .where("number", "=", next.number)
              .where("id", "!=", input.id)
              .executeTakeFirst();
      if (clash)
        throw new ShinchokuError("conflict", `番号 ${next.number} はもう使われています`, {
          field: "number",
        });
    } else if (input.action === "move") {
      const target = /^\d{1,9}$/u.test(input.parentId.trim()) ? Number(input.parentId) : -1;
      const found = await trx
        .selectFrom(input.kind === "item" ? "plan_group" : "item")
        .select("id")
        .where("plan_id", "=", planId)
        .where("id", "=", target)
        .executeTakeFirst();
      if (!found || target === current.parent_id)
        throw new ShinchokuError(
          "invalid_input",
          "移す先を一覧から選んでください（今と違う場所）",
          {
            field: "parentId",
          },
        );
      next.parent_id = target;
    } else {
      next.relisting_of_measure_id = await originalOf(trx, planId, input.id, input.originalCode);
    }
    if (samePlacement(current, next)) return { changed: false };
    if (scope.open) await keepPlacement(trx, planId, scope.open, owner, current, next);
    await storeOnRow(trx, table, input.id, next, input.action === "move");
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: `structure.${input.action}`,
      entity: table,
      entityId,
      planId,
      measureId: input.kind === "measure" ? input.id : null,
      before: current,
      after: { ...next, period: scope.open?.as_of ?? null },
      at,
    });
    return { changed: true };
  });
}

type Trx = Transaction<Database>;

async function placementOf(
  trx: Trx,
  planId: number,
  input: PlacementChange,
): Promise<{
  owner: TitleOwner;
  current: Placement;
  table: "plan_group" | "item" | "measure";
  entityId: string | number;
}> {
  const missing = () => new ShinchokuError("not_found", "見つかりません", { field: "id" });
  if (input.kind === "group") {
    const g = await trx
      .selectFrom("plan_group")
      .select(["id", "parent_id", "number", "label"])
      .where("plan_id", "=", planId)
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!g) throw missing();
    return {
      owner: { plan_group_id: g.id },
      current: {
        parent_id: g.parent_id,
        number: g.number,
        label: g.label,
        relisting_of_measure_id: null,
      },
      table: "plan_group",
      entityId: g.id,
    };
  }
  if (input.kind === "item") {
    const i = await trx
      .selectFrom("item")
      .select(["id", "group_id", "number", "label"])
      .where("plan_id", "=", planId)
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!i) throw missing();
    return {
      owner: { item_id: i.id },
      current: {
        parent_id: i.group_id,
        number: i.number,
        label: i.label,
        relisting_of_measure_id: null,
      },
      table: "item",
      entityId: i.id,
    };
  }
  const m = await trx
    .selectFrom("measure")
    .select(["id", "item_id", "code", "relisting_of_measure_id"])
    .where("plan_id", "=", planId)
    .where("id", "=", input.id)
    .executeTakeFirst();
  if (!m) throw missing();
  return {
    owner: { measure_id: m.id },
    current: {
      parent_id: m.item_id,
      number: null,
      label: null,
      relisting_of_measure_id: m.relisting_of_measure_id,
    },
    table: "measure",
    entityId: m.code,
  };
}

/** The measure a re-listing points to: an original of the plan, not the measure itself. */
async function originalOf(
  trx: Trx,
  planId: number,
  measureId: number,
  typed: string,
): Promise<number | null> {
  const code = typed.normalize("NFKC").trim();
  if (code === "") return null;
  const field = "originalCode";
  const original = await trx
    .selectFrom("measure")
    .select(["id", "relisting_of_measure_id"])
    .where("plan_id", "=", planId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!original)
    throw new ShinchokuError("invalid_input", `取組ID ${code} の取組はこの計画にありません`, {
      field,
    });
  if (original.id === measureId)
    throw new ShinchokuError("invalid_input", "取組を自分自身の再掲にはできません", { field });
  if (original.relisting_of_measure_id !== null)
    throw new ShinchokuError(
      "invalid_input",
      `取組ID ${code} は再掲です。再掲元の取組IDを入力してください`,
      { field },
    );
  const relisted = await trx
    .selectFrom("measure")
    .select("code")
    .where("relisting_of_measure_id", "=", measureId)
    .executeTakeFirst();
  if (relisted)
    throw new ShinchokuError(
      "invalid_input",
      `この取組は ${relisted.code} で再掲されています。再掲にはできません`,
      { field },
    );
  return original.id;
}

function samePlacement(a: Placement, b: Placement): boolean {
  return (
    a.parent_id === b.parent_id &&
    a.number === b.number &&
    a.label === b.label &&
    a.relisting_of_measure_id === b.relisting_of_measure_id
  );
}

/** The row holds the latest period's placement; a moved part goes last under its new parent. */
async function storeOnRow(
  trx: Trx,
  table: "plan_group" | "item" | "measure",
  id: number,
  next: Placement,
  moved: boolean,
): Promise<void> {
  if (table === "plan_group") {
    await trx
      .updateTable("plan_group")
      .set({ number: next.number ?? 0, label: next.label ?? "" })
      .where("id", "=", id)
      .execute();
    return;
  }
  const last = async (column: "group_id" | "item_id", from: "item" | "measure") =>
    moved
      ? await trx
          .selectFrom(from)
          .select((eb) => eb.fn.max("position").as("position"))
          .where(column, "=", next.parent_id ?? -1)
          .executeTakeFirst()
      : undefined;
  if (table === "item") {
    const end = await last("group_id", "item");
    await trx
      .updateTable("item")
      .set({
        group_id: next.parent_id ?? 0,
        number: next.number,
        label: next.label ?? "",
        ...(end ? { position: end.position == null ? 0 : Number(end.position) + 1 } : {}),
      })
      .where("id", "=", id)
      .execute();
    return;
  }
  const end = await last("item_id", "measure");
  await trx
    .updateTable("measure")
    .set({
      item_id: next.parent_id ?? 0,
      relisting_of_measure_id: next.relisting_of_measure_id,
      ...(end ? { position: end.position == null ? 0 : Number(end.position) + 1 } : {}),
    })
    .where("id", "=", id)
    .execute();
}
