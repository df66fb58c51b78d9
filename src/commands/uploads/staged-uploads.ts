import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { Actor } from "../../domain/staff-policy.ts";
import type { Database } from "../../store/database.ts";
import type { Store } from "../../store/store.ts";
import type { UploadTables } from "../../store/upload-tables.ts";

/** How long an upload waits between its steps before it is gone (and must be uploaded again). */
export const STAGED_UPLOAD_HOURS = 3;

export type UploadKind = "plan" | "workbook";

/** An upload between its steps, as its owner sees it. */
export interface StagedUpload {
  id: string;
  kind: UploadKind;
  fileName: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  committedAt: string | null;
  result: Record<string, unknown> | null;
}

const uploads = (store: Store) => store.db.withTables<UploadTables>();

/**
 * Keep an uploaded file for the next steps: a random id, owned by the account and its
 * organization, gone after {@link STAGED_UPLOAD_HOURS} hours. Expired uploads of anyone are
 * removed on the way.
 * @example const id = await stageUpload(store, actor, { kind: "plan", fileName: "jigyo.xlsx", bytes });
 */
export async function stageUpload(
  store: Store,
  actor: Actor,
  upload: { kind: UploadKind; fileName: string; bytes: Uint8Array },
  now = new Date(),
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await uploads(store)
    .deleteFrom("staged_upload")
    .where("expires_at", "<", now.toISOString())
    .execute();
  await uploads(store)
    .insertInto("staged_upload")
    .values({
      id,
      organization_id: actor.organizationId,
      account_id: actor.accountId,
      kind: upload.kind,
      file_name: upload.fileName,
      size: upload.bytes.byteLength,
      sha256: createHash("sha256").update(upload.bytes).digest("hex"),
      content: Buffer.from(upload.bytes).toString("base64"),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STAGED_UPLOAD_HOURS * 3600_000).toISOString(),
      committed_at: null,
      result: null,
    })
    .execute();
  return id;
}

/**
 * The upload `id` names, when it belongs to this account in this organization and has not
 * expired; null otherwise (someone else's upload is as unknown as a made-up id).
 */
export async function findStagedUpload(
  store: Store,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<StagedUpload | null> {
  if (!/^[A-Za-z0-9_-]{32}$/u.test(id)) return null;
  const row = await uploads(store)
    .selectFrom("staged_upload")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", actor.accountId)
    .where("organization_id", "=", actor.organizationId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind === "workbook" ? "workbook" : "plan",
    fileName: row.file_name,
    size: row.size,
    sha256: row.sha256,
    bytes: new Uint8Array(Buffer.from(row.content, "base64")),
    committedAt: row.committed_at,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
  };
}

/**
 * Mark an upload committed, in the transaction of its import: a second commit of the same
 * upload (a button pressed twice, a form sent again) finds it committed and stores nothing.
 * @throws UploadAlreadyCommitted when it was committed (or expired) meanwhile.
 */
export async function markUploadCommitted(
  trx: Transaction<Database>,
  id: string,
  result: Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  const done = await trx
    .withTables<UploadTables>()
    .updateTable("staged_upload")
    .set({ committed_at: now.toISOString(), result: JSON.stringify(result), content: "" })
    .where("id", "=", id)
    .where("committed_at", "is", null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw new UploadAlreadyCommitted();
}

/** The upload was committed already: nothing more is stored. */
export class UploadAlreadyCommitted extends Error {
  constructor() {
    super("この取込は確定済みです");
  }
}
