import type { Kysely } from "kysely";
import type { Database } from "../database.ts";

/** A published reporting period of a plan, with the plan and its organization. */
export interface Publication {
  planSlug: string;
  planTitle: string;
  organizationName: string;
  asOf: string;
  publishedOn: string | null;
}

/**
 * Every published reporting period of an organization's plans, oldest first (plans in their
 * order): what the organization's feed lists.
 * @example await loadPublications(store.db, "431001") // [{ planSlug: "431001-1", asOf: "2013-09-30", … }]
 */
export async function loadPublications(
  db: Kysely<Database>,
  organizationCode: string,
): Promise<Publication[]> {
  return db
    .selectFrom("reporting_period as rp")
    .innerJoin("plan as p", "p.id", "rp.plan_id")
    .innerJoin("organization as o", "o.id", "p.organization_id")
    .select([
      "p.slug as planSlug",
      "p.title as planTitle",
      "o.name as organizationName",
      "rp.as_of as asOf",
      "rp.published_on as publishedOn",
    ])
    .where("o.code", "=", organizationCode)
    .where("rp.state", "=", "published")
    .orderBy("rp.as_of")
    .orderBy("p.id")
    .execute();
}
