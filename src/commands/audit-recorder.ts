import type { Transaction } from "kysely";
import type { Actor } from "../domain/staff-policy.ts";
import type { Database } from "../store/database.ts";

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  entity: string;
  entityId: string | number;
  planId?: number | null;
  measureId?: number | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

/**
 * Append one event to the audit trail, in the transaction of the change it records, so that a
 * change and its record are stored together or not at all. Never updated, never deleted.
 */
export async function recordAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_event")
    .values({
      at: entry.at,
      account_id: entry.actor?.accountId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      plan_id: entry.planId ?? null,
      measure_id: entry.measureId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
