import type { Transaction } from "kysely";
import type { Actor } from "../../domain/staff-policy.ts";
import type { ColumnMapping } from "../../import/mapping/mapping-schema.ts";
import type { Database } from "../../store/database.ts";
import type { Store } from "../../store/store.ts";
import type { UploadTables } from "../../store/upload-tables.ts";

/** A mapping saved with a plan, offered when the next file is uploaded. */
export interface SavedMapping {
  id: number;
  planSlug: string;
  planTitle: string;
  savedAt: string;
  mapping: unknown;
}

/**
 * Keep the mapping a plan was imported with (one per plan, the latest), in the import's
 * transaction.
 */
export async function saveImportMapping(
  trx: Transaction<Database>,
  planId: number,
  mapping: ColumnMapping,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  const db = trx.withTables<UploadTables>();
  const values = {
    mapping: JSON.stringify(mapping),
    saved_by: actor.accountId,
    saved_at: now.toISOString(),
  };
  const found = await db
    .selectFrom("import_mapping")
    .select("id")
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  if (found)
    await db.updateTable("import_mapping").set(values).where("id", "=", found.id).execute();
  else
    await db
      .insertInto("import_mapping")
      .values({ plan_id: planId, ...values })
      .execute();
}

/** The saved mappings of an organization's plans, the latest first. */
export async function savedMappings(store: Store, organizationId: number): Promise<SavedMapping[]> {
  const rows = await store.db
    .withTables<UploadTables>()
    .selectFrom("import_mapping")
    .innerJoin("plan", "plan.id", "import_mapping.plan_id")
    .select([
      "import_mapping.id",
      "import_mapping.mapping",
      "import_mapping.saved_at",
      "plan.slug",
      "plan.title",
    ])
    .where("plan.organization_id", "=", organizationId)
    .orderBy("import_mapping.saved_at", "desc")
    .orderBy("import_mapping.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planSlug: r.slug,
    planTitle: r.title,
    savedAt: r.saved_at,
    mapping: JSON.parse(r.mapping) as unknown,
  }));
}
