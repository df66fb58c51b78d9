import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect } from "kysely";
import pg from "pg";
import { ShinchokuError } from "../domain/errors.ts";
import type { Database } from "./database.ts";
import type { DialectName } from "./dialect/dialect-name.ts";
import { SqliteStoreDialect } from "./dialect/sqlite-store-dialect.ts";
import { migrationProvider } from "./migrations/index.ts";

/** The default store: a SQLite file beside the working directory. */
export const DEFAULT_DATABASE_URL = "sqlite:./data/shinchoku.db";

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The URL without its password, for messages. */
  description: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (count(*)) as text; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Open the store named by a URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`) and bring
 * its schema up to date.
 * @example const store = await openStore(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
 */
export async function openStore(url: string): Promise<Store> {
  const store = connect(url);
  try {
    const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Open a read replica of the store (PostgreSQL streaming replication, `DATABASE_READ_URL`) for
 * the public pages: no migration is run (a replica refuses writes; the primary's migrations
 * reach it by replication), but its schema must already be the one this version expects.
 * @throws ShinchokuError `invalid_config` when the replica is behind on migrations.
 * @example const replica = await openReadReplica(process.env.DATABASE_READ_URL);
 */
export async function openReadReplica(url: string): Promise<Store> {
  const store = connect(url);
  try {
    const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
    const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined);
    if (pending.length > 0)
      throw new ShinchokuError(
        "invalid_config",
        `読み取り用の複製に未適用のスキーマ変更があります（${pending.map((m) => m.name).join(", ")}）。主データベースの移行と複製を待ってください`,
        { field: "DATABASE_READ_URL" },
      );
  } catch (error) {
    await store.close();
    throw error;
  }
  return { ...store, description: `${store.description} (read replica)` };
}

function connect(url: string): Store {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "")
      throw new ShinchokuError(
        "invalid_config",
        "DATABASE_URL の sqlite: にファイル名がありません",
        { field: "DATABASE_URL" },
      );
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new SqliteDatabase(path);
    sqlite.pragma("journal_mode = WAL");
    // FULL: a commit is on disk before its answer is sent, so an acknowledged edit survives a
    // power cut as well as a killed process (WAL with NORMAL survives only the latter).
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const db = new Kysely<Database>({ dialect: new SqliteStoreDialect({ database: sqlite }) });
    return { db, dialect: "sqlite", description: `sqlite:${path}`, close: () => db.destroy() };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: "postgres",
      description: url.replace(/:[^:@/]*@/u, ":***@"),
      close: () => db.destroy(),
    };
  }
  throw new ShinchokuError(
    "invalid_config",
    `DATABASE_URL「${url}」を読めません: sqlite:PATH か postgres://… を指定してください`,
    { field: "DATABASE_URL" },
  );
}
