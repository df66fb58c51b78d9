import type { Kysely } from "kysely";
import type { Database } from "../store/database.ts";

/**
 * Move the store's public data revision on: call it, inside the transaction, from every write
 * that changes what the public sees (an import, a publication, a public structure change such as
 * a measure's lead department, a restore), so the new number commits (or rolls back) with the
 * data it stands for; cached pages and ETags of the old number stop being served on every app
 * server sharing the store. Staff-only writes (drafts, reviews, an open period's roadmap,
 * accounts, tokens) must not call it: the public validators and page cache would move with
 * nothing public changed, and tell the public when staff are at work.
 * @example await store.db.transaction().execute(async (trx) => { …; await bumpRevision(trx); });
 */
export async function bumpRevision(trx: Kysely<Database>, now = new Date()): Promise<number> {
  // Moving the number first takes the row lock (PostgreSQL), so concurrent writers line up here
  // and each reads the time its predecessor committed.
  const row = await trx
    .updateTable("data_revision")
    .set((eb) => ({ revision: eb("revision", "+", 1) }))
    .where("id", "=", 1)
    .returning(["revision", "changed_at"])
    .executeTakeFirstOrThrow();
  // Last-Modified has whole seconds: each revision gets a later second than the one before, so
  // If-Modified-Since never takes a page of a new revision for unchanged.
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const changedAt = Math.max(second(now.getTime()), second(Date.parse(row.changed_at)) + 1000);
  await trx
    .updateTable("data_revision")
    .set({ changed_at: new Date(changedAt).toISOString() })
    .where("id", "=", 1)
    .execute();
  return Number(row.revision);
}
