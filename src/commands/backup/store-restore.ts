import { access } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely, Transaction } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Database } from "../../store/database.ts";
import { resetIdSequences } from "../../store/dialect/id-sequences.ts";
import type { CatalogTable } from "../../store/dialect/schema-catalog.ts";
import type { Store } from "../../store/store.ts";
import { recordAudit } from "../audit-recorder.ts";
import { bumpRevision } from "../revision-bumper.ts";
import type { BackupHeader } from "./backup-format.ts";
import { readBackupHeader } from "./backup-header-reader.ts";
import { type BackupLine, backupLines } from "./backup-lines.ts";
import { RowLoader } from "./row-loader.ts";
import type { AnyTables } from "./store-backup.ts";

// Migration 003 seeds the data revision's one row: a fresh store holds it and is still empty.
const SEEDED = "data_revision";

export interface RestoreOptions {
  /** Replace whatever the store holds. Without it, a store with data is refused. */
  force?: boolean;
  now?: Date;
}

/**
 * Restore a backup made by `backupStore` (from either database) into this store, in one
 * transaction: into an empty store, or replacing everything with `force`. The file is checked
 * line by line as it is stored; a file that is corrupt or cut short is refused naming the line,
 * and nothing is stored. Afterwards every table's count is checked against the file, the
 * auto-numbers are moved past the restored ids, the data revision moves on (no cached page of
 * before survives) and the audit trail records the restore. Sessions are not in a backup:
 * everyone signs in again, with the same password (the hashes are restored).
 * @example await restoreStore(store, "backup.jsonl.gz", { force: false });
 * @throws ShinchokuError `invalid_input` (with file and line) for a file that cannot be
 *   restored, `invalid_state` for a store with data or of another schema version.
 */
export async function restoreStore(store: Store, file: string, options: RestoreOptions = {}) {
  await access(file).catch(() => {
    throw new ShinchokuError("not_found", "バックアップファイルがありません", { file });
  });
  const lines = backupLines(file);
  try {
    const { header, tables } = await readBackupHeader(store, file, lines);
    const replaced = await store.db.transaction().execute(async (trx) => {
      const db = trx as unknown as Kysely<AnyTables>;
      const { revision: before } = await trx
        .selectFrom("data_revision")
        .select("revision")
        .where("id", "=", 1)
        .executeTakeFirstOrThrow();
      const replaced = await emptyTarget(db, tables, options.force === true);
      await db.deleteFrom(SEEDED).execute();
      await loadRows(db, file, header, tables, lines);
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
        tables.map((t) => t.name),
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
        },
        at: (options.now ?? new Date()).toISOString(),
      });
      return replaced;
    });
    return { ...header, file, replaced, totalRows: header.tables.reduce((s, t) => s + t.rows, 0) };
  } finally {
    await lines.return(undefined);
  }
}

/** Refuse a store with data, or (forced) delete everything, children before parents. */
async function emptyTarget(
  db: Kysely<AnyTables>,
  tables: readonly CatalogTable[],
  force: boolean,
): Promise<boolean> {
  const filled: string[] = [];
  for (const t of tables) {
    if (t.name === SEEDED) continue;
    const { n } = await db
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) filled.push(`${t.name} ${n} 行`);
  }
  if (filled.length === 0) return false;
  if (!force)
    throw new ShinchokuError(
      "invalid_state",
      `復元先にデータがあります（${filled.join("、")}）。空の保存先に復元するか、すべてを置き換えるときは --force を付けてください`,
    );
  // Sessions are not restored: deleting the accounts ends them (on delete cascade).
  for (const t of [...tables].reverse()) await db.deleteFrom(t.name).execute();
  return true;
}

/** Store the rows of every table, in the header's order, checking each line. */
async function loadRows(
  db: Kysely<AnyTables>,
  file: string,
  header: BackupHeader,
  tables: readonly CatalogTable[],
  lines: AsyncGenerator<BackupLine, void, undefined>,
): Promise<void> {
  const loader = new RowLoader(db, file, header, tables);
  let last = 1;
  for await (const line of lines) {
    last = line.number;
    await loader.take(line);
  }
  loader.finish(last + 1);
}

/**
 * The restored revision, moved past both the backup's and what this store had served, so that
 * no ETag or cached page of either can be taken for the restored data.
 */
async function moveRevisionOn(trx: Transaction<Database>, before: number, now?: Date) {
  const row = await trx
    .selectFrom("data_revision")
    .select("revision")
    .where("id", "=", 1)
    .executeTakeFirst();
  if (!row)
    await trx
      .insertInto("data_revision")
      .values({ id: 1, revision: before, changed_at: new Date(0).toISOString() })
      .execute();
  else if (Number(row.revision) < before)
    await trx.updateTable("data_revision").set({ revision: before }).where("id", "=", 1).execute();
  await bumpRevision(trx, now);
}
