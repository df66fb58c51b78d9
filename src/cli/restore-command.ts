import { parseArgs } from "node:util";
import { restoreStore } from "../commands/backup/store-restore.ts";
import { openConfiguredStore } from "./database-url.ts";

/**
 * `shinchoku restore FILE [--force]`: the store as it was when the backup was taken, in one
 * transaction, into an empty store (or replacing everything with `--force`).
 */
export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean", default: false } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    console.error("shinchoku restore: 復元するバックアップファイルを一つ指定してください");
    return 2;
  }
  const store = await openConfiguredStore();
  try {
    const restored = await restoreStore(store, file, { force: values.force });
    console.log(
      `復元しました: ${restored.file}（${restored.created_at} 時点、${restored.dialect} から）→ ${store.description}` +
        `（表 ${restored.tables.length}、${restored.totalRows} 行${restored.replaced ? "、以前のデータは置き換えました" : ""}）\n` +
        "ログイン中の職員はいません: 各自もう一度ログインしてください（パスワードは変わりません）",
    );
    return 0;
  } finally {
    await store.close();
  }
}
