import { type Kysely, sql } from "kysely";
import type { Database } from "../database.ts";

/** A plan as the national index and an organization's page list it. */
export interface IndexedPlan {
  slug: string;
  title: string;
  firstFiscalYear: number;
  lastFiscalYear: number;
  /** The as-of date of its latest published reporting period; null before the first is published. */
  latestAsOf: string | null;
}

/** An organization with its plans, in plan order. */
export interface IndexedOrganization {
  code: string;
  name: string;
  plans: IndexedPlan[];
}

/**
 * Every organization that has a plan, by organization code, each with its plans and their latest
 * published as-of date: one query, whatever the number of organizations (a grouped read of the
 * published periods joined once, never a query per organization or plan). Narrowed to one
 * organization by `code`, or to the organizations of one prefecture by its two-digit code.
 * @example const organizations = await loadNationalIndex(store.db);
 */
export async function loadNationalIndex(
  db: Kysely<Database>,
  options: { code?: string; prefecture?: string } = {},
): Promise<IndexedOrganization[]> {
  const rows = await db
    .selectFrom("organization as o")
    .innerJoin("plan as p", "p.organization_id", "o.id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("reporting_period")
          .select(["plan_id", (e) => e.fn.max("as_of").as("latest_as_of")])
          .where("state", "=", "published")
          .groupBy("plan_id")
          .as("latest"),
      (join) => join.onRef("latest.plan_id", "=", "p.id"),
    )
    .select([
      "o.code",
      "o.name",
      "p.slug",
      "p.title",
      "p.first_fiscal_year",
      "p.last_fiscal_year",
      sql<string | null>`latest.latest_as_of`.as("latest_as_of"),
    ])
    .$if(options.code !== undefined, (qb) => qb.where("o.code", "=", options.code ?? ""))
    // A prefecture code is two digits: nothing in it is a LIKE wildcard.
    .$if(/^\d{2}$/u.test(options.prefecture ?? ""), (qb) =>
      qb.where("o.code", "like", `${options.prefecture}%`),
    )
    .orderBy("o.code")
    .orderBy("p.id")
    .execute();
  const organizations: IndexedOrganization[] = [];
  for (const r of rows) {
    let organization = organizations.at(-1);
    if (organization?.code !== r.code) {
      organization = { code: r.code, name: r.name, plans: [] };
      organizations.push(organization);
    }
    organization.plans.push({
      slug: r.slug,
      title: r.title,
      firstFiscalYear: r.first_fiscal_year,
      lastFiscalYear: r.last_fiscal_year,
      latestAsOf: r.latest_as_of,
    });
  }
  return organizations;
}
