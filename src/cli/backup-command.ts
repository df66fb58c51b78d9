import { parseArgs } from "node:util";
import { backupStore } from "../commands/backup/store-backup.ts";
import { backupKey } from "./backup-key.ts";
import { openConfiguredStore } from "./database-url.ts";

/**
 * `shinchoku backup --out FILE`: a consistent snapshot of the whole store in one gzip'd file,
 * taken while the server runs, signed with `SHINCHOKU_BACKUP_KEY` when it is set
 * (docs/operations.md).
 */
export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, quiet: { type: "boolean", default: false } },
  });
  if (values.out === undefined || values.out === "" || positionals.length > 0) {
    console.error("shinchoku backup: 書き出すファイルを --out FILE で指定してください");
    return 2;
  }
  const key = backupKey();
  const store = await openConfiguredStore();
  try {
    const backup = await backupStore(store, values.out, {
      key,
      onTable: (t) => {
        if (!values.quiet) console.error(`  ${t.name}: ${t.rows} 行`);
      },
    });
    console.log(
      `バックアップを書き出しました: ${backup.file}（${store.description}、表 ${backup.tables.length}、${backup.totalRows} 行、${backup.created_at} 時点）` +
        (key
          ? "\n署名: HMAC-SHA-256（SHINCHOKU_BACKUP_KEY）"
          : "\n署名なし（SHINCHOKU_BACKUP_KEY が未設定: SHA-256 で壊れていないことだけを確かめられます）"),
    );
    return 0;
  } finally {
    await store.close();
  }
}
