import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { ShinchokuError } from "../../domain/errors.ts";

/** One line of a backup file, numbered from 1. */
export interface BackupLine {
  number: number;
  text: string;
}

/**
 * The lines of a gzip'd backup file, read as a stream. A file that is not gzip, is cut short
 * or is not UTF-8 ends in a `ShinchokuError` naming the line where reading stopped.
 * @example for await (const { number, text } of backupLines("backup.jsonl.gz")) …
 */
export async function* backupLines(file: string): AsyncGenerator<BackupLine, void, undefined> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let number = 0;
  let rest = "";
  try {
    try {
      for await (const chunk of gunzip) {
        const parts = (rest + decoder.decode(chunk as Buffer, { stream: true })).split("\n");
        rest = parts.pop() ?? "";
        for (const text of parts) {
          number += 1;
          yield { number, text };
        }
      }
      rest += decoder.decode();
    } catch (error) {
      throw new ShinchokuError("invalid_input", unreadable(error), { file, line: number + 1 });
    }
    if (rest !== "") yield { number: number + 1, text: rest };
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

function unreadable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: string }).code === "ENOENT") return "バックアップファイルがありません";
  if (/incorrect header check/iu.test(message))
    return "gzip で圧縮された shinchoku のバックアップではありません";
  if (/unexpected end of file/iu.test(message))
    return "バックアップファイルが途中で切れています（書き出しが途中で止まったか、コピーが不完全です）";
  if (error instanceof TypeError)
    return "バックアップファイルが壊れています（UTF-8 として読めません）";
  return `バックアップファイルを読めません（${message}）`;
}
