import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

export interface PlanPageRow {
  slug: string;
  title: string;
  organization: { code: string; name: string };
  firstFiscalYear: number;
  lastFiscalYear: number;
  /** As-of date of the latest published reporting period; null before the first. */
  latestPeriod: string | null;
}

/**
 * One page of the plans, by organization code then age, optionally of one organization, with
 * the number of plans in all. Only published periods count as a plan's latest.
 * @example const { total, rows } = await listPlanPage(db, { limit: 20, offset: 0 });
 */
export async function listPlanPage(
  db: Kysely<Database>,
  options: { limit: number; offset: number; organizationCode?: string },
): Promise<{ total: number; rows: PlanPageRow[] }> {
  const base = db
    .selectFrom("plan")
    .innerJoin("organization", "organization.id", "plan.organization_id")
    .$if(options.organizationCode !== undefined, (q) =>
      q.where("organization.code", "=", options.organizationCode ?? ""),
    );
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    base
      .select((eb) => [
        "plan.slug",
        "plan.title",
        "plan.first_fiscal_year",
        "plan.last_fiscal_year",
        "organization.code",
        "organization.name",
        eb
          .selectFrom("reporting_period")
          .select((p) => p.fn.max("reporting_period.as_of").as("as_of"))
          .whereRef("reporting_period.plan_id", "=", "plan.id")
          .where("reporting_period.state", "=", "published")
          .as("latest_period"),
      ])
      .orderBy("organization.code")
      .orderBy("plan.id")
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      organization: { code: r.code, name: r.name },
      firstFiscalYear: r.first_fiscal_year,
      lastFiscalYear: r.last_fiscal_year,
      latestPeriod: r.latest_period ?? null,
    })),
  };
}
