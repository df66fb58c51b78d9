import { parseArgs } from "node:util";
import type { RestorePreview } from "../commands/backup/restore-preview.ts";
import { restoreStore } from "../commands/backup/store-restore.ts";
import { backupKey } from "./backup-key.ts";
import { openConfiguredStore } from "./database-url.ts";

/** Exit code of a restore that was not confirmed with `--yes`: the list was printed, nothing written. */
export const NOT_CONFIRMED = 3;

/**
 * `shinchoku restore FILE [--force] [--yes] [--allow-unsigned]`: the store as it was when the
 * backup was taken, in one transaction, into an empty store (or replacing everything with
 * `--force`). The file is checked whole first (its SHA-256, and its signature when
 * `SHINCHOKU_BACKUP_KEY` is set); then the accounts, roles and API tokens it will create are
 * printed, and only `--yes` goes on to write (there is no prompt: scripts and CI have no stdin).
 */
export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      force: { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      "allow-unsigned": { type: "boolean", default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    console.error("shinchoku restore: 復元するバックアップファイルを一つ指定してください");
    return 2;
  }
  const key = backupKey();
  const store = await openConfiguredStore();
  try {
    const outcome = await restoreStore(store, file, {
      force: values.force,
      key,
      allowUnsigned: values["allow-unsigned"],
      confirm: (preview) => {
        console.log(describePreview(preview));
        for (const warning of preview.warnings) console.error(`!!! ${warning}`);
        return values.yes;
      },
    });
    if (!outcome.restored) {
      console.error(
        "確認のため、まだ何も書き込んでいません。上の一覧を確かめ、このとおりでよければ --yes を付けてもう一度実行してください",
      );
      return NOT_CONFIRMED;
    }
    console.log(
      `復元しました: ${outcome.file}（${outcome.created_at} 時点、${outcome.dialect} から）→ ${store.description}` +
        `（表 ${outcome.tables.length}、${outcome.totalRows} 行${outcome.replaced ? "、以前のデータは置き換えました" : ""}）\n` +
        "ログイン中の職員はいません: 各自もう一度ログインしてください（パスワードは変わりません）",
    );
    return 0;
  } finally {
    await store.close();
  }
}

const SIGNATURE: Record<RestorePreview["integrity"]["signature"], string> = {
  verified: "鍵による署名（HMAC-SHA-256）を確かめました",
  "not-checked": "署名あり、鍵が未設定のため未確認（SHA-256 は一致）",
  unsigned: "署名なし（SHA-256 は一致）",
  "old-format": "完全性の記録のない古い形式",
};

/** What the restore will create, for the operator to read before `--yes`. */
export function describePreview(preview: RestorePreview): string {
  const { header, accounts, apiTokens, integrity } = preview;
  const lines = [
    `バックアップ: ${preview.file}（${header.created_at} 時点、${header.dialect} から、表 ${header.tables.length}、${preview.totalRows} 行）`,
    `完全性: ${SIGNATURE[integrity.signature]}（SHA-256 ${integrity.sha256}）`,
  ];
  if (preview.replaces.length > 0)
    lines.push(`置き換える今のデータ（--force）: ${preview.replaces.join("、")}`);
  lines.push(`作られるアカウント（${accounts.length}）: ログイン名 / 役割 / 担当課 / 状態 / 団体`);
  for (const a of accounts)
    lines.push(
      `  ${a.login} / ${a.role} / ${a.department ?? "なし"} / ${a.disabled ? "無効" : "有効"}${a.apiToken ? "（API トークン用）" : ""} / ${a.organization}`,
    );
  lines.push(`作られる API トークン（${apiTokens.length}）: 名前 / 担当課 / 状態 / 団体`);
  for (const t of apiTokens)
    lines.push(
      `  ${t.name} / ${t.department ?? "なし"} / ${t.revoked ? "無効化済み" : "使用可"} / ${t.organization}`,
    );
  return lines.join("\n");
}
