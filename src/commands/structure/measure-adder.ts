import { ShinchokuError } from "../../domain/errors.ts";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import { checkedTitle, structureScope } from "./structure-scope.ts";

/** A measure as typed on the structure page; `code` empty: the next free M0000 number. */
export interface NewMeasure {
  planSlug: string;
  itemId: string;
  code: string;
  title: string;
  departmentId: string;
}

/**
 * Add a measure (取組) to an item, led by one of the organization's departments (chosen, never
 * created here). Added while a period is open, it belongs to the plan from that period on: its
 * department writes its progress in that period, and the public sees it once it is published.
 * @throws ShinchokuError `invalid_input` / `conflict` naming the field, `forbidden`, `not_found`,
 *   `invalid_state`.
 * @example await addMeasure(store, planner, { planSlug, itemId: "40", code: "", title: "窓口の予約", departmentId: "3" })
 */
export async function addMeasure(store: Store, actor: Actor, input: NewMeasure, now = new Date()) {
  const title = checkedTitle(input.title, "title", 500);
  const typedCode = input.code.normalize("NFKC").trim();
  if (typedCode !== "" && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/u.test(typedCode))
    throw new ShinchokuError(
      "invalid_input",
      "取組IDは英数字・ハイフン・下線・ピリオドで32文字以内にしてください",
      { field: "code" },
    );
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const scope = await structureScope(trx, actor, input.planSlug);
    const { plan } = scope;
    const item = /^\d{1,9}$/u.test(input.itemId.trim())
      ? await trx
          .selectFrom("item")
          .select(["id", "number"])
          .where("plan_id", "=", plan.id)
          .where("id", "=", Number(input.itemId))
          .executeTakeFirst()
      : undefined;
    if (!item)
      throw new ShinchokuError("invalid_input", "取組を置く項目を一覧から選んでください", {
        field: "itemId",
      });
    const department = /^\d{1,9}$/u.test(input.departmentId.trim())
      ? await trx
          .selectFrom("department")
          .select(["id", "name"])
          .where("organization_id", "=", plan.organization_id)
          .where("id", "=", Number(input.departmentId))
          .executeTakeFirst()
      : undefined;
    if (!department)
      throw new ShinchokuError(
        "invalid_input",
        "担当課を一覧から選んでください（ない課は、管理者が担当課のページで登録します）",
        { field: "departmentId" },
      );
    const codes = new Set(
      (await trx.selectFrom("measure").select("code").where("plan_id", "=", plan.id).execute()).map(
        (m) => m.code,
      ),
    );
    let code = typedCode;
    if (code !== "" && codes.has(code))
      throw new ShinchokuError("conflict", `取組ID ${code} はこの計画で使われています`, {
        field: "code",
      });
    for (let n = codes.size + 1; code === ""; n++) {
      const candidate = `M${String(n).padStart(4, "0")}`;
      if (!codes.has(candidate)) code = candidate;
    }
    const last = await trx
      .selectFrom("measure")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("item_id", "=", item.id)
      .executeTakeFirst();
    const row = await trx
      .insertInto("measure")
      .values({
        plan_id: plan.id,
        item_id: item.id,
        code,
        title,
        position: last?.position == null ? 0 : Number(last.position) + 1,
        relisting_of_measure_id: null,
        introduced_period_id: scope.open?.id ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("measure_department")
      .values({ measure_id: row.id, department_id: department.id, role: "lead" })
      .execute();
    if (scope.publicAtOnce) await bumpRevision(trx, now);
    await recordAudit(trx, {
      actor,
      action: "structure.measure_add",
      entity: "measure",
      entityId: code,
      planId: plan.id,
      measureId: row.id,
      after: {
        itemNumber: item.number,
        title,
        department: department.name,
        period: scope.open?.as_of ?? null,
      },
      at,
    });
    return { id: row.id, code };
  });
}
