import { type Kysely, sql } from "kysely";
import type { ApiTokenTables } from "../api-token-table.ts";
import type { Database } from "../database.ts";

/** A department with what hangs on it: what a rename keeps and a merge moves. */
export interface DepartmentListing {
  id: number;
  name: string;
  /** Measures it leads or contributes to, in every plan. */
  measures: number;
  /** People's accounts (token accounts left out). */
  accounts: number;
  /** API tokens not revoked. */
  apiTokens: number;
}

/**
 * The departments of an organization, by name, with their counts.
 * @example const departments = await listDepartments(store.db, admin.organizationId);
 */
export async function listDepartments(
  db: Kysely<Database>,
  organizationId: number,
): Promise<DepartmentListing[]> {
  const rows = await db
    .withTables<ApiTokenTables>()
    .selectFrom("department as d")
    .select((eb) => [
      "d.id",
      "d.name",
      eb
        .selectFrom("measure_department as md")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("md.department_id", "=", "d.id")
        .as("measures"),
      eb
        .selectFrom("account as a")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("a.department_id", "=", "d.id")
        .where("a.login", "not like", "api-token:%")
        .as("accounts"),
      eb
        .selectFrom("api_token as t")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("t.department_id", "=", "d.id")
        .where("t.revoked_at", "is", null)
        .as("api_tokens"),
    ])
    .where("d.organization_id", "=", organizationId)
    .orderBy("d.name")
    .execute();
  // PostgreSQL gives count(*) as a string.
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    measures: Number(r.measures ?? 0),
    accounts: Number(r.accounts ?? 0),
    apiTokens: Number(r.api_tokens ?? 0),
  }));
}
