import type { Kysely } from "kysely";
import { ShinchokuError } from "../../domain/errors.ts";
import type { Database } from "../../store/database.ts";
import type { DialectName } from "../../store/dialect/dialect-name.ts";
import type { CatalogTable } from "../../store/dialect/schema-catalog.ts";
import { BACKUP_FORMAT, type BackupHeader, backupHeaderSchema } from "./backup-format.ts";
import type { BackupLine } from "./backup-lines.ts";
import { appliedMigrations, backupTables } from "./backup-tables.ts";

/**
 * Read and check a backup's first line against the store it is to be restored into: the same
 * format, the same migrations, the same tables and columns in the same order. A backup is
 * restored by the version of Shinchoku that made it; the next start of a newer version then
 * migrates the restored store (docs/operations.md).
 */
export async function readBackupHeader(
  db: Kysely<Database>,
  dialect: DialectName,
  file: string,
  lines: AsyncIterator<BackupLine, void, undefined>,
): Promise<{ header: BackupHeader; tables: CatalogTable[]; text: string }> {
  const first = await lines.next();
  const at = { file, line: 1 };
  if (first.done) throw new ShinchokuError("invalid_input", "バックアップファイルが空です", at);
  let json: unknown;
  try {
    json = JSON.parse(first.value.text);
  } catch {
    throw new ShinchokuError("invalid_input", "バックアップの見出し行を JSON として読めません", at);
  }
  if ((json as { format?: unknown } | null)?.format !== BACKUP_FORMAT)
    throw new ShinchokuError(
      "invalid_input",
      `shinchoku のバックアップではありません（format が ${BACKUP_FORMAT} ではありません）`,
      at,
    );
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ShinchokuError(
      "invalid_input",
      `バックアップの見出し行が読めません（${issue?.path.join(".")}: ${issue?.message}）`,
      at,
    );
  }
  const header = parsed.data;

  const migrations = await appliedMigrations(db);
  if (header.migrations.join("\n") !== migrations.join("\n"))
    throw new ShinchokuError(
      "invalid_state",
      `このバックアップはスキーマの版 ${header.migrations.at(-1) ?? "なし"} で作られ、復元先は ${migrations.at(-1) ?? "なし"} です。` +
        "バックアップを作った版の shinchoku で復元してから、新しい版に更新してください",
      at,
    );
  const tables = await backupTables(db, dialect);
  const shape = (t: { name: string; columns: string[] }) => `${t.name}(${t.columns.join(",")})`;
  const expected = tables.map(shape).join(" ");
  if (header.tables.map(shape).join(" ") !== expected)
    throw new ShinchokuError(
      "invalid_input",
      `バックアップの表と列が復元先のスキーマと合いません（期待: ${expected}）`,
      at,
    );
  return { header, tables, text: first.value.text };
}
