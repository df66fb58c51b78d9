import { MIN_BACKUP_KEY_LENGTH } from "../commands/backup/backup-integrity.ts";
import { ShinchokuError } from "../domain/errors.ts";

/**
 * The operator's backup key, `SHINCHOKU_BACKUP_KEY`, from the environment (never from a file of
 * the repository): backups are signed with it and restores verify with it. Unset or empty: no key.
 * @throws ShinchokuError `invalid_config` for a key shorter than 32 characters.
 */
export function backupKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.SHINCHOKU_BACKUP_KEY;
  if (key === undefined || key === "") return undefined;
  if (key.length < MIN_BACKUP_KEY_LENGTH)
    throw new ShinchokuError(
      "invalid_config",
      `SHINCHOKU_BACKUP_KEY が短すぎます（${key.length} 文字）。${MIN_BACKUP_KEY_LENGTH} 文字以上にしてください（例: openssl rand -hex 32 の出力）`,
      { field: "SHINCHOKU_BACKUP_KEY" },
    );
  return key;
}
