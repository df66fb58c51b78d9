import { once } from "node:events";
import { open, rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";
import type { Kysely } from "kysely";
import type { Store } from "../../store/store.ts";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupTable,
  type BackupValue,
  isBackupValue,
} from "./backup-format.ts";
import { BackupDigest } from "./backup-integrity.ts";
import { appliedMigrations, backupTables } from "./backup-tables.ts";

/** Rows read per query: memory stays small however long the audit trail grows. */
const PAGE = 1000;

/** Any table of the live schema, by name: the backup copies what the catalog lists. */
export type AnyTables = Record<string, Record<string, BackupValue>>;

export interface BackupOptions {
  /** Called after each table's rows are written (the CLI prints them; tests write in between). */
  onTable?: (table: BackupTable) => void | Promise<void>;
  now?: Date;
  /** `SHINCHOKU_BACKUP_KEY`: the closing line then carries an HMAC-SHA-256 made with it. */
  key?: string | undefined;
}

/**
 * Write a consistent snapshot of the whole store to one gzip'd file (see backup-format.ts),
 * while the server goes on serving and saving. Everything is read in one transaction: a read
 * transaction in WAL mode on SQLite, `REPEATABLE READ, READ ONLY` on PostgreSQL, so the file
 * holds the store as it was at one moment even when others write meanwhile, and nobody waits
 * for the backup. The file is written beside its name and renamed when complete, readable by
 * its owner only: it holds password hashes and API token digests. The closing line carries the
 * content's SHA-256, and its HMAC-SHA-256 when a key is given (backup-integrity.ts).
 * @example const { rows } = await backupStore(store, "/var/backups/shinchoku/2024-05-01.jsonl.gz");
 */
export async function backupStore(
  store: Store,
  file: string,
  options: BackupOptions = {},
): Promise<BackupHeader & { file: string; totalRows: number }> {
  const partial = `${file}.partial-${process.pid}`;
  // Opened before the snapshot: a path that cannot be written is refused before anything is read.
  const handle = await open(partial, "w", 0o600);
  const gzip = createGzip();
  const written = pipeline(gzip, handle.createWriteStream());
  const digest = new BackupDigest(options.key);
  const line = (value: unknown) => writeLine(gzip, digest, value);
  // Awaited below; a failure meanwhile also destroys `gzip`, which stops `writeLine`.
  written.catch(() => {});
  try {
    const snapshot =
      store.dialect === "postgres"
        ? store.db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only")
        : // Read only: a deferred BEGIN, which never holds SQLite's write lock (SqliteStoreDialect).
          store.db.transaction().setAccessMode("read only");
    const header = await snapshot.execute(async (trx) => {
      const tables = await backupTables(trx, store.dialect);
      const db = trx as unknown as Kysely<AnyTables>;
      const counted: BackupTable[] = [];
      for (const t of tables) {
        const { n } = await db
          .selectFrom(t.name)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        counted.push({ name: t.name, columns: t.columns, rows: Number(n) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created_at: (options.now ?? new Date()).toISOString(),
        dialect: store.dialect,
        migrations: await appliedMigrations(trx),
        tables: counted,
      };
      await line(header);
      for (const t of counted) {
        await line({ table: t.name });
        let last: number | string | null = null;
        for (;;) {
          let query = db.selectFrom(t.name).select(t.columns).orderBy("id").limit(PAGE);
          if (last !== null) query = query.where("id", ">", last);
          const rows = await query.execute();
          for (const row of rows) await line(t.columns.map((c) => cellOf(t.name, c, row)));
          if (rows.length < PAGE) break;
          last = (rows.at(-1)?.id ?? null) as number | string | null;
        }
        await options.onTable?.(t);
      }
      // The closing line is outside the digest it carries.
      await writeLine(gzip, null, {
        end: true,
        tables: counted.length,
        rows: total(counted),
        integrity: digest.result(),
      });
      return header;
    });
    gzip.end();
    await written;
    await rename(partial, file);
    return { ...header, file, totalRows: total(header.tables) };
  } catch (error) {
    gzip.destroy();
    const failure = await written.then(
      () => undefined,
      (e: unknown) => e,
    );
    await rm(partial, { force: true });
    throw error instanceof StreamClosed && failure ? failure : error;
  }
}

function total(tables: readonly BackupTable[]): number {
  return tables.reduce((sum, t) => sum + t.rows, 0);
}

function cellOf(table: string, column: string, row: Record<string, unknown>): BackupValue {
  const value = row[column] ?? null;
  // Our schema has text, integer and real columns only: anything else is a new kind of column
  // this format does not carry yet, and must not be written as something it is not.
  if (!isBackupValue(value))
    throw new Error(`${table}.${column}: a ${typeof value} value cannot be backed up`);
  return value;
}

class StreamClosed extends Error {}

async function writeLine(gzip: Gzip, digest: BackupDigest | null, value: unknown): Promise<void> {
  // A destroyed stream never drains: stop here, and report the file's error instead.
  if (gzip.destroyed) throw new StreamClosed("the backup file was closed by an error");
  const text = JSON.stringify(value);
  digest?.update(text);
  if (!gzip.write(`${text}\n`)) await once(gzip, "drain");
}
