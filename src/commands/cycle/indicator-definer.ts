import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { DEFAULT_SCORE_BANDS } from "../../domain/indicator.ts";
import {
  checkIndicatorDefinition,
  type IndicatorDefinition,
  type IndicatorDefinitionForm,
} from "../../domain/indicator-definition.ts";
import { indexText } from "../../domain/search-tokens.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import { planKindsIn } from "../../store/queries/indicator-kinds-query.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { columnsOf, currentDefinition, revisionOf, writeRevision } from "../indicator-revisions.ts";
import { lockPlan } from "../plan-lock.ts";

type Trx = Transaction<Database>;

/** What the planning division does to an indicator: define a new one, revise or retire it. */
export type IndicatorChange =
  | { action: "define"; owner: string; form: IndicatorDefinitionForm }
  | { action: "revise"; code: string; form: IndicatorDefinitionForm }
  | { action: "retire"; code: string };

/**
 * Define, revise or retire an indicator of a plan as part of its open reporting period, like a
 * roadmap revision: the whole definition (baseline and targets included) is stored as the
 * indicator's revision of that period, public when the period is published, and earlier
 * periods keep the definition they were published with. The owner is `measure:M0001`,
 * `item:ID` or `group:ID`. Everything is checked before anything is written, in one
 * transaction under the plan's exclusive lock, with one audit event.
 * @throws ShinchokuError `invalid_input` with its field (`name`, `kind`, `target-2014`, `owner`…),
 *   `forbidden`, `not_found`, `invalid_state` (no open period; a retired indicator).
 * @example await changeIndicator(store, planner, "431001-1", { action: "retire", code: "I0003" })
 */
export async function changeIndicator(
  store: Store,
  actor: Actor,
  planSlug: string,
  change: IndicatorChange,
  now = new Date(),
): Promise<{ code: string }> {
  const at = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, planSlug, "update");
    if (!can(actor, "indicator.define", { organizationId: plan.organization_id }))
      throw new ShinchokuError("forbidden", "指標を設定する権限がありません");
    const span = await trx
      .selectFrom("plan")
      .select(["first_fiscal_year", "last_fiscal_year"])
      .where("id", "=", plan.id)
      .executeTakeFirstOrThrow();
    const kinds = await planKindsIn(trx, plan.id);
    let definition: IndicatorDefinition | null = null;
    if (change.action !== "retire") {
      const checked = checkIndicatorDefinition(change.form, {
        kinds,
        firstFiscalYear: span.first_fiscal_year,
        lastFiscalYear: span.last_fiscal_year,
      });
      const [field, message] = Object.entries(checked.errors)[0] ?? [];
      if (field !== undefined || !checked.definition)
        throw new ShinchokuError("invalid_input", message ?? "入力内容に問題があります", { field });
      definition = checked.definition;
    }
    const open = await trx
      .selectFrom("reporting_period")
      .select(["id", "as_of"])
      .where("plan_id", "=", plan.id)
      .where("state", "=", "open")
      .executeTakeFirst();
    if (!open)
      throw new ShinchokuError(
        "invalid_state",
        "指標は受付中の報告期の中で設定します。先に報告期を開いてください",
        { field: "period" },
      );
    const stored =
      change.action === "define"
        ? null
        : await trx
            .selectFrom("indicator")
            .selectAll()
            .where("plan_id", "=", plan.id)
            .where("code", "=", change.code)
            .executeTakeFirst();
    if (change.action !== "define" && !stored)
      throw new ShinchokuError("not_found", `指標 ${change.code} がありません`, { field: "code" });
    if (stored?.retired === 1)
      throw new ShinchokuError("invalid_state", `指標 ${stored.code} は廃止されています`, {
        field: "code",
      });
    const owner = stored
      ? ownerOf(stored)
      : await resolveOwner(trx, plan.id, change.action === "define" ? change.owner : "");
    if (definition) {
      const sameName = await trx
        .selectFrom("indicator")
        .select(["code", "retired"])
        .where(owner.column, "=", owner.id)
        .where("name", "=", definition.name)
        .$if(stored !== undefined && stored !== null, (q) => q.where("id", "!=", stored?.id ?? 0))
        .executeTakeFirst();
      if (sameName)
        throw new ShinchokuError(
          "invalid_input",
          `同じ${owner.label}に指標「${definition.name}」（${sameName.code}${sameName.retired ? "、廃止済み" : ""}）がすでにあります`,
          { field: "name" },
        );
    }
    // Checked; from here on, writes.
    let id: number;
    let code: string;
    let before: IndicatorDefinition | null = null;
    if (!stored) {
      if (!definition) throw new ShinchokuError("invalid_input", "指標の定義がありません");
      await ensureScheme(trx, plan.id, kinds);
      code = await nextCode(trx, plan.id);
      const position = await trx
        .selectFrom("indicator")
        .select((eb) => eb.fn.max("position").as("max"))
        .where(owner.column, "=", owner.id)
        .executeTakeFirst();
      id = (
        await trx
          .insertInto("indicator")
          .values({
            plan_id: plan.id,
            measure_id: owner.column === "measure_id" ? owner.id : null,
            item_id: owner.column === "item_id" ? owner.id : null,
            group_id: owner.column === "group_id" ? owner.id : null,
            code,
            position:
              position?.max === null || position?.max === undefined ? 0 : Number(position.max) + 1,
            ...columnsOf(definition),
            name_grams: indexText(definition.name),
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      id = stored.id;
      code = stored.code;
      const current = await currentDefinition(trx, id);
      before = current;
      // The state before the first revision holds in every period before it: keep it.
      const revisions = await trx
        .selectFrom("indicator_revision")
        .select("id")
        .where("indicator_id", "=", id)
        .executeTakeFirst();
      if (!revisions)
        await trx
          .insertInto("indicator_revision")
          .values(revisionOf(id, null, current, false, at, null))
          .execute();
      if (definition)
        await trx
          .updateTable("indicator")
          // The national indicator search's index follows the name (migration 022).
          .set({ ...columnsOf(definition), name_grams: indexText(definition.name) })
          .where("id", "=", id)
          .execute();
      else await trx.updateTable("indicator").set({ retired: 1 }).where("id", "=", id).execute();
    }
    const next = definition ?? (await currentDefinition(trx, id));
    if (definition) {
      await trx
        .deleteFrom("indicator_value")
        .where("indicator_id", "=", id)
        .where("kind", "in", ["baseline", "target"])
        .where("reporting_period_id", "is", null)
        .execute();
      if (definition.values.length > 0)
        await trx
          .insertInto("indicator_value")
          .values(
            definition.values.map((v) => ({
              indicator_id: id,
              kind: v.kind,
              fiscal_year: v.fiscalYear,
              final: v.final ? 1 : 0,
              reporting_period_id: null,
              value: v.value,
              note: v.note,
            })),
          )
          .execute();
    }
    await writeRevision(
      trx,
      revisionOf(id, open.id, next, change.action === "retire", at, actor.accountId),
    );
    await recordAudit(trx, {
      actor,
      action: `indicator.${change.action}`,
      entity: "indicator",
      entityId: code,
      planId: plan.id,
      measureId: owner.column === "measure_id" ? owner.id : null,
      before: before === null ? null : auditedOf(before, stored?.retired === 1),
      after: { ...auditedOf(next, change.action === "retire"), period: open.as_of },
      at,
    });
    return { code };
  });
}

interface Owner {
  column: "measure_id" | "item_id" | "group_id";
  id: number;
  label: string;
}

function ownerOf(row: {
  measure_id: number | null;
  item_id: number | null;
  group_id: number | null;
}): Owner {
  if (row.measure_id !== null) return { column: "measure_id", id: row.measure_id, label: "取組" };
  if (row.item_id !== null) return { column: "item_id", id: row.item_id, label: "項目" };
  return { column: "group_id", id: row.group_id ?? 0, label: "階層" };
}

async function resolveOwner(trx: Trx, planId: number, text: string): Promise<Owner> {
  const [kind, key = ""] = text.split(":", 2);
  const refuse = () =>
    new ShinchokuError("invalid_input", "指標を持たせる取組・項目・階層を選んでください", {
      field: "owner",
    });
  if (kind === "measure") {
    const m = await trx
      .selectFrom("measure")
      .select(["id", "relisting_of_measure_id"])
      .where("plan_id", "=", planId)
      .where("code", "=", key)
      .executeTakeFirst();
    if (!m) throw refuse();
    if (m.relisting_of_measure_id !== null)
      throw new ShinchokuError(
        "invalid_input",
        "再掲の取組には、再掲元の取組で指標を設定してください",
        { field: "owner" },
      );
    return { column: "measure_id", id: m.id, label: "取組" };
  }
  const id = /^\d{1,9}$/u.test(key) ? Number(key) : -1;
  if (kind === "item") {
    const i = await trx
      .selectFrom("item")
      .select("id")
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (i) return { column: "item_id", id: i.id, label: "項目" };
  }
  if (kind === "group") {
    const g = await trx
      .selectFrom("plan_group")
      .select("id")
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (g) return { column: "group_id", id: g.id, label: "階層" };
  }
  throw refuse();
}

async function ensureScheme(trx: Trx, planId: number, kinds: readonly string[]) {
  const kind = await trx
    .selectFrom("indicator_kind")
    .select("id")
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  if (!kind)
    await trx
      .insertInto("indicator_kind")
      .values(kinds.map((name, position) => ({ plan_id: planId, name, position })))
      .execute();
  const band = await trx
    .selectFrom("indicator_score_band")
    .select("id")
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  if (!band)
    await trx
      .insertInto("indicator_score_band")
      .values(
        DEFAULT_SCORE_BANDS.map((b, position) => ({
          plan_id: planId,
          label: b.label,
          minimum: b.minimum,
          position,
        })),
      )
      .execute();
}

async function nextCode(trx: Trx, planId: number): Promise<string> {
  const codes = new Set(
    (await trx.selectFrom("indicator").select("code").where("plan_id", "=", planId).execute()).map(
      (r) => r.code,
    ),
  );
  for (let n = codes.size + 1; ; n++) {
    const code = `I${String(n).padStart(4, "0")}`;
    if (!codes.has(code)) return code;
  }
}

/** A definition as the audit trail keeps it (keys the audit page names). */
function auditedOf(d: IndicatorDefinition, retired: boolean) {
  return {
    indicatorName: d.name,
    unit: d.unit,
    indicatorKind: d.kind,
    direction: d.direction,
    source: d.source,
    achievementForm: d.achievementForm,
    values: d.values.map((v) =>
      `${v.kind === "baseline" ? "基準値" : v.final ? "最終目標値" : "目標値"} ${v.fiscalYear ?? ""} ${v.value ?? ""}`.replace(
        /\s+/gu,
        " ",
      ),
    ),
    retired,
  };
}
