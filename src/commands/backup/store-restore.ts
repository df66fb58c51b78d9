import { access } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely, Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Database } from "../../store/database.ts";
import type { DialectName } from "../../store/dialect/dialect-name.ts";
import { resetIdSequences } from "../../store/dialect/id-sequences.ts";
import type { CatalogTable } from "../../store/dialect/schema-catalog.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import type { BackupHeader } from "./backup-format.ts";
import { readBackupHeader } from "./backup-header-reader.ts";
import { BackupDigest, type BackupTrust } from "./backup-integrity.ts";
import { backupLines } from "./backup-lines.ts";
import { PreviewCollector, type RestorePreview } from "./restore-preview.ts";
import { RowLoader, type RowSink } from "./row-loader.ts";
import type { AnyTables } from "./store-backup.ts";

// Migration 003 seeds the data revision's one row: a fresh store holds it and is still empty.
const SEEDED = "data_revision";

export interface RestoreOptions extends BackupTrust {
  /** Replace whatever the store holds. Without it, a store with data is refused. */
  force?: boolean;
  now?: Date;
  /**
   * Shown what the backup will create (accounts, roles, API tokens) once the whole file is
   * checked and before anything is written; the restore goes on only if it returns true.
   */
  confirm: (preview: RestorePreview) => boolean | Promise<boolean>;
}

export type RestoreOutcome =
  | { restored: false; preview: RestorePreview }
  | (BackupHeader & {
      restored: true;
      preview: RestorePreview;
      file: string;
      replaced: boolean;
      totalRows: number;
    });

/**
 * Restore a backup made by `backupStore` (from either database) into this store: into an empty
 * store, or replacing everything with `force`. A backup is as powerful as the database itself
 * (it carries accounts, roles, password hashes and API token digests), so nothing is trusted
 * blindly. The file is first read whole without writing: every line checked, its SHA-256 (and,
 * with `key`, its HMAC) verified, and the accounts and tokens it holds collected; `confirm` is
 * shown them and must say yes. Then, in one transaction, the file is read again and stored line
 * by line (its digest must be the one confirmed); a file that is corrupt, cut short or edited is
 * refused naming the line, and nothing is stored. Afterwards every table's count is checked
 * against the file, the auto-numbers are moved past the restored ids, the data revision moves
 * on (no cached page of before survives) and the audit trail records the restore. Sessions are
 * not in a backup: everyone signs in again, with the same password (the hashes are restored).
 * @example await restoreStore(store, "backup.jsonl.gz", { key, confirm: (p) => show(p) && yes });
 * @throws ShinchokuError `invalid_input` (with file and line) for a file that cannot be
 *   restored or fails its integrity check, `invalid_state` for a store with data or of another
 *   schema version.
 */
export async function restoreStore(
  store: Store,
  file: string,
  options: RestoreOptions,
): Promise<RestoreOutcome> {
  await access(file).catch(() => {
    throw new ShinchokuError("not_found", "バックアップファイルがありません", { file });
  });
  const collector = new PreviewCollector();
  const checked = await readBackup(store.db, store.dialect, file, options, {
    db: null,
    onRow: collector.take,
  });
  const replaces = await filledTables(store.db as unknown as Kysely<AnyTables>, checked.tables);
  if (replaces.length > 0 && options.force !== true) refuseFilled(replaces);
  const { header, integrity } = checked;
  const preview: RestorePreview = {
    file,
    header,
    totalRows: header.tables.reduce((s, t) => s + t.rows, 0),
    accounts: collector.accounts(),
    apiTokens: collector.apiTokens(),
    integrity,
    warnings: [...integrity.warnings, ...collector.warnings()],
    replaces,
  };
  if (!(await options.confirm(preview))) return { restored: false, preview };

  const replaced = await store.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<AnyTables>;
    const { revision: before } = await trx
      .selectFrom("data_revision")
      .select("revision")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    const replaced = await emptyTarget(db, checked.tables, options.force === true);
    await db.deleteFrom(SEEDED).execute();
    const stored = await readBackup(trx, store.dialect, file, options, { db });
    // The file read the second time must be the one checked and confirmed.
    if (stored.integrity.sha256 !== integrity.sha256)
      throw new ShinchokuError(
        "invalid_input",
        "バックアップファイルが確認の後に変わりました。もう一度実行してください",
        { file, line: 1 },
      );
    for (const t of header.tables) {
      const { n } = await db
        .selectFrom(t.name)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      if (Number(n) !== t.rows)
        throw new ShinchokuError(
          "invalid_input",
          `復元後の ${t.name} が ${n} 行で、バックアップの ${t.rows} 行と合いません`,
          { file },
        );
    }
    await resetIdSequences(
      trx,
      store.dialect,
      checked.tables.map((t) => t.name),
    );
    await moveRevisionOn(trx, Number(before), options.now);
    await recordAudit(trx, {
      actor: null,
      action: "store.restore",
      entity: "store",
      entityId: header.created_at,
      after: {
        file: basename(file),
        createdAt: header.created_at,
        dialect: header.dialect,
        rows: Object.fromEntries(header.tables.map((t) => [t.name, t.rows])),
        replaced,
        signature: integrity.signature,
        sha256: integrity.sha256,
      },
      at: (options.now ?? new Date()).toISOString(),
    });
    return replaced;
  });
  return {
    ...header,
    restored: true,
    preview,
    file,
    replaced,
    totalRows: preview.totalRows,
  };
}

/**
 * Read a backup through: the header against this store's schema, then every line (stored in
 * `sink.db` when given), and the integrity section at the end.
 */
async function readBackup(
  db: Kysely<Database>,
  dialect: DialectName,
  file: string,
  trust: BackupTrust,
  sink: RowSink,
) {
  const lines = backupLines(file);
  try {
    const { header, tables, text } = await readBackupHeader(db, dialect, file, lines);
    const digest = new BackupDigest(trust.key);
    digest.update(text);
    const loader = new RowLoader(sink, file, header, tables, digest, trust);
    let last = 1;
    for await (const line of lines) {
      last = line.number;
      await loader.take(line);
    }
    return { header, tables, integrity: loader.finish(last + 1) };
  } finally {
    await lines.return(undefined);
  }
}

/** The tables of the target that hold rows (the seeded data revision aside), with their counts. */
async function filledTables(
  db: Kysely<AnyTables>,
  tables: readonly CatalogTable[],
): Promise<string[]> {
  const filled: string[] = [];
  for (const t of tables) {
    if (t.name === SEEDED) continue;
    const { n } = await db
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) filled.push(`${t.name} ${n} 行`);
  }
  return filled;
}

function refuseFilled(filled: readonly string[]): never {
  throw new ShinchokuError(
    "invalid_state",
    `復元先にデータがあります（${filled.join("、")}）。空の保存先に復元するか、すべてを置き換えるときは --force を付けてください`,
  );
}

/** Refuse a store with data, or (forced) delete everything, children before parents. */
async function emptyTarget(
  db: Kysely<AnyTables>,
  tables: readonly CatalogTable[],
  force: boolean,
): Promise<boolean> {
  const filled = await filledTables(db, tables);
  if (filled.length === 0) return false;
  if (!force) refuseFilled(filled);
  // Sessions are not restored: deleting the accounts ends them (on delete cascade).
  for (const t of [...tables].reverse()) await db.deleteFrom(t.name).execute();
  return true;
}

/**
 * The restored revision, moved past both the backup's and what this store had served, so that
 * no ETag or cached page of either can be taken for the restored data.
 */
async function moveRevisionOn(trx: Transaction<Database>, before: number, now?: Date) {
  const row = await trx
    .selectFrom("data_revision")
    .select(["revision", "changed_at"])
    .where("id", "=", 1)
    .executeTakeFirst();
  // The time is only for Last-Modified: one a backup gives that cannot be read gives way to now.
  if (row && !Number.isFinite(Date.parse(row.changed_at)))
    await trx
      .updateTable("data_revision")
      .set({ changed_at: new Date(0).toISOString() })
      .where("id", "=", 1)
      .execute();
  if (!row)
    await trx
      .insertInto("data_revision")
      .values({ id: 1, revision: before, changed_at: new Date(0).toISOString() })
      .execute();
  else if (Number(row.revision) < before)
    await trx.updateTable("data_revision").set({ revision: before }).where("id", "=", 1).execute();
  await bumpRevision(trx, now);
}
