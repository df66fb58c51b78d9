import type { Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Database } from "../../store/database.ts";

type Trx = Transaction<Database>;

/** A plan by its slug, with its organization; `not_found` otherwise. */
export async function planBySlug(trx: Trx, slug: string) {
  const plan = await trx
    .selectFrom("plan")
    .select(["id", "organization_id", "slug"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!plan) throw new ShinchokuError("not_found", `計画 ${slug} がありません`, { field: "plan" });
  return plan;
}

/** A reporting period of a plan by its as-of date; `not_found` otherwise. */
export async function periodByAsOf(trx: Trx, planId: number, asOf: string) {
  const period = await trx
    .selectFrom("reporting_period")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("as_of", "=", asOf)
    .executeTakeFirst();
  if (!period)
    throw new ShinchokuError("not_found", `基準日 ${asOf} の報告期がありません`, {
      field: "period",
    });
  return period;
}

/** A measure by its ID (取組ID) with the departments that own it; `not_found` otherwise. */
export async function measureByCode(trx: Trx, planId: number, code: string) {
  const measure = await trx
    .selectFrom("measure")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("code", "=", code)
    .executeTakeFirst();
  if (!measure)
    throw new ShinchokuError("not_found", `取組 ${code} がありません`, { field: "measure" });
  const departments = await trx
    .selectFrom("measure_department")
    .select(["department_id", "role"])
    .where("measure_id", "=", measure.id)
    .execute();
  return { ...measure, departmentIds: departments.map((d) => d.department_id) };
}

/** ISO date `YYYY-MM-DD` that exists in the calendar. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
