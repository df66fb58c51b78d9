import { type Kysely, sql } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { DialectName } from "../dialect/dialect-name.ts";

/**
 * PostgreSQL: the current entries' GIN index holds their ids as well (the `btree_gin`
 * extension, part of PostgreSQL's contrib and trusted since PostgreSQL 13), so that the national
 * search can ask for the matches among the newest entries only and fetch no row outside them.
 * It replaces migration 008's GIN index over the documents alone. SQLite: nothing changes.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== "postgres") return;
  const { rows } = await sql<{ installed: boolean; available: boolean }>`select
      exists(select 1 from pg_extension where extname = 'btree_gin') as installed,
      exists(select 1 from pg_available_extensions where name = 'btree_gin') as available`.execute(
    db,
  );
  const found = rows[0];
  if (!found?.installed && !found?.available)
    throw new ShinchokuError(
      "invalid_config",
      "PostgreSQL に拡張 btree_gin がありません。PostgreSQL の contrib（Debian では postgresql パッケージに同梱）を入れてください",
      { field: "DATABASE_URL" },
    );
  if (!found.installed)
    await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db).catch((error: unknown) => {
      throw new ShinchokuError(
        "invalid_config",
        `PostgreSQL の拡張 btree_gin を作成できません（${error instanceof Error ? error.message : String(error)}）。データベースの所有者か管理者が CREATE EXTENSION btree_gin を実行してください`,
        { field: "DATABASE_URL" },
      );
    });
  await sql`CREATE INDEX search_entry_current_id_document ON search_entry
    USING gin (id, document) WHERE current = 1`.execute(db);
  await sql`DROP INDEX search_entry_current_document`.execute(db);
}
