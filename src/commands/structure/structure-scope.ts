import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import { type Actor, can } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import { lockPlan } from "../plan-lock.ts";

type Trx = Transaction<Database>;

/** Where a structure change lands: the plan, locked, and the open period it belongs to, if any. */
export interface StructureScope {
  plan: { id: number; organization_id: number; slug: string };
  /** The open period: the change is part of it and public when it is published. */
  open: { id: number; as_of: string; last_fiscal_year: number | null } | null;
  /** Whether the change is public at once: the plan has no period yet. */
  publicAtOnce: boolean;
}

/**
 * Lock the plan as a publication does (`update`: a structure change and a publish serialize),
 * check that the actor may change its structure, and find the period the change belongs to.
 * A plan that has periods takes structure changes only while one is open, so that what an
 * earlier period published stays as it was; a plan without any period is still being set up.
 * @throws ShinchokuError `not_found`, `forbidden`, `invalid_state` (periods, none open).
 */
export async function structureScope(
  trx: Trx,
  actor: Actor,
  planSlug: string,
): Promise<StructureScope> {
  const plan = await lockPlan(trx, planSlug, "update");
  if (!can(actor, "plan.structure", { organizationId: plan.organization_id }))
    throw new ShinchokuError("forbidden", "計画の構成を変更する権限がありません");
  const periods = await trx
    .selectFrom("reporting_period")
    .select(["id", "as_of", "state", "last_fiscal_year"])
    .where("plan_id", "=", plan.id)
    .orderBy("as_of")
    .execute();
  const open = periods.find((p) => p.state === "open") ?? null;
  if (periods.length > 0 && !open)
    throw new ShinchokuError(
      "invalid_state",
      "公表済みの報告期がある計画の構成は、受付中の報告期の中で変更します。先に報告期を開いてください",
      { field: "period" },
    );
  return {
    plan,
    open: open ? { id: open.id, as_of: open.as_of, last_fiscal_year: open.last_fiscal_year } : null,
    publicAtOnce: periods.length === 0,
  };
}

/** A title as typed: spaces of layout folded, at most `max` characters, not empty. */
export function checkedTitle(value: string, field: string, max = 300): string {
  const title = value.replace(/[ \t\u3000]+/gu, " ").trim();
  if (title === "") throw new ShinchokuError("invalid_input", "名称を入力してください", { field });
  if ([...title].length > max)
    throw new ShinchokuError(
      "invalid_input",
      `名称は${max}文字以内にしてください（今は${[...title].length}文字）`,
      { field },
    );
  return title;
}

/**
 * A whole number typed with full- or half-width digits; null when left empty and optional.
 * @throws ShinchokuError `invalid_input` naming the field.
 */
export function checkedNumber(
  value: string,
  field: string,
  what: string,
  range: { min: number; max: number },
): number {
  const text = value.normalize("NFKC").trim();
  if (!/^\d{1,9}$/u.test(text))
    throw new ShinchokuError("invalid_input", `${what}を半角または全角の数字で入力してください`, {
      field,
    });
  const n = Number(text);
  if (n < range.min || n > range.max)
    throw new ShinchokuError(
      "invalid_input",
      `${what}は${range.min}から${range.max}までの数にしてください`,
      { field },
    );
  return n;
}
