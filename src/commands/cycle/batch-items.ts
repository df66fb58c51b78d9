import type { Transaction } from "kysely";
import { type ErrorId, ShinchokuError } from "../../domain/errors.ts";
import type { Database } from "../../store/database.ts";

/** One measure of a bulk action, with the version of its draft the person saw in the list. */
export interface BatchItem {
  measureCode: string;
  expectedVersion: number;
}

/** The most measures one bulk action takes (a plan of the model report's size has 185). */
export const MAX_BATCH = 1000;

/**
 * A bulk action refused because of one measure: named by its title and ID, so the person
 * knows which one to look at. Nothing of the batch is stored.
 */
export class BatchRefusal extends ShinchokuError {
  constructor(
    id: ErrorId,
    readonly measureCode: string,
    message: string,
  ) {
    super(id, message, { field: "measures" });
  }
}

/** The batch's items, checked: at least one, no more than `MAX_BATCH`, each measure once. */
export function checkBatch(items: readonly BatchItem[]): void {
  if (items.length === 0)
    throw new ShinchokuError("invalid_input", "取組を1件以上選んでください", { field: "measures" });
  if (items.length > MAX_BATCH)
    throw new ShinchokuError("invalid_input", `一度に選べる取組は${MAX_BATCH}件までです`, {
      field: "measures",
    });
  const codes = new Set(items.map((i) => i.measureCode));
  if (codes.size !== items.length)
    throw new ShinchokuError("invalid_input", "同じ取組が二度選ばれています", {
      field: "measures",
    });
}

/**
 * A measure's draft in a period, locked (`FOR UPDATE`) before its version is compared, so two
 * decisions on one draft cannot both pass; refused by name when it changed since the list.
 */
export async function lockedDraft(
  trx: Transaction<Database>,
  measure: { id: number; code: string; title: string },
  periodId: number,
  expectedVersion: number,
) {
  const current = await trx
    .selectFrom("progress")
    .selectAll()
    .where("measure_id", "=", measure.id)
    .where("reporting_period_id", "=", periodId)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new BatchRefusal(
      "not_found",
      measure.code,
      `「${measure.title}」（${measure.code}）の進捗状況がありません`,
    );
  if (current.version !== expectedVersion)
    throw new BatchRefusal(
      "conflict",
      measure.code,
      `「${measure.title}」（${measure.code}）は、一覧を開いた後に変更されました。最新の内容を確認してから、もう一度選んでください`,
    );
  return current;
}
